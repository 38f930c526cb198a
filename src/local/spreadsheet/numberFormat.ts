/**
 * Number formats of the local spreadsheet: which patterns make a cell a date, how a value is shown
 * (Range.getDisplayValues), and how Sheets types a string written by a script (a string that reads
 * as a number, percentage, currency, boolean, date or time becomes that value unless the cell's
 * format is plain text `@`; https://support.google.com/docs/answer/56470 and
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setNumberFormat(String)).
 *
 * Serial numbers here are wall-clock days since 1899-12-30; calendar fields come from zoneCache.ts,
 * which memoizes src/core/time.ts, so no second date converter exists.
 */
import { serialOfWall, wallOfSerial } from "./zoneCache";

export type Scalar = number | string | boolean;

/** A value as text the way JavaScript's String() shows it (arrays joined with commas). */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "symbol") return value.toString();
  if (Array.isArray(value)) return (value as unknown[]).map(asText).join(",");
  if (typeof value === "function") return "function";
  return Object.prototype.toString.call(value) === "[object Date]" ? new Date((value as Date).getTime()).toString() : JSON.stringify(value) ?? "";
}

/** What Range.getNumberFormat returns for a cell whose format was never set (Sheets' "Automatic"). */
export const AUTOMATIC_FORMAT = "0.###############";
/** Plain text: what is typed stays text (https://support.google.com/docs/answer/56470). */
export const TEXT_FORMAT = "@";

/** Removes quoted literals, escapes and bracketed currency/colour tags, leaving the format codes. */
function codesOf(pattern: string): string {
  return pattern
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?![hms]\])[^\]]*\]/gi, "");
}

const dateCache = new Map<string, boolean>();

/** True when values under this pattern are dates or times (Apps Script returns them as Date objects). */
export function isDateFormat(pattern: string | undefined): boolean {
  if (pattern === undefined || pattern === TEXT_FORMAT) return false;
  let known = dateCache.get(pattern);
  if (known === undefined) {
    const codes = codesOf(pattern.split(";")[0] ?? "");
    known = /[ydhsm]/i.test(codes) && !/general/i.test(codes);
    dateCache.set(pattern, known);
  }
  return known;
}

