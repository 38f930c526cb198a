import { describe, expect, it } from "vitest";
import { workCalendar } from "../../../src/core/approvals/calendar";
import { DEFAULT_RECURRING, recurringSettings, recurringTasks } from "../../../src/core/close/recurring";
import { HOLIDAYS } from "../approvals/fixtures";

const calendar = workCalendar("Asia/Shanghai", HOLIDAYS);
const due = (today: string, values: Record<string, unknown> = {}): string[][] => recurringTasks(today, calendar, recurringSettings(values)).map((t) => [t.rule, t.id, t.ownerRole, t.dueOn]);

describe("WF-20 / WF-16.1 recurring reviews and meetings, once per period", () => {
  it("WF-20 / WF-16.1: by default a quarterly process review for the Marketing Manager and a weekly department meeting for the Director, due on the period's last working day", () => {
    expect(recurringSettings({})).toEqual(DEFAULT_RECURRING);
    expect(due("2026-11-04")).toEqual([
      ["WF-20", "WF20-2026-Q4", "mkt_manager", "2026-12-31"],
      ["WF-16.1", "WF16-2026-W45", "director", "2026-11-06"],
    ]);
    // National Day week (1-7 Oct holidays): the week's meeting falls due on its last working day, Wed 30 Sep.
    expect(due("2026-09-30")[1]).toEqual(["WF-16.1", "WF16-2026-W40", "director", "2026-09-30"]);
  });

  it("PROCESS_REVIEW_CADENCE (WF-20, AMB-56): HALF_YEARLY makes the review due at the half-year's end", () => {
    expect(due("2026-11-04", { PROCESS_REVIEW_CADENCE: "HALF_YEARLY" })[0]).toEqual(["WF-20", "WF20-2026-H2", "mkt_manager", "2026-12-31"]);
    expect(due("2026-02-10", { PROCESS_REVIEW_CADENCE: "half_yearly" })[0]).toEqual(["WF-20", "WF20-2026-H1", "mkt_manager", "2026-06-30"]);
    expect(due("2026-02-10")[0]).toEqual(["WF-20", "WF20-2026-Q1", "mkt_manager", "2026-03-31"]);
  });

  it("DEPT_MEETING_CADENCE (WF-16.1, AMB-54): BIWEEKLY pairs ISO weeks, MONTHLY is due on the month's last working day", () => {
    expect(due("2026-11-04", { DEPT_MEETING_CADENCE: "BIWEEKLY" })[1]).toEqual(["WF-16.1", "WF16-2026-W45-46", "director", "2026-11-13"]);
    expect(due("2026-11-11", { DEPT_MEETING_CADENCE: "BIWEEKLY" })[1]).toEqual(["WF-16.1", "WF16-2026-W45-46", "director", "2026-11-13"]);
    expect(due("2026-11-04", { DEPT_MEETING_CADENCE: "MONTHLY" })[1]).toEqual(["WF-16.1", "WF16-2026-M11", "director", "2026-11-30"]);
    // An unknown cadence keeps the default.
    expect(due("2026-11-04", { DEPT_MEETING_CADENCE: "DAILY" })[1]?.[1]).toBe("WF16-2026-W45");
  });
});
