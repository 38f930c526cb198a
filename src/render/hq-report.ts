/**
 * The HQ report email (总部月度汇总, issue 12): after the month is closed in every branch workbook,
 * headquarters gets one message: each branch's people appraised, sales plan vs actual, grade
 * distribution, pending sign-off, flags and pending approvals, the branches that could not be
 * closed and why, and a link to the consolidated HQ workbook. Both languages, Chinese first (the
 * company's); the HTML head names the kind (`hq-report`).
 */
import { both, format } from "../core/i18n";
import type { Bilingual } from "../core/i18n";
import { moneyText } from "../core/approvals/notices";
import { gradesText } from "../core/hq/consolidate";
import type { BranchSummary } from "../core/hq/consolidate";
import { documentShell, escapeHtml, heading, label, paragraph, safeUrl, textLines } from "./html";
import type { RenderedEmail } from "./approvals/email";
import { subjectLine } from "./approvals/email";

const T = {
  kind: { zh: "总部月度汇总", en: "HQ monthly summary" },
  about: { zh: "{month} 共 {closed} 家分店已关账{failedPart}", en: "{month}: {closed} branches closed{failedPart}" },
  failedZh: { zh: ",{failed} 家未完成", en: "" },
  intro: { zh: "各分店本月考核已关账,汇总如下。等级与绩效工资须经签字后方有效(SC-57)。", en: "The month's appraisals are closed in every branch below. Grades and pay are valid only once signed (SC-57)." },
  branches: { zh: "分店", en: "Branches" },
  failed: { zh: "未能关账的分店", en: "Branches not closed" },
  open: { zh: "打开总部汇总表", en: "Open the HQ workbook" },
} as const;

const HEAD: readonly Bilingual[] = [
  { zh: "分店", en: "Branch" },
  { zh: "区域", en: "Region" },
  { zh: "人数", en: "People" },
  { zh: "销售计划", en: "Sales plan" },
  { zh: "销售实际", en: "Sales actual" },
  { zh: "完成率", en: "Attainment" },
  { zh: "等级分布", en: "Grades" },
  { zh: "待签字", en: "Pending sign-off" },
  { zh: "标记", en: "Flags" },
  { zh: "待审批", en: "Pending approvals" },
];

const percent = (rate: number | null): string => (rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`);

export interface HqReportInput {
  readonly month: string;
  readonly to: readonly string[];
  readonly summaries: readonly BranchSummary[];
  /** Branches whose close failed, with the reason (the run goes on with the others). */
  readonly failures: readonly { readonly name: string; readonly reason: string }[];
  /** The HQ workbook's URL, or null when none was written. */
  readonly hqUrl: string | null;
}

/** @example renderHqReport({ month: "2026-10", summaries: 50 branches }) → subject "【总部月度汇总】2026-10 共 50 家分店已关账 · HQ monthly summary" */
export function renderHqReport(input: HqReportInput): RenderedEmail {
  const failedPart = input.failures.length > 0 ? format(T.failedZh, { failed: String(input.failures.length) }).zh : "";
  const about: Bilingual = {
    zh: format(T.about, { month: input.month, closed: String(input.summaries.length), failedPart }).zh,
    en: format(T.about, { month: input.month, closed: String(input.summaries.length), failedPart: input.failures.length > 0 ? `, ${input.failures.length} not closed` : "" }).en,
  };
  const subject = subjectLine(T.kind, about.zh, "zh-CN");
  const rowsOf = (s: BranchSummary): string[] => [s.branch.name, s.branch.region, String(s.people), moneyText(s.sales.plan), moneyText(s.sales.actual), percent(s.sales.rate), gradesText(s.grades), String(s.pendingSignOff), String(s.flags.length), String(s.pendingApprovals)];
  const cell = "padding:4px 6px;border-bottom:1px solid #e8eaed;text-align:left;vertical-align:top";
  const table =
    `<table style="width:100%;border-collapse:collapse;font-size:12px;margin:0 0 16px"><tr>${HEAD.map((h) => `<th style="${cell}">${escapeHtml(both(h))}</th>`).join("")}</tr>` +
    input.summaries.map((s) => `<tr>${rowsOf(s).map((v) => `<td style="${cell}">${escapeHtml(v)}</td>`).join("")}</tr>`).join("") +
    "</table>";
  const html = [paragraph(about, "zh-CN"), paragraph(T.intro, "zh-CN"), heading(T.branches, "zh-CN"), table];
  const text = [textLines(about, "zh-CN"), textLines(T.intro, "zh-CN"), [HEAD.map((h) => both(h)).join(" | "), ...input.summaries.map((s) => rowsOf(s).join(" | "))].join("\n")];
  if (input.failures.length > 0) {
    html.push(heading(T.failed, "zh-CN"), `<ul>${input.failures.map((f) => `<li>${escapeHtml(f.name)}: ${escapeHtml(f.reason)}</li>`).join("")}</ul>`);
    text.push(`${both(T.failed)}:\n${input.failures.map((f) => `- ${f.name}: ${f.reason}`).join("\n")}`);
  }
  if (input.hqUrl && safeUrl(input.hqUrl) !== "#") {
    html.push(`<p style="margin:8px 0"><a href="${safeUrl(input.hqUrl)}" style="color:#1a73e8">${label(T.open, "zh-CN")}</a></p>`);
    text.push(`${both(T.open)}: ${input.hqUrl}`);
  }
  return {
    to: input.to,
    cc: [],
    subject,
    htmlBody: documentShell({ kind: "hq-report", title: subject, language: "zh-CN", body: html.join("") }),
    textBody: `${text.join("\n\n")}\n`,
  };
}
