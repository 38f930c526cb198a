/**
 * The monthly report email (RP-28) from a report model (src/core/reports/model.ts): an HTML part
 * that renders in Gmail and on a phone — inline CSS only, tables and no flex or grid, bar charts of
 * table cells, no script, no image, no SVG — a plain-text part with the same figures, a subject
 * with no dangling label, and a link to the sheet. Everything a person typed (names, titles,
 * reasons, customer names) is escaped (src/render/html.ts). The reader's language (People.language,
 * else Settings LANGUAGE) comes first in every label. A department too large for Gmail's 102 KB
 * clipping limit gets its long per-person lists shortened, each with a line saying how many more
 * rows the sheet holds (`renderReport` tries shorter lists until the HTML fits).
 */
import type { Bilingual, Language } from "../../core/i18n";
import { format } from "../../core/i18n";
import type { PerformanceLine, ReportModel } from "../../core/reports/model";
import type { Figure } from "../../core/reports/plan-actual";
import { buttonLink, cleanText, documentShell, escapeHtml, heading, multiline, otherLanguage } from "../html";
import { barHtml, enumLabel, moneyText, numberText, pick, rateColour, rateText } from "./format";

/** Gmail clips a message whose HTML is larger than about 102 KB; stay clear of it. */
export const GMAIL_CLIP_BYTES = 102 * 1024;
const SIZE_BUDGET_BYTES = 96 * 1024;
/** Row limits tried in turn for the per-person lists until the HTML fits the budget. */
const ROW_LIMITS = [Infinity, 200, 100, 60, 30, 15, 8] as const;

export interface RenderedReport {
  readonly to: string;
  readonly subject: string;
  readonly htmlBody: string;
  readonly textBody: string;
  /** How many rows were left out of the longest list to fit the size budget (0: none). */
  readonly rowsLeftOut: number;
}

const L = {
  pack: { zh: "市场部月度报表", en: "Marketing monthly report" },
  regionPack: { zh: "区域月度报表", en: "Regional monthly report" },
  personal: { zh: "个人月度考核", en: "Monthly scorecard" },
  forReader: { zh: "收件人:{name}", en: "For {name}" },
  department: { zh: "全部门", en: "whole department" },
  pending: { zh: "本月考核尚未经签字确认,等级与绩效工资暂为“待签字”(SC-57)。", en: "This month's appraisals are not signed yet: grades and pay show as pending (SC-57)." },
  actions: { zh: "需要你处理", en: "Needs your action" },
  noActions: { zh: "本月没有需要你处理的事项。", en: "Nothing needs your action this month." },
  sales: { zh: "销售:计划与实际", en: "Sales: plan vs actual" },
  name: { zh: "名称", en: "Name" },
  actualPlan: { zh: "实际 / 计划", en: "Actual / plan" },
  month: { zh: "本月", en: "Month" },
  qtdYtd: { zh: "季度累计 / 年度累计", en: "Quarter / year to date" },
  newCustomers: { zh: "新客户:计划与实际", en: "New customers: plan vs actual" },
  collections: { zh: "回款(含上月滚入)", en: "Collections (with roll-over)" },
  planRolled: { zh: "计划 + 滚入", en: "Plan + rolled over" },
  net: { zh: "实际回款(入账 − 退款)", en: "Net (booked − refunds)" },
  rate: { zh: "完成率", en: "Rate" },
  expenses: { zh: "销售费用与预算", en: "Expenses vs budget" },
  spentBudget: { zh: "实际 / 预算", en: "Spent / budget" },
  usage: { zh: "使用率", en: "Usage" },
  score: { zh: "得分", en: "Score" },
  results: { zh: "考核结果", en: "Appraisal results" },
  grades: { zh: "等级分布", en: "Grade distribution" },
  pendingGrade: { zh: "待签字", en: "Pending" },
  moves: { zh: "等级变化(与上月比)", en: "Grade changes since last month" },
  noMoves: { zh: "与上月相比没有等级变化。", en: "No grade changed since last month." },
  person: { zh: "员工", en: "Person" },
  finalScore: { zh: "最终得分", en: "Final score" },
  grade: { zh: "等级", en: "Grade" },
  pay: { zh: "绩效工资", en: "Perf. pay" },
  flags: { zh: "提示(均需有人决定)", en: "Flags (each needs a decision)" },
  rule: { zh: "规则", en: "Rule" },
  reason: { zh: "原因", en: "Reason" },
  standards: { zh: "工作标准", en: "Work standards" },
  newCust: { zh: "新客户", en: "New cust." },
  visitWeeks: { zh: "拜访达标周", en: "Visit weeks met" },
  competitorWeeks: { zh: "竞品报告达标周", en: "Competitor weeks met" },
  missingLogs: { zh: "无活动记录的周", en: "Weeks with no log" },
  dailyReports: { zh: "按时日报/工作日", en: "Daily reports on time" },
  approvals: { zh: "待处理的申请", en: "Pending approvals" },
  request: { zh: "申请", en: "Request" },
  holder: { zh: "在谁手上", en: "Held by" },
  age: { zh: "已等天数", en: "Days waiting" },
  tasks: { zh: "逾期任务", en: "Overdue tasks" },
  task: { zh: "任务", en: "Task" },
  owner: { zh: "负责人", en: "Owner" },
  late: { zh: "逾期天数", en: "Days late" },
  staleFiles: { zh: "过期的客户档案", en: "Stale customer files" },
  customer: { zh: "客户", en: "Customer" },
  updated: { zh: "最后更新", en: "Last updated" },
  never: { zh: "从未更新", en: "never" },
  more: { zh: "另有 {n} 行,请在表格中查看。", en: "{n} more row(s) in the sheet." },
  openSheet: { zh: "打开表格", en: "Open the sheet" },
  none: { zh: "无", en: "None" },
  footer: { zh: "本报表由 MarketOps 根据 {month} 的数据生成于 {today}。数字与表格一致。", en: "Made by MarketOps from {month}'s data on {today}. Figures match the sheet." },
} as const;

