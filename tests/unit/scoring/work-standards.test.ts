import { describe, expect, it } from "vitest";
import {
  ACTIVITY_COUNT,
  BOARDS_LATE,
  DAILY_REPORTS_ON_TIME,
  NEW_CUSTOMERS,
  REGION_ACTIVITY_COUNT,
  STALE_FILES,
  WEEKLY_FEWEST,
  WORK_STANDARD_PEOPLE,
  WORKING_DAYS,
} from "../../../src/gas/customFunctions";
import { fewestInWeek, isoWeeksOf, readDueTime, tallyActivities } from "../../../src/core/scoring/work-standards";
import { monthSpan } from "../../../src/core/scoring/working-days";
import { sheetTemplate } from "../../../src/core/templates/catalog";

/** Midnight of a calendar day in Shanghai, as Sheets hands a date cell to a custom function. */
const day = (iso: string): Date => new Date(`${iso}T00:00:00+08:00`);
const at = (iso: string, time: string): Date => new Date(`${iso}T${time}:00+08:00`);
const col = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);

const SALES = "kong.linghui@example.com";
const OTHER = "yan.feng@example.com";
const ARTIST = "jiang.yifan@example.com";
const HEAD = "feng.lina@example.com";
const peopleEmails = col([SALES, OTHER, ARTIST, HEAD]);
const peopleRoles = col(["sales", "sales", "artist", "cust_head"]);

/** The 2026 Holidays rows as the template seeds them. */
const holidays = sheetTemplate("holidays").seedRows ?? [];
const holidayDates = col(holidays.map((r) => day(String(r.values.date))));
const holidayKinds = col(holidays.map((r) => r.values.kind));

interface Act {
  readonly date: Date;
  readonly person: string;
  readonly type: string;
  readonly customer?: string;
  readonly reportedAt?: Date;
}

function table(rows: readonly Act[]): { dates: unknown[][]; persons: unknown[][]; types: unknown[][]; customers: unknown[][]; reported: unknown[][] } {
  return {
    dates: col(rows.map((r) => r.date)),
    persons: col(rows.map((r) => r.person)),
    types: col(rows.map((r) => r.type)),
    customers: col(rows.map((r) => r.customer ?? "")),
    reported: col(rows.map((r) => r.reportedAt ?? "")),
  };
}

/** `n` rows of `type` for `person` on `iso`, to customers `prefix-1` … `prefix-n`. */
const visits = (iso: string, person: string, type: string, n: number, prefix = "C"): Act[] =>
  Array.from({ length: n }, (_, i) => ({ date: day(iso), person, type, customer: `${prefix}-${i + 1}` }));

describe("ISO weeks of a month (KPI-07, KPI-09, AMB-49)", () => {
  it("are the weeks whose Thursday falls in the month: October 2026 runs from Monday 28 September to Sunday 1 November", () => {
    const weeks = isoWeeksOf(monthSpan(2026, 10));
    expect(weeks).toHaveLength(5);
    const oct = monthSpan(2026, 10);
    expect(weeks[0]).toBe(oct.first - 3);
    expect((weeks[4] ?? 0) + 6).toBe(oct.last + 1);
  });
});

