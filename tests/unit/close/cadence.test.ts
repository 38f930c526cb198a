import { describe, expect, it } from "vitest";
import { workCalendar } from "../../../src/core/approvals/calendar";
import type { HolidayRow } from "../../../src/core/approvals/calendar";
import { cadenceSettings, cadenceToday, DEFAULT_CADENCE, dueDate, latestDueMonth, shiftMonth } from "../../../src/core/close/cadence";
import { fromWallClock } from "../../../src/core/time";

const ZONE = "Asia/Shanghai";
/** China's 2026 National Day week and the Saturday made a working day in exchange. */
const HOLIDAYS: HolidayRow[] = [
  ...["01", "02", "03", "04", "05", "06", "07"].map((d): HolidayRow => ({ date: `2026-10-${d}`, kind: "holiday" })),
  { date: "2026-10-10", kind: "workday" },
];
const cal = workCalendar(ZONE, HOLIDAYS);
const plain = workCalendar(ZONE);
const at = (day: string, hour = 8): number => {
  const [y, m, d] = day.split("-").map(Number);
  return fromWallClock({ year: y ?? 0, month: m ?? 0, day: d ?? 0, hour }, ZONE);
};

describe("SC-27 cadence: due days of the monthly close and publication", () => {
  it("SC-27: October closes on Thursday 5 November and publishes on Monday 9 November (the 7th is a Saturday)", () => {
    expect(dueDate(plain, "2026-10", 5)).toBe("2026-11-05");
    expect(dueDate(plain, "2026-10", 7)).toBe("2026-11-09");
  });

  it("SC-27: a due day on a Sunday moves to Monday (4 October 2026 is a Sunday)", () => {
    expect(dueDate(plain, "2026-09", 4)).toBe("2026-10-05");
  });

  it("SC-27 / AMB-37: a Holidays-sheet holiday moves the due day past the whole holiday", () => {
    expect(dueDate(cal, "2026-09", 5)).toBe("2026-10-08");
    expect(dueDate(cal, "2026-09", 7)).toBe("2026-10-08");
  });

  it("SC-27 / AMB-37: a make-up working day (调休上班) on a Saturday is a working day the due day may fall on", () => {
    const makeUp = workCalendar(ZONE, [{ date: "2026-11-07", kind: "workday" }]);
    expect(dueDate(makeUp, "2026-10", 7)).toBe("2026-11-07");
  });

  it("SC-27: the daily job closes on the close due day, publishes on the publication due day, and does nothing between", () => {
    expect(cadenceToday(at("2026-11-05"), plain, DEFAULT_CADENCE)).toEqual({ today: "2026-11-05", close: "2026-10", publish: null });
    expect(cadenceToday(at("2026-11-06"), plain, DEFAULT_CADENCE)).toEqual({ today: "2026-11-06", close: null, publish: null });
    expect(cadenceToday(at("2026-11-07"), plain, DEFAULT_CADENCE)).toEqual({ today: "2026-11-07", close: null, publish: null });
    expect(cadenceToday(at("2026-11-09"), plain, DEFAULT_CADENCE)).toEqual({ today: "2026-11-09", close: null, publish: "2026-10" });
  });

  it("SC-27: after the National Day holiday both September steps fall on 8 October", () => {
    expect(cadenceToday(at("2026-10-05"), cal, DEFAULT_CADENCE)).toEqual({ today: "2026-10-05", close: null, publish: null });
    expect(cadenceToday(at("2026-10-08"), cal, DEFAULT_CADENCE)).toEqual({ today: "2026-10-08", close: "2026-09", publish: "2026-09" });
  });

  it("SC-27: the day is the workbook zone's, not UTC's (23:30 UTC on 4 November is the 5th in Shanghai)", () => {
    expect(cadenceToday(Date.parse("2026-11-04T23:30:00Z"), plain, DEFAULT_CADENCE).close).toBe("2026-10");
  });

  it("SC-27: with no month named, the latest month whose due day has come", () => {
    expect(latestDueMonth(at("2026-11-04"), plain, 5)).toBe("2026-09");
    expect(latestDueMonth(at("2026-11-05"), plain, 5)).toBe("2026-10");
    expect(latestDueMonth(at("2027-01-20"), plain, 5)).toBe("2026-12");
  });

  it("SC-27: APPRAISAL_DUE_DAY, PUBLISH_DUE_DAY and MONTHLY_JOB_HOUR are read from Settings; blanks and nonsense mean the default", () => {
    expect(cadenceSettings({ APPRAISAL_DUE_DAY: "3", PUBLISH_DUE_DAY: 6, MONTHLY_JOB_HOUR: "7" })).toEqual({ appraisalDueDay: 3, publishDueDay: 6, jobHour: 7 });
    expect(cadenceSettings({ APPRAISAL_DUE_DAY: "", PUBLISH_DUE_DAY: "31", MONTHLY_JOB_HOUR: "noon" })).toEqual(DEFAULT_CADENCE);
  });

  it("months roll over the year", () => {
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
  });
});
