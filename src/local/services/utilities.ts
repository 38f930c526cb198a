/**
 * Utilities for the local host: date formatting with Java patterns in a named zone, digests and
 * HMAC signatures returned as Java `Byte[]` (signed bytes, -128..127, in the vm context's realm),
 * base64 in both alphabets, printf-style `formatString`, a minimal `newBlob`, `parseCsv`, `getUuid`,
 * and `sleep`, which moves the simulated clock instead of blocking. Reference:
 * https://developers.google.com/apps-script/reference/utilities/utilities
 */
import { createHash, createHmac, randomUUID } from "node:crypto";
import { emulated, isDate, NotEmulatedError } from "../emulation";
import type { ServiceEnv } from "./env";
import { formatJavaDate } from "./simple-date-format";
import { fromByteArray, invalidArgument, isByteArray, realmArray, requireNumber, stringOf, toSignedBytes } from "./values";

export type CharsetName = "US_ASCII" | "UTF_8";
export type DigestAlgorithmName = "MD2" | "MD5" | "SHA_1" | "SHA_256" | "SHA_384" | "SHA_512";
export type MacAlgorithmName = "HMAC_MD5" | "HMAC_SHA_1" | "HMAC_SHA_256" | "HMAC_SHA_384" | "HMAC_SHA_512";

export interface BlobObject {
  getBytes(): number[];
  getContentType(): string | null;
  getDataAsString(charset?: unknown): string;
  getName(): string | null;
  setBytes(data: unknown): BlobObject;
  setContentType(contentType: unknown): BlobObject;
  setDataFromString(data: unknown, charset?: unknown): BlobObject;
  setName(name: unknown): BlobObject;
}

export interface UtilitiesGlobal {
  readonly Charset: Readonly<Record<CharsetName, CharsetName>>;
  readonly DigestAlgorithm: Readonly<Record<DigestAlgorithmName, DigestAlgorithmName>>;
  readonly MacAlgorithm: Readonly<Record<MacAlgorithmName, MacAlgorithmName>>;
  base64Decode(encoded: unknown, charset?: unknown): number[];
  base64DecodeWebSafe(encoded: unknown, charset?: unknown): number[];
  base64Encode(data: unknown, charset?: unknown): string;
  base64EncodeWebSafe(data: unknown, charset?: unknown): string;
  computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[];
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[];
  computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, charset?: unknown): number[];
  formatDate(date: unknown, timeZone: unknown, format: unknown): string;
  formatString(template: unknown, ...args: unknown[]): string;
  getUuid(): string;
  newBlob(data: unknown, contentType?: unknown, name?: unknown): BlobObject;
  parseCsv(csv: unknown, delimiter?: unknown): string[][];
  sleep(milliseconds: unknown): void;
}

/** https://developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer): "The maximum allowed value is 300000 (or 5 minutes)." */
const MAX_SLEEP_MS = 300_000;

const DIGESTS: Readonly<Record<DigestAlgorithmName, string | null>> = {
  MD2: null,
  MD5: "md5",
  SHA_1: "sha1",
  SHA_256: "sha256",
  SHA_384: "sha384",
  SHA_512: "sha512",
};

const MACS: Readonly<Record<MacAlgorithmName, string>> = {
  HMAC_MD5: "md5",
  HMAC_SHA_1: "sha1",
  HMAC_SHA_256: "sha256",
  HMAC_SHA_384: "sha384",
  HMAC_SHA_512: "sha512",
};

function enumOf<T extends string>(env: ServiceEnv, className: string, names: readonly T[]): Readonly<Record<T, T>> {
  return emulated(className, Object.fromEntries(names.map((n) => [n, n])) as Record<T, T>, env.counter);
}

function charsetOf(value: unknown): CharsetName {
  if (value === undefined || value === null) return "UTF_8";
  const name = stringOf(value);
  if (name === "UTF_8" || name === "US_ASCII") return name;
  throw invalidArgument("charset");
}

/** A string in the given charset: US_ASCII turns each non-ASCII character into `?`, as Java's encoder does. */
function encodeText(text: string, charset: CharsetName): Buffer {
  return charset === "UTF_8" ? Buffer.from(text, "utf8") : Buffer.from(text.replace(/[^\p{ASCII}]/gu, "?"), "latin1");
}