describe("KPI-07 weekly visits: the fewest distinct customers in any ISO week (seed 003 L123, AMB-49)", () => {
  // Week of 5 October: 9 on-site; of 12 October: 8 (the 9th is a repeat of a customer); others: 8 each.
  const rows: Act[] = [
    ...visits("2026-09-29", SALES, "onsite", 8),
    ...visits("2026-10-09", SALES, "onsite", 9),
    ...visits("2026-10-13", SALES, "onsite", 8),
    { date: day("2026-10-14"), person: SALES, type: "onsite", customer: "C-1" },
    ...visits("2026-10-20", SALES, "onsite", 8),
    ...visits("2026-10-27", SALES, "onsite", 8),
    ...visits("2026-10-27", SALES, "phone", 20),
    ...visits("2026-10-28", SALES, "return_visit", 5, "R"),
    { date: day("2026-10-28"), person: SALES, type: "phone" },
    { date: day("2026-10-28"), person: SALES, type: "phone" },
    ...visits("2026-10-27", ARTIST, "onsite", 3),
  ];
  const t = table(rows);
  const fewest = (kind: string): unknown => WEEKLY_FEWEST(col([SALES, OTHER, ARTIST]), "2026-10", kind, peopleEmails, peopleRoles, t.dates, t.persons, t.types, t.customers);

  it("counts distinct customers per week and takes the weakest week; a post without the standard is blank", () => {
    expect(fewest("onsite")).toEqual([[8], [0]]);
  });

  it("counts return visits with phone visits; a visit without a customer does not count (it cannot be told apart)", () => {
    const tally = tallyActivities(
      rows.map((r) => ({ person: r.person, day: Math.floor((r.date.getTime() + 8 * 3_600_000) / 86_400_000) + 25_569, type: r.type, customer: r.customer ?? "", reportedAt: null })),
      monthSpan(2026, 10),
    );
    expect(fewestInWeek(tally.get(SALES), monthSpan(2026, 10), "phone")).toBe(0);
    const lastWeek = isoWeeksOf(monthSpan(2026, 10))[4] ?? 0;
    expect(tally.get(SALES)?.weeks.get(lastWeek)?.phone.size).toBe(25);
    expect(tally.get(SALES)?.weeks.get(lastWeek)?.rows).toBe(8 + 20 + 5 + 2);
    expect(fewest("phone")).toEqual([[0], [0]]);
  });

  it("a week outside the month's ISO weeks does not count, and a bad kind says what to use", () => {
    const late = table(visits("2026-11-02", SALES, "onsite", 9));
    expect(WEEKLY_FEWEST(SALES, "2026-10", "onsite", peopleEmails, peopleRoles, late.dates, late.persons, late.types, late.customers)).toBe(0);
    expect(WEEKLY_FEWEST(SALES, "2026-10", "visits", peopleEmails, peopleRoles, t.dates, t.persons, t.types, t.customers)).toBe(
      '统计类型须为 onsite(上门)、phone(电话)或 competitor_report(竞品信息)(现为「visits」) / the kind must be onsite, phone or competitor_report (got "visits")',
    );
    expect(WEEKLY_FEWEST(SALES, "October", "onsite", peopleEmails, peopleRoles, t.dates, t.persons, t.types, t.customers)).toBe(
      '月份须为月份,如 2026-10(现为「October」) / month must be a month such as 2026-10 (got "October")',
    );
  });
});

describe("KPI-09, KPI-38 competitor reports a rep supplies: the fewest in any ISO week (seed 003 L125)", () => {
  it("counts reports, not customers", () => {
    const rows = [
      ...[0, 1].flatMap((w) => [{ date: day(`2026-10-${12 + 7 * w}`), person: SALES, type: "competitor_report" }, { date: day(`2026-10-${13 + 7 * w}`), person: SALES, type: "competitor_report" }]),
    ];
    const t = table(rows);
    expect(WEEKLY_FEWEST(SALES, "2026-10", "competitor_report", peopleEmails, peopleRoles, t.dates, t.persons, t.types, t.customers)).toBe(0);
    const full = table(
      isoWeeksOf(monthSpan(2026, 10)).flatMap((_, w) => [0, 1].map((k) => ({ date: day(new Date(Date.UTC(2026, 8, 28 + 7 * w + k)).toISOString().slice(0, 10)), person: SALES, type: "competitor_report" }))),
    );
    expect(WEEKLY_FEWEST(SALES, "2026-10", "competitor_report", peopleEmails, peopleRoles, full.dates, full.persons, full.types, full.customers)).toBe(2);
  });
});

