/**
 * CSV import in the core (issue 9 §2; spec WF-12, KPI-07..10, SC-09..11): rows by header in
 * either language or by key, every row validated with a message naming file, row, column and
 * sheet in both languages, and row keys that make a second import of the same file change nothing.
 */
import { describe, expect, it } from "vitest";
import { dayOf, driveFileIdOf, importFingerprint, numberOf, periodOf, planImport, rowKey } from "../../../src/core/imports/csv-import";
import type { ImportInput } from "../../../src/core/imports/csv-import";
import type { TableRow } from "../../../src/core/templates/table";

const refs = {
  people: [{ email: "kong.linghui@example.com" }, { email: "feng.lina@example.com" }],
  regions: [{ code: "EAST", name_zh: "华东", name_en: "East" }, { code: "SOUTH", name_zh: "华南", name_en: "South" }],
  customers: [{ id: "C-EAST-01" }, { id: "C-EAST-02" }],
};

const actuals = (csv: string[][], existing: TableRow[] = []): ImportInput => ({ table: "actuals", fileName: "actuals.csv", csv, existing, ...refs });
const activities = (csv: string[][], existing: TableRow[] = []): ImportInput => ({ table: "activities", fileName: "activities.csv", csv, existing, ...refs });

const ACTUALS_HEADER = ["月份 / Month", "Region", "person_email", "指标", "Amount", "退货退款 / Return refunds"];

/** The rows an import would leave in the sheet, numbered from row 2 (to import a second time against). */
function asSheet(plan: ReturnType<typeof planImport>, first = 2): TableRow[] {
  return plan.add.map((a, i) => ({ row: first + i, values: a.values, extra: {} }));
}

describe("reading a CSV by header", () => {
  it("takes bilingual headers, either language and column keys, and choices by value or label", () => {
    const plan = planImport(actuals([ACTUALS_HEADER, ["2026/8", "华东", "Kong.Linghui@example.com", "销售额", "12,345.50", ""]]));
    expect(plan.problems).toEqual([]);
    expect(plan.refused).toEqual([]);
    expect(plan.add).toHaveLength(1);
    expect(plan.add[0]?.values).toEqual({ period: "2026-08", region: "EAST", person_email: "kong.linghui@example.com", metric: "sales", amount: 12345.5, refunds: null, source: "import" });
  });

  it("strips a byte-order mark from the first header and skips blank lines", () => {
    const plan = planImport(actuals([["\uFEFFMonth", "Region", "Person", "Metric", "Amount"], ["", "", "", "", ""], ["2026-08", "EAST", "", "collections", "100"]]));
    expect(plan.problems).toEqual([]);
    expect(plan.add.map((a) => a.line)).toEqual([3]);
  });

  it("a missing required column stops the file with a message naming the column, in both languages", () => {
    const plan = planImport(actuals([["Month", "Region", "Metric"], ["2026-08", "EAST", "sales"]]));
    expect(plan.add).toEqual([]);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]?.zh).toContain("缺少必填列「实绩值 / Amount」");
    expect(plan.problems[0]?.en).toContain('the required column "实绩值 / Amount" is missing');
    expect(plan.problems[0]?.en).toContain('file "actuals.csv"');
  });

  it("lists columns it does not import: the user's own and computed ones", () => {
    const plan = planImport(actuals([[...ACTUALS_HEADER, "Product", "匹配键 / Lookup key"], ["2026-08", "EAST", "", "sales", "1", "", "P1", "x"]]));
    expect(plan.ignoredColumns).toEqual(["Product", "匹配键 / Lookup key"]);
    expect(plan.add[0]?.values).not.toHaveProperty("key");
  });
});