function decodeText(bytes: Buffer, charset: CharsetName): string {
  return charset === "UTF_8" ? bytes.toString("utf8") : bytes.toString("latin1").replace(/[\u0080-\u00ff]/g, "\ufffd");
}

/** GB18030 and its subset GBK, decoded as GB18030 (https://docs.oracle.com/javase/8/docs/technotes/guides/intl/encoding.doc.html). */
function isGbCharset(value: unknown): boolean {
  return typeof value === "string" && /^(gb18030|gbk)$/i.test(value);
}

/** Blob methods name charsets as strings (`"US-ASCII"`, `"UTF-8"`); the enum names are accepted too. */
function blobCharset(value: unknown): CharsetName {
  return value === "US-ASCII" || value === "US_ASCII" ? "US_ASCII" : "UTF_8";
}

/** A `String` or `Byte[]` argument as bytes. */
function bytesOf(value: unknown, charset: CharsetName, name: string): Buffer {
  if (typeof value === "string") return encodeText(value, charset);
  if (isByteArray(value)) return fromByteArray(value);
  throw invalidArgument(name);
}

function decodeBase64(encoded: unknown, webSafe: boolean): Buffer {
  if (typeof encoded !== "string") throw invalidArgument("encoded");
  const compact = encoded.replace(/\s+/g, "");
  const alphabet = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!alphabet.test(compact) || compact.replace(/=+$/, "").length % 4 === 1) throw invalidArgument("encoded");
  return Buffer.from(compact, webSafe ? "base64url" : "base64");
}

/**
 * CSV text → rows of strings, as `Utilities.parseCsv` documents it ("Returns a tabular 2D array
 * representation of a CSV string", with an optional one-character delimiter):
 * https://developers.google.com/apps-script/reference/utilities/utilities#parseCsv(String)
 * https://developers.google.com/apps-script/reference/utilities/utilities#parseCsv(String,Char)
 * Modelled on RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): fields split by the delimiter,
 * records by CRLF, LF or CR; a field in double quotes may hold the delimiter, line breaks and `""`
 * for a quote; a line break at the very end ends the last record and adds none. Google's page does
 * not say what it does with a quote left open, so here that fails loudly (`Invalid argument: csv`)
 * rather than guessing; a quote inside an unquoted field is kept as a character.
 */
