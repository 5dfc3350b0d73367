type Done = (err?: any) => void;

/** The keys of a Credentials object, kept off the object itself so no copy, print or JSON of it shows them. */
const secrets = new WeakMap<Credentials, { secretAccessKey?: string; sessionToken?: string }>();
const secretsOf = (c: Credentials) => secrets.get(c) ?? (secrets.set(c, {}), secrets.get(c)!);

/** What a `Credentials` constructor takes: the keys, or an object holding them (or holding `credentials`). */
export interface CredentialsOptions {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  credentials?: CredentialsOptions;
}

/**
 * The AWS SDK v2's `AWS.Credentials`: AWS keys for signing (`createTokenWithIAM`), with v2's refresh protocol.
 * `get(callback)` refreshes them first when `needsRefresh()` (marked `expired`, within `expiryWindow` seconds of
 * `expireTime`, or missing a key); subclasses override `refresh(callback)`, or `load(callback)` with
 * `coalesceRefresh`, to fetch new ones. The secret access key and session token are readable but never printed:
 * `util.inspect`, `JSON.stringify` and spreads show `accessKeyId` and the refresh state only.
 */
export class Credentials {
  /** Set when the service said the keys expired: the next `get` refreshes them. */
  expired: boolean;
  /** When the keys expire, if known. */
  expireTime: Date | null;
  /** Callbacks waiting on the refresh under way (`coalesceRefresh`). */
  refreshCallbacks: Done[];
  accessKeyId?: string;
  /** Seconds before `expireTime` from which the keys count as expired. @default 15 */
  declare expiryWindow: number;

  constructor(options?: CredentialsOptions);
  constructor(accessKeyId?: string, secretAccessKey?: string, sessionToken?: string);
  constructor(...args: [CredentialsOptions?] | [string?, string?, string?]) {
    this.expired = false;
    this.expireTime = null;
    this.refreshCallbacks = [];
    const [first, secretAccessKey, sessionToken] = args;
    const keys: CredentialsOptions =
      args.length === 1 && typeof first === "object" && first ? (first.credentials ?? first) : { accessKeyId: first as string | undefined, secretAccessKey, sessionToken };
    this.accessKeyId = keys.accessKeyId;
    this.secretAccessKey = keys.secretAccessKey;
    this.sessionToken = keys.sessionToken;
  }

  get secretAccessKey(): string | undefined {
    return secrets.get(this)?.secretAccessKey;
  }

  set secretAccessKey(value: string | undefined) {
    secretsOf(this).secretAccessKey = value;
  }

  get sessionToken(): string | undefined {
    return secrets.get(this)?.sessionToken;
  }

  set sessionToken(value: string | undefined) {
    secretsOf(this).sessionToken = value;
  }

  /** Whether `get` must refresh first: expired, about to expire, or missing a key. */
  needsRefresh(): boolean {
    if (this.expireTime && Date.now() + this.expiryWindow * 1000 > this.expireTime.getTime()) return true;
    return this.expired || !this.accessKeyId || !this.secretAccessKey;
  }

  /** Calls `callback(err)` once the keys are usable, refreshing them first if they need it. */
  get(callback?: Done): void {
    if (!this.needsRefresh()) return void callback?.();
    this.refresh((err) => {
      if (!err) this.expired = false;
      callback?.(err);
    });
  }

  /** `get`, as a promise. */
  getPromise(): Promise<void> {
    return new Promise((resolve, reject) => this.get((err) => (err ? reject(err) : resolve())));
  }

  /** Fetches new keys; static keys have nothing to fetch. Subclasses override it. */
  refresh(callback: Done): void {
    this.expired = false;
    callback();
  }

  /** `refresh`, as a promise. */
  refreshPromise(): Promise<void> {
    return new Promise((resolve, reject) => this.refresh((err) => (err ? reject(err) : resolve())));
  }

  /** Runs `load` once for every caller that asks while it runs; each callback gets its outcome, later unless `sync`. */
  coalesceRefresh(callback: Done, sync?: boolean): void {
    if (this.refreshCallbacks.push(callback) !== 1) return;
    this.load((err) => {
      const waiting = this.refreshCallbacks.splice(0);
      // A callback may throw: each runs on its own turn, so every one of them is called.
      for (const cb of waiting) sync ? cb(err) : setTimeout(() => cb(err), 0);
    });
  }

  /** Loads the keys, for `coalesceRefresh`. Subclasses override it. */
  load(callback: Done): void {
    callback();
  }
}

Credentials.prototype.expiryWindow = 15;
