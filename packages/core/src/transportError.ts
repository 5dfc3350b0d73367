import { NetworkError } from "./errors/NetworkError";
import { TimeoutError } from "./errors/TimeoutError";

/**
 * The typed error for an attempt the request handler could not complete: a connect timeout, or a network failure
 * under its system code. Loaded only when an attempt fails this way.
 */
export function transportError(e: any, where: string): TimeoutError | NetworkError {
  // Node puts the system error code on the error; fetch puts it on the TypeError's cause. The Node handler also
  // names ECONNRESET and EPIPE "TimeoutError": only ETIMEDOUT (or no code at all) is a connect timeout.
  const code: string | undefined = e?.code ?? e?.cause?.code;
  if (code === "ETIMEDOUT" || (e?.name === "TimeoutError" && !code)) {
    return new TimeoutError(`Could not connect to ${where} in time; raise connectionTimeout on slow networks.`, { cause: e, code: code ?? "ConnectionTimeout" });
  }
  return new NetworkError(code ?? "NetworkError", `Request to ${where} failed (${e?.cause?.message ?? e?.message ?? e}); check the endpoint and network.`, { cause: e });
}
