/**
 * How the spreadsheet classes are handed to the bundle: every implementation object sits behind the
 * `emulated` proxy (counting calls, throwing `not emulated:` for anything unmodelled), the proxy is
 * remembered so host code can get the implementation back from an argument (a Range passed to
 * `setRanges`, a rule passed to `setDataValidation`), and chainable methods return the proxy.
 * Also: Apps Script's wording when arguments do not fit a method's signature.
 */
import { emulated, isDate, type ServiceCounter } from "../emulation";

/** Base of every emulated spreadsheet class: `_self` is the proxy the bundle holds. */
export abstract class Emulated {
  _self: this = this;
}

const implementations = new WeakMap<object, object>();

/** Wraps `impl` for the bundle and records the pair. */
export function expose<T extends Emulated>(className: string, impl: T, counter: ServiceCounter): T {
  const proxy = emulated(className, impl, counter);
  impl._self = proxy;
  implementations.set(proxy, impl);
  return proxy;
}

/** The implementation behind a proxy the bundle passed back, if it is of class `cls`. */
export function implOf<T extends object>(value: unknown, cls: abstract new (...args: never[]) => T): T | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const impl = implementations.get(value) ?? value;
  return impl instanceof cls ? impl : undefined;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return "String";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "Boolean";
  if (isDate(value)) return "Date";
  if (Array.isArray(value)) return "Object[]";
  if (typeof value === "object" && implementations.has(value)) {
    const impl = implementations.get(value);
    return impl ? impl.constructor.name.replace(/Impl$/, "") : "Object";
  }
  return "Object";
}

/**
 * Apps Script's error when arguments do not fit: "The parameters (String,number) don't match the
 * method signature for SpreadsheetApp.Range.setValues."
 */
export function signatureError(classAndMethod: string, args: readonly unknown[]): Error {
  return new Error(`The parameters (${args.map(typeName).join(",")}) don't match the method signature for SpreadsheetApp.${classAndMethod}.`);
}

/** Colours as Sheets returns them: `#rrggbb` in lower case (CSS names and `#rgb` accepted). */
export function normalizeColor(color: string): string {
  const named: Readonly<Record<string, string>> = {
    black: "#000000",
    white: "#ffffff",
    red: "#ff0000",
    green: "#008000",
    blue: "#0000ff",
    yellow: "#ffff00",
    orange: "#ffa500",
    gray: "#808080",
    grey: "#808080",
    purple: "#800080",
    pink: "#ffc0cb",
  };
  const c = color.trim().toLowerCase();
  if (named[c]) return named[c];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return c;
}