function t(text: Bilingual, language: Language): string {
  return escapeHtml(pick(text, language));
}

/** The report's title words (no region, month or name yet). */
function titleOf(model: ReportModel): Bilingual {
  if (model.kind === "appraisal_results") return L.personal;
  return model.scope.kind === "region" ? L.regionPack : L.pack;
}

/** What the report is about, after the month: the region's name, the reader's name, or nothing. */
function aboutOf(model: ReportModel): Bilingual | null {
  if (model.scope.kind === "region" && model.regionName) return { zh: model.regionName.zh, en: model.regionName.en };
  if (model.scope.kind === "person") return { zh: model.reader.name, en: model.reader.name };
  return null;
}

/** `市场部月度报表 2026-10 · 华东区 / Regional monthly report 2026-10 · East`: the parts that exist, no empty label. */
export function reportSubject(model: ReportModel): string {
  const lang = model.language;
  const part = (l: Language): string => [pick(titleOf(model), l), model.month, aboutOf(model) ? pick(aboutOf(model) as Bilingual, l) : ""].filter((s) => s !== "").join(" · ");
  return cleanText(`${part(lang)} / ${part(otherLanguage(lang))}`).replace(/\s+/g, " ").trim();
}

// Cell styles are kept short: they repeat on every cell, and a large department's pack must stay
// under Gmail's clipping size. Alignment uses the `align`/`valign` attributes every client honours.
const TH = "padding:4px;border-bottom:2px solid #dadce0;color:#3c4043;font-size:12px";
const TD = 'style="padding:4px;border-bottom:1px solid #e8eaed" valign="top"';
const NUM = 'style="padding:4px;border-bottom:1px solid #e8eaed;white-space:nowrap" valign="top" align="right"';

function table(headers: readonly string[], rows: readonly string[], numericFrom = 1): string {
  const head = headers.map((h, i) => `<th style="${TH}" align="${i >= numericFrom ? "right" : "left"}" valign="bottom">${h}</th>`).join("");
  return `<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="border-collapse:collapse;margin:0 0 8px;font-size:13px"><tr>${head}</tr>${rows.join("")}</table>`;
}

function moreLine(n: number, language: Language): string {
  return n > 0 ? `<p style="margin:0 0 12px;font-size:12px;color:#5f6368">${t(format(L.more, { n }), language)}</p>` : "";
}

/** A name cell wide enough for a Chinese name on one line (a phone otherwise breaks 许文华 in two). */
const NAME_TD = 'style="padding:4px;border-bottom:1px solid #e8eaed;min-width:4.5em" valign="top"';

function lineName(line: PerformanceLine, language: Language): string {
  const name = escapeHtml(pick(line.name, language));
  return line.level === "person" ? name : `<strong>${name}</strong>`;
}

