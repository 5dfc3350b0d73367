/**
 * The one list of members whose values are secrets. It drives every redaction: log records, `toJSON` and
 * `util.inspect` of commands, body excerpts in error messages. The model marks the first six sensitive; the
 * device code and authorization code are not marked there, but either one redeems a token, so they are here too.
 */
export const SENSITIVE_MEMBERS: ReadonlySet<string> = new Set([
  "clientSecret",
  "accessToken",
  "refreshToken",
  "idToken",
  "codeVerifier",
  "assertion",
  "subjectToken",
  "deviceCode",
  "code",
]);