export function parseCsvText(csv: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let atFieldStart = true;
  while (i < csv.length) {
    const ch = csv.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (csv.charAt(i + 1) === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i += 1;
      continue;
    }
    if (ch === delimiter) {
      row.push(field);
      field = "";
      atFieldStart = true;
      i += 1;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      atFieldStart = true;
      i += ch === "\r" && csv.charAt(i + 1) === "\n" ? 2 : 1;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i += 1;
  }
  if (quoted) throw invalidArgument("csv");
  if (!atFieldStart || field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The Blob factory behind `Utilities.newBlob`, for other services that hand out blobs (DriveApp's File.getBlob). */
export type BlobFactory = (bytes: Buffer, contentType: string | null, name: string | null) => BlobObject;

export function createUtilitiesService(env: ServiceEnv): { Utilities: UtilitiesGlobal; blob: BlobFactory } {
  function blob(initial: Buffer, initialType: string | null, initialName: string | null): BlobObject {
    let bytes = initial;
    let contentType = initialType;
    let name = initialName;
    const self: BlobObject = emulated(
      "Blob",
      {
        // https://developers.google.com/apps-script/reference/base/blob#getBytes()
        getBytes: (): number[] => toSignedBytes(env, bytes),
        // https://developers.google.com/apps-script/reference/base/blob#getContentType()
        getContentType: (): string | null => contentType,
        // https://developers.google.com/apps-script/reference/base/blob#getDataAsString(String)
        // Also "GB18030" / "GBK", Java charsets Chinese exports (Excel's CSV there) are written in.
        getDataAsString: (charset?: unknown): string => (isGbCharset(charset) ? new TextDecoder("gb18030").decode(bytes) : decodeText(bytes, blobCharset(charset))),
        // https://developers.google.com/apps-script/reference/base/blob#getName()
        getName: (): string | null => name,
        // https://developers.google.com/apps-script/reference/base/blob#setBytes(Byte)
        setBytes(data: unknown): BlobObject {
          bytes = bytesOf(data, "UTF_8", "data");
          return self;
        },
        // https://developers.google.com/apps-script/reference/base/blob#setContentType(String)
        setContentType(type: unknown): BlobObject {
          contentType = type === null || type === undefined ? null : stringOf(type);
          return self;
        },
        // https://developers.google.com/apps-script/reference/base/blob#setDataFromString(String,String)
        setDataFromString(data: unknown, charset?: unknown): BlobObject {
          bytes = encodeText(stringOf(data), blobCharset(charset));
          return self;
        },
        // https://developers.google.com/apps-script/reference/base/blob#setName(String)
        setName(value: unknown): BlobObject {
          name = value === null || value === undefined ? null : stringOf(value);
          return self;
        },
      },
      env.counter,
    );
    return self;
  }

  const Utilities: UtilitiesGlobal = emulated(
    "Utilities",
    {
      // https://developers.google.com/apps-script/reference/utilities/charset
      Charset: enumOf<CharsetName>(env, "Charset", ["US_ASCII", "UTF_8"]),
      // https://developers.google.com/apps-script/reference/utilities/digest-algorithm
      DigestAlgorithm: enumOf<DigestAlgorithmName>(env, "DigestAlgorithm", ["MD2", "MD5", "SHA_1", "SHA_256", "SHA_384", "SHA_512"]),
      // https://developers.google.com/apps-script/reference/utilities/mac-algorithm
      MacAlgorithm: enumOf<MacAlgorithmName>(env, "MacAlgorithm", ["HMAC_MD5", "HMAC_SHA_1", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512"]),

      // https://developers.google.com/apps-script/reference/utilities/utilities#base64Decode(String)
      base64Decode: (encoded: unknown, charset?: unknown): number[] => {
        charsetOf(charset);
        return toSignedBytes(env, decodeBase64(encoded, false));
      },
      // https://developers.google.com/apps-script/reference/utilities/utilities#base64DecodeWebSafe(String)
      base64DecodeWebSafe: (encoded: unknown, charset?: unknown): number[] => {
        charsetOf(charset);
        return toSignedBytes(env, decodeBase64(encoded, true));
      },
      // https://developers.google.com/apps-script/reference/utilities/utilities#base64Encode(String,Charset)
      base64Encode: (data: unknown, charset?: unknown): string => bytesOf(data, charsetOf(charset), "data").toString("base64"),
      // https://developers.google.com/apps-script/reference/utilities/utilities#base64EncodeWebSafe(String,Charset)
      // The web-safe alphabet (-, _) with `=` padding kept, as Apps Script returns it.
      base64EncodeWebSafe: (data: unknown, charset?: unknown): string =>
        bytesOf(data, charsetOf(charset), "data").toString("base64").replace(/\+/g, "-").replace(/\//g, "_"),

      // https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String,Charset)
      computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[] {
        const name = stringOf(algorithm) as DigestAlgorithmName;
        if (!(name in DIGESTS)) throw invalidArgument("algorithm");
        const nodeName = DIGESTS[name];
        if (nodeName === null) throw new NotEmulatedError(`Utilities.computeDigest(DigestAlgorithm.${name})`);
        return toSignedBytes(env, createHash(nodeName).update(bytesOf(value, charsetOf(charset), "value")).digest());
      },
      // https://developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String,Charset)
      computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
        const cs = charsetOf(charset);
        return toSignedBytes(env, createHmac("sha256", bytesOf(key, cs, "key")).update(bytesOf(value, cs, "value")).digest());
      },
      // https://developers.google.com/apps-script/reference/utilities/utilities#computeHmacSignature(MacAlgorithm,String,String,Charset)
      computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, charset?: unknown): number[] {
        const name = stringOf(algorithm) as MacAlgorithmName;
        const nodeName = MACS[name];
        if (nodeName === undefined) throw invalidArgument("algorithm");
        const cs = charsetOf(charset);
        return toSignedBytes(env, createHmac(nodeName, bytesOf(key, cs, "key")).update(bytesOf(value, cs, "value")).digest());
      },

      // https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
      formatDate(date: unknown, timeZone: unknown, format: unknown): string {
        if (!isDate(date)) throw invalidArgument("date");
        if (typeof timeZone !== "string") throw invalidArgument("timeZone");
        if (typeof format !== "string") throw invalidArgument("format");
        return formatJavaDate(date.getTime(), timeZone, format);
      },
      // https://developers.google.com/apps-script/reference/utilities/utilities#formatString(String,Object...)
      formatString: (template: unknown, ...args: unknown[]): string => {
        if (typeof template !== "string") throw invalidArgument("template");
        return sprintf(template, args);
      },
      // https://developers.google.com/apps-script/reference/utilities/utilities#getUuid()
      getUuid: (): string => randomUUID(),
      // https://developers.google.com/apps-script/reference/utilities/utilities#newBlob(String,String,String)
      newBlob(data: unknown, contentType?: unknown, name?: unknown): BlobObject {
        return blob(
          bytesOf(data, "UTF_8", "data"),
          contentType === undefined || contentType === null ? null : stringOf(contentType),
          name === undefined || name === null ? null : stringOf(name),
        );
      },
      // https://developers.google.com/apps-script/reference/utilities/utilities#parseCsv(String,Char)
      parseCsv(csv: unknown, delimiter?: unknown): string[][] {
        if (typeof csv !== "string") throw invalidArgument("csv");
        const separator = delimiter === undefined ? "," : stringOf(delimiter);
        if (separator.length !== 1 || separator === '"' || separator === "\r" || separator === "\n") throw invalidArgument("delimiter");
        return realmArray(env, parseCsvText(csv, separator).map((r) => realmArray(env, r)));
      },
      // https://developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer)
      sleep(milliseconds: unknown): void {
        const ms = requireNumber(milliseconds, "milliseconds");
        if (ms < 0 || ms > MAX_SLEEP_MS) throw invalidArgument("milliseconds");
        env.clock.advance(Math.floor(ms));
      },
    },
    env.counter,
  );

  return { Utilities, blob };
}

/**
 * The `%`-conversions of C's sprintf that Apps Script's formatString documents by example:
 * `%[-+ 0][width][.precision](s|d|i|f|e|x|X|o|c)` and `%%`.
 */
function sprintf(template: string, args: readonly unknown[]): string {
  let next = 0;
  return template.replace(/%([-+ 0]*)(\d+)?(?:\.(\d+))?([sdifexXoc%])/g, (_match, flags: string, width?: string, precision?: string, conv?: string) => {
    if (conv === "%") return "%";
    const arg = args[next++];
    const prec = precision === undefined ? undefined : Number(precision);
    let text: string;
    let numeric = true;
    switch (conv) {
      case "s":
        text = stringOf(arg);
        if (prec !== undefined) text = text.slice(0, prec);
        numeric = false;
        break;
      case "c":
        text = typeof arg === "number" ? String.fromCharCode(arg) : String(arg).charAt(0);
        numeric = false;
        break;
      case "d":
      case "i":
        text = String(Math.trunc(Number(arg)));
        break;
      case "f":
        text = Number(arg).toFixed(prec ?? 6);
        break;
      case "e":
        text = Number(arg).toExponential(prec ?? 6).replace(/e([+-])(\d)$/, "e$10$2");
        break;
      case "x":
        text = Math.trunc(Number(arg)).toString(16);
        break;
      case "X":
        text = Math.trunc(Number(arg)).toString(16).toUpperCase();
        break;
      default:
        text = Math.trunc(Number(arg)).toString(8);
        break;
    }
    if (numeric && !text.startsWith("-")) {
      if (flags.includes("+")) text = `+${text}`;
      else if (flags.includes(" ")) text = ` ${text}`;
    }
    const w = width === undefined ? 0 : Number(width);
    if (text.length >= w) return text;
    if (flags.includes("-")) return text.padEnd(w, " ");
    if (numeric && flags.includes("0")) {
      const sign = /^[-+ ]/.test(text) ? text.charAt(0) : "";
      return sign + text.slice(sign.length).padStart(w - sign.length, "0");
    }
    return text.padStart(w, " ");
  });
}