/** "Actual / plan" cell: money or counts. */
function actualPlan(f: Figure, money: boolean): string {
  const show = (n: number): string => (money ? moneyText(n) : numberText(n));
  return `${escapeHtml(show(f.actual))}<br><span style="color:#5f6368">/ ${escapeHtml(show(f.plan))}</span>`;
}

function rateCell(rate: number | null): string {
  return `<td ${NUM} width="22%"><span style="color:${rateColour(rate)};font-weight:600">${rateText(rate)}</span>${barHtml(rate ?? 0, rateColour(rate))}</td>`;
}

/** Per-person rows of a list, limited to `limit`, department and region lines always kept. */
function limited<T>(rows: readonly T[], limit: number): { shown: readonly T[]; more: number } {
  if (rows.length <= limit) return { shown: rows, more: 0 };
  return { shown: rows.slice(0, limit), more: rows.length - limit };
}

function performanceSection(model: ReportModel, limit: number, language: Language, left: { n: number }): string {
  const people = model.lines.filter((l) => l.level === "person");
  const groups = model.lines.filter((l) => l.level !== "person");
  const { shown, more } = limited(people, limit);
  left.n = Math.max(left.n, more);
  const lines = [...groups, ...shown];
  if (lines.length === 0) return "";
  const periodRows = (pick: (l: PerformanceLine) => PerformanceLine["sales"], money: boolean): string[] =>
    lines.map((l) => {
      const f = pick(l);
      return `<tr><td ${NAME_TD}>${lineName(l, language)}</td><td ${NUM}>${actualPlan(f.month, money)}</td>${rateCell(f.month.rate)}<td ${NUM}>${rateText(f.quarter.rate)}<br>${rateText(f.year.rate)}</td></tr>`;
    });
  const head = [t(L.name, language), t(L.actualPlan, language), t(L.month, language), t(L.qtdYtd, language)];
  let html = heading(L.sales, language) + table(head, periodRows((l) => l.sales, true)) + moreLine(more, language);
  html += heading(L.newCustomers, language) + table(head, periodRows((l) => l.newCustomers, false)) + moreLine(more, language);
  const collectionRows = lines.map((l) => {
    const c = l.collections;
    return `<tr><td ${NAME_TD}>${lineName(l, language)}</td><td ${NUM}>${escapeHtml(moneyText(c.plan))}<br><span style="color:#5f6368">+ ${escapeHtml(moneyText(c.rolledOver))}</span></td><td ${NUM}>${escapeHtml(moneyText(c.net))}</td>${rateCell(c.rate)}</tr>`;
  });
  html += heading(L.collections, language) + table([t(L.name, language), t(L.planRolled, language), t(L.net, language), t(L.rate, language)], collectionRows) + moreLine(more, language);
  const expenseLines = lines.filter((l) => l.expenses !== null);
  if (expenseLines.length) {
    const rows = expenseLines.map((l) => {
      const e = l.expenses;
      if (!e) return "";
      const colour = e.overBudget ? "#d93025" : "#188038";
      return `<tr><td ${NAME_TD}>${lineName(l, language)}</td><td ${NUM}>${escapeHtml(moneyText(e.spent))}<br><span style="color:#5f6368">/ ${escapeHtml(moneyText(e.budget))}</span></td><td ${NUM} width="22%"><span style="color:${colour};font-weight:600">${rateText(e.usage)}</span>${barHtml(Math.min(1, e.usage ?? 0), colour)}</td><td ${NUM}>${numberText(e.score)}</td></tr>`;
    });
    html += heading(L.expenses, language) + table([t(L.name, language), t(L.spentBudget, language), t(L.usage, language), t(L.score, language)], rows) + moreLine(more, language);
  }
  return html;
}

function gradeChart(model: ReportModel, language: Language): string {
  const total = model.grades.reduce((s, g) => s + g.count, 0);
  if (total === 0) return "";
  const colours: Readonly<Record<string, string>> = { A: "#188038", B: "#1a73e8", C: "#d93025" };
  const rows = model.grades.map((g) => {
    const name = g.grade === null ? t(L.pendingGrade, language) : escapeHtml(g.grade);
    return `<tr><td ${TD} width="20%">${name}</td><td ${TD}>${barHtml(g.count / total, g.grade === null ? "#9aa0a6" : (colours[g.grade] ?? "#5f6368"))}</td><td ${NUM} width="12%">${g.count}</td></tr>`;
  });
  return `<p style="margin:8px 0 4px;font-weight:600">${t(L.grades, language)}</p>` + `<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="border-collapse:collapse;margin:0 0 8px;font-size:13px">${rows.join("")}</table>`;
}

