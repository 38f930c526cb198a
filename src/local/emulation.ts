/**
 * The ground every emulated Apps Script object stands on.
 *
 * - `emulated(className, impl, host)` wraps an implementation in a Proxy that counts each method call
 *   as `Class.method` and throws `not emulated: Class.member` for anything the implementation lacks,
 *   so a bundle that calls something we do not model fails loudly instead of reading `undefined`.
 * - `ServiceCounter` is the per-method call counter that tests and the bench read.
 * - `Realm` moves values into the vm context: the bundle runs in its own realm, where
 *   `value instanceof Date` is only true for the context's own `Date`, exactly as in Apps Script.
 */
import vm from "node:vm";

/** Counts service calls per `Class.method`. Deterministic, so tests may assert it. */
export class ServiceCounter {
  private readonly counts = new Map<string, number>();

  /** `onHit` sees every counted call (the host uses it to let simulated time pass per call). */
  constructor(private readonly onHit?: (name: string) => void) {}

  hit(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    this.onHit?.(name);
  }

  /** Calls per method, sorted by name. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Total calls, optionally only those whose `Class.method` name starts with `prefix`. */
  total(prefix = ""): number {
    let sum = 0;
    for (const [name, n] of this.counts) if (name.startsWith(prefix)) sum += n;
    return sum;
  }

  reset(): void {
    this.counts.clear();
  }
}

/** Members every object answers without being modelled: inspection, coercion, promise checks. */
const PASS_THROUGH = new Set<string | symbol>([
  "then",
  "toJSON",
  "constructor",
  "inspect",
  "asymmetricMatch",
  "$$typeof",
  "nodeType",
  "@@__IMMUTABLE_ITERABLE__@@",
  "@@__IMMUTABLE_RECORD__@@",
]);

export class NotEmulatedError extends Error {
  constructor(member: string) {
    super(`not emulated: ${member}`);
    this.name = "NotEmulatedError";
  }
}

/**
 * Wraps `impl` so every method call is counted as `className.method` and every member `impl`
 * lacks throws `not emulated: className.member`. Members starting with `_` are host-private and
 * invisible to the bundle. Methods returning `this`-style objects stay chainable because the
 * implementation returns its own proxy (see `self()`).
 */
export function emulated<T extends object>(className: string, impl: T, counter: ServiceCounter): T {
  const wrappers = new Map<string | symbol, unknown>();
  const proxy = new Proxy(impl, {
    get(target, prop, receiver) {
      if (typeof prop === "symbol" || PASS_THROUGH.has(prop)) return Reflect.get(target, prop, receiver) as unknown;
      if (prop.startsWith("_") || !(prop in target)) throw new NotEmulatedError(`${className}.${prop}`);
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      let wrapper = wrappers.get(prop);
      if (!wrapper) {
        const fn = value as (...args: unknown[]) => unknown;
        const name = `${className}.${prop}`;
        wrapper = function (this: unknown, ...args: unknown[]): unknown {
          counter.hit(name);
          return fn.apply(target, args);
        };
        wrappers.set(prop, wrapper);
      }
      return wrapper;
    },
    set(_target, prop) {
      throw new NotEmulatedError(`${className}.${String(prop)} (assignment)`);
    },
    has(target, prop) {
      return typeof prop === "string" && !prop.startsWith("_") && prop in target;
    },
  });
  emulatedObjects.add(proxy);
  return proxy;
}

const emulatedObjects = new WeakSet<object>();

/** True for an object made by `emulated()`: it crosses realms by reference, never copied. */
export function isEmulated(value: unknown): boolean {
  return typeof value === "object" && value !== null && emulatedObjects.has(value);
}

/** Constructors of the vm context, so values handed to the bundle belong to its realm. */
export class Realm {
  readonly context: vm.Context;
  private readonly DateCtor: DateConstructor;
  private readonly ArrayCtor: ArrayConstructor;
  private readonly ObjectCtor: ObjectConstructor;

  constructor(context: vm.Context) {
    this.context = context;
    const ctors = vm.runInContext("({ Date: Date, Array: Array, Object: Object })", context) as {
      Date: DateConstructor;
      Array: ArrayConstructor;
      Object: ObjectConstructor;
    };
    this.DateCtor = ctors.Date;
    this.ArrayCtor = ctors.Array;
    this.ObjectCtor = ctors.Object;
  }

  date(epochMs: number): Date {
    return new this.DateCtor(epochMs);
  }

  /**
   * Deep-copies a host value into the context realm: arrays, Dates and plain objects are rebuilt
   * with the context's constructors; primitives pass as they are; emulated objects (proxies) and
   * functions pass by reference.
   */
  copyIn<T>(value: T): T {
    return this.copy(value, true) as T;
  }

  /** Deep-copies a value the bundle gave us into the host realm (Dates, arrays, plain objects). */
  copyOut<T>(value: T): T {
    return this.copy(value, false) as T;
  }

  private copy(value: unknown, inward: boolean): unknown {
    if (value === null || typeof value !== "object" || isEmulated(value)) return value;
    if (isDate(value)) return inward ? this.date(value.getTime()) : new Date(value.getTime());
    if (Array.isArray(value)) {
      const out: unknown[] = inward ? new this.ArrayCtor() : [];
      for (const item of value as unknown[]) out.push(this.copy(item, inward));
      return out;
    }
    const proto = Object.getPrototypeOf(value) as object | null;
    const isPlain = proto === null || proto === Object.prototype || proto === this.ObjectCtor.prototype;
    if (!isPlain) return value;
    const out: Record<string, unknown> = inward ? this.ObjectCtor.create(this.ObjectCtor.prototype) as Record<string, unknown> : {};
    for (const [k, v] of Object.entries(value)) out[k] = this.copy(v, inward);
    return out;
  }
}

/** True for a Date of any realm (`instanceof` is realm-bound). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}
