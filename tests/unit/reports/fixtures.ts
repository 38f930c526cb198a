/**
 * Report inputs for unit tests: the demo department of October 2026 (src/core/demo) with Monthly
 * results rows written as the close would write them (sheets-templates/sheets/monthly_results.json):
 * September and October, one row per appraised person, published unless a test says otherwise.
 */
import { appraisedPeople } from "../../../src/core/demo/appraisal";
import { buildDemoDepartment } from "../../../src/core/demo/department";
import { emailOf } from "../../../src/core/demo/organisation";
import type { ReportInputs } from "../../../src/core/reports/inputs";
import type { TableRecord } from "../../../src/core/templates/table";
import { sheetTemplate } from "../../../src/core/templates/catalog";

export const MONTH = "2026-10";
export const TODAY = "2026-11-07";
export const SHEET_URL = "https://docs.google.com/spreadsheets/d/demo/edit";

const grade = (score: number): string => (score >= 90 ? "A" : score >= 70 ? "B" : "C");

/** A Monthly results row. */
export function resultRow(month: string, email: string, name: string, region: string | null, score: number, state = "published", revision = 1, flags = "", pay = Math.round(2500 * score) / 100): TableRecord {
  return {
    id: `${month}#${email}#${revision}`,
    month,
    employee_email: email,
    employee_name: name,
    region,
    post: "",
    revision,
    final_score: score,
    grade: grade(score),
    perf_pay: pay,
    flags: flags || null,
    state,
  };
}

/** Scores per person: October's spread over A/B/C; September shifted so some people change grade. */
export function demoResults(state = "published"): TableRecord[] {
  const rows: TableRecord[] = [];
  appraisedPeople().forEach((p, i) => {
    const email = emailOf(p.id);
    const october = 55 + ((i * 37) % 45);
    const september = 55 + ((i * 23) % 45);
    rows.push(resultRow("2026-09", email, p.name, p.region ?? null, september, "published"));
    const flags = p.id === "wei.qiang" ? "SC-47: 连续6个月C / 6 consecutive C months\nSC-53: 部门末位 / bottom 5 of the department" : "";
    // Pay with distinctive cents, so a test can search an email for one person's pay.
    rows.push(resultRow(MONTH, email, p.name, p.region ?? null, october, state, 1, flags, 1000 + i * 13 + 0.37));
  });
  return rows;
}

export function demoInputs(overrides: Partial<ReportInputs> = {}): ReportInputs {
  const dept = buildDemoDepartment({ year: 2026, month: 10 });
  const r = dept.records;
  return {
    people: r.people ?? [],
    regions: r.regions ?? [],
    plans: r.plans ?? [],
    actuals: r.actuals ?? [],
    activities: r.activities ?? [],
    customers: r.customers ?? [],
    holidays: (sheetTemplate("holidays").seedRows ?? []).map((row) => row.values),
    requests: [],
    approvals: [],
    tasks: r.tasks ?? [],
    results: demoResults(),
    settings: { LANGUAGE: "zh-CN", APPRAISAL_SIGNER_ROLE: "gm", KPI_MONTHLY_NEW_CUSTOMERS: 1 },
    today: TODAY,
    sheetUrl: SHEET_URL,
    ...overrides,
  };
}