describe("validation on entry: a bad row is refused with sheet, row and column, never dropped", () => {
  it("names the file row, the column as the file heads it, and the sheet, in Chinese and English", () => {
    const plan = planImport(actuals([ACTUALS_HEADER, ["2026-08", "EAST", "nobody@example.com", "sales", "abc", ""]]));
    expect(plan.add).toEqual([]);
    expect(plan.refused.map((r) => [r.line, r.column])).toEqual([
      [2, "person_email"],
      [2, "Amount"],
    ]);
    const amount = plan.refused[1];
    expect(amount?.text.zh).toBe("文件「actuals.csv」第 2 行,列「Amount」(导入「实绩 Actuals」):「abc」不是数字");
    expect(amount?.text.en).toBe('file "actuals.csv" row 2, column "Amount" (importing into "实绩 Actuals"): "abc" is not a number');
    expect(plan.refused[0]?.text.en).toContain('person "nobody@example.com" is not in the People sheet');
  });

  it("refuses a month, region or metric it cannot read, and a negative amount", () => {
    const plan = planImport(actuals([ACTUALS_HEADER, ["2026-13", "MARS", "", "profit", "-5", ""]]));
    expect(plan.refused.map((r) => r.column)).toEqual(["月份 / Month", "Region", "指标", "Amount"]);
    expect(plan.refused[2]?.text.en).toContain("use sales, sales_volume, collections, new_customers, expenses");
  });

  it("SC-10: return refunds belong on the collections row, where they are deducted", () => {
    const plan = planImport(actuals([ACTUALS_HEADER, ["2026-08", "EAST", "", "sales", "100", "20"], ["2026-08", "EAST", "", "collections", "100", "20"]]));
    expect(plan.refused.map((r) => [r.line, r.column])).toEqual([[2, "退货退款 / Return refunds"]]);
    expect(plan.refused[0]?.reason.en).toContain("SC-10");
    expect(plan.add.map((a) => a.line)).toEqual([3]);
  });

  it("KPI-08: a count of new customers is a whole number", () => {
    const plan = planImport(actuals([ACTUALS_HEADER, ["2026-08", "EAST", "kong.linghui@example.com", "new_customers", "1.5", ""]]));
    expect(plan.refused[0]?.column).toBe("Amount");
    expect(plan.refused[0]?.reason.en).toContain("whole number");
  });

  it("KPI-07: a visit names a customer in Customers; KPI-09: a competitor report names the brand", () => {
    const plan = planImport(
      activities([
        ["Record ID", "日期", "Person", "Customer", "Type", "Competitor brand"],
        ["A-1", "2026-08-03", "kong.linghui@example.com", "", "onsite", ""],
        ["A-2", "2026-08-03", "kong.linghui@example.com", "C-NOPE", "phone", ""],
        ["A-3", "2026-08-03", "kong.linghui@example.com", "", "竞品信息", ""],
        ["A-4", "2026-02-30", "kong.linghui@example.com", "C-EAST-01", "电话拜访", ""],
        ["A-5", "2026/8/4", "kong.linghui@example.com", "c-east-01", "Phone visit", ""],
      ]),
    );
    expect(plan.refused.map((r) => [r.line, r.column])).toEqual([
      [2, "Customer"],
      [3, "Customer"],
      [4, "Competitor brand"],
      [5, "日期"],
    ]);
    expect(plan.refused[0]?.reason.en).toContain("KPI-07");
    expect(plan.refused[2]?.reason.zh).toContain("KPI-09");
    expect(plan.add.map((a) => a.values)).toEqual([{ id: "A-5", date: "2026-08-04", person_email: "kong.linghui@example.com", customer_id: "C-EAST-01", type: "phone", competitor_brand: null }]);
  });

  it("a row repeating an earlier row's key is refused, naming that row", () => {
    const plan = planImport(actuals([ACTUALS_HEADER, ["2026-08", "EAST", "", "sales", "1", ""], ["2026-8", "east", "", "sales", "2", ""]]));
    expect(plan.add).toHaveLength(1);
    expect(plan.refused[0]?.line).toBe(3);
    expect(plan.refused[0]?.text.en).toContain("the same record as row 2 of the file (same month, region, person and metric)");
  });
});

describe("row keys: importing again changes nothing, a changed row is an update", () => {
  it("rowKey: Actuals by month#region#person#metric, Activities by record ID", () => {
    expect(rowKey("actuals", { period: "2026-08", region: "east", person_email: "Kong.Linghui@example.com", metric: "sales" })).toBe("2026-08#EAST#kong.linghui@example.com#sales");
    expect(rowKey("activities", { id: " A-1 ", date: "2026-08-03" })).toBe("A-1");
  });

  it("the same file against the sheet it produced: nothing to add or change", () => {
    const csv = [ACTUALS_HEADER, ["2026-08", "EAST", "kong.linghui@example.com", "sales", "100", ""], ["2026-08", "EAST", "kong.linghui@example.com", "collections", "90", "5"]];
    const first = planImport(actuals(csv));
    expect(first.add).toHaveLength(2);
    const second = planImport(actuals(csv, asSheet(first)));
    expect([second.add.length, second.change.length, second.unchanged]).toEqual([0, 0, 2]);
  });

  it("a changed amount updates the row already there, only the columns that differ", () => {
    const csv = [ACTUALS_HEADER, ["2026-08", "EAST", "kong.linghui@example.com", "sales", "100", ""]];
    const sheet = asSheet(planImport(actuals(csv)), 7);
    const plan = planImport(actuals([ACTUALS_HEADER, ["2026-08", "EAST", "kong.linghui@example.com", "sales", "120", ""]], sheet));
    expect(plan.add).toEqual([]);
    expect(plan.change).toEqual([{ line: 2, key: "2026-08#EAST#kong.linghui@example.com#sales", row: 7, values: { amount: 120 }, before: { amount: 100 } }]);
  });

  it("an update of a row typed by hand marks it as imported", () => {
    const sheet: TableRow[] = [{ row: 2, values: { period: "2026-08", region: "EAST", person_email: "", metric: "sales", amount: 5, refunds: null, source: "manual" }, extra: {} }];
    const plan = planImport(actuals([ACTUALS_HEADER, ["2026-08", "EAST", "", "sales", "6", ""]], sheet));
    expect(plan.change[0]?.values).toEqual({ amount: 6, source: "import" });
  });

  it("the fingerprint differs when the file or the sheet does", () => {
    const csv = [ACTUALS_HEADER, ["2026-08", "EAST", "", "sales", "1", ""]];
    const a = importFingerprint(planImport(actuals(csv)));
    expect(importFingerprint(planImport(actuals(csv)))).toBe(a);
    expect(importFingerprint(planImport(actuals([ACTUALS_HEADER, ["2026-08", "EAST", "", "sales", "2", ""]])))).not.toBe(a);
  });
});

