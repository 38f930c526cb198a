/**
 * Java `SimpleDateFormat` patterns, which `Utilities.formatDate(date, timeZone, format)` follows
 * (https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
 * points to https://docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html). Fields come
 * from `src/core/time.ts` (the project's one date converter) so the result depends only on the
 * instant and the named zone, never on the machine's `TZ`. English names, as Apps Script prints.
 */
import { utcFields, wallClock, zoneOffsetMs, type WallClock } from "../../core/time";
import { NotEmulatedError } from "../emulation";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** Every letter SimpleDateFormat defines; other letters are an error in Java. */
const JAVA_LETTERS = new Set("GyYMLwWDdFEuaHkKhmsSzZX");
/** Week-based fields, defined by Java but not modelled here. */
const WEEK_LETTERS = new Set("YwWF");

type Zone = { readonly kind: "named"; readonly id: string } | { readonly kind: "fixed"; readonly id: string; readonly offsetMs: number };

/**
 * Resolves a time zone the way Java's `TimeZone.getTimeZone` does: IANA names, custom `GMT+8` /
 * `GMT+08:00` ids, and — silently, as in Java — GMT for an id it does not know.
 */
function resolveZone(timeZone: string): Zone {
  const custom = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(timeZone);
  if (custom) {
    const sign = custom[1] === "-" ? -1 : 1;
    const hours = Number(custom[2]);
    const minutes = Number(custom[3] ?? "0");
    if (hours <= 23 && minutes <= 59) {
      return { kind: "fixed", id: `GMT${custom[1]}${pad(hours, 2)}:${pad(minutes, 2)}`, offsetMs: sign * (hours * 60 + minutes) * 60_000 };
    }
  }
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return { kind: "named", id: timeZone };
  } catch {
    return { kind: "fixed", id: "GMT", offsetMs: 0 };
  }
}

function fieldsIn(epochMs: number, zone: Zone): { wall: WallClock; offsetMs: number } {
  if (zone.kind === "named") return { wall: wallClock(epochMs, zone.id), offsetMs: zoneOffsetMs(epochMs, zone.id) };
  return { wall: utcFields(epochMs + zone.offsetMs), offsetMs: zone.offsetMs };
}

function zoneName(epochMs: number, zone: Zone, long: boolean): string {
  if (zone.kind === "fixed") return zone.id;
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone.id, timeZoneName: long ? "long" : "short" }).formatToParts(new Date(epochMs));
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? zone.id;
  // Intl prints offsets without a name as "GMT+8"; Java prints them as "GMT+08:00".
  const offset = /^GMT([+-])(\d{1,2})(?::(\d{2}))?$/.exec(name);
  return offset ? `GMT${offset[1]}${pad(Number(offset[2]), 2)}:${offset[3] ?? "00"}` : name;
}

function pad(n: number, width: number): string {
  return String(Math.abs(n)).padStart(width, "0");
}

type Token = { readonly literal: string } | { readonly letter: string; readonly count: number };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    if (c === "'") {
      if (pattern.charAt(i + 1) === "'") {
        tokens.push({ literal: "'" });
        i += 2;
        continue;
      }
      let text = "";
      i++;
      for (;;) {
        if (i >= pattern.length) throw new Error("Unterminated quote");
        if (pattern.charAt(i) === "'") {
          if (pattern.charAt(i + 1) === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += pattern.charAt(i++);
      }
      tokens.push({ literal: text });
    } else if (/[A-Za-z]/.test(c)) {
      if (!JAVA_LETTERS.has(c)) throw new Error(`Illegal pattern character '${c}'`);
      if (WEEK_LETTERS.has(c)) throw new NotEmulatedError(`Utilities.formatDate pattern letter '${c}'`);
      let count = 1;
      while (pattern.charAt(i + count) === c) count++;
      if (c === "X" && count > 3) throw new Error(`invalid ISO 8601 format: length=${count}`);
      tokens.push({ letter: c, count });
      i += count;
    } else {
      tokens.push({ literal: c });
      i++;
    }
  }
  return tokens;
}

function dayOfYear(w: WallClock): number {
  return Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86_400_000) + 1;
}

function weekday(w: WallClock): number {
  return new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
}

function offsetText(offsetMs: number, withColon: boolean, hoursOnly: boolean): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hh = pad(Math.floor(abs / 60), 2);
  if (hoursOnly) return `${sign}${hh}`;
  return `${sign}${hh}${withColon ? ":" : ""}${pad(abs % 60, 2)}`;
}

/** `epochMs` formatted with a SimpleDateFormat `pattern` as seen on a wall clock in `timeZone`. */
export function formatJavaDate(epochMs: number, timeZone: string, pattern: string): string {
  const tokens = tokenize(pattern);
  const zone = resolveZone(timeZone);
  const { wall: w, offsetMs } = fieldsIn(epochMs, zone);
  let out = "";
  for (const token of tokens) {
    if ("literal" in token) {
      out += token.literal;
      continue;
    }
    const n = token.count;
    switch (token.letter) {
      case "G":
        out += w.year > 0 ? "AD" : "BC";
        break;
      case "y":
        out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
        break;
      case "M":
      case "L": {
        const name = MONTHS[w.month - 1] ?? "";
        out += n >= 4 ? name : n === 3 ? name.slice(0, 3) : pad(w.month, n);
        break;
      }
      case "D":
        out += pad(dayOfYear(w), n);
        break;
      case "d":
        out += pad(w.day, n);
        break;
      case "E": {
        const name = WEEKDAYS[weekday(w)] ?? "";
        out += n >= 4 ? name : name.slice(0, 3);
        break;
      }
      case "u":
        out += pad(weekday(w) === 0 ? 7 : weekday(w), n);
        break;
      case "a":
        out += w.hour < 12 ? "AM" : "PM";
        break;
      case "H":
        out += pad(w.hour, n);
        break;
      case "k":
        out += pad(w.hour === 0 ? 24 : w.hour, n);
        break;
      case "K":
        out += pad(w.hour % 12, n);
        break;
      case "h":
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
        break;
      case "m":
        out += pad(w.minute, n);
        break;
      case "s":
        out += pad(w.second, n);
        break;
      case "S":
        // Java counts S as a number of milliseconds, not a fraction: "S" of 5 ms is "5", "SSS" is "005".
        out += pad(w.millisecond, n);
        break;
      case "z":
        out += zoneName(epochMs, zone, n >= 4);
        break;
      case "Z":
        out += offsetText(offsetMs, false, false);
        break;
      case "X":
        out += offsetMs === 0 ? "Z" : offsetText(offsetMs, n === 3, n === 1);
        break;
      default:
        throw new Error(`Illegal pattern character '${token.letter}'`);
    }
  }
  return out;
}
