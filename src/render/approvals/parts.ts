/**
 * The pieces approval emails and pages share: the request summary (ID, type, title, requester,
 * submitted, status, amount, every answer), the history so far, a step's description and the
 * labels of decisions and statuses, each as HTML (escaped) and as plain text. Times show on the
 * workbook's wall clock (the summary carries its zone).
 */
import type { Bilingual, Language } from "../../core/i18n";
import { both } from "../../core/i18n";
import type { HistoryLine, HistoryWhat, RequestSummary, StepAction, StepSummary } from "../../core/approvals/model";
import { moneyText } from "../../core/approvals/notices";
import { statusText } from "../../core/approvals/records";
import { dateTimeText } from "../../core/templates/table";
import { cleanText, escapeHtml, heading, keyValueTable, label, multiline } from "../html";

export const WHAT: Readonly<Record<HistoryWhat, Bilingual>> = {
  submitted: { zh: "提交", en: "submitted" },
  resubmitted: { zh: "修改后重新提交", en: "revised and resubmitted" },
  needs_fixing: { zh: "答案需更正", en: "answers need fixing" },
  failed: { zh: "处理失败", en: "processing failed" },
  retried: { zh: "重新运行", en: "run again" },
  approve: { zh: "同意", en: "approved" },
  comment: { zh: "提出意见", en: "commented" },
  reject: { zh: "驳回", en: "rejected" },
  return: { zh: "退回修改", en: "returned for revision" },
  withdraw: { zh: "撤回", en: "withdrawn" },
  remind: { zh: "催办提醒", en: "reminder sent" },
  escalate: { zh: "升级至上级", en: "escalated to the manager" },
  delegate: { zh: "转代理人", en: "handed to the delegate" },
  approved: { zh: "审批完成,已批准", en: "fully approved" },
};

export const ACTION: Readonly<Record<StepAction, Bilingual>> = {
  approve: { zh: "审批", en: "approve" },
  advise: { zh: "审阅并提意见", en: "review and comment" },
  verify: { zh: "核准", en: "verify" },
  accept: { zh: "接受任务", en: "accept" },
  confirm: { zh: "确认办结", en: "confirm it is done" },
};

const L = {
  id: { zh: "申请编号", en: "Request ID" },
  type: { zh: "类型", en: "Type" },
  title: { zh: "标题", en: "Title" },
  requester: { zh: "申请人", en: "Requester" },
  submitted: { zh: "提交时间", en: "Submitted" },
  status: { zh: "状态", en: "Status" },
  revision: { zh: "修订版本", en: "Revision" },
  amount: { zh: "金额(元)", en: "Amount (yuan)" },
  summary: { zh: "申请内容", en: "The request" },
  history: { zh: "审批记录", en: "History so far" },
  when: { zh: "时间", en: "When" },
  who: { zh: "人员", en: "Who" },
  what: { zh: "事项", en: "What" },
  step: { zh: "第 {n} 步", en: "step {n}" },
  onBehalf: { zh: "代", en: "for" },
} as const;

/** `2026-11-02 09:00` on the summary's wall clock. */
export function timeText(ms: number, timeZone: string): string {
  return dateTimeText(ms, timeZone).slice(0, 16).replace("T", " ");
}

function stepLabel(n: number): Bilingual {
  return { zh: L.step.zh.replace("{n}", String(n)), en: L.step.en.replace("{n}", String(n)) };
}

function pick(text: Bilingual, language: Language): string {
  return language === "en" ? text.en : text.zh;
}

/** The summary's rows, as [label, value] pairs of plain text. */
function summaryRows(s: RequestSummary): [Bilingual, string][] {
  const rows: [Bilingual, string][] = [
    [L.id, s.revision > 1 ? `${s.id} (${both({ zh: `第${s.revision}版`, en: `revision ${s.revision}` })})` : s.id],
    [L.type, both(s.typeLabel)],
    [L.title, s.title],
    [L.requester, `${s.requester.name} <${s.requester.email}>`],
    [L.submitted, timeText(s.submittedAt, s.timeZone)],
    [L.status, both(statusText(s.status))],
  ];
  for (const f of s.fields) rows.push([f.label, f.value]);
  return rows;
}

