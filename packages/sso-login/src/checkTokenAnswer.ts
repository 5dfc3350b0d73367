import { InvalidResponseError } from "@ssokit/core";

/** The longest token lifetime a `CreateToken` answer is believed, seconds (10 years): past it, the answer is broken. */
export const MAX_EXPIRES_IN = 10 * 365 * 24 * 3600;

/** What a sign-in or a refresh uses of `CreateToken`'s answer, once checked. */
export interface TokenAnswer {
  accessToken: string;
  tokenType?: string;
  /** Seconds the access token is valid: a whole number from 1 to {@link MAX_EXPIRES_IN}. */
  expiresIn: number;
  refreshToken?: string;
  idToken?: string;
}

const text = (v: unknown) => typeof v === "string" && v !== "";

/**
 * Checks `CreateToken`'s answer before anything is made of it: an access token, an `expiresIn` that gives a real
 * expiry (a missing, negative or huge one would save a token as valid that is not, or break the date), and a
 * refresh token that is a string when there is one. A broken answer is an `InvalidResponseError`
 * (`UnexpectedResponse`) that names the member, never its value.
 */
export function checkTokenAnswer(answer: any): TokenAnswer {
  const bad = (member: string, expected: string) =>
    new InvalidResponseError("UnexpectedResponse", `The service answered CreateToken without a usable ${member} (${expected}). Try again; sign in again if this persists.`, {
      $metadata: answer?.$metadata,
    });
  if (!text(answer?.accessToken)) throw bad("accessToken", "a non-empty string");
  const { expiresIn } = answer;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_IN) throw bad("expiresIn", `a whole number of seconds from 1 to ${MAX_EXPIRES_IN}`);
  if (answer.refreshToken != null && !text(answer.refreshToken)) throw bad("refreshToken", "a non-empty string when present");
  return answer;
}
