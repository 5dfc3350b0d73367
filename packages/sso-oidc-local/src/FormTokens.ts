import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { ServiceClock } from "./OidcService";

/**
 * Anti-forgery tokens for the service's forms: `<issued at>.<HMAC-SHA256 of purpose and time>` under a key made at
 * start-up. A page embeds one for what it lets the user do (`device`, `decide:<user code>`, `authorize:<request>`);
 * the form's POST must bring it back. A page of another site cannot read ours, so it cannot get one, and a token for
 * one code cannot approve another. Nothing is stored: tokens cost no memory however many pages are served.
 */
export class FormTokens {
  private readonly key = randomBytes(32);

  constructor(
    private readonly clock: ServiceClock,
    /** How long a page's form stays usable, ms. */
    private readonly ttl: number,
  ) {}

  private mac(purpose: string, issuedAt: string): Buffer {
    return createHmac("sha256", this.key).update(`${purpose}\n${issuedAt}`).digest();
  }

  /** A token for `purpose`, valid for the next `ttl` ms. */
  issue(purpose: string): string {
    const issuedAt = String(this.clock.now());
    return `${issuedAt}.${this.mac(purpose, issuedAt).toString("base64url")}`;
  }

  /** Whether `token` was issued here for `purpose` and is still valid. */
  check(token: string | null | undefined, purpose: string): boolean {
    const [issuedAt, mac, extra] = (token ?? "").split(".");
    if (extra !== undefined || !/^\d{1,16}$/.test(issuedAt ?? "") || !mac) return false;
    const age = this.clock.now() - Number(issuedAt);
    if (!(age >= 0 && age <= this.ttl)) return false;
    const given = Buffer.from(mac, "base64url");
    const expected = this.mac(purpose, issuedAt);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
