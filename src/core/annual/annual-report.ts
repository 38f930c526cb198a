/**
 * The annual results as the Annual results sheet holds them once frozen, what the annual report
 * (年度考核结果, RP-13, RP-05 annual) says, and who receives it: the Marketing Director, the GM and HR
 * (营销总监、总经理、人事部) — the roles that see the whole department's appraisal; nobody else gets
 * it (the scoping rule). Each reader gets it in their People language, else the workbook's.
 * Also the sign-off request (WF-25, SC-57) closeYear starts: its answers, and its route with the
 * signer role of `APPRAISAL_SIGNER_ROLE` (AMB-36). Pure.
 */
import type { Bilingual, Language } from "../i18n";
import type { RouteRow, RouteTable } from "../approvals/routes";

/** A frozen row of the Annual results sheet, typed. */
export interface FrozenAnnualRow {
  readonly row: number;
  readonly id: string;
  readonly year: number;
  readonly employeeEmail: string;
  readonly employeeName: string;
  readonly region: string;
  readonly postLevel: string;
  readonly revision: number;
  readonly eligible: boolean;
  readonly eligibility: string;
  readonly monthlyGrades: string;
  readonly annualGrade: string;
  readonly annualScore: number | null;
  readonly historyAverage: number | null;
  readonly rankCompany: number | null;
  readonly rankLevel: number | null;
  readonly flags: string;
  readonly bestEmployee: string;
  readonly state: string;
  readonly signRequestId: string;
  readonly appealUntil: string;
}

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "");
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** A table record (by column key) of the Annual results sheet → a typed row. */
export function frozenAnnualRow(row: number, v: Readonly<Record<string, unknown>>): FrozenAnnualRow {
  return {
    row,
    id: str(v.id),
    year: num(v.year) ?? Number(str(v.year)),
    employeeEmail: str(v.employee_email).trim().toLowerCase(),
    employeeName: str(v.employee_name),
    region: str(v.region),
    postLevel: str(v.post_level),
    revision: num(v.revision) ?? 0,
    eligible: v.eligible === true,
    eligibility: str(v.eligibility),
    monthlyGrades: str(v.monthly_grades),
    annualGrade: str(v.annual_grade),
    annualScore: num(v.annual_score),
    historyAverage: num(v.history_average),
    rankCompany: num(v.rank_company),
    rankLevel: num(v.rank_level),
    flags: str(v.flags),
    bestEmployee: str(v.best_employee),
    state: str(v.state),
    signRequestId: str(v.sign_request_id),
    appealUntil: str(v.appeal_until),
  };
}

/** The current snapshot of a year: its latest revision's rows (superseded rows are history). */
export function currentSnapshot(rows: readonly FrozenAnnualRow[], year: number): FrozenAnnualRow[] {
  const ofYear = rows.filter((r) => r.year === year && r.state !== "superseded");
  const latest = Math.max(0, ...ofYear.map((r) => r.revision));
  return ofYear.filter((r) => r.revision === latest);
}

/** The roles the annual report goes to. */
export const ANNUAL_REPORT_ROLES = ["director", "gm", "hr"] as const;

export interface ReportPerson {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly language: Language | null;
  readonly active: boolean;
}

export interface AnnualReportRecipient {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly language: Language;
}

/** The active Director(s), GM(s) and HR people, once each, in People order. */
export function annualReportRecipients(people: readonly ReportPerson[], defaultLanguage: Language): AnnualReportRecipient[] {
  const seen = new Set<string>();
  const out: AnnualReportRecipient[] = [];
  for (const p of people) {
    const email = p.email.trim().toLowerCase();
    if (!p.active || email === "" || seen.has(email) || !(ANNUAL_REPORT_ROLES as readonly string[]).includes(p.role)) continue;
    seen.add(email);
    out.push({ email, name: p.name || email, role: p.role, language: p.language ?? defaultLanguage });
  }
  return out;
}

/** The Reports log row id of one recipient's annual report: one per year and recipient. */
export function annualReportLogId(year: number, email: string): string {
  return `annual_results#${year}#${email.trim().toLowerCase()}`;
}

export interface AnnualReportModel {
  readonly year: number;
  readonly appraised: number;
  readonly eligible: number;
  readonly grades: Readonly<Record<"A" | "B" | "C", number>>;
  /** Eligible with a score, best first (company rank). */
  readonly ranking: readonly FrozenAnnualRow[];
  /** Everyone with at least one flag. */
  readonly flagged: readonly FrozenAnnualRow[];
  readonly bestEmployees: readonly FrozenAnnualRow[];
  readonly ineligible: readonly FrozenAnnualRow[];
  readonly appealUntil: string;
  readonly signRequestId: string;
}

