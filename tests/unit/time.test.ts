import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CUSTOMER_FILE_STALE, LATE_COLLECTION_DEDUCTION } from "../../src/gas/customFunctions";
import { dayKey, fromSerial, fromWallClock, toSerial, wallClock, zoneOffsetMs } from "../../src/core/time";

/** The simple definition: the wall clock as Intl shows it, for every instant. */
function intlWallClock(epochMs: number, timeZone: string): number[] {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(epochMs));
  const f = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return [f("year"), f("month"), f("day"), f("hour"), f("minute"), f("second")];
}

const ZONES = ["Asia/Shanghai", "Asia/Tokyo", "UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Pacific/Apia"];

describe("time: one date converter, Intl once per zone and day, not once per cell", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("CUSTOMER_FILE_STALE over 10,000 date rows does not call Intl for each row (issue 10 §3: 75 % of its time was Intl)", () => {
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    const day = Date.parse("2026-01-05T09:00:00+08:00");
    const rows = Array.from({ length: 10_000 }, (_, i) => [new Date(day + (i % 300) * 86_400_000)]);
    const result = CUSTOMER_FILE_STALE(rows, new Date(Date.parse("2026-11-02T00:00:00+08:00"))) as unknown[][];
    expect(result).toHaveLength(10_000);
    expect(result[0]).toEqual([true]);
    // At most a few conversions per distinct day of the inputs (300 days here), never one per row.
    expect(spy.mock.calls.length).toBeLessThan(1_000);
  });

  it("LATE_COLLECTION_DEDUCTION over 10,000 rows of two date columns does not call Intl for each row", () => {
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    const day = Date.parse("2026-03-01T10:00:00+08:00");
    const shipped = Array.from({ length: 10_000 }, (_, i) => [new Date(day + (i % 100) * 86_400_000)]);
    const collected = shipped.map(([d]) => [new Date((d as Date).getTime() + 35 * 86_400_000)]);
    const result = LATE_COLLECTION_DEDUCTION(shipped, collected, new Date(day + 400 * 86_400_000)) as unknown[][];
    expect(result[0]).toEqual([-5]);
    expect(spy.mock.calls.length).toBeLessThan(1_000);
  });

  it("shows the same wall clock as Intl at any instant in zones with DST, half-hour and 45-minute offsets, and a skipped day", () => {
    const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (ms, zone) => {
        const w = wallClock(ms, zone);
        expect([w.year, w.month, w.day, w.hour, w.minute, w.second]).toEqual(intlWallClock(ms, zone));
      }),
      { numRuns: 2_000 },
    );
  });

  it("is exact on both sides of a daylight-saving change, to the millisecond", () => {
    // New York springs forward at 2026-03-08 07:00 UTC and falls back at 2026-11-01 06:00 UTC.
    for (const change of [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)]) {
      for (const delta of [-3_600_000, -1, 0, 1, 3_600_000]) {
        const w = wallClock(change + delta, "America/New_York");
        expect([w.year, w.month, w.day, w.hour, w.minute, w.second]).toEqual(intlWallClock(change + delta, "America/New_York"));
      }
    }
    expect(zoneOffsetMs(Date.UTC(2026, 2, 8, 7) - 1, "America/New_York")).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 2, 8, 7), "America/New_York")).toBe(-4 * 3_600_000);
  });

  it("keeps its round trips: serial ↔ instant and wall clock ↔ instant", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2080, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
        const w = wallClock(ms, zone);
        const back = fromWallClock(w, zone);
        // A wall time shown twice (the hour after a fall-back) maps to one of its two instants.
        expect(wallClock(back, zone)).toEqual(w);
        expect(fromSerial(toSerial(ms, zone), zone)).toBe(back);
      }),
      { numRuns: 1_000 },
    );
    expect(dayKey(Date.parse("2026-10-31T16:30:00Z"), "Asia/Shanghai")).toBe("2026-11-01");
  });

  it("still refuses a zone that does not exist", () => {
    expect(() => wallClock(0, "Mars/Olympus")).toThrow(RangeError);
  });
});
