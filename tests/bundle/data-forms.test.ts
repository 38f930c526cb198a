/**
 * The data-entry forms under the local host (issue 9 §2; WF-12, WF-29, KPI-07..10, SC-10): Build
 * forms makes an actuals form and an activity form; a good response becomes one Actuals or
 * Activities row (sent twice, or delivered twice: still one); a bad one is refused by the CSV
 * import's reader, its raw response kept exactly as sent, its row marked with the reason naming
 * sheet, row and column in both languages, Audit and the respondent told; the menu's retry records
 * it once the missing person is in People.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFormTitle } from "../../src/core/imports/data-forms";
import { sheetTemplate } from "../../src/core/templates/catalog";
import type { LocalHost } from "../../src/local/host";
import { AUDIT, mailsTo, outbox, rowsOf } from "./approvals-helpers";
import { openHost, writeTemplateRecords } from "./helpers";

const ACTUALS = sheetTemplate("actuals").tabName;
const ACTIVITIES = sheetTemplate("activities").tabName;
const SALES = "kong.linghui@example.com";
const NEW_HIRE = "new.hire@example.com";

let host: LocalHost;

beforeAll(async () => {
  host = await openHost();
  host.services.controllers.outbox.setDailyQuota(1500);
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
  await host.run("buildForms");
}, 180_000);

afterAll(() => {
  host.close();
});

/** The form's dropdown choice whose key is `key` ("EAST · 华东 East" for EAST). */
function choice(formTitle: string, itemTitle: string, key: string): string {
  const item = host.forms.find(formTitle)?.items.find((i) => i.title === itemTitle);
  const found = item?.choices.find((c) => c === key || c.startsWith(`${key} · `));
  if (!found) throw new Error(`no choice ${key} in ${itemTitle}: ${item?.choices.slice(0, 5).join(", ")}`);
  return found;
}

const ACTUALS_FORM = dataFormTitle("actuals");
const ACTIVITY_FORM = dataFormTitle("activities");

function goodActual(): Record<string, string> {
  return {
    "日期 / Date": "2026-11-02",
    "区域 / Region": choice(ACTUALS_FORM, "区域 / Region", "EAST"),
    "人员 / Person": choice(ACTUALS_FORM, "人员 / Person", SALES),
    "指标 / Metric": "回款 / Collections",
    "实绩值 / Amount": "56000",
    "退货退款 / Return refunds": "1200",
  };
}

function actualsOf(period: string, email: string, metric: string): Record<string, unknown>[] {
  return rowsOf(host, ACTUALS).filter((r) => r.Month === period && r.Person === email && r.Metric === metric);
}

function customerKey(): string {
  const item = host.forms.find(ACTIVITY_FORM)?.items.find((i) => i.title === "客户 / Customer");
  return item?.choices[0] ?? "";
}

function noteAt(sheetName: string, row: number): string {
  const sheet = host.spreadsheet.workbook.requireSheet(sheetName);
  return sheet.cell(row, 1)?.note ?? "";
}

describe("Build forms makes the data-entry forms (issue 9 §2)", () => {
  it("an actuals form and an activity form, linked to their own responses tabs, dropdowns filled from the sheets", () => {
    const actuals = host.forms.find(ACTUALS_FORM);
    const activity = host.forms.find(ACTIVITY_FORM);
    expect(actuals?.destination?.sheetName).toBeTruthy();
    expect(activity?.destination?.sheetName).toBeTruthy();
    expect(actuals?.destination?.sheetName).not.toBe(activity?.destination?.sheetName);
    expect(actuals?.items.map((i) => i.title)).toEqual(["日期 / Date", "区域 / Region", "人员 / Person", "指标 / Metric", "实绩值 / Amount", "退货退款 / Return refunds"]);
    expect(choice(ACTUALS_FORM, "区域 / Region", "EAST")).toContain("EAST");
    expect(customerKey()).toMatch(/ · /);
  });
});

