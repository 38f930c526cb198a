/**
 * When a time-driven trigger fires. Apps Script adds jitter (an "at hour" trigger runs at some
 * minute of that hour; `nearMinute` is "plus or minus 15 minutes",
 * https://developers.google.com/apps-script/reference/script/clock-trigger-builder); the local host
 * is deterministic instead: a trigger fires exactly at the start of its hour plus `nearMinute`
 * (or 0), every-n-minutes and every-n-hours triggers fire on wall-clock multiples of n, and
 * recurring schedules count days and weeks from the day the trigger was created. Wall clocks are
 * read in the trigger's time zone through `src/core/time.ts`.
 */
import { dayKey, fromWallClock } from "../../core/time";

export type WeekDayName = "SUNDAY" | "MONDAY" | "TUESDAY" | "WEDNESDAY" | "THURSDAY" | "FRIDAY" | "SATURDAY";
export const WEEK_DAYS: readonly WeekDayName[] = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];

/** A clock trigger's schedule, plain JSON so the host can persist it. */
export type ClockSchedule =
  | { readonly type: "once"; readonly at: number }
  | { readonly type: "minutes"; readonly every: number }
  | { readonly type: "hours"; readonly every: number; readonly minute: number }
  | { readonly type: "days"; readonly every: number; readonly hour: number; readonly minute: number }
  | { readonly type: "weeks"; readonly every: number; readonly weekDay: WeekDayName; readonly hour: number; readonly minute: number }
  | { readonly type: "monthDay"; readonly day: number; readonly hour: number; readonly minute: number };

const DAY_MS = 86_400_000;

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function parseDay(key: string): CalendarDate {
  const [year, month, day] = key.split("-").map(Number);
  return { year: year ?? NaN, month: month ?? NaN, day: day ?? NaN };
}

/** Days since 1970-01-01 of a calendar date (zone-free). */
function dayIndex(d: CalendarDate): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}

function dateOfIndex(index: number): CalendarDate {
  const d = new Date(index * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Wall-clock times (hour, minute) of one calendar day at which the schedule fires. */
function timesOnDay(schedule: ClockSchedule, date: CalendarDate, anchor: CalendarDate): [number, number][] {
  const index = dayIndex(date);
  switch (schedule.type) {
    case "once":
      return [];
    case "minutes": {
      const out: [number, number][] = [];
      for (let k = 0; k < 1440; k += schedule.every) out.push([Math.floor(k / 60), k % 60]);
      return out;
    }
    case "hours": {
      const out: [number, number][] = [];
      for (let h = 0; h < 24; h += schedule.every) out.push([h, schedule.minute]);
      return out;
    }
    case "days":
      return (index - dayIndex(anchor)) % schedule.every === 0 ? [[schedule.hour, schedule.minute]] : [];
    case "weeks": {
      const weekday = new Date(index * DAY_MS).getUTCDay();
      if (WEEK_DAYS[weekday] !== schedule.weekDay) return [];
      const week = Math.floor((index - dayIndex(anchor)) / 7);
      return week % schedule.every === 0 ? [[schedule.hour, schedule.minute]] : [];
    }
    case "monthDay":
      return date.day === schedule.day ? [[schedule.hour, schedule.minute]] : [];
  }
}

/**
 * Instants in `(fromMs, toMs]` at which a trigger created at `createdAt` with `schedule` in
 * `timeZone` fires, ascending. A one-time trigger whose time had passed when it was created fires
 * at its creation time.
 */
export function fireTimes(schedule: ClockSchedule, timeZone: string, createdAt: number, fromMs: number, toMs: number): number[] {
  if (schedule.type === "once") {
    const at = Math.max(schedule.at, createdAt);
    return at > fromMs && at <= toMs ? [at] : [];
  }
  const lo = Math.max(fromMs, createdAt);
  if (toMs <= lo) return [];
  const anchor = parseDay(dayKey(createdAt, timeZone));
  const first = dayIndex(parseDay(dayKey(lo, timeZone))) - 1;
  const last = dayIndex(parseDay(dayKey(toMs, timeZone))) + 1;
  const out = new Set<number>();
  for (let i = first; i <= last; i++) {
    const date = dateOfIndex(i);
    for (const [hour, minute] of timesOnDay(schedule, date, anchor)) {
      const t = fromWallClock({ ...date, hour, minute }, timeZone);
      if (t > lo && t <= toMs) out.add(t);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** The weekday a trigger created at `createdAt` in `timeZone` falls on (the default for everyWeeks). */
export function weekDayOf(epochMs: number, timeZone: string): WeekDayName {
  const index = dayIndex(parseDay(dayKey(epochMs, timeZone)));
  return WEEK_DAYS[new Date(index * DAY_MS).getUTCDay()] ?? "MONDAY";
}
