/**
 * Headquarters' view across branch workbooks (issue 12): one line per branch for a closed month —
 * plan vs actual sales, the grade distribution, flags and what still waits for a decision — and one
 * line per flag. Nothing is decided here: every figure comes from the readers the branch's own
 * reports use (src/core/reports/results.ts for Monthly results' latest revisions, grades and flags,
 * SC-36 / SC-57; plan-actual.ts for plan vs actual), over the rows the branch's sheets hold.
 */
import { REQUEST_STATUS_CELL } from "../approvals/records";
import type { Bilingual } from "../i18n";
import { ActualBook, planVsActual, PlanBook } from "../reports/plan-actual";
import type { Figure } from "../reports/plan-actual";
import { gradeDistribution, latestResults, monthResults } from "../reports/results";
import type { GradeCount, ResultFlag } from "../reports/results";
import { text } from "../reports/inputs";
import type { TableRecord } from "../templates/table";

/** A branch as the HQ list names it: its spreadsheet, its name, its region of the company. */
export interface BranchRef {
  readonly spreadsheetId: string;
  readonly name: string;
  readonly region: string;
}

/** The rows of a branch's sheets the consolidation reads (by template column key). */
export interface BranchRows {
  readonly results: readonly TableRecord[];
  readonly plans: readonly TableRecord[];
  readonly actuals: readonly TableRecord[];
  readonly requests: readonly TableRecord[];
}

export interface BranchFlag {
  readonly name: string;
  readonly email: string;
  readonly flag: ResultFlag;
}

export interface BranchSummary {
  readonly branch: BranchRef;
  readonly month: string;
  /** People appraised for the month (latest revisions). */
  readonly people: number;
  /** The department's sales, plan vs actual, for the month. */
  readonly sales: Figure;
  readonly grades: readonly GradeCount[];
  /** People whose month is not signed yet (SC-57: no valid grade or pay). */
  readonly pendingSignOff: number;
  readonly flags: readonly BranchFlag[];
  /** Requests still waiting for an approver (status pending), sign-off requests included. */
  readonly pendingApprovals: number;
}

export function branchSummary(branch: BranchRef, month: string, rows: BranchRows): BranchSummary {
  const results = monthResults(latestResults(rows.results), month);
  const sales = planVsActual(new PlanBook(rows.plans), new ActualBook(rows.actuals), month, { level: "department" }, "sales", "sales").month;
  return {
    branch,
    month,
    people: results.length,
    sales,
    grades: gradeDistribution(results),
    pendingSignOff: results.filter((r) => r.grade === null).length,
    flags: results.flatMap((r) => r.flags.map((flag) => ({ name: r.name, email: r.email, flag }))),
    pendingApprovals: rows.requests.filter((r) => text(r.status) === REQUEST_STATUS_CELL.pending).length,
  };
}

const PENDING: Bilingual = { zh: "待签字", en: "pending" };

/** `A 3 · B 5 · 待签字 pending 2`: a grade distribution as one cell shows it. */
export function gradesText(grades: readonly GradeCount[]): string {
  return grades.map((g) => `${g.grade ?? `${PENDING.zh} ${PENDING.en}`} ${g.count}`).join(" · ");
}

/** The HQ workbook's two tables: their headers (bilingual) and rows. */
export interface HqTables {
  readonly branches: { readonly header: readonly string[]; readonly rows: readonly (readonly (string | number)[])[] };
  readonly flags: { readonly header: readonly string[]; readonly rows: readonly (readonly (string | number)[])[] };
}

export const HQ_BRANCHES_TAB = "分店汇总 Branches";
export const HQ_FLAGS_TAB = "分店标记 Branch flags";

/** The consolidated tables, branches in the order the HQ list gives them. */
export function hqTables(summaries: readonly BranchSummary[]): HqTables {
  return {
    branches: {
      header: ["分店 Branch", "区域 Region", "月份 Month", "考核人数 People", "销售计划 Sales plan", "销售实际 Sales actual", "完成率 Attainment", "等级分布 Grades", "待签字 Pending sign-off", "标记 Flags", "待审批 Pending approvals", "表格 Spreadsheet"],
      rows: summaries.map((s) => [
        s.branch.name,
        s.branch.region,
        s.month,
        s.people,
        s.sales.plan,
        s.sales.actual,
        s.sales.rate === null ? "" : Math.round(s.sales.rate * 1000) / 1000,
        gradesText(s.grades),
        s.pendingSignOff,
        s.flags.length,
        s.pendingApprovals,
        `https://docs.google.com/spreadsheets/d/${s.branch.spreadsheetId}/edit`,
      ]),
    },
    flags: {
      header: ["分店 Branch", "区域 Region", "月份 Month", "员工 Person", "规则 Rule", "原因 Reason"],
      rows: summaries.flatMap((s) => s.flags.map((f) => [s.branch.name, s.branch.region, s.month, `${f.name} <${f.email}>`, f.flag.rule, f.flag.reason])),
    },
  };
}
