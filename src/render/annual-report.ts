/**
 * The annual report email (年度考核结果, RP-13) to the Director, the GM and HR: the year's grade
 * distribution (a bar chart drawn with table cells), the company ranking, every flag with its rule
 * ID and reason (SC-42, SC-46, SC-47, SC-50..SC-53; flags only, a person decides, AMB-65), the
 * best-employee candidates (SC-49), who was not appraised and why (SC-44), and the appeal deadline
 * (SC-54). HTML with inline CSS and tables only (Gmail drops `<style>`; no scripts, images or SVG),
 * a plain-text part, the reader's language first and the other below; every value from the sheet
 * is escaped. Pure.
 */
import type { Bilingual, Language } from "../core/i18n";
import { format } from "../core/i18n";
import type { AnnualReportModel } from "../core/annual/annual-report";
import { cleanText, documentShell, escapeHtml, heading, label, multiline, paragraph, safeUrl, textLines } from "./html";

export interface RenderedReport {
  readonly subject: string;
  readonly htmlBody: string;
  readonly textBody: string;
}

export const ANNUAL_REPORT_KIND = "report-annual";

const T = {
  subject: { zh: "【年度考核结果】{year} 年度", en: "Annual appraisal results {year}" },
  hello: { zh: "{name},您好:", en: "Dear {name}," },
  intro: {
    zh: "{year} 年度考核结果已经总经理签字并公布(签字申请 {request})。以下是全部门的结果;提示只供决策,由人决定。员工可在 {until} 前申诉(SC-54)。",
    en: "The {year} annual appraisal is signed by the GM and published (sign-off request {request}). The whole department's results are below; flags inform, a person decides. Employees may appeal until {until} (SC-54).",
  },
  summary: { zh: "概况", en: "Summary" },
  appraised: { zh: "年度考核人数", en: "People appraised" },
  eligible: { zh: "参加年度考核", en: "Eligible" },
  grades: { zh: "年度等级分布(SC-41)", en: "Annual grades (SC-41)" },
  ranking: { zh: "全公司排名(SC-45 年度得分)", en: "Company ranking (SC-45 annual score)" },
  rank: { zh: "名次", en: "Rank" },
  name: { zh: "员工", en: "Employee" },
  region: { zh: "区域", en: "Region" },
  level: { zh: "级别", en: "Level" },
  grade: { zh: "等级", en: "Grade" },
  score: { zh: "得分", en: "Score" },
  months: { zh: "1–12月", en: "Months 1–12" },
  flags: { zh: "需要决定的提示", en: "Flags to decide on" },
  noFlags: { zh: "没有提示。", en: "No flags." },
  best: { zh: "年度优秀员工候选(SC-49)", en: "Best-employee candidates (SC-49)" },
  ineligible: { zh: "不参加年度考核(SC-44)", en: "Not in the annual appraisal (SC-44)" },
  open: { zh: "打开工作簿查看「年度考核结果」表", en: "Open the workbook's Annual results sheet" },
} as const satisfies Readonly<Record<string, Bilingual>>;

const pickIn = (t: Bilingual, language: Language): string => (language === "en" ? t.en : t.zh);
const scoreText = (n: number | null): string => (n === null ? "" : n.toFixed(1));

