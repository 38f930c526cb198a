/**
 * Values that cross between the bundle and the emulated services: Java-style signed byte arrays
 * (Apps Script's `Byte[]`), arrays built in the vm context's realm, stored text measured in UTF-8
 * bytes, HTML escaping, and argument narrowing with Apps Script's own error wording. Every service
 * file uses these so a `Byte[]` or an array of objects looks the same whichever service returns it.
 */
import type { ServiceEnv } from "./env";

/** Bytes as Apps Script returns them: a JavaScript array of Java bytes, each in -128..127. */
export function toSignedBytes(env: ServiceEnv, bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const b of bytes) out.push(b > 127 ? b - 256 : b);
  return env.realm.copyIn(out);
}

/** True for an array of numbers: how a `Byte[]` argument arrives from the bundle (any realm). */
export function isByteArray(value: unknown): value is readonly number[] {
  return Array.isArray(value) && (value as unknown[]).every((v) => typeof v === "number");
}

/** A `Byte[]` argument (signed or unsigned numbers) as a Buffer; each number is taken modulo 256. */
export function fromByteArray(value: readonly number[]): Buffer {
  return Buffer.from(value.map((n) => n & 0xff));
}

/** An array in the vm context's realm holding `items` by reference (emulated objects stay proxies). */
export function realmArray<T>(env: ServiceEnv, items: readonly T[]): T[] {
  const out = env.realm.copyIn<T[]>([]);
  for (const item of items) out.push(item);
  return out;
}

/** Size of a string as stored: UTF-8 bytes. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to place inside HTML element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A plain object argument (an options map, a properties map) from any realm, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}

/**
 * Apps Script rejects a missing or wrongly typed argument with `Invalid argument: <name>`; the
 * emulation does the same so a bundle bug surfaces here as it would in Google's runtime.
 */
export function invalidArgument(name: string): Error {
  return new Error(`Invalid argument: ${name}`);
}

/** A finite number argument, or the Apps Script `Invalid argument` error. */
export function requireNumber(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidArgument(name);
  return value;
}

/**
 * A value converted to a string the way the Apps Script bridge does for `String` parameters:
 * JavaScript's own conversion (numbers as `5`, arrays as `a,b`, objects through their `toString`).
 */
export function stringOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return String(value);
  return (value as { toString(): string }).toString();
}
