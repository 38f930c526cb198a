/**
 * CacheService for the local host: script, user (per effective user) and document caches whose
 * entries expire on the simulated clock, with the limits of the Cache reference page: keys up to
 * 250 characters, values up to 100 KB, default expiry 600 s, at most 21600 s, and a cap of 1,000
 * entries beyond which the 900 entries farthest from expiry are kept
 * (https://developers.google.com/apps-script/reference/cache/cache).
 */
import { emulated } from "../emulation";
import type { ServiceEnv } from "./env";
import { asRecord, invalidArgument, stringOf, utf8Length } from "./values";

export interface CacheServiceOptions {
  /** Whether the script is bound to a document; unbound scripts get `null` from getDocumentCache. Default true. */
  readonly containerBound?: boolean;
}

export interface CacheStore {
  get(key: unknown): string | null;
  getAll(keys: unknown): Record<string, string>;
  put(key: unknown, value: unknown, expirationInSeconds?: unknown): void;
  putAll(values: unknown, expirationInSeconds?: unknown): void;
  remove(key: unknown): void;
  removeAll(keys: unknown): void;
}

export interface CacheServiceGlobal {
  getDocumentCache(): CacheStore | null;
  getScriptCache(): CacheStore;
  getUserCache(): CacheStore;
}

interface CacheEntry {
  value: string;
  /** Epoch ms on the simulated clock. */
  expiresAt: number;
}

export interface CacheState {
  readonly script: Readonly<Record<string, CacheEntry>>;
  readonly document: Readonly<Record<string, CacheEntry>>;
  readonly user: Readonly<Record<string, Readonly<Record<string, CacheEntry>>>>;
}

export interface CacheController {
  exportState(): CacheState;
  importState(state: unknown): void;
  clear(): void;
}

const DEFAULT_EXPIRY_S = 600;
const MAX_EXPIRY_S = 21_600;
const MAX_KEY_CHARS = 250;
const MAX_VALUE_BYTES = 100 * 1024;
const ENTRY_CAP = 1000;
const ENTRIES_KEPT = 900;

