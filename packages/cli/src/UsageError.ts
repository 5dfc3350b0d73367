/** A bad command line. The message says which flag or command, and what is allowed. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