function resultsSection(model: ReportModel, limit: number, language: Language, left: { n: number }): string {
  if (model.results.length === 0) return "";
  // A scorecard holds one person: a distribution of one says nothing.
  let html = heading(L.results, language) + (model.kind === "appraisal_results" ? "" : gradeChart(model, language));
  if (model.kind !== "appraisal_results") {
    const moves = limited(model.moves, limit);
    left.n = Math.max(left.n, moves.more);
    html += model.moves.length
      ? `<p style="margin:8px 0 4px;font-weight:600">${t(L.moves, language)}</p><p style="margin:0 0 8px;font-size:13px">${moves.shown.map((m) => `${escapeHtml(m.name)} ${escapeHtml(m.from)} → ${escapeHtml(m.to)}`).join("; ")}</p>${moreLine(moves.more, language)}`
      : `<p style="margin:8px 0;font-size:13px;color:#5f6368">${t(L.noMoves, language)}</p>`;
  }
  const { shown, more } = limited(model.results, limit);
  left.n = Math.max(left.n, more);
  const rows = shown.map(
    (r) =>
      `<tr><td ${TD}>${escapeHtml(r.name)}</td><td ${NUM}>${numberText(r.finalScore)}</td><td ${NUM}>${r.grade === null ? t(L.pendingGrade, language) : escapeHtml(r.grade)}</td><td ${NUM}>${r.perfPay === null ? t(L.pendingGrade, language) : escapeHtml(moneyText(r.perfPay))}</td></tr>`,
  );
  html += table([t(L.person, language), t(L.finalScore, language), t(L.grade, language), t(L.pay, language)], rows) + moreLine(more, language);
  const allFlags = model.results.flatMap((r) => r.flags.map((f) => ({ name: r.name, ...f })));
  const { shown: flags, more: moreFlags } = limited(allFlags, limit);
  left.n = Math.max(left.n, moreFlags);
  if (flags.length) {
    const flagRows = flags.map((f) => `<tr><td ${TD}>${escapeHtml(f.name)}</td><td ${TD} nowrap>${escapeHtml(f.rule)}</td><td ${TD}>${multiline(f.reason)}</td></tr>`);
    html += `<p style="margin:8px 0 4px;font-weight:600">${t(L.flags, language)}</p>` + table([t(L.person, language), t(L.rule, language), t(L.reason, language)], flagRows, 9) + moreLine(moreFlags, language);
  }
  return html;
}

function standardsSection(model: ReportModel, limit: number, language: Language, left: { n: number }): string {
  if (model.standards.length === 0) return "";
  const { shown, more } = limited(model.standards, limit);
  left.n = Math.max(left.n, more);
  const ok = (met: boolean): string => `<span style="color:${met ? "#188038" : "#d93025"}">${met ? "✓" : "✗"}</span>`;
  const rows = shown.map(
    (s) =>
      `<tr><td ${TD}>${escapeHtml(s.name)}</td><td ${NUM}>${s.newCustomers} ${ok(s.newCustomersMet)}</td><td ${NUM}>${s.visitWeeksMet}/${s.weeks}</td><td ${NUM}>${s.competitorWeeksMet}/${s.weeks}</td><td ${NUM}>${s.missingLogWeeks.length}</td><td ${NUM}>${s.dailyReportsOnTime}/${s.workingDays}</td></tr>`,
  );
  const headers = [t(L.person, language), t(L.newCust, language), t(L.visitWeeks, language), t(L.competitorWeeks, language), t(L.missingLogs, language), t(L.dailyReports, language)];
  return heading(L.standards, language) + table(headers, rows) + moreLine(more, language);
}

function approvalsSection(model: ReportModel, limit: number, language: Language, left: { n: number }): string {
  if (model.approvals.length === 0) return "";
  const { shown, more } = limited(model.approvals, limit);
  left.n = Math.max(left.n, more);
  const rows = shown.map(
    (a) =>
      `<tr><td ${TD}><strong>${escapeHtml(a.requestId)}</strong> ${t(enumLabel("requests", "type", a.type), language)}<br>${escapeHtml(a.title)}</td><td ${TD}>${a.holder ? escapeHtml(a.holder.name) : "—"}</td><td ${NUM}>${a.ageDays}</td></tr>`,
  );
  return heading(L.approvals, language) + table([t(L.request, language), t(L.holder, language), t(L.age, language)], rows, 2) + moreLine(more, language);
}

