/** Where a command writes and what it knows of its terminal. Injected so tests can run commands in-process. */
export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Aborts on Ctrl-C. */
  signal?: AbortSignal;
}
