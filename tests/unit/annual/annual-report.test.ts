import { describe, expect, it } from "vitest";
import { annualReportLogId, annualReportModel, annualReportRecipients, frozenAnnualRow, signOffRoutes } from "../../../src/core/annual/annual-report";
import { requestTypeSpec } from "../../../src/core/approvals/request-types";
import { routeFor, routeRowsFrom } from "../../../src/core/approvals/routes";
import { ANNUAL_REPORT_KIND, renderAnnualReport } from "../../../src/render/annual-report";
import { defaultRouteRows, directory, SETTINGS } from "../approvals/fixtures";

const rows = [
  frozenAnnualRow(2, { id: "2026#a@x.cn#1", year: 2026, employee_email: "a@x.cn", employee_name: "<b>Ann</b>", region: "EAST", post_level: "staff", revision: 1, eligible: true, monthly_grades: "A,A,A,A,A,A,A,A,A,A,A,A", annual_grade: "A", annual_score: 91.5, rank_company: 1, rank_level: 1, flags: "SC-46 may apply for a raise", best_employee: "SC-49 branch EAST candidate", state: "published", sign_request_id: "AA-2027-0001", appeal_until: "2027-01-12" }),
  frozenAnnualRow(3, { id: "2026#c@x.cn#1", year: 2026, employee_email: "c@x.cn", employee_name: "Cai", region: "SOUTH", post_level: "staff", revision: 1, eligible: true, monthly_grades: "C,C,C,C,C,C,C,C,C,C,C,C", annual_grade: "C", annual_score: 50, rank_company: 2, rank_level: 2, flags: "SC-42 annual C\nSC-51 annual score of 50 or less: dismiss", best_employee: "", state: "published", sign_request_id: "AA-2027-0001", appeal_until: "2027-01-12" }),
  frozenAnnualRow(4, { id: "2026#p@x.cn#1", year: 2026, employee_email: "p@x.cn", employee_name: "Pei", region: "EAST", post_level: "staff", revision: 1, eligible: false, eligibility: "SC-44 probationers are not in the annual appraisal", monthly_grades: "-,-,-,-,-,-,-,-,A,A,A,A", annual_grade: "", state: "published", sign_request_id: "AA-2027-0001", appeal_until: "2027-01-12" }),
];

describe("RP-13 the annual report: who gets it, what it says", () => {
  it("RP-13: goes to the active Director, GM and HR only, once each, in their People language", () => {
    const people = [
      { email: "gm@x.cn", name: "GM", role: "gm", language: "en" as const, active: true },
      { email: "dir@x.cn", name: "Dir", role: "director", language: null, active: true },
      { email: "hr@x.cn", name: "HR", role: "hr", language: "zh-CN" as const, active: true },
      { email: "old-hr@x.cn", name: "Old HR", role: "hr", language: null, active: false },
      { email: "rm@x.cn", name: "RM", role: "regional", language: null, active: true },
      { email: "deputy@x.cn", name: "Deputy", role: "deputy_director", language: null, active: true },
      { email: "GM@x.cn", name: "GM again", role: "gm", language: null, active: true },
    ];
    expect(annualReportRecipients(people, "zh-CN").map((r) => [r.email, r.language])).toEqual([["gm@x.cn", "en"], ["dir@x.cn", "zh-CN"], ["hr@x.cn", "zh-CN"]]);
    expect(annualReportLogId(2026, "GM@x.cn")).toBe("annual_results#2026#gm@x.cn");
  });

  it("RP-13, SC-41, SC-44: counts, grades, ranking, flags, candidates and who was left out", () => {
    const model = annualReportModel(2026, rows);
    expect([model.appraised, model.eligible, model.grades]).toEqual([3, 2, { A: 1, B: 0, C: 1 }]);
    expect(model.ranking.map((r) => r.employeeEmail)).toEqual(["a@x.cn", "c@x.cn"]);
    expect(model.flagged.map((r) => r.employeeEmail)).toEqual(["a@x.cn", "c@x.cn"]);
    expect(model.bestEmployees.map((r) => r.employeeEmail)).toEqual(["a@x.cn"]);
    expect(model.ineligible.map((r) => r.employeeEmail)).toEqual(["p@x.cn"]);
  });

  it("renders escaped, inline-styled tables with a plain-text part, the reader's language first, no external resources", () => {
    const model = annualReportModel(2026, rows);
    const en = renderAnnualReport({ model, reader: { name: "GM", language: "en" }, sheetUrl: "https://docs.google.com/spreadsheets/d/x" });
    const zh = renderAnnualReport({ model, reader: { name: "总监", language: "zh-CN" }, sheetUrl: "https://docs.google.com/spreadsheets/d/x" });
    expect(en.subject.startsWith("Annual appraisal results 2026")).toBe(true);
    expect(zh.subject.startsWith("【年度考核结果】2026 年度")).toBe(true);
    expect(en.htmlBody).toContain(`<meta name="marketops-kind" content="${ANNUAL_REPORT_KIND}">`);
    expect(en.htmlBody).toContain("&lt;b&gt;Ann&lt;/b&gt;");
    expect(en.htmlBody).not.toContain("<b>Ann</b>");
    expect(en.htmlBody).not.toMatch(/<script|<img|<svg|<style|display:\s*(flex|grid)/i);
    expect(en.htmlBody).toContain("SC-51 annual score of 50 or less: dismiss");
    expect(en.textBody).toContain("1. <b>Ann</b> (EAST, staff) A 91.5");
    expect(en.textBody).toContain("AA-2027-0001");
    expect(zh.textBody.split("\n")[0]).toBe("总监,您好:");
    expect(Buffer.byteLength(en.htmlBody, "utf8")).toBeLessThan(102 * 1024);
  });
});

describe("SC-57 / AMB-36 the annual sign-off request", () => {
  it("SC-57: is routed to APPRAISAL_SIGNER_ROLE (default the GM's Routes row), and its approval signs the snapshot's rows", () => {
    const table = routeRowsFrom(defaultRouteRows());
    const request = { type: "annual_appraisal" as const, requester: "han.dongmei@example.com", region: null, amount: null, fields: { year: 2026 } };
    const toGm = routeFor(request, signOffRoutes(table, "").rows, directory(), SETTINGS);
    const toPresident = routeFor(request, signOffRoutes(table, "president").rows, directory(), SETTINGS);
    if (!toGm.ok || !toPresident.ok) throw new Error("route failed");
    expect(toGm.steps.map((s) => s.role)).toEqual(["gm"]);
    expect(toPresident.steps.map((s) => s.role)).toEqual(["president"]);
    const spec = requestTypeSpec("annual_appraisal");
    expect(spec.formless).toBe(true);
    expect(spec.onApproved({ id: "AA-2027-0001", title: "", requester: "", fields: {}, approvedOn: "2027-01-06", approvedBy: "gm@example.com" })).toEqual([
      { sheet: "annual_results", keyColumn: "sign_request_id", key: "AA-2027-0001", values: { state: "signed", signed_at: "2027-01-06" }, createIfMissing: false },
    ]);
  });
});