function tasksSection(model: ReportModel, limit: number, language: Language, left: { n: number }): string {
  if (model.tasks.length === 0) return "";
  const { shown, more } = limited(model.tasks, limit);
  left.n = Math.max(left.n, more);
  const rows = shown.map((x) => `<tr><td ${TD}>${escapeHtml(x.title)}<br><span style="color:#5f6368;font-size:12px">${escapeHtml(x.dueOn)}</span></td><td ${TD}>${x.owner ? escapeHtml(x.owner.name) : "—"}</td><td ${NUM}>${x.daysLate}</td></tr>`);
  return heading(L.tasks, language) + table([t(L.task, language), t(L.owner, language), t(L.late, language)], rows, 2) + moreLine(more, language);
}

function filesSection(model: ReportModel, limit: number, language: Language, left: { n: number }): string {
  if (model.staleFiles.length === 0) return "";
  const { shown, more } = limited(model.staleFiles, Math.min(limit, 30));
  left.n = Math.max(left.n, more);
  const rows = shown.map((f) => `<tr><td ${TD}>${escapeHtml(f.customerName)}</td><td ${NUM}>${f.updatedOn === null ? t(L.never, language) : escapeHtml(f.updatedOn)}</td></tr>`);
  return heading(L.staleFiles, language) + table([t(L.customer, language), t(L.updated, language)], rows) + moreLine(more, language);
}

function actionsSection(model: ReportModel, limit: number, language: Language, left: { n: number }): string {
  const { shown, more } = limited(model.actions, Math.max(limit, 20));
  left.n = Math.max(left.n, more);
  const items = shown.map((a) => `<li style="margin:0 0 6px">${multiline(pick(a.text, language))} <span style="color:#80868b;font-size:12px">${escapeHtml(a.rule)}</span></li>`);
  const body = items.length ? `<ol style="margin:0 0 12px;padding-left:22px;font-size:14px">${items.join("")}</ol>` : `<p style="margin:0 0 12px;color:#188038">${t(L.noActions, language)}</p>`;
  return `<div style="background:#e8f0fe;border-radius:6px;padding:10px 12px;margin:8px 0 12px">${heading(L.actions, language).replace("margin:20px 0 8px", "margin:0 0 8px")}${body}${moreLine(more, language)}</div>`;
}

function htmlBody(model: ReportModel, limit: number, left: { n: number }): string {
  const language = model.language;
  const about = aboutOf(model);
  const title = `${pick(titleOf(model), language)} ${model.month}${about ? ` · ${pick(about, language)}` : ""}`;
  let body = `<h1 style="font-size:20px;margin:0 0 4px">${escapeHtml(title)}</h1>`;
  body += `<p style="margin:0 0 8px;color:#5f6368;font-size:13px">${escapeHtml(pick(titleOf(model), otherLanguage(language)))} · ${escapeHtml(pick(format(L.forReader, { name: model.reader.name }), language))}</p>`;
  if (model.pending) body += `<p style="margin:0 0 8px;padding:8px 10px;background:#fef7e0;color:#b06000;border-radius:6px;font-size:13px">${t(L.pending, language)}</p>`;
  body += actionsSection(model, limit, language, left);
  body += performanceSection(model, limit, language, left);
  body += resultsSection(model, limit, language, left);
  body += standardsSection(model, limit, language, left);
  body += approvalsSection(model, limit, language, left);
  body += tasksSection(model, limit, language, left);
  body += filesSection(model, limit, language, left);
  body += buttonLink(model.sheetUrl, L.openSheet, language);
  body += `<p style="margin:8px 0 0;font-size:12px;color:#80868b">${t(format(L.footer, { month: model.month, today: model.today }), language)}</p>`;
  return documentShell({ kind: `report-${model.kind.replace(/_/g, "-")}`, title, language, body });
}

