/**
 * The email that tells a person their own published monthly result (考核结果通知), spec SC-27 /
 * SC-54 / WF-26: every component score, final score, grade, performance pay and flags of their
 * latest revision, and the appeal deadline. Inline CSS and tables only (src/render/html.ts), every
 * value escaped, a plain-text part; the reader's language first (People.language, else Settings
 * `LANGUAGE`), the other below. Pure: a row in, a message out.
 */
import type { Bilingual, Language } from "../../core/i18n";
import { both } from "../../core/i18n";
import { moneyText } from "../../core/approvals/notices";
import type { TableRecord } from "../../core/templates/table";
import { buttonLink, cleanText, documentShell, escapeHtml, keyValueTable, label, multiline, paragraph, textLines } from "../html";

export const RESULT_KIND = "monthly-result";

const L = {
  month: { zh: "考核月份", en: "Month" },
  work: { zh: "工作指标得分", en: "Work points" },
  behaviour: { zh: "行为指标得分", en: "Behaviour points" },
  company: { zh: "公司业绩得分", en: "Company points" },
  post: { zh: "岗位考核分", en: "Post scorecard" },
  final: { zh: "最终得分", en: "Final score" },
  grade: { zh: "等级", en: "Grade" },
  pay: { zh: "绩效工资(元)", en: "Performance pay (yuan)" },
  flags: { zh: "提示", en: "Flags" },
  appeal: { zh: "申诉截止", en: "Appeal until" },
  open: { zh: "打开表格", en: "Open the sheet" },
} as const;

export interface ResultEmailInput {
  readonly row: TableRecord;
  readonly language: Language;
  readonly appealUntil: string;
  readonly sheetUrl: string;
}

export interface ResultEmail {
  readonly to: string;
  readonly subject: string;
  readonly htmlBody: string;
  readonly textBody: string;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

function score(v: unknown): string {
  return typeof v === "number" ? v.toFixed(1) : str(v);
}

function money(v: unknown): string {
  return typeof v === "number" ? moneyText(v) : str(v);
}

/**
 * @example renderResultEmail({ row: { month: "2026-10", employee_email: "li.na@…", grade: "B", … }, language: "zh-CN", appealUntil: "2026-11-16", … }).subject → "2026-10 考核结果 / monthly result: 李娜"
 */
export function renderResultEmail(input: ResultEmailInput): ResultEmail {
  const r = input.row;
  const month = str(r.month);
  const name = str(r.employee_name) || str(r.employee_email);
  const lines: [Bilingual, string][] = [
    [L.month, month],
    [L.work, score(r.work_points)],
    [L.behaviour, score(r.behaviour_points)],
    [L.company, score(r.company_points)],
  ];
  if (str(r.post_score) !== "") lines.push([L.post, score(r.post_score)]);
  lines.push([L.final, score(r.final_score)], [L.grade, str(r.grade)], [L.pay, money(r.perf_pay)]);
  if (str(r.flags) !== "") lines.push([L.flags, str(r.flags)]);
  lines.push([L.appeal, input.appealUntil]);
  const intro: Bilingual = {
    zh: `${name},您 ${month} 的考核结果已经总经理签字并公布。如有异议,请在 ${input.appealUntil} 前通过申诉表提出申诉。`,
    en: `${name}, your appraisal result for ${month} has been signed by the GM and published. If you disagree, file an appeal with the appeal form by ${input.appealUntil}.`,
  };
  const subject = cleanText(`${month} ${both({ zh: "考核结果", en: "monthly result" })}: ${name}`);
  const html = [
    `<h1 style="font-size:18px;margin:0 0 12px">${label({ zh: "月度考核结果", en: "Your monthly result" }, input.language)}</h1>`,
    paragraph(intro, input.language),
    keyValueTable(lines.map(([k, v]) => [label(k, input.language), k === L.grade || k === L.final ? `<strong>${escapeHtml(v)}</strong>` : multiline(v)] as const)),
    input.sheetUrl ? buttonLink(input.sheetUrl, L.open, input.language) : "",
  ].join("");
  const text = [textLines(intro, input.language), "", ...lines.map(([k, v]) => `${both(k)}: ${cleanText(v).replace(/\r?\n/g, "; ")}`), input.sheetUrl ? `\n${both(L.open)}: ${input.sheetUrl}` : ""].join("\n");
  return { to: str(r.employee_email), subject, htmlBody: documentShell({ kind: RESULT_KIND, title: subject, language: input.language, body: html, accent: "#9334e6" }), textBody: text };
}
