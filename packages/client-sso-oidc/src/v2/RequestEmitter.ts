/** A listener: called with the event's arguments, `this` being the request. */
type Listener = (...args: any[]) => void;

/** The arguments of event `K`'s listeners: typed for the events `E` names, anything for others. */
type ArgsOf<E, K> = K extends keyof E ? (E[K] extends unknown[] ? E[K] : never) : any[];

/** Listeners registered with `onAsync`: they get a `done(err?)` callback as their last argument. */
const asyncListeners = new WeakSet<Listener>();

/**
 * The listener registry of the AWS SDK v2's `AWS.Request` (its `SequentialExecutor`): listeners run one after the
 * other, in the order they were added (or first, with `toHead`), with the request as `this`. `E` maps each event to
 * its arguments.
 */
export class RequestEmitter<E> {
  private readonly registered: Record<string, Listener[]> = {};

  /** Adds a listener for `event`, at the end of its list or, with `toHead`, at the start. */
  on<K extends string>(event: K, listener: (this: this, ...args: ArgsOf<E, K>) => void, toHead?: boolean): this;
  on(event: string, listener: Listener, toHead = false): this {
    const list = (this.registered[event] ??= []);
    if (toHead) list.unshift(listener);
    else list.push(listener);
    return this;
  }

  /** Adds a listener that calls its last argument, `done(err?)`, when it has finished; the next one waits for it. */
  onAsync<K extends string>(event: K, listener: (this: this, ...args: [...ArgsOf<E, K>, done: (err?: unknown) => void]) => void, toHead?: boolean): this;
  onAsync(event: string, listener: Listener, toHead?: boolean): this {
    asyncListeners.add(listener);
    return this.on(event, listener, toHead);
  }

  /** `on`, under its other name. */
  addListener(event: string, listener: Listener, toHead?: boolean): this {
    return this.on(event, listener, toHead);
  }

  /** Removes one registration of `listener` (the last one, as v2 does). */
  removeListener(event: string, listener: Listener): this {
    const list = this.registered[event];
    const at = list ? list.lastIndexOf(listener) : -1;
    if (at >= 0) list!.splice(at, 1);
    return this;
  }

  /** Removes the listeners of `event`, or of every event. */
  removeAllListeners(event?: string): this {
    for (const name of event === undefined ? Object.keys(this.registered) : [event]) delete this.registered[name];
    return this;
  }

  /** A copy of the listeners of `event`, in the order they run. */
  listeners(event: string): Listener[] {
    return this.registered[event]?.slice() ?? [];
  }
}

/**
 * Runs the listeners of `event` in order, as v2 does: every listener runs, even after one has thrown, and the first
 * error thrown (or passed to an async listener's `done`) is returned rather than thrown, for the caller to fail the
 * call with. Listeners added while it runs wait for the next time the event fires.
 */
export async function fire(emitter: RequestEmitter<any>, event: string, args: unknown[]): Promise<unknown> {
  let error: unknown;
  for (const listener of emitter.listeners(event)) {
    try {
      if (!asyncListeners.has(listener)) listener.apply(emitter, args);
      else await new Promise<void>((resolve, reject) => listener.call(emitter, ...args, (err?: unknown) => (err ? reject(err) : resolve())));
    } catch (e) {
      error ??= e;
    }
  }
  return error;
}