describe("an actuals response (SC-10)", () => {
  it("a good response is one Actuals row; the same answers sent again and the event delivered twice add nothing", async () => {
    const submitted = await host.submitForm(ACTUALS_FORM, goodActual(), { as: SALES });
    const rows = actualsOf("2026-11", SALES, "collections");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Region: "EAST", Amount: 56000, "Return refunds": 1200, Source: "form" });
    await host.submitForm(ACTUALS_FORM, goodActual(), { as: SALES });
    await host.run("onFormSubmit", [host.spreadsheet.formSubmitEvent(submitted, "duplicate-delivery")]);
    expect(actualsOf("2026-11", SALES, "collections")).toHaveLength(1);
    const entered = rowsOf(host, AUDIT).filter((r) => r.Action === "actuals.entered");
    expect(entered).toHaveLength(1);
    // Audit says what was written in the sheet's words, not as JSON.
    expect(String(entered[0]?.After)).toContain("实绩值 / Amount: 56000; 退货退款 / Return refunds: 1200");
  });

  it("a corrected figure for the same month updates that row rather than adding one", async () => {
    await host.submitForm(ACTUALS_FORM, { ...goodActual(), "日期 / Date": "2026-11-20", "实绩值 / Amount": "81000" }, { as: SALES });
    const rows = actualsOf("2026-11", SALES, "collections");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.Amount).toBe(81000);
  });

  it("a bad response is refused: raw row kept as sent, marked with the reason (sheet, row, column, both languages), audited, mailed; the retry still refuses it", async () => {
    const mails = outbox(host).length;
    const bad: Record<string, string> = { ...goodActual(), "指标 / Metric": "销售额 / Sales revenue" };
    const submitted = await host.submitForm(ACTUALS_FORM, bad, { as: SALES });
    const tab = submitted.sheetName ?? "";
    const row = submitted.row ?? 0;
    expect(actualsOf("2026-11", SALES, "sales")).toHaveLength(0);
    // The raw response is exactly what was submitted.
    const headers = host.spreadsheet.read(tab, "A1:H1")[0] ?? [];
    const raw = host.spreadsheet.read(tab, `A${row}:H${row}`)[0] ?? [];
    const asSent = Object.fromEntries(headers.map((h, i) => [String(h), raw[i]]));
    expect(asSent).toMatchObject({ "Email Address": SALES, "区域 / Region": bad["区域 / Region"], "人员 / Person": bad["人员 / Person"], "指标 / Metric": "销售额 / Sales revenue" });
    expect(String(asSent["实绩值 / Amount"])).toBe("56000");
    expect(String(asSent["退货退款 / Return refunds"])).toBe("1200");
    const note = noteAt(tab, row);
    expect(note).toContain(`表单回复表「${tab}」第 ${row} 行,列「退货退款 / Return refunds」`);
    expect(note).toContain(`responses sheet "${tab}" row ${row}, column "退货退款 / Return refunds"`);
    expect(rowsOf(host, AUDIT).some((r) => r.Action === "actuals.entry_refused" && String(r.Comment).includes("SC-10"))).toBe(true);
    const told = mailsTo(host, SALES, "data-entry-refused", mails);
    expect(told).toHaveLength(1);
    expect(told[0]?.html).toContain("退货退款从回款中扣除");
    const retried = await host.run<{ retried: string[]; stillFailing: string[] }>("retryFailedRequests");
    expect(retried.value.stillFailing).toContain(`${tab}!${row}`);
    expect(actualsOf("2026-11", SALES, "sales")).toHaveLength(0);
    // The retry does not mail the respondent again.
    expect(mailsTo(host, SALES, "data-entry-refused", mails)).toHaveLength(1);
  });
});

