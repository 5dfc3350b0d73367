import type { Io } from "./io";
import type { AttemptInfo } from "./trackAttempts";

/** A duration as m:ss. */
export const minutes = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/**
 * The line that says what a command is waiting on: the approval (with the time left) or a call to the service (with
 * the time spent, and the attempt when the call is retried). On a terminal it is one line, redrawn every second; in
 * a log, a line when a wait starts and one per retry, so a slow or silent service never makes the command silent.
 */
export class ProgressLine {
  private approval?: { label: string; until: Date };
  private attempt?: AttemptInfo;
  private ticker?: ReturnType<typeof setInterval>;
  private drawn = false;

  constructor(
    private readonly out: Io["stdout"],
    private readonly now: () => number = Date.now,
  ) {}

  /** A wait for the user, until `until`: "Waiting for approval... 9:41 left". */
  waitFor(label: string, until: Date): void {
    this.approval = { label, until };
    if (this.out.isTTY) this.start();
    else this.out.write(`${label} (${minutes(until.getTime() - this.now())} left)...\n`);
  }

  /** An attempt of a call starts. A retry is shown at once. */
  attemptStarted(info: AttemptInfo): void {
    this.attempt = info;
    if (this.out.isTTY) {
      this.start();
      if (info.attempt > 1) this.draw();
    } else if (info.attempt > 1) {
      this.out.write(`Retrying ${info.operation} at ${info.host}: attempt ${info.attempt} of ${info.maxAttempts}, ${minutes(this.now() - info.since)} so far (the last one: ${info.lastError})\n`);
    }
  }

  attemptEnded(): void {
    this.attempt = undefined;
  }

  /** What the line says now; undefined when there is nothing worth a line (a call in flight for under a second). */
  text(): string | undefined {
    const a = this.attempt;
    const spent = a && this.now() - a.since;
    if (a && (a.attempt > 1 || spent! >= 1000)) {
      return `Waiting on ${a.operation} at ${a.host}... ${minutes(spent!)} so far${a.attempt > 1 ? `, attempt ${a.attempt} of ${a.maxAttempts}` : ""}`;
    }
    if (this.approval) return `${this.approval.label}... ${minutes(this.approval.until.getTime() - this.now())} left`;
    return undefined;
  }

  private draw(): void {
    const text = this.text();
    if (text === undefined) return;
    this.out.write(`\r\x1b[K${text} `);
    this.drawn = true;
  }

  private start(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => this.draw(), 1000);
    this.ticker.unref?.();
  }

  /** Clears the line (on a terminal) and stops redrawing it. */
  stop(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    if (this.drawn) this.out.write("\r\x1b[K");
    this.drawn = false;
  }
}