/** The plain-text part: the same sections and figures, the reader's language. */
function textBody(model: ReportModel): string {
  const lang = model.language;
  const p = (b: Bilingual): string => pick(b, lang);
  const lines: string[] = [reportSubject(model), ""];
  if (model.pending) lines.push(p(L.pending), "");
  lines.push(`== ${p(L.actions)} ==`);
  if (model.actions.length === 0) lines.push(p(L.noActions));
  model.actions.forEach((a, i) => lines.push(`${i + 1}. ${cleanText(p(a.text))} (${a.rule})`));
  if (model.lines.length) {
    lines.push("", `== ${p(L.sales)} ==`);
    for (const l of model.lines) lines.push(`${cleanText(p(l.name))}: ${moneyText(l.sales.month.actual)} / ${moneyText(l.sales.month.plan)} = ${rateText(l.sales.month.rate)}; QTD ${rateText(l.sales.quarter.rate)}; YTD ${rateText(l.sales.year.rate)}`);
    lines.push("", `== ${p(L.collections)} ==`);
    for (const l of model.lines) {
      const c = l.collections;
      lines.push(`${cleanText(p(l.name))}: ${moneyText(c.net)} / (${moneyText(c.plan)} + ${moneyText(c.rolledOver)}) = ${rateText(c.rate)}`);
    }
    const withExpenses = model.lines.filter((l) => l.expenses);
    if (withExpenses.length) {
      lines.push("", `== ${p(L.expenses)} ==`);
      for (const l of withExpenses) if (l.expenses) lines.push(`${cleanText(p(l.name))}: ${moneyText(l.expenses.spent)} / ${moneyText(l.expenses.budget)} = ${rateText(l.expenses.usage)}; ${p(L.score)} ${numberText(l.expenses.score)}`);
    }
  }
  if (model.results.length) {
    lines.push("", `== ${p(L.results)} ==`);
    lines.push(`${p(L.grades)}: ${model.grades.map((g) => `${g.grade ?? p(L.pendingGrade)} ${g.count}`).join(", ")}`);
    for (const m of model.moves) lines.push(`${cleanText(m.name)}: ${m.from} → ${m.to}`);
    for (const r of model.results) lines.push(`${cleanText(r.name)}: ${numberText(r.finalScore)} ${r.grade ?? p(L.pendingGrade)} ${r.perfPay === null ? p(L.pendingGrade) : moneyText(r.perfPay)}`);
    for (const r of model.results) for (const f of r.flags) lines.push(`! ${cleanText(r.name)} ${f.rule}: ${cleanText(f.reason)}`);
  }
  if (model.standards.length) {
    lines.push("", `== ${p(L.standards)} ==`);
    for (const s of model.standards) lines.push(`${cleanText(s.name)}: ${p(L.newCust)} ${s.newCustomers}${s.newCustomersMet ? " ✓" : " ✗"}; ${p(L.visitWeeks)} ${s.visitWeeksMet}/${s.weeks}; ${p(L.missingLogs)} ${s.missingLogWeeks.length}; ${p(L.dailyReports)} ${s.dailyReportsOnTime}/${s.workingDays}`);
  }
  if (model.approvals.length) {
    lines.push("", `== ${p(L.approvals)} ==`);
    for (const a of model.approvals) lines.push(`${a.requestId} ${cleanText(a.title)} — ${a.holder ? cleanText(a.holder.name) : "—"}, ${a.ageDays} ${p(L.age)}`);
  }
  if (model.tasks.length) {
    lines.push("", `== ${p(L.tasks)} ==`);
    for (const x of model.tasks) lines.push(`${cleanText(x.title)} — ${x.owner ? cleanText(x.owner.name) : "—"}, ${x.dueOn}, ${x.daysLate} ${p(L.late)}`);
  }
  if (model.staleFiles.length) lines.push("", `== ${p(L.staleFiles)} ==`, `${model.staleFiles.length}`);
  lines.push("", `${p(L.openSheet)}: ${model.sheetUrl}`);
  return lines.join("\n");
}

/** The email of one report, shortened until its HTML fits under Gmail's clipping size. */
export function renderReport(model: ReportModel): RenderedReport {
  let html = "";
  let left = { n: 0 };
  for (const limit of ROW_LIMITS) {
    left = { n: 0 };
    html = htmlBody(model, limit, left);
    if (utf8Bytes(html) <= SIZE_BUDGET_BYTES) break;
  }
  return { to: model.reader.email, subject: reportSubject(model), htmlBody: html, textBody: textBody(model), rowsLeftOut: left.n };
}

/** UTF-8 byte length without Node's Buffer (the bundle runs in Apps Script). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}