describe("KPI-08 new customers a month, from Actuals as the monthly report counts them", () => {
  it("adds the person's new_customers actuals of the month", () => {
    const got = NEW_CUSTOMERS(
      col([SALES, OTHER, ARTIST]),
      "2026-10",
      peopleEmails,
      peopleRoles,
      col(["2026-10", "2026-10", "2026-09", "2026-10"]),
      col([SALES, SALES, SALES, OTHER]),
      col(["new_customers", "sales", "new_customers", "new_customers"]),
      col([1, 50_000, 3, 0]),
    );
    expect(got).toEqual([[1], [0]]);
  });
});

describe("KPI-10 customer files: stale on the as-of day unless updated within KPI_FILE_UPDATE_MONTHS (seed 003 L126, KPI-55)", () => {
  const ids = col(["C-1", "C-2", "C-3", "C-4", "C-5"]);
  const owners = col([SALES, SALES, SALES, SALES, HEAD]);
  const updated = col([day("2026-10-02"), day("2026-08-31"), day("2026-08-15"), "", day("2026-01-01")]);
  const statuses = col(["active", "active", "lost", "active", "active"]);
  const acts = table([
    { date: day("2026-10-20"), person: SALES, type: "file_update", customer: "C-2" },
    { date: day("2026-11-05"), person: SALES, type: "file_update", customer: "C-4" },
  ]);
  const stale = (asOf: Date): unknown =>
    STALE_FILES(col([SALES, HEAD, ARTIST]), asOf, peopleEmails, peopleRoles, ids, owners, updated, statuses, acts.dates, acts.types, acts.customers);

  it("a file_update activity counts as updating the file; a lost customer does not count; a file never updated is stale", () => {
    // C-1 current, C-2 updated by the activity on 20 October, C-3 lost, C-4 never updated (its update comes after the as-of day).
    expect(stale(day("2026-10-31"))).toEqual([[1], [1]]);
  });

  it("gives the artist's row no count: the post has no file standard (trailing blank rows are left off)", () => {
    const got = stale(day("2026-10-31")) as unknown[][];
    expect(got.length).toBe(2);
    expect(ACTIVITY_COUNT(col([SALES, ARTIST]), "2026-10", "file_update", peopleEmails, peopleRoles, acts.dates, acts.persons, acts.types)).toEqual([[1]]);
  });
});

describe("RP-14 / AMB-75 daily reports: working days with a report in by DAILY_REPORT_DUE", () => {
  it("counts the Holidays sheet's working days: October 2026 has 18 (National Day off, Saturday 10 October worked)", () => {
    expect(WORKING_DAYS("2026-10", holidayDates, holidayKinds)).toBe(18);
    expect(WORKING_DAYS(col(["2026-10", "2026-11", ""]), holidayDates, holidayKinds)).toEqual([[18], [21]]);
    // Up to 9 October: the 8th and the 9th (1-7 October are National Day).
    expect(WORKING_DAYS("2026-10", holidayDates, holidayKinds, day("2026-10-09"))).toBe(2);
    expect(WORKING_DAYS("2026-10", col(["2026-10-10"]), col(["vacation"]))).toBe(
      '节假日表第2行的类型须为 holiday(放假)或 workday(调休上班)(现为「vacation」) / Holidays row 2: the kind must be holiday or workday (got "vacation")',
    );
  });

  const reports = table([
    { date: day("2026-10-08"), person: SALES, type: "daily_report", reportedAt: at("2026-10-08", "18:30") },
    { date: day("2026-10-09"), person: SALES, type: "daily_report", reportedAt: at("2026-10-10", "00:20") },
    { date: day("2026-10-10"), person: SALES, type: "daily_report" },
    { date: day("2026-10-11"), person: SALES, type: "daily_report", reportedAt: at("2026-10-11", "10:00") },
    { date: day("2026-10-09"), person: OTHER, type: "daily_report", reportedAt: at("2026-10-09", "21:00") },
  ]);
  const onTime = (due?: unknown): unknown =>
    DAILY_REPORTS_ON_TIME(col([SALES, OTHER, ARTIST]), "2026-10", day("2026-10-11"), peopleEmails, peopleRoles, reports.dates, reports.persons, reports.types, reports.reported, holidayDates, holidayKinds, due);

  it("a report after the due time is late, a report typed without a time counts by its date, a Sunday report is not a working day", () => {
    expect(onTime()).toEqual([[2], [1]]);
  });

  it("reads DAILY_REPORT_DUE from Settings: 20:00 makes the 21:00 report late", () => {
    expect(onTime("20:00")).toEqual([[2], [0]]);
    expect(onTime("8pm")).toBe('日报截止时间 DAILY_REPORT_DUE须为时刻,如 23:59(现为「8pm」) / daily report due time DAILY_REPORT_DUE must be a time of day such as 23:59 (got "8pm")');
    expect(readDueTime(0.75, "Asia/Shanghai")).toBe(18 * 60);
  });
});