/** What the annual report shows, from the published snapshot. */
export function annualReportModel(year: number, rows: readonly FrozenAnnualRow[]): AnnualReportModel {
  const grades = { A: 0, B: 0, C: 0 };
  for (const r of rows) if (r.eligible && (r.annualGrade === "A" || r.annualGrade === "B" || r.annualGrade === "C")) grades[r.annualGrade] += 1;
  const ranking = rows.filter((r) => r.eligible && r.annualScore !== null).sort((a, b) => (a.rankCompany ?? 0) - (b.rankCompany ?? 0) || a.employeeName.localeCompare(b.employeeName));
  return {
    year,
    appraised: rows.length,
    eligible: rows.filter((r) => r.eligible).length,
    grades,
    ranking,
    flagged: rows.filter((r) => r.flags.trim() !== ""),
    bestEmployees: rows.filter((r) => r.bestEmployee.trim() !== ""),
    ineligible: rows.filter((r) => !r.eligible),
    appealUntil: rows[0]?.appealUntil ?? "",
    signRequestId: rows[0]?.signRequestId ?? "",
  };
}

/** The sign-off request's answers, as a form would give them. */
export function signOffAnswers(year: number, appraised: number, revision: number): Record<string, string> {
  return { title: `${year} 年度考核签字 / Annual appraisal ${year} sign-off (rev ${revision})`, year: String(year), appraised: String(appraised), revision: String(revision) };
}

/**
 * The route table with the annual sign-off's signing step (the Routes row citing SC-57) held by
 * `APPRAISAL_SIGNER_ROLE` when that setting names a role (AMB-36; blank keeps the Routes row's role).
 */
export function signOffRoutes(table: RouteTable, signerRole: string): RouteTable {
  const role = signerRole.trim().toLowerCase();
  if (role === "") return table;
  const rows: RouteRow[] = table.rows.map((r) => (r.requestType === "annual_appraisal" && r.rule === "SC-57" ? { ...r, role } : r));
  return { ...table, rows };
}

export const ANNUAL_TEXT = {
  outsideWindow: {
    zh: "年度考核只在设置 ANNUAL_WINDOW({window})内进行;今天是 {today},不在窗口内,未作任何更改(WF-25、SC-27)",
    en: "The annual appraisal runs only within Settings ANNUAL_WINDOW ({window}); today is {today}, outside it, so nothing was changed (WF-25, SC-27)",
  },
  yearNotDue: {
    zh: "{year} 年度尚未结束,现在可关账的是 {due} 年度",
    en: "The year {year} has not ended; the year that can close now is {due}",
  },
  published: {
    zh: "{year} 年度考核结果已公布,不再重新关账;如有异议请走申诉(SC-54)",
    en: "The {year} annual results are published and are not closed again; disagreements go through an appeal (SC-54)",
  },
  unchanged: { zh: "{year} 年度已关账且输入未变,无需重新关账", en: "The year {year} is closed and no input changed: nothing to do" },
  nobody: { zh: "{year} 年度没有已签字的月度考核结果,无法关账", en: "The year {year} has no signed monthly results: nothing to close" },
  notClosed: { zh: "{year} 年度尚未关账:请先运行「年度关账」", en: "The year {year} is not closed: run Close the year first" },
  notSigned: {
    zh: "{year} 年度考核结果尚未经总经理签字(申请 {request}),未签字的考核无效,不能公布(SC-57)",
    en: "The {year} annual results are not signed yet (request {request}); unsigned appraisals are invalid and are not published (SC-57)",
  },
  closedAudit: { zh: "{year} 年度关账:{n} 人,版本 {revision},签字申请 {request}", en: "Year {year} closed: {n} people, revision {revision}, sign-off request {request}" },
  reclosedAudit: { zh: "输入已变更,写入新版本;原签字申请 {old} 已撤回", en: "Inputs changed, a new revision written; the earlier sign-off request {old} is withdrawn" },
  publishedAudit: { zh: "{year} 年度考核结果公布:{n} 人,申诉截止 {until}", en: "Year {year} results published: {n} people, appeals until {until}" },
} as const satisfies Readonly<Record<string, Bilingual>>;