const CELL = "padding:6px 8px;border-bottom:1px solid #e8eaed;text-align:left;vertical-align:top;font-size:13px";
const HEAD = `${CELL};color:#5f6368;font-weight:normal`;

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${headers.map((h) => `<th scope="col" style="${HEAD}">${h}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td style="${CELL}">${c}</td>`).join("")}</tr>`).join("");
  return `<table role="presentation" style="width:100%;border-collapse:collapse;margin:0 0 16px">${head}${body}</table>`;
}

/** A horizontal bar per grade: a two-cell table row whose first cell's width is the share. */
function gradeBars(model: AnnualReportModel): string {
  const total = Math.max(1, model.grades.A + model.grades.B + model.grades.C);
  const colors = { A: "#188038", B: "#f9ab00", C: "#d93025" } as const;
  return (["A", "B", "C"] as const)
    .map((g) => {
      const n = model.grades[g];
      const pct = Math.round((n / total) * 100);
      const bar =
        pct > 0
          ? `<table role="presentation" style="width:100%;border-collapse:collapse"><tr><td style="width:${pct}%;background:${colors[g]};height:14px;font-size:0;line-height:0">&nbsp;</td><td style="font-size:0;line-height:0">&nbsp;</td></tr></table>`
          : "";
      return `<tr><td style="${CELL};width:32px;font-weight:bold">${g}</td><td style="${CELL}">${bar}</td><td style="${CELL};width:56px;text-align:right">${n} (${pct}%)</td></tr>`;
    })
    .join("");
}

export interface AnnualReportInput {
  readonly model: AnnualReportModel;
  readonly reader: { readonly name: string; readonly language: Language };
  readonly sheetUrl: string;
}

/** The annual report for one reader. */
export function renderAnnualReport({ model, reader, sheetUrl }: AnnualReportInput): RenderedReport {
  const lang = reader.language;
  const values = { year: model.year, request: model.signRequestId || "-", until: model.appealUntil || "-", name: reader.name };
  const subject = cleanText(`${pickIn(format(T.subject, values), lang)} · ${pickIn(format(T.subject, values), lang === "en" ? "zh-CN" : "en")}`);
  const h = (t: Bilingual): string => label(t, lang);

  const ranking = table(
    [h(T.rank), h(T.name), h(T.region), h(T.level), h(T.grade), h(T.score), h(T.months)],
    model.ranking.map((r) => [String(r.rankCompany ?? ""), escapeHtml(r.employeeName || r.employeeEmail), escapeHtml(r.region), escapeHtml(r.postLevel), escapeHtml(r.annualGrade), scoreText(r.annualScore), escapeHtml(r.monthlyGrades)]),
  );
  const flags = model.flagged.length
    ? table([h(T.name), h(T.flags)], model.flagged.map((r) => [escapeHtml(r.employeeName || r.employeeEmail), multiline(r.flags)]))
    : paragraph(T.noFlags, lang);
  const best = model.bestEmployees.length ? table([h(T.name), h(T.best)], model.bestEmployees.map((r) => [escapeHtml(r.employeeName || r.employeeEmail), multiline(r.bestEmployee)])) : "";
  const ineligible = model.ineligible.length ? table([h(T.name), h(T.ineligible)], model.ineligible.map((r) => [escapeHtml(r.employeeName || r.employeeEmail), multiline(r.eligibility)])) : "";

  const body =
    paragraph(format(T.hello, values), lang) +
    paragraph(format(T.intro, values), lang) +
    heading(T.summary, lang) +
    table([h(T.appraised), h(T.eligible)], [[String(model.appraised), String(model.eligible)]]) +
    heading(T.grades, lang) +
    `<table role="presentation" style="width:100%;border-collapse:collapse;margin:0 0 16px">${gradeBars(model)}</table>` +
    heading(T.ranking, lang) +
    ranking +
    heading(T.flags, lang) +
    flags +
    (best ? heading(T.best, lang) + best : "") +
    (ineligible ? heading(T.ineligible, lang) + ineligible : "") +
    `<p style="margin:16px 0"><a href="${safeUrl(sheetUrl)}" style="color:#1a73e8">${h(T.open)}</a></p>`;
  const htmlBody = documentShell({ kind: ANNUAL_REPORT_KIND, title: subject, language: lang, body, accent: "#9334e6" });

  const lines: string[] = [textLines(format(T.hello, values), lang), "", textLines(format(T.intro, values), lang), ""];
  lines.push(`${pickIn(T.appraised, lang)}: ${model.appraised}; ${pickIn(T.eligible, lang)}: ${model.eligible}`);
  lines.push(`${pickIn(T.grades, lang)}: A ${model.grades.A}, B ${model.grades.B}, C ${model.grades.C}`, "");
  lines.push(pickIn(T.ranking, lang));
  for (const r of model.ranking) lines.push(`${r.rankCompany ?? ""}. ${cleanText(r.employeeName || r.employeeEmail)} (${cleanText(r.region)}, ${cleanText(r.postLevel)}) ${cleanText(r.annualGrade)} ${scoreText(r.annualScore)} [${cleanText(r.monthlyGrades)}]`);
  lines.push("", pickIn(T.flags, lang));
  if (model.flagged.length === 0) lines.push(pickIn(T.noFlags, lang));
  for (const r of model.flagged) lines.push(`- ${cleanText(r.employeeName || r.employeeEmail)}: ${cleanText(r.flags).replace(/\n/g, "; ")}`);
  if (model.bestEmployees.length) {
    lines.push("", pickIn(T.best, lang));
    for (const r of model.bestEmployees) lines.push(`- ${cleanText(r.employeeName || r.employeeEmail)}: ${cleanText(r.bestEmployee)}`);
  }
  if (model.ineligible.length) {
    lines.push("", pickIn(T.ineligible, lang));
    for (const r of model.ineligible) lines.push(`- ${cleanText(r.employeeName || r.employeeEmail)}: ${cleanText(r.eligibility).replace(/\n/g, "; ")}`);
  }
  lines.push("", `${pickIn(T.open, lang)}: ${sheetUrl}`);
  return { subject, htmlBody, textBody: lines.join("\n") };
}
