import type { SSOOIDCClient } from "@ssokit/client-sso-oidc";

/** One attempt of a call, as the status line shows it. */
export interface AttemptInfo {
  /** The operation, such as `RegisterClient`. */
  operation: string;
  /** Where the request goes: host and port. */
  host: string;
  attempt: number;
  maxAttempts: number;
  /** When the call's first attempt started, ms. */
  since: number;
  /** How the attempt before this one failed (its message), from the second attempt on. */
  lastError?: string;
}

/**
 * Tells `onAttempt` as each attempt of each call the client sends starts, and `onEnd` as it ends. A middleware
 * inside the retry loop (finalizeRequest, after retryMiddleware) sees every attempt and how the one before failed;
 * the attempt number comes from the `amz-sdk-request` header the retry middleware sets.
 */
export function trackAttempts(client: SSOOIDCClient, onAttempt: (info: AttemptInfo) => void, onEnd: () => void, now: () => number = Date.now): void {
  client.middlewareStack.add(
    (next, context) => {
      const since = now();
      let lastError: string | undefined;
      return async (args: any) => {
        const [, attempt = "1", max = "1"] = /attempt=(\d+); max=(\d+)/.exec(args.request?.headers?.["amz-sdk-request"] ?? "") ?? [];
        const { hostname = "", port } = args.request ?? {};
        onAttempt({ operation: (context.commandName ?? "").replace(/Command$/, ""), host: port ? `${hostname}:${port}` : hostname, attempt: +attempt, maxAttempts: +max, since, lastError });
        try {
          return await next(args);
        } catch (e) {
          lastError = String((e as Error)?.message ?? e).split("\n")[0];
          throw e;
        } finally {
          onEnd();
        }
      };
    },
    { step: "finalizeRequest", priority: "low", name: "cliAttemptTrackerMiddleware" },
  );
}