export function summaryHtml(s: RequestSummary, language: Language): string {
  const rows = summaryRows(s).map(([k, v]) => [label(k, language), multiline(v)] as const);
  const amount = s.amount === null ? "" : `<p style="font-size:20px;margin:4px 0 12px"><strong>¥ ${escapeHtml(moneyText(s.amount))}</strong></p>`;
  return heading(L.summary, language) + amount + keyValueTable(rows);
}

export function summaryText(s: RequestSummary): string {
  return [`== ${both(L.summary)} ==`, ...summaryRows(s).map(([k, v]) => `${both(k)}: ${cleanText(v)}`)].join("\n");
}

function historyStep(h: HistoryLine, language: Language): string {
  if (h.step === null) return "";
  const name = h.stepName ? ` ${pick(h.stepName, language)}` : "";
  return `${pick(stepLabel(h.step), language)}${name}`;
}

export function historyHtml(lines: readonly HistoryLine[], language: Language, timeZone: string): string {
  if (lines.length === 0) return "";
  const th = (t: Bilingual): string => `<th style="text-align:left;padding:6px;border-bottom:2px solid #dadce0;font-weight:600">${label(t, language)}</th>`;
  const rows = lines
    .map((h) => {
      const who = `${escapeHtml(h.actor)}${h.onBehalfOf ? ` <span style="color:#5f6368">(${escapeHtml(pick(L.onBehalf, language))} ${escapeHtml(h.onBehalfOf)})</span>` : ""}`;
      const what = `${label(WHAT[h.what], language)}${h.step !== null ? `<br><span style="color:#5f6368">${escapeHtml(historyStep(h, language))}</span>` : ""}${h.comment ? `<br>“${multiline(h.comment)}”` : ""}`;
      return `<tr><td style="padding:6px;border-bottom:1px solid #e8eaed;white-space:nowrap;vertical-align:top">${escapeHtml(timeText(h.at, timeZone))}</td><td style="padding:6px;border-bottom:1px solid #e8eaed;vertical-align:top">${who}</td><td style="padding:6px;border-bottom:1px solid #e8eaed;vertical-align:top;word-break:break-word">${what}</td></tr>`;
    })
    .join("");
  return `${heading(L.history, language)}<table role="presentation" style="width:100%;border-collapse:collapse;font-size:13px;margin:0 0 16px"><tr>${th(L.when)}${th(L.who)}${th(L.what)}</tr>${rows}</table>`;
}

export function historyText(lines: readonly HistoryLine[], language: Language, timeZone: string): string {
  if (lines.length === 0) return "";
  const out = [`== ${both(L.history)} ==`];
  for (const h of lines) {
    const step = h.step !== null ? ` [${historyStep(h, language)}]` : "";
    const who = h.onBehalfOf ? `${h.actor} (${pick(L.onBehalf, language)} ${h.onBehalfOf})` : h.actor;
    out.push(`${timeText(h.at, timeZone)}  ${cleanText(who)}  ${both(WHAT[h.what])}${step}${h.comment ? `: ${cleanText(h.comment).replace(/\r?\n/g, " ")}` : ""}`);
  }
  return out.join("\n");
}

/** "第 2/3 步「营销总监审批」(营销总监:孙立新)" in both languages. */
export function stepText(step: StepSummary): Bilingual {
  const people = step.people.join(", ");
  return {
    zh: `第 ${step.step}/${step.of} 步「${step.name.zh}」(${step.roleLabel.zh}:${people},${ACTION[step.action].zh})`,
    en: `step ${step.step} of ${step.of} "${step.name.en}" (${step.roleLabel.en}: ${people}, to ${ACTION[step.action].en})`,
  };
}