export function createCacheService(
  env: ServiceEnv,
  options: CacheServiceOptions = {},
): { CacheService: CacheServiceGlobal; cache: CacheController } {
  const containerBound = options.containerBound ?? true;
  let script = new Map<string, CacheEntry>();
  let documentCache = new Map<string, CacheEntry>();
  let users = new Map<string, Map<string, CacheEntry>>();

  function userCache(email: string): Map<string, CacheEntry> {
    let c = users.get(email);
    if (!c) {
      c = new Map();
      users.set(email, c);
    }
    return c;
  }

  function cacheOver(resolve: () => Map<string, CacheEntry>): CacheStore {
    function live(key: string): CacheEntry | undefined {
      const store = resolve();
      const entry = store.get(key);
      if (entry && entry.expiresAt <= env.clock.now()) {
        store.delete(key);
        return undefined;
      }
      return entry;
    }

    function putOne(key: unknown, value: unknown, expirationInSeconds: unknown): void {
      const k = cacheKey(key);
      if (value === undefined || value === null) throw invalidArgument("value");
      const v = stringOf(value);
      // "Argument too large: value" is the text Apps Script throws for a value over 100 KB.
      if (utf8Length(v) > MAX_VALUE_BYTES) throw new Error("Argument too large: value");
      resolve().set(k, { value: v, expiresAt: env.clock.now() + expirySeconds(expirationInSeconds) * 1000 });
    }

    function enforceCap(): void {
      const store = resolve();
      if (store.size <= ENTRY_CAP) return;
      const kept = [...store].sort(([, a], [, b]) => b.expiresAt - a.expiresAt).slice(0, ENTRIES_KEPT);
      store.clear();
      for (const [k, e] of kept) store.set(k, e);
    }

    return emulated(
      "Cache",
      {
        // https://developers.google.com/apps-script/reference/cache/cache#get(String)
        get(key: unknown): string | null {
          return live(cacheKey(key))?.value ?? null;
        },
        // https://developers.google.com/apps-script/reference/cache/cache#getAll(String)
        getAll(keys: unknown): Record<string, string> {
          const found: Record<string, string> = {};
          for (const key of keyList(keys)) {
            const entry = live(cacheKey(key));
            if (entry) found[stringOf(key)] = entry.value;
          }
          return env.realm.copyIn(found);
        },
        // https://developers.google.com/apps-script/reference/cache/cache#put(String,String,Integer)
        put(key: unknown, value: unknown, expirationInSeconds?: unknown): void {
          putOne(key, value, expirationInSeconds);
          enforceCap();
        },
        // https://developers.google.com/apps-script/reference/cache/cache#putAll(Object,Integer)
        putAll(values: unknown, expirationInSeconds?: unknown): void {
          const entries = asRecord(values);
          if (!entries) throw invalidArgument("values");
          for (const [k, v] of Object.entries(entries)) putOne(k, v, expirationInSeconds);
          enforceCap();
        },
        // https://developers.google.com/apps-script/reference/cache/cache#remove(String)
        remove(key: unknown): void {
          resolve().delete(cacheKey(key));
        },
        // https://developers.google.com/apps-script/reference/cache/cache#removeAll(String)
        removeAll(keys: unknown): void {
          for (const key of keyList(keys)) resolve().delete(cacheKey(key));
        },
      },
      env.counter,
    );
  }

  const scriptCache = cacheOver(() => script);
  const docCache = cacheOver(() => documentCache);
  const userScoped = cacheOver(() => userCache(env.session.effectiveUserEmail));

  const CacheService: CacheServiceGlobal = emulated(
    "CacheService",
    {
      // https://developers.google.com/apps-script/reference/cache/cache-service#getDocumentCache()
      getDocumentCache: (): CacheStore | null => (containerBound ? docCache : null),
      // https://developers.google.com/apps-script/reference/cache/cache-service#getScriptCache()
      getScriptCache: (): CacheStore => scriptCache,
      // https://developers.google.com/apps-script/reference/cache/cache-service#getUserCache()
      getUserCache: (): CacheStore => userScoped,
    },
    env.counter,
  );

  const cache: CacheController = {
    exportState: () => ({
      script: Object.fromEntries(script),
      document: Object.fromEntries(documentCache),
      user: Object.fromEntries([...users].map(([email, c]) => [email, Object.fromEntries(c)])),
    }),
    importState(state: unknown): void {
      const s = asRecord(state);
      if (!s) throw new Error("cache state: expected { script, document, user }");
      script = entryMap(s.script);
      documentCache = entryMap(s.document);
      users = new Map(Object.entries(asRecord(s.user) ?? {}).map(([email, c]) => [email, entryMap(c)]));
    },
    clear(): void {
      script = new Map();
      documentCache = new Map();
      users = new Map();
    },
  };

  return { CacheService, cache };
}

function cacheKey(key: unknown): string {
  if (key === undefined || key === null) throw invalidArgument("key");
  const k = stringOf(key);
  // The 250-character key limit of the Cache page; the error text follows Apps Script's "Argument too large" form.
  if (k.length > MAX_KEY_CHARS) throw new Error("Argument too large: key");
  return k;
}

function keyList(keys: unknown): unknown[] {
  if (!Array.isArray(keys)) throw invalidArgument("keys");
  return keys as unknown[];
}

/**
 * Seconds an entry lives: default 600; Apps Script quietly holds longer requests to the 21600 s
 * maximum and shorter ones to 1 s rather than failing.
 */
function expirySeconds(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_EXPIRY_S;
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidArgument("expirationInSeconds");
  return Math.min(MAX_EXPIRY_S, Math.max(1, Math.floor(value)));
}

function entryMap(value: unknown): Map<string, CacheEntry> {
  const out = new Map<string, CacheEntry>();
  for (const [k, v] of Object.entries(asRecord(value) ?? {})) {
    const e = asRecord(v);
    if (e && typeof e.value === "string" && typeof e.expiresAt === "number") out.set(k, { value: e.value, expiresAt: e.expiresAt });
  }
  return out;
}
