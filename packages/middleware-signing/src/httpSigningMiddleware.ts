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
import { ConfigurationError } from "@ssokit/core";
import { WebCryptoSha256 } from "./WebCryptoSha256";

export interface SigningResolvedConfig {
  credentials: AwsCredentialIdentityProvider;
  region: Provider<string | undefined>;
  /**
   * Milliseconds added to this machine's clock for the signing date. Learnt from each answer's `Date` header, as the
   * AWS SDK v3 does. @default 0
   */
  systemClockOffset?: number;
  /** Leaves `systemClockOffset` as it is, whatever the service's clock says. @default false */
  disableClockSkewCorrection?: boolean;
}

export interface SigningOptions {
  /** The service's signing name (the model's `aws.auth#sigv4` name), such as `"sso-oauth"`. */
  signingName: string;
}

/** A signing date at least this far (ms) from the service's time makes the failure retried, as in v3. */
const SKEW_RETRY_THRESHOLD = 240_000;
/** An exchange longer than this (ms) says too little about the service's time to learn from, as in v3. */
const MAX_EXCHANGE = 900_000;

/**
 * Signs each attempt with SigV4 (`@smithy/signature-v4`): the client's credentials and region, the operation's
 * signing name, the date from this machine's clock plus `systemClockOffset`. When the service's `Date` shows the
 * clocks apart, the offset is corrected; a failure signed with a date 4 minutes or more off is marked
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
    const before = config.systemClockOffset;
    const sentAt = Date.now();
    // As the AWS SDK v3 does: every answer's `Date` sets the offset, unless the answer came from a cache (`Age`) or
    // took over 15 minutes. A failure is marked corrected (and so retried) when the date it was signed with was 4
    // minutes or more off the service's. (v3 asks instead whether the machine's clock is 4 minutes or more off, so
    // it retries every failure of a machine it has already corrected for, and none caused by a wrong offset.)
    const learn = (response: any): boolean => {
      const time = Date.parse(response?.headers?.date ?? "");
      const now = Date.now();
      if (config.disableClockSkewCorrection || time !== time || response.headers.age !== undefined || now - sentAt > MAX_EXCHANGE) return false;
      const offset = (config.systemClockOffset = time - now);
      return Math.abs(offset - (before ?? 0)) >= SKEW_RETRY_THRESHOLD;
    };
    const signed = await signer.sign(request, { signingDate: new Date(sentAt + (before ?? 0)) });
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