describe("values as a sales system writes them", () => {
  it("numbers, months, days and Drive file ids", () => {
    expect([numberOf("12,345.50"), numberOf("¥1,000"), numberOf("1,2"), numberOf("7")]).toEqual([12345.5, 1000, null, 7]);
    expect([periodOf("2026-8"), periodOf("2026年10月"), periodOf("2026-13"), periodOf("10/2026")]).toEqual(["2026-08", "2026-10", null, null]);
    expect([dayOf("2026/8/4"), dayOf("2026年8月4日"), dayOf("2026-02-29"), dayOf("2028-02-29"), dayOf("2026/8/4 0:00"), dayOf("2026/8/4 x")]).toEqual(["2026-08-04", "2026-08-04", null, "2028-02-29", "2026-08-04", null]);
    expect(driveFileIdOf("https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp_q-r/view?usp=sharing")).toBe("1AbCdEfGhIjKlMnOp_q-r");
    expect(driveFileIdOf("https://drive.google.com/open?id=1AbCdEfGhIjKl")).toBe("1AbCdEfGhIjKl");
    expect(driveFileIdOf(" 1AbCdEfGhIjKl ")).toBe("1AbCdEfGhIjKl");
    expect(driveFileIdOf("actuals.csv")).toBeNull();
  });
});

describe("SC-10 / AMB-11 Finance's booking day counts toward a month by COLLECTION_CUTOFF", () => {
  const booked = (day: string, metric = "collections"): string[][] => [ACTUALS_HEADER, [day, "EAST", "", metric, "1000", ""]];

  it("COLLECTION_CUTOFF (SC-10): LAST_DAY (the default) counts 31 Oct and 28 Feb in their own month", () => {
    expect(planImport(actuals(booked("2026-10-31"))).add[0]?.values.period).toBe("2026-10");
    expect(planImport({ ...actuals(booked("2027/2/28")), collectionCutoff: "LAST_DAY" }).add[0]?.values.period).toBe("2027-02");
  });

  it("COLLECTION_CUTOFF (SC-10): DAY_30 closes the month on the 30th, so a booking on the 31st counts toward the next month (31 Dec → January)", () => {
    const day30 = (csv: string[][]): ReturnType<typeof planImport> => planImport({ ...actuals(csv), collectionCutoff: "day_30" });
    expect(day30(booked("2026-10-31")).add[0]?.values.period).toBe("2026-11");
    expect(day30(booked("2026-12-31")).add[0]?.values.period).toBe("2027-01");
    expect(day30(booked("2026-10-30")).add[0]?.values.period).toBe("2026-10");
    expect(day30(booked("2027-02-28")).add[0]?.values.period).toBe("2027-02");
    // The cut-off is the collections' (SC-10): a sales row dated the 31st stays in its month.
    expect(day30(booked("2026-10-31", "sales")).add[0]?.values.period).toBe("2026-10");
    // The day's month is the row's key, so the same booking imported again changes nothing.
    const first = day30(booked("2026-10-31"));
    expect(day30(booked("2026-10-31")).add).toHaveLength(1);
    expect(planImport({ ...actuals(booked("2026-10-31"), asSheet(first)), collectionCutoff: "DAY_30" }).unchanged).toBe(1);
  });

  it("COLLECTION_CUTOFF (SC-10): a value that is no cut-off stops the file, naming the Settings key and the choices", () => {
    const plan = planImport({ ...actuals(booked("2026-10-31")), collectionCutoff: "MONTH_END" });
    expect(plan.add).toEqual([]);
    expect(plan.problems[0]?.en).toContain("COLLECTION_CUTOFF");
    expect(plan.problems[0]?.en).toContain("LAST_DAY, DAY_30");
  });
});
