/**
 * PropertiesService for the local host: script, user (one store per effective user) and document
 * property stores of strings, with Apps Script's size limits (9 KB per value, 500 KB per store, from
 * https://developers.google.com/apps-script/guides/services/quotas) and its error text. Stores are
 * plain maps the host persists between runs through the controller's export/import.
 */
import { emulated } from "../emulation";
import type { ServiceEnv } from "./env";
import { asRecord, invalidArgument, realmArray, stringOf, utf8Length } from "./values";

export interface PropertiesServiceOptions {
  /**
   * Whether the script is bound to a document (the MarketOps workbook). Unbound scripts get `null`
   * from getDocumentProperties. Default true.
   */
  readonly containerBound?: boolean;
}

export interface PropertiesStore {
  deleteAllProperties(): PropertiesStore;
  deleteProperty(key: unknown): PropertiesStore;
  getKeys(): string[];
  getProperties(): Record<string, string>;
  getProperty(key: unknown): string | null;
  setProperties(properties: unknown, deleteAllOthers?: unknown): PropertiesStore;
  setProperty(key: unknown, value: unknown): PropertiesStore;
}

export interface PropertiesServiceGlobal {
  getDocumentProperties(): PropertiesStore | null;
  getScriptProperties(): PropertiesStore;
  getUserProperties(): PropertiesStore;
}

export interface PropertiesState {
  readonly script: Readonly<Record<string, string>>;
  readonly document: Readonly<Record<string, string>>;
  readonly user: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface PropertiesController {
  /** A copy of one store: `script`, `document`, or the user store of `userEmail`. */
  snapshot(scope: "script" | "document" | "user", userEmail?: string): Record<string, string>;
  exportState(): PropertiesState;
  importState(state: unknown): void;
}

/** Per value, and per property store: https://developers.google.com/apps-script/guides/services/quotas */
const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;
/**
 * Apps Script throws this for a store over its quota, and also for a single oversized value
 * (observed: saving one >9 KB value reports the storage quota, not a per-value message).
 */
const STORAGE_QUOTA_ERROR = "You have exceeded the property storage quota. Please remove some properties and try again.";

export function createPropertiesService(
  env: ServiceEnv,
  options: PropertiesServiceOptions = {},
): { PropertiesService: PropertiesServiceGlobal; properties: PropertiesController } {
  const containerBound = options.containerBound ?? true;
  let script = new Map<string, string>();
  let documentStore = new Map<string, string>();
  let users = new Map<string, Map<string, string>>();

  function userStore(email: string): Map<string, string> {
    let store = users.get(email);
    if (!store) {
      store = new Map();
      users.set(email, store);
    }
    return store;
  }

  /** The Properties object over one map, looked up on every call (the user store follows the session). */
  function propertiesOver(resolve: () => Map<string, string>): PropertiesStore {
    // Replaces the store's content with `next` only if it fits the quota (Apps Script writes all or nothing).
    function commit(next: Map<string, string>): void {
      let total = 0;
      for (const [k, v] of next) {
        const size = utf8Length(k) + utf8Length(v);
        if (size > MAX_VALUE_BYTES) throw new Error(STORAGE_QUOTA_ERROR);
        total += size;
      }
      if (total > MAX_STORE_BYTES) throw new Error(STORAGE_QUOTA_ERROR);
      const store = resolve();
      store.clear();
      for (const [k, v] of next) store.set(k, v);
    }

    const self: PropertiesStore = emulated(
      "Properties",
      {
        // https://developers.google.com/apps-script/reference/properties/properties#deleteAllProperties()
        deleteAllProperties(): PropertiesStore {
          resolve().clear();
          return self;
        },
        // https://developers.google.com/apps-script/reference/properties/properties#deleteProperty(String)
        deleteProperty(key: unknown): PropertiesStore {
          resolve().delete(keyOf(key));
          return self;
        },
        // https://developers.google.com/apps-script/reference/properties/properties#getKeys()
        getKeys(): string[] {
          return realmArray(env, [...resolve().keys()]);
        },
        // https://developers.google.com/apps-script/reference/properties/properties#getProperties()
        // Returns a copy, not a live view (https://developers.google.com/apps-script/guides/properties#modifying_data).
        getProperties(): Record<string, string> {
          return env.realm.copyIn(Object.fromEntries(resolve()));
        },
        // https://developers.google.com/apps-script/reference/properties/properties#getProperty(String)
        getProperty(key: unknown): string | null {
          return resolve().get(keyOf(key)) ?? null;
        },
        // https://developers.google.com/apps-script/reference/properties/properties#setProperties(Object,Boolean)
        setProperties(properties: unknown, deleteAllOthers?: unknown): PropertiesStore {
          const entries = asRecord(properties);
          if (!entries) throw invalidArgument("properties");
          const next = deleteAllOthers === true ? new Map<string, string>() : new Map(resolve());
          for (const [k, v] of Object.entries(entries)) next.set(k, valueOf(v));
          commit(next);
          return self;
        },
        // https://developers.google.com/apps-script/reference/properties/properties#setProperty(String,String)
        setProperty(key: unknown, value: unknown): PropertiesStore {
          const next = new Map(resolve());
          next.set(keyOf(key), valueOf(value));
          commit(next);
          return self;
        },
      },
      env.counter,
    );
    return self;
  }

  const scriptProperties = propertiesOver(() => script);
  const documentProperties = propertiesOver(() => documentStore);
  const userProperties = propertiesOver(() => userStore(env.session.effectiveUserEmail));

  const PropertiesService: PropertiesServiceGlobal = emulated(
    "PropertiesService",
    {
      // https://developers.google.com/apps-script/reference/properties/properties-service#getDocumentProperties()
      getDocumentProperties: (): PropertiesStore | null => (containerBound ? documentProperties : null),
      // https://developers.google.com/apps-script/reference/properties/properties-service#getScriptProperties()
      getScriptProperties: (): PropertiesStore => scriptProperties,
      // https://developers.google.com/apps-script/reference/properties/properties-service#getUserProperties()
      // "only the current user can access": keyed by the user the script runs as (Session.getEffectiveUser).
      getUserProperties: (): PropertiesStore => userProperties,
    },
    env.counter,
  );

  const properties: PropertiesController = {
    snapshot(scope, userEmail = env.session.effectiveUserEmail) {
      const store = scope === "script" ? script : scope === "document" ? documentStore : userStore(userEmail);
      return Object.fromEntries(store);
    },
    exportState: () => ({
      script: Object.fromEntries(script),
      document: Object.fromEntries(documentStore),
      user: Object.fromEntries([...users].map(([email, store]) => [email, Object.fromEntries(store)])),
    }),
    importState(state: unknown): void {
      const s = asRecord(state);
      if (!s) throw new Error("properties state: expected { script, document, user }");
      script = stringMap(s.script);
      documentStore = stringMap(s.document);
      users = new Map(Object.entries(asRecord(s.user) ?? {}).map(([email, store]) => [email, stringMap(store)]));
    },
  };

  return { PropertiesService, properties };
}

function keyOf(key: unknown): string {
  if (key === undefined || key === null) throw invalidArgument("key");
  return stringOf(key);
}

/** "Data types that are not already strings are automatically converted to strings" (guides/properties#data_format). */
function valueOf(value: unknown): string {
  if (value === undefined) throw invalidArgument("value");
  return stringOf(value);
}

function stringMap(value: unknown): Map<string, string> {
  return new Map(Object.entries(asRecord(value) ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"));
}