/** The format Sheets gives a cell when a script writes a Date into an automatic cell. */
export function defaultDateFormat(locale: string, withTime: boolean): string {
  const date = locale.toLowerCase().startsWith("en_us") ? "M/d/yyyy" : "yyyy-MM-dd";
  return withTime ? `${date} H:mm:ss` : date;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface DateToken {
  readonly kind: "literal" | "code";
  readonly text: string;
}

function tokenizeDate(pattern: string): DateToken[] {
  const tokens: DateToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? "";
    if (ch === '"') {
      const close = pattern.indexOf('"', i + 1);
      const end = close < 0 ? pattern.length : close;
      tokens.push({ kind: "literal", text: pattern.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (ch === "\\") {
      tokens.push({ kind: "literal", text: pattern[i + 1] ?? "" });
      i += 2;
      continue;
    }
    const ampm = /^(am\/pm|a\/p)/i.exec(pattern.slice(i));
    if (ampm) {
      tokens.push({ kind: "code", text: ampm[0] });
      i += ampm[0].length;
      continue;
    }
    if (ch === "[") {
      const close = pattern.indexOf("]", i);
      const inner = close < 0 ? "" : pattern.slice(i + 1, close);
      tokens.push(/^[hms]+$/i.test(inner) ? { kind: "code", text: `[${inner.toLowerCase()}]` } : { kind: "literal", text: "" });
      i = close < 0 ? pattern.length : close + 1;
      continue;
    }
    if (/[ymdhsMDYHS]/.test(ch)) {
      let j = i;
      while (j < pattern.length && (pattern[j] ?? "").toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: "code", text: pattern.slice(i, j) });
      i = j;
      continue;
    }
    if (ch === "." && /^\.0+/.test(pattern.slice(i))) {
      const m = /^\.0+/.exec(pattern.slice(i))?.[0] ?? ".";
      tokens.push({ kind: "code", text: m });
      i += m.length;
      continue;
    }
    tokens.push({ kind: "literal", text: ch });
    i++;
  }
  return tokens;
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** Shows a serial number with a date/time pattern (Sheets and Excel codes: yyyy, M/mm, d, H/h, mm, ss, am/pm). */
export function formatDate(serial: number, pattern: string): string {
  const tokens = tokenizeDate(pattern.split(";")[0] ?? pattern);
  const w = wallOfSerial(serial);
  const twelveHour = tokens.some((t) => t.kind === "code" && /^(am\/pm|a\/p)$/i.test(t.text));
  const codeIndexes = tokens.map((t, i) => (t.kind === "code" ? i : -1)).filter((i) => i >= 0);
  const isMinute = (index: number): boolean => {
    const pos = codeIndexes.indexOf(index);
    const before = pos > 0 ? tokens[codeIndexes[pos - 1] ?? -1]?.text.toLowerCase() ?? "" : "";
    const after = pos >= 0 && pos + 1 < codeIndexes.length ? tokens[codeIndexes[pos + 1] ?? -1]?.text.toLowerCase() ?? "" : "";
    return before.startsWith("h") || before.startsWith("[h") || after.startsWith("s");
  };
  const totalSeconds = Math.round((serial - Math.floor(serial)) * 86400 * 1000) / 1000;
  let out = "";
  tokens.forEach((token, index) => {
    if (token.kind === "literal") {
      out += token.text;
      return;
    }
    const code = token.text;
    const lower = code.toLowerCase();
    if (lower.startsWith("y")) out += lower.length <= 2 ? pad(w.year % 100, 2) : String(w.year);
    else if (lower.startsWith("d")) {
      if (lower.length >= 4) out += DAYS[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()] ?? "";
      else if (lower.length === 3) out += (DAYS[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()] ?? "").slice(0, 3);
      else out += lower.length === 2 ? pad(w.day, 2) : String(w.day);
    } else if (lower.startsWith("h")) {
      const h = twelveHour ? ((w.hour + 11) % 12) + 1 : w.hour;
      out += lower.length >= 2 ? pad(h, 2) : String(h);
    } else if (lower.startsWith("m")) {
      if (lower.length <= 2 && isMinute(index)) out += lower.length === 2 ? pad(w.minute, 2) : String(w.minute);
      else if (lower.length >= 4) out += MONTHS[w.month - 1] ?? "";
      else if (lower.length === 3) out += (MONTHS[w.month - 1] ?? "").slice(0, 3);
      else out += lower.length === 2 ? pad(w.month, 2) : String(w.month);
    } else if (lower.startsWith("s")) out += lower.length >= 2 ? pad(w.second, 2) : String(w.second);
    else if (lower.startsWith(".")) out += "." + pad(w.millisecond, 3).slice(0, lower.length - 1);
    else if (lower === "[h]") out += String(Math.floor(serial * 24));
    else if (lower === "[m]") out += String(Math.floor(serial * 1440));
    else if (lower === "[s]") out += String(Math.floor(totalSeconds + Math.floor(serial) * 86400));
    else if (lower === "am/pm") out += w.hour < 12 ? (code === "am/pm" ? "am" : "AM") : code === "am/pm" ? "pm" : "PM";
    else if (lower === "a/p") out += w.hour < 12 ? "A" : "P";
  });
  return out;
}

/** Splits a pattern into sections at `;` outside quotes. */
function sections(pattern: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of pattern) {
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Shows a number with a numeric pattern: 0 # ? placeholders, `,` grouping, `.` decimals, `%`, literals. */
export function formatNumber(value: number, pattern: string): string {
  const secs = sections(pattern);
  let section = secs[0] ?? "";
  let v = value;
  let sign = v < 0 ? "-" : "";
  if (v < 0 && secs[1] !== undefined && secs[1] !== "") {
    section = secs[1];
    v = -v;
    sign = "";
  } else if (v === 0 && secs[2] !== undefined && secs[2] !== "") section = secs[2];
  v = Math.abs(v);
  // Literal text before and after the digit placeholders.
  let prefix = "";
  let suffix = "";
  let body = "";
  let seenDigits = false;
  let percent = false;
  let i = 0;
  while (i < section.length) {
    const ch = section[i] ?? "";
    let literal: string | undefined;
    if (ch === '"') {
      const close = section.indexOf('"', i + 1);
      literal = section.slice(i + 1, close < 0 ? section.length : close);
      i = close < 0 ? section.length : close + 1;
    } else if (ch === "\\") {
      literal = section[i + 1] ?? "";
      i += 2;
    } else if (ch === "[") {
      const close = section.indexOf("]", i);
      const inner = close < 0 ? "" : section.slice(i + 1, close);
      literal = inner.startsWith("$") ? inner.slice(1).split("-")[0] ?? "" : "";
      i = close < 0 ? section.length : close + 1;
    } else if (/[0#?.,]/.test(ch)) {
      body += ch;
      seenDigits = true;
      i++;
      continue;
    } else {
      if (ch === "%") percent = true;
      literal = ch === "_" || ch === "*" ? "" : ch;
      if (ch === "_" || ch === "*") i++;
      i++;
    }
    if (seenDigits) suffix += literal;
    else prefix += literal;
  }
  if (percent) v *= 100;
  const [intPart = "", decPart = ""] = body.split(".");
  const grouping = intPart.includes(",") && /[0#?],+[0#?]/.test(intPart);
  const minInt = (intPart.match(/0/g) ?? []).length;
  const maxDec = (decPart.match(/[0#?]/g) ?? []).length;
  const minDec = (decPart.match(/0/g) ?? []).length;
  let digits = v.toFixed(maxDec);
  if (maxDec > minDec) digits = digits.replace(new RegExp(`0{1,${maxDec - minDec}}$`), "").replace(/\.$/, "");
  const [wholeDigits = "0", frac] = digits.split(".");
  let whole = wholeDigits;
  if (whole === "0" && minInt === 0 && frac !== undefined) whole = "";
  whole = whole.padStart(minInt, "0");
  if (grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const number = frac !== undefined && frac !== "" ? `${whole}.${frac}` : decPart.length > 0 && body.endsWith(".") ? `${whole}.` : whole;
  return `${sign}${prefix}${number}${suffix}`;
}

/** Sheets' automatic display of a number: integers as they are, others to 10 significant digits. */
function formatAutomatic(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : value < 0 ? "-Infinity" : "NaN";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) {
    const [mantissa = "", exp = "0"] = value.toExponential(9).split("e");
    const m = mantissa.replace(/\.?0+$/, "");
    const e = Number(exp);
    return `${m}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  const text = Number(value.toPrecision(10)).toString();
  return text.includes("e") ? value.toFixed(10).replace(/\.?0+$/, "") : text;
}

/** The text a cell shows (Range.getDisplayValue): the value under its number format. */
export function displayText(value: Scalar, format: string | undefined): string {
  if (value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (format === undefined || format === AUTOMATIC_FORMAT || format === "" || /^general$/i.test(format)) return formatAutomatic(value);
  if (format === TEXT_FORMAT) return formatAutomatic(value);
  if (isDateFormat(format)) return formatDate(value, format);
  return formatNumber(value, format);
}

/** A value typed into a cell as Sheets reads it, with the format Sheets gives the cell if any. */
export interface TypedInput {
  readonly value: Scalar;
  readonly format: string | undefined;
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const CURRENCY = /^([+-]?)([$¥€£])\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const SLASH_DATE_YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const SLASH_DATE_MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function validDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Reads a string the way Sheets does when it is written into a cell with automatic format:
 * numbers (also `1,234.5`), percentages, currency amounts, TRUE/FALSE, ISO and locale dates, times.
 * Anything else stays the string itself.
 */
export function typeInput(text: string, locale: string): TypedInput {
  const t = text.trim();
  if (t === "") return { value: text, format: undefined };
  const upper = t.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { value: upper === "TRUE", format: undefined };
  if (PLAIN_NUMBER.test(t)) return { value: Number(t), format: undefined };
  if (GROUPED_NUMBER.test(t)) {
    const decimals = t.split(".")[1]?.length ?? 0;
    return { value: Number(t.replace(/,/g, "")), format: decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0" };
  }
  if (t.endsWith("%") && PLAIN_NUMBER.test(t.slice(0, -1).trim())) {
    const num = t.slice(0, -1).trim();
    const decimals = num.split(".")[1]?.length ?? 0;
    return { value: Number(num) / 100, format: decimals > 0 ? `0.${"0".repeat(decimals)}%` : "0%" };
  }
  const cur = CURRENCY.exec(t);
  if (cur) {
    const amount = Number((cur[3] ?? "").replace(/,/g, "")) * (cur[1] === "-" ? -1 : 1);
    return { value: amount, format: `${cur[2] ?? ""}#,##0.00` };
  }
  const iso = ISO_DATE.exec(t);
  if (iso) {
    const [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (validDate(y, mo, d)) {
      const hasTime = iso[4] !== undefined;
      const serial = serialOfWall({
        year: y,
        month: mo,
        day: d,
        hour: Number(iso[4] ?? 0),
        minute: Number(iso[5] ?? 0),
        second: Number(iso[6] ?? 0),
        millisecond: Number((iso[7] ?? "0").padEnd(3, "0")),
      });
      return { value: serial, format: hasTime ? "yyyy-MM-dd H:mm:ss" : "yyyy-MM-dd" };
    }
  }
  const ymd = SLASH_DATE_YMD.exec(t);
  if (ymd && validDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]))) {
    return { value: serialOfWall({ year: Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]) }), format: "yyyy/M/d" };
  }
  const mdy = SLASH_DATE_MDY.exec(t);
  if (mdy && locale.toLowerCase().startsWith("en_us") && validDate(Number(mdy[3]), Number(mdy[1]), Number(mdy[2]))) {
    return { value: serialOfWall({ year: Number(mdy[3]), month: Number(mdy[1]), day: Number(mdy[2]) }), format: "M/d/yyyy" };
  }
  const time = TIME.exec(t);
  if (time && Number(time[1]) < 24 && Number(time[2]) < 60 && Number(time[3] ?? 0) < 60) {
    const serial = (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0)) / 86400;
    return { value: serial, format: time[3] !== undefined ? "H:mm:ss" : "H:mm" };
  }
  return { value: text, format: undefined };
}
