/**
 * Data-entry forms in the core (issue 9 §2; spec WF-12, WF-29, KPI-07..10, SC-09..11, RP-14): a
 * response becomes a row of Actuals or Activities and is validated by the CSV import's own reader
 * (planImport), with messages naming the responses sheet, row and column in both languages, and a
 * row key that makes the same response sent twice one row.
 */
import { describe, expect, it } from "vitest";
import { both } from "../../../src/core/i18n";
import { formItem, questionTitle } from "../../../src/core/approvals/questions";
import type { DataResponse } from "../../../src/core/imports/data-forms";
import { dataFormSpec, entryId, planDataEntry, responseAsImportRow } from "../../../src/core/imports/data-forms";
import type { TableRow } from "../../../src/core/templates/table";

const refs = {
  people: [{ email: "kong.linghui@example.com" }, { email: "feng.lina@example.com" }],
  regions: [{ code: "EAST", name_zh: "华东", name_en: "East" }],
  customers: [{ id: "C-EAST-01" }],
};

const TAB = "实绩填报 回复";

function actualsResponse(answers: Record<string, string>, row = 2): DataResponse {
  return { tab: TAB, row, answers, respondent: "kong.linghui@example.com", respondentColumn: "Email Address" };
}

const GOOD_ACTUAL = {
  "日期 / Date": "2026-10-20",
  "区域 / Region": "EAST · 华东 East",
  "人员 / Person": "kong.linghui@example.com · 孔令辉",
  "指标 / Metric": "回款 / Collections",
  "实绩值 / Amount": "120000",
  "退货退款 / Return refunds": "3000",
};

function asSheet(plan: ReturnType<typeof planDataEntry>, first = 2): TableRow[] {
  return plan.add.map((a, i) => ({ row: first + i, values: a.values, extra: {} }));
}

describe("the data forms' questions are the tables' own columns", () => {
  it("every question but the actuals day is titled with its column's bilingual header, so the CSV reader matches it", () => {
    const actuals = dataFormSpec("actuals").questions.map(questionTitle);
    expect(actuals).toEqual(["日期 / Date", "区域 / Region", "人员 / Person", "指标 / Metric", "实绩值 / Amount", "退货退款 / Return refunds"]);
    const activities = dataFormSpec("activities").questions.map(questionTitle);
    expect(activities.slice(0, 3)).toEqual(["日期 / Date", "类型 / Type", "客户 / Customer"]);
  });

  it("KPI-50, RP-14: the activity form offers every Activities type, customer-file updates and daily reports included", () => {
    const type = dataFormSpec("activities").questions.find((q) => q.key === "type");
    expect(type && formItem(type).choices).toEqual(["上门拜访 / On-site visit", "电话拜访 / Phone visit", "回访 / Return visit", "竞品信息 / Competitor report", "客户档案更新 / Customer file update", "工作日报 / Daily report"]);
  });

  it("dropdowns are filled from Regions, People and Customers; amounts carry Forms' number validation (≥ 0)", () => {
    const items = dataFormSpec("actuals").questions.map(formItem);
    expect(items.filter((i) => i.type === "LIST").map((i) => i.source)).toEqual(["regions", "people"]);
    expect(items.find((i) => i.key === "amount")?.validation).toMatchObject({ rule: "numberGreaterThanOrEqualTo", a: 0 });
    expect(items.find((i) => i.key === "date")?.type).toBe("DATE");
  });
});

describe("a response as a row (form → row mapping)", () => {
  it("SC-10: an actuals response is the month of its day, the keys of its dropdowns, source Form", () => {
    const plan = planDataEntry({ kind: "actuals", response: actualsResponse(GOOD_ACTUAL), existing: [], ...refs });
    expect(plan.refused).toEqual([]);
    expect(plan.add.map((a) => a.values)).toEqual([{ period: "2026-10", region: "EAST", person_email: "kong.linghui@example.com", metric: "collections", amount: 120000, refunds: 3000, source: "form" }]);
    expect(plan.add[0]?.key).toBe("2026-10#EAST#kong.linghui@example.com#collections");
  });

  it("KPI-07: an activity is the respondent's, on its day, for the customer picked, with an ID made from what was answered", () => {
    const response: DataResponse = {
      tab: "拜访 回复",
      row: 7,
      answers: { "日期 / Date": "2026-10-08", "类型 / Type": "上门拜访 / On-site visit", "客户 / Customer": "C-EAST-01 · 华东一号", "内容与结果 / Notes and outcome": "补货" },
      respondent: "Feng.Lina@example.com",
      respondentColumn: "Email Address",
    };
    const plan = planDataEntry({ kind: "activities", response, existing: [], ...refs });
    expect(plan.refused).toEqual([]);
    const values = plan.add[0]?.values ?? {};
    expect(values).toMatchObject({ date: "2026-10-08", person_email: "feng.lina@example.com", customer_id: "C-EAST-01", type: "onsite", notes: "补货" });
    expect(values.id).toMatch(/^F20261008-[0-9a-f]{8}$/);
    expect(values.id).toBe(responseAsImportRow("activities", response).cells[0]);
  });

  it("the same activity answered twice has the same ID; a different answer another", () => {
    const parts = ["kong.linghui@example.com", "phone", "C-EAST-01", "询价"];
    expect(entryId("2026-10-08", parts)).toBe(entryId("2026-10-08", parts));
    expect(entryId("2026-10-08", parts)).not.toBe(entryId("2026-10-08", [...parts.slice(0, 3), "催款"]));
    expect(entryId("2026-10-08", parts)).not.toBe(entryId("2026-10-09", parts));
  });
});

