/**
 * Tokens by value, oldest first, at most `max` (the oldest dropped, as if expired); sweepable. The tokens are
 * secrets: held in a private (#) field, they do not show in inspect() of whatever holds the store.
 */
export class TokenStore<G extends { expiresAt: number }> {
  readonly #tokens = new Map<string, G>();
  constructor(private readonly max: number) {}
  add(token: string, grant: G) {
    if (this.#tokens.size >= this.max) this.#tokens.delete(this.#tokens.keys().next().value!);
    this.#tokens.set(token, grant);
  }
  /** The grant of a token still valid at `now`, or undefined. */
  get(token: string, now: number): G | undefined {
    const grant = this.#tokens.get(token);
    return grant && grant.expiresAt > now ? grant : undefined;
  }
  delete(token: string) {
    this.#tokens.delete(token);
  }
  /** Drops the tokens expired at `now`, and those whose grant `keep` refuses. */
  sweep(now: number, keep: (grant: G) => boolean = () => true) {
    for (const [token, grant] of this.#tokens) if (grant.expiresAt <= now || !keep(grant)) this.#tokens.delete(token);
  }
  get size() {
    return this.#tokens.size;
  }
}