describe("an activity response (KPI-07, KPI-50)", () => {
  function visit(): Record<string, string> {
    return { "日期 / Date": "2026-11-02", "类型 / Type": "上门拜访 / On-site visit", "客户 / Customer": customerKey(), "内容与结果 / Notes and outcome": "补货与陈列检查" };
  }

  function visitsOf(email: string): Record<string, unknown>[] {
    const values = host.spreadsheet.read(ACTIVITIES, "A1:Z5000");
    const headers = (values[0] ?? []).map((h) => String(h).split(" / ").pop() ?? "");
    return values
      .slice(1)
      .map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]]))).filter((r) => r.Person === email && r.Date !== "" && String(r["Notes and outcome"]) === "补货与陈列检查");
  }

  it("a good response is one Activities row of the respondent; sent twice it is still one", async () => {
    const submitted = await host.submitForm(ACTIVITY_FORM, visit(), { as: SALES });
    expect(visitsOf(SALES)).toHaveLength(1);
    expect(visitsOf(SALES)[0]).toMatchObject({ Type: "onsite", Customer: customerKey().split(" · ")[0] });
    await host.submitForm(ACTIVITY_FORM, visit(), { as: SALES });
    await host.run("onFormSubmit", [host.spreadsheet.formSubmitEvent(submitted, "duplicate-delivery")]);
    expect(visitsOf(SALES)).toHaveLength(1);
  });

  it("from someone not in People: refused and marked; once People has them, the retry records it and clears the mark", async () => {
    const mails = outbox(host).length;
    const submitted = await host.submitForm(ACTIVITY_FORM, visit(), { as: NEW_HIRE });
    const tab = submitted.sheetName ?? "";
    const row = submitted.row ?? 0;
    expect(visitsOf(NEW_HIRE)).toHaveLength(0);
    expect(noteAt(tab, row)).toContain("new.hire@example.com");
    expect(noteAt(tab, row)).toContain("列「Email Address」");
    expect(mailsTo(host, NEW_HIRE, "data-entry-refused", mails)).toHaveLength(1);

    writeTemplateRecords(host, "people", [{ name: "新同事", email: NEW_HIRE, role: "sales", region: "EAST", org_unit: "branch", post_level: "staff", status: "probation", language: "zh-CN", active: true }]);
    const retried = await host.run<{ retried: string[]; stillFailing: string[] }>("retryFailedRequests");
    expect(retried.value.retried).toContain(`${tab}!${row}`);
    expect(visitsOf(NEW_HIRE)).toHaveLength(1);
    expect(noteAt(tab, row)).toBe("");
    const again = await host.run<{ retried: string[]; stillFailing: string[] }>("retryFailedRequests");
    expect(again.value.retried).not.toContain(`${tab}!${row}`);
    expect(visitsOf(NEW_HIRE)).toHaveLength(1);
  });
});

describe("the responses tab is resolved from the event, as issue 10 fixed it for request forms", () => {
  it("a data form whose tab appeared after Build forms ran is found by its form URL, recorded, and the map repaired", async () => {
    const late = await openHost();
    try {
      await late.clickMenu("installOrUpgrade");
      await late.clickMenu("loadDemoData");
      late.forms.delayResponseSheets(true);
      await late.clickMenu("buildForms");
      late.forms.delayResponseSheets(false);
      const map = () => JSON.parse(late.services.controllers.properties.snapshot("document").DATA_FORM_SHEETS ?? "{}") as Record<string, string>;
      expect(Object.keys(map())).toHaveLength(0);
      const form = late.forms.find(ACTUALS_FORM);
      const region = form?.items.find((i) => i.title === "区域 / Region")?.choices.find((c) => c.startsWith("EAST · ")) ?? "";
      await late.submitForm(ACTUALS_FORM, { "日期 / Date": "2026-11-03", "区域 / Region": region, "指标 / Metric": "销售额 / Sales revenue", "实绩值 / Amount": "9000" }, { as: SALES });
      const values = late.spreadsheet.read(ACTUALS, "A1:Z3000");
      const header = (values[0] ?? []).map((h) => String(h).split(" / ").pop() ?? "");
      const rows = values.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
      expect(rows.filter((r) => r.Month === "2026-11" && r.Region === "EAST" && r.Person === "" && r.Metric === "sales").map((r) => r.Amount)).toEqual([9000]);
      expect(Object.values(map())).toEqual(["actuals"]);
      await late.clickMenu("buildForms");
      expect(Object.values(map()).sort()).toEqual(["activities", "actuals"]);
    } finally {
      late.close();
    }
  }, 120_000);
});
