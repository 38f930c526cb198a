import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serialDayOf } from "../../../src/core/scoring/cells";
import { CUSTOMER_CLASSES } from "../../../src/core/scoring/customer-class";
import { visitStatus } from "../../../src/core/scoring/customer-visit-due";
import { CUSTOMER_FILE_STALE, CUSTOMER_LAST_ACTIVITY, CUSTOMER_VISIT_DUE } from "../../../src/gas/customFunctions";

/** Activities as the sheet's customer, date and type columns. */
function activities(list: readonly (readonly [string, string, string])[]): [unknown[][], unknown[][], unknown[][]] {
  return [list.map(([c]) => [c]), list.map(([, d]) => [d]), list.map(([, , t]) => [t])];
}

const LOG = activities([
  ["C-1", "2026-11-02", "onsite"],
  ["C-1", "2026-11-20", "phone"],
  ["C-1", "2026-11-25", "competitor_report"],
  ["C-2", "2026-10-01", "return_visit"],
  ["C-2", "2026-11-10", "file_update"],
  ["", "2026-11-28", "onsite"],
]);

describe("WF-12.3 last visit and KPI-10 file last updated, from Activities", () => {
  it("WF-12.3: the last on-site, phone or return visit per customer; blank when never visited (a trailing blank row is left off)", () => {
    const [customers, dates, types] = LOG;
    expect(CUSTOMER_LAST_ACTIVITY([["C-1"], ["c-2"], ["C-3"]], customers, dates, types, "onsite, phone, return_visit")).toEqual([
      [serialDayOf(2026, 11, 20)],
      [serialDayOf(2026, 10, 1)],
    ]);
  });

  it("KPI-10: the later of the file's own date and its latest file-update activity", () => {
    const [customers, dates, types] = LOG;
    const own = [["2026-11-01"], ["2026-11-01"], [""]];
    expect(CUSTOMER_LAST_ACTIVITY([["C-1"], ["C-2"], ["C-3"]], customers, dates, types, "file_update", own)).toEqual([[serialDayOf(2026, 11, 1)], [serialDayOf(2026, 11, 10)]]);
  });

  it("KPI-10 / KPI-44: the file's last update feeds CUSTOMER_FILE_STALE (reused): updated 10 Nov is fresh on 10 Dec, stale on 11 Dec", () => {
    const [customers, dates, types] = LOG;
    const last = CUSTOMER_LAST_ACTIVITY("C-2", customers, dates, types, "file_update", "2026-09-01") as number;
    expect(CUSTOMER_FILE_STALE(last, "2026-12-10")).toBe(false);
    expect(CUSTOMER_FILE_STALE(last, "2026-12-11")).toBe(true);
  });

  it("WF-12.3: names an unknown activity type and the Activities row of a bad date", () => {
    const [customers, dates, types] = LOG;
    expect(CUSTOMER_LAST_ACTIVITY("C-1", customers, dates, types, "visit")).toBe(
      '「visit」不是活动类型;可用:onsite, phone, return_visit, competitor_report, file_update, daily_report / "visit" is not an activity type; use onsite, phone, return_visit, competitor_report, file_update, daily_report',
    );
    const [c, , t] = LOG;
    const badDates = [["2026-11-02"], ["20.11."], ["2026-11-25"], ["2026-10-01"], ["2026-11-10"], ["2026-11-28"]];
    expect(CUSTOMER_LAST_ACTIVITY("C-1", c, badDates, t, "phone")).toBe('拜访与竞品表第3行:活动日期须为日期(现为「20.11.」) / Activities row 3: activity date must be a date (got "20.11.")');
  });
});

describe("WF-12.3 / AMB-58 visit frequency per class (CUSTOMER_VISIT_DUE)", () => {
  it("WF-12.3 AMB-58: a loyal customer visited 1 Nov is on schedule until 15 Nov, overdue by 1 day on 16 Nov", () => {
    expect(CUSTOMER_VISIT_DUE("忠诚客户 Loyal", "2026-11-01", "2026-11-15")).toBe("按期:每14天一次,下次最迟 2026-11-15 / On schedule: every 14 days, next by 2026-11-15");
    expect(CUSTOMER_VISIT_DUE("loyal", "2026-11-01", "2026-11-16")).toBe("逾期 1 天:忠诚客户每14天须拜访一次 / Overdue by 1 day(s): loyal customers are visited every 14 days");
    expect(CUSTOMER_VISIT_DUE("潜在客户 Potential", "", "2026-11-16")).toBe("从未拜访:潜在客户每30天须拜访一次 / Never visited: potential customers are visited every 30 days");
  });

  it("AMB-58: CUSTOMER_VISIT_DAYS on Settings changes the interval; a bad list or class says what to fix", () => {
    expect(CUSTOMER_VISIT_DUE("loose", "2026-10-01", "2026-11-16")).toContain("On schedule: every 60 days");
    expect(CUSTOMER_VISIT_DUE("loose", "2026-10-01", "2026-11-16", "loyal:7; close:14; loose:30; potential:14")).toContain("Overdue by 16 day(s)");
    expect(CUSTOMER_VISIT_DUE("loose", "2026-10-01", "2026-11-16", "loyal:7; close:14")).toContain("loose, potential missing");
    expect(CUSTOMER_VISIT_DUE("VIP", "2026-10-01", "2026-11-16")).toBe('「VIP」不是客户分类(忠诚、紧密型、松散型、潜在) / "VIP" is not a customer class (loyal, close, loose, potential)');
  });

  it("WF-12.3 property: for every class, overdue exactly when more days than the class's interval have passed since the last visit", () => {
    const setting = [["loyal", 14], ["close", 30], ["loose", 60], ["potential", 30]] as const;
    fc.assert(
      fc.property(fc.constantFrom(...CUSTOMER_CLASSES), fc.integer({ min: 40_000, max: 50_000 }), fc.nat(200), (c, last, gap) => {
        const status = visitStatus(c, last, last + gap, setting);
        const days = setting.find(([n]) => n === c)?.[1] ?? 0;
        expect(status.kind).toBe(gap > days ? "overdue" : "on_schedule");
        if (status.kind === "overdue") expect(status.late).toBe(gap - days);
      }),
    );
  });
});
