import { SignatureV4 } from "@smithy/signature-v4";
import type {
  AwsCredentialIdentityProvider,
  FinalizeRequestHandlerOptions,
  FinalizeRequestMiddleware,
  HttpRequest,
  Pluggable,
  Provider,
  RelativeMiddlewareOptions,
} from "@smithy/types";
import { CLOCK_SKEW_THRESHOLD, ConfigurationError } from "@ssokit/core";
import { WebCryptoSha256 } from "./WebCryptoSha256";

export interface SigningResolvedConfig {
  credentials: AwsCredentialIdentityProvider;
  region: Provider<string | undefined>;
  /**
   * Milliseconds added to this machine's clock for the signing date. Learnt from the service's `Date` header when
   * the clocks are five minutes or more apart, as the AWS SDK v3 does. @default 0
   */
  systemClockOffset?: number;
  /** Leaves `systemClockOffset` as it is, whatever the service's clock says. @default false */
  disableClockSkewCorrection?: boolean;
}

export interface SigningOptions {
  /** The service's signing name (the model's `aws.auth#sigv4` name), such as `"sso-oauth"`. */
  signingName: string;
}

/** The service's time from an answer's `Date` header, where it has one. */
const serverTime = (response: any): number => Date.parse(response?.headers?.date ?? "");

/**
 * Signs each attempt with SigV4 (`@smithy/signature-v4`): the client's credentials and region, the operation's
 * signing name, the date from this machine's clock plus `systemClockOffset`. When the service's `Date` shows the
 * clocks five minutes or more apart, the offset is corrected; a failure that brought a correction is marked
 * `$metadata.clockSkewCorrected`, which the retry middleware retries, signed with the corrected date.
 */
export const httpSigningMiddleware =
  (config: SigningResolvedConfig, { signingName }: SigningOptions): FinalizeRequestMiddleware<any, any> =>
  (next) =>
  async (args) => {
    const request = args.request as HttpRequest;
    const [credentials, region] = await Promise.all([config.credentials(), config.region()]);
    if (!region) throw new ConfigurationError("MissingRegion", "This operation is signed for a region: set region (or AWS_REGION) on the client.");
    // The request handler sets `host` on the wire; SigV4 signs it, so it is set here first.
    request.headers.host = `${request.hostname}${request.port ? `:${request.port}` : ""}`;
    const signer = new SignatureV4({ credentials, region, service: signingName, sha256: WebCryptoSha256, uriEscapePath: true });
    const offset = () => config.systemClockOffset ?? 0;
    const learn = (response: unknown): boolean => {
      const time = serverTime(response);
      if (config.disableClockSkewCorrection || !(Math.abs(time - (Date.now() + offset())) >= CLOCK_SKEW_THRESHOLD)) return false;
      config.systemClockOffset = time - Date.now();
      return true;
    };
    const signed = await signer.sign(request, { signingDate: new Date(Date.now() + offset()) });
    try {
      const result = await next({ ...args, request: signed });
      learn(result.response);
      return result;
    } catch (e: any) {
      if (learn(e?.$response) && e.$metadata) e.$metadata.clockSkewCorrected = true;
      throw e;
    }
  };

/**
 * finalizeRequest, after `retryMiddleware`, as in the AWS SDK v3 (same name): each attempt is signed afresh, with
 * the date of that attempt and the headers the retry middleware set.
 */
export const httpSigningMiddlewareOptions: FinalizeRequestHandlerOptions & RelativeMiddlewareOptions = {
  name: "httpSigningMiddleware",
  aliases: ["apiKeyMiddleware", "tokenMiddleware", "awsAuthMiddleware"],
  step: "finalizeRequest",
  tags: ["HTTP_SIGNING"],
  override: true,
  relation: "after",
  toMiddleware: "retryMiddleware",
};

export const getHttpSigningPlugin = (config: SigningResolvedConfig, options: SigningOptions): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.addRelativeTo(httpSigningMiddleware(config, options), httpSigningMiddlewareOptions),
});