describe("KPI-17 ad boards back the day after the promotion ends (seed 003 L135)", () => {
  const ends = col([day("2026-10-12"), day("2026-10-20"), day("2026-10-29"), day("2026-09-30"), day("2026-10-30")]);
  const back = col([day("2026-10-13"), day("2026-10-23"), "", "", ""]);
  it("counts promotions ended in the month whose boards came back late or are still out past the allowance; shown for the artist only", () => {
    expect(BOARDS_LATE(col([ARTIST, SALES]), "2026-10", day("2026-10-31"), peopleEmails, peopleRoles, ends, back)).toEqual([[2]]);
    expect(BOARDS_LATE(ARTIST, "2026-10", day("2026-10-31"), peopleEmails, peopleRoles, ends, back, 2)).toBe(1);
  });

  it("is blank in a month in which no promotion ended", () => {
    expect(BOARDS_LATE(ARTIST, "2026-08", day("2026-08-31"), peopleEmails, peopleRoles, ends, back)).toBe("");
  });
});

describe("The people the Work standards sheet judges (KPI-07..10, KPI-17, KPI-55)", () => {
  it("lists active people whose post has standards, in People order, with the post's label", () => {
    const got = WORK_STANDARD_PEOPLE(col(["孔令辉", "孙立新", "蒋一帆", "离职者"]), col([SALES, "sun.lixin@example.com", ARTIST, "gone@example.com"]), col(["sales", "director", "artist", "sales"]), col([true, true, "", false]));
    expect(got).toEqual([
      ["孔令辉", SALES, "销售人员 / Sales Rep"],
      ["蒋一帆", ARTIST, "美工 / Artist"],
    ]);
  });
});

describe("KPI-07 REGION_ACTIVITY_COUNT: the Dashboard's visits per region in one pass over Activities", () => {
  const regions = col(["east", "south", "south", "east"]);
  const acts = table([
    ...visits("2026-10-05", SALES, "onsite", 3),
    ...visits("2026-10-06", SALES, "phone", 2),
    ...visits("2026-10-07", OTHER, "onsite", 4),
    ...visits("2026-10-08", HEAD, "competitor_report", 5),
    ...visits("2026-09-30", SALES, "onsite", 7),
    ...visits("2026-11-01", ARTIST, "phone", 1),
    { date: day("2026-10-09"), person: "nobody@example.com", type: "onsite" },
  ]);
  const count = (region: unknown, types = "onsite, phone"): unknown =>
    REGION_ACTIVITY_COUNT(region, "2026-10", types, peopleEmails, regions, acts.dates, acts.persons, acts.types);

  it("counts the listed types of the calendar month by each region's people, blank regions blank, a region without rows 0", () => {
    expect(count(col(["east", "south", "", "west"]))).toEqual([[5], [4], [""], [0]]);
    expect(count("east", "onsite")).toBe(3);
  });

  it("refuses a type Activities does not have, naming the types it has", () => {
    expect(String(count("east", "onsite, visit"))).toMatch(/visit.*onsite/);
  });
});