describe("a response is validated by the CSV import's reader, naming the responses sheet, row and column", () => {
  it("SC-10: refunds on a sales figure are refused, naming the responses tab, its row and the refunds question, in both languages", () => {
    const plan = planDataEntry({ kind: "actuals", response: actualsResponse({ ...GOOD_ACTUAL, "指标 / Metric": "销售额 / Sales revenue" }, 5), existing: [], ...refs });
    expect(plan.add).toEqual([]);
    expect(plan.refused).toHaveLength(1);
    const text = plan.refused[0]?.text;
    expect(text?.zh).toBe("表单回复表「实绩填报 回复」第 5 行,列「退货退款 / Return refunds」(写入「实绩 Actuals」):退货退款从回款中扣除(SC-10):请填在指标为「回款」的行上");
    expect(text?.en).toBe('responses sheet "实绩填报 回复" row 5, column "退货退款 / Return refunds" (for "实绩 Actuals"): return refunds are deducted from collections (SC-10): put them on the collections row');
  });

  it("KPI-08: a new-customer count must be whole; a person not in People is refused at the person question", () => {
    const fraction = planDataEntry({ kind: "actuals", response: actualsResponse({ ...GOOD_ACTUAL, "指标 / Metric": "新客户数 / New customers", "实绩值 / Amount": "1.5", "退货退款 / Return refunds": "" }), existing: [], ...refs });
    expect(both(fraction.refused[0]?.reason ?? { zh: "", en: "" })).toContain("须为整数");
    const stranger = planDataEntry({ kind: "actuals", response: actualsResponse({ ...GOOD_ACTUAL, "人员 / Person": "nobody@example.com" }), existing: [], ...refs });
    expect(stranger.refused[0]?.column).toBe("人员 / Person");
    expect(stranger.refused[0]?.text.en).toContain('person "nobody@example.com" is not in the People sheet');
  });

  it("WF-29, KPI-09: a competitor report without the brand is refused at the brand question; a visit needs its customer", () => {
    const base = { tab: "拜访 回复", row: 3, respondent: "kong.linghui@example.com", respondentColumn: "Email Address" };
    const report = planDataEntry({ kind: "activities", response: { ...base, answers: { "日期 / Date": "2026-10-08", "类型 / Type": "竞品信息 / Competitor report" } }, existing: [], ...refs });
    expect(report.refused.map((r) => r.column)).toEqual(["竞品品牌 / Competitor brand"]);
    const visit = planDataEntry({ kind: "activities", response: { ...base, answers: { "日期 / Date": "2026-10-08", "类型 / Type": "电话拜访 / Phone visit" } }, existing: [], ...refs });
    expect(visit.refused.map((r) => r.column)).toEqual(["客户 / Customer"]);
    expect(visit.refused[0]?.text.zh).toContain("表单回复表「拜访 回复」第 3 行");
  });

  it("an activity from someone not in People is refused at the email column the form recorded", () => {
    const plan = planDataEntry({ kind: "activities", response: { tab: "拜访 回复", row: 4, respondent: "visitor@example.com", respondentColumn: "Email Address", answers: { "日期 / Date": "2026-10-08", "类型 / Type": "工作日报 / Daily report", "内容与结果 / Notes and outcome": "日报" } }, existing: [], ...refs });
    expect(plan.refused.map((r) => r.column)).toEqual(["Email Address"]);
  });
});

describe("a response sent twice is one row (row key)", () => {
  it("SC-10: the same actuals response again changes nothing; a corrected figure for the same month updates that row", () => {
    const first = planDataEntry({ kind: "actuals", response: actualsResponse(GOOD_ACTUAL), existing: [], ...refs });
    const sheet = asSheet(first);
    const again = planDataEntry({ kind: "actuals", response: actualsResponse(GOOD_ACTUAL, 3), existing: sheet, ...refs });
    expect(again.add).toEqual([]);
    expect(again.change).toEqual([]);
    expect(again.unchanged).toBe(1);
    const corrected = planDataEntry({ kind: "actuals", response: actualsResponse({ ...GOOD_ACTUAL, "日期 / Date": "2026-10-31", "实绩值 / Amount": "150000" }, 4), existing: sheet, ...refs });
    expect(corrected.add).toEqual([]);
    expect(corrected.change.map((c) => [c.row, c.values])).toEqual([[2, { amount: 150000 }]]);
  });

  it("KPI-07: the same activity sent twice adds nothing the second time", () => {
    const response: DataResponse = { tab: "拜访 回复", row: 2, respondent: "kong.linghui@example.com", respondentColumn: "Email Address", answers: { "日期 / Date": "2026-10-08", "类型 / Type": "电话拜访 / Phone visit", "客户 / Customer": "C-EAST-01" } };
    const first = planDataEntry({ kind: "activities", response, existing: [], ...refs });
    const again = planDataEntry({ kind: "activities", response: { ...response, row: 3 }, existing: asSheet(first), ...refs });
    expect(again.add).toEqual([]);
    expect(again.unchanged).toBe(1);
  });
});
