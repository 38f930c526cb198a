/**
 * The web app's approval pages. Opening an emailed link (GET) only shows the decision page: the
 * request, its history, a comment box and Approve / Reject buttons; the decision itself is a POST
 * (the form posts to the web app's `doPost`, https://developers.google.com/apps-script/guides/web#request_parameters),
 * because mail scanners follow links. Inside Apps Script's sandboxed iframe the page sends the
 * form with `google.script.run` instead (https://developers.google.com/apps-script/guides/html/communication#forms)
 * since top-level navigation is restricted there
 * (https://developers.google.com/apps-script/guides/html/restrictions). Result pages say what
 * happened: decision recorded, link expired, tampered or damaged, already used, for someone else,
 * or for a step the request has left, or why a decision was refused — and, after a decision, what
 * happens next: who decides now, or that the outcome is final (issue 11 §2). Everything typed is escaped.
 */
import type { Bilingual, Language } from "../../core/i18n";
import { both } from "../../core/i18n";
import type { HistoryLine, HistoryWhat, RequestSummary, StepSummary } from "../../core/approvals/model";
import type { TokenFailure } from "../../core/approvals/token";
import { documentShell, escapeHtml, heading, label, multiline, paragraph, safeUrl } from "../html";
import { historyHtml, stepText, summaryHtml, timeText, WHAT } from "./parts";

export interface DecisionPageInput {
  readonly language: Language;
  readonly summary: RequestSummary;
  readonly history: readonly HistoryLine[];
  readonly step: StepSummary;
  readonly approverName: string;
  /** The assignee the visitor decides for (as delegate or manager). */
  readonly onBehalfOf: string | null;
  /** The signed token, posted back with the decision. */
  readonly token: string;
  /** The web app URL the form posts to. */
  readonly postUrl: string;
  readonly expiresAt: number;
  /** The server function `google.script.run` calls with the form (inside Apps Script). */
  readonly serverFunction?: string;
  /** Why a previous post was not applied (e.g. a rejection without a reason), shown above the form. */
  readonly error?: Bilingual | null;
  /** The comment typed before, kept after an error. */
  readonly comment?: string;
}

const T = {
  title: { zh: "审批", en: "Decision" },
  intro: { zh: "{name},请审批:{step}", en: "{name}, please decide: {step}" },
  onBehalf: { zh: "您代 {who} 审批。", en: "You decide for {who}." },
  comment: { zh: "意见(驳回时必填)", en: "Comment (required to reject)" },
  commentAdvise: { zh: "意见", en: "Comments" },
  approve: { zh: "同意", en: "Approve" },
  confirm: { zh: "确认办结", en: "Confirm done" },
  advise: { zh: "提交意见", en: "Submit comments" },
  reject: { zh: "驳回", en: "Reject" },
  expires: { zh: "此链接 {at} 前有效,只能使用一次。", en: "This link is valid until {at} and works once." },
  sending: { zh: "正在提交……", en: "Sending…" },
  failed: { zh: "提交失败,请稍后再试:", en: "Could not send; try again later: " },
} as const;

function fill(text: Bilingual, values: Readonly<Record<string, string>>): Bilingual {
  const f = (s: string): string => s.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
  return { zh: f(text.zh), en: f(text.en) };
}

const FUNCTION_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The script that sends the form through `google.script.run` when the page runs inside Apps Script. */
function sendScript(serverFunction: string, language: Language): string {
  const fn = FUNCTION_NAME.test(serverFunction) ? serverFunction : "submitDecision";
  const sending = JSON.stringify(both(T.sending)).replace(/</g, "\\u003c");
  const failed = JSON.stringify(language === "en" ? T.failed.en : T.failed.zh).replace(/</g, "\\u003c");
  return (
    "<script>(function(){var f=document.getElementById('decision-form');" +
    "if(!f||typeof google==='undefined'||!google.script||!google.script.run)return;" +
    "f.addEventListener('submit',function(ev){ev.preventDefault();var b=ev.submitter;" +
    "var h=f.querySelector('input[data-chosen]');if(!h){h=document.createElement('input');h.type='hidden';h.name='decision';h.setAttribute('data-chosen','');f.appendChild(h);}" +
    "h.value=b?b.value:'';var s=document.getElementById('decision-status');s.textContent=" + sending + ";" +
    "google.script.run.withSuccessHandler(function(html){document.open();document.write(html);document.close();})" +
    ".withFailureHandler(function(e){s.textContent=" + failed + "+(e&&e.message?e.message:e);})." + fn + "(f);});})();</script>"
  );
}

function button(value: string, text: Bilingual, language: Language, color: string): string {
  return (
    `<button type="submit" name="decision" value="${escapeHtml(value)}" style="font-size:17px;padding:12px 22px;margin:0 8px 8px 0;border:0;border-radius:6px;` +
    `background:${color};color:#fff;cursor:pointer">${escapeHtml(language === "en" ? text.en : text.zh)} · ${escapeHtml(language === "en" ? text.zh : text.en)}</button>`
  );
}

/**
 * The page an emailed link opens: the request, and a form that posts the decision with the token.
 * @example renderDecisionPage({ … step 2 of 2 "Director approves" … }) → a page with
 *   `<form method="post" action="https://…/exec">`, Approve and Reject buttons and a comment box
 */
export function renderDecisionPage(input: DecisionPageInput): string {
  const lang = input.language;
  const zone = input.summary.timeZone;
  const step = stepText(input.step);
  const advise = input.step.action === "advise";
  const parts: string[] = [];
  parts.push(`<h1 style="font-size:20px;margin:0 0 12px">${label(T.title, lang)} · ${escapeHtml(input.summary.id)}</h1>`);
  if (input.error) parts.push(`<div role="alert" style="background:#fce8e6;color:#a50e0e;border-radius:6px;padding:10px 12px;margin:0 0 12px">${paragraph(input.error, lang)}</div>`);
  parts.push(paragraph({ zh: fill(T.intro, { name: input.approverName, step: step.zh }).zh, en: fill(T.intro, { name: input.approverName, step: step.en }).en }, lang));
  if (input.onBehalfOf) parts.push(paragraph(fill(T.onBehalf, { who: input.onBehalfOf }), lang));
  const primary = advise ? T.advise : input.step.action === "confirm" ? T.confirm : T.approve;
  parts.push(
    `<form id="decision-form" method="post" action="${safeUrl(input.postUrl)}" target="_top" style="margin:16px 0">` +
      `<input type="hidden" name="t" value="${escapeHtml(input.token)}">` +
      `<label for="comment" style="display:block;margin:0 0 6px">${label(advise ? T.commentAdvise : T.comment, lang)}</label>` +
      `<textarea id="comment" name="comment" rows="4" maxlength="2000" style="box-sizing:border-box;width:100%;font-size:16px;padding:8px;border:1px solid #dadce0;border-radius:6px;margin:0 0 12px">${escapeHtml(input.comment ?? "")}</textarea>` +
      button("approve", primary, lang, "#188038") +
      (advise ? "" : button("reject", T.reject, lang, "#d93025")) +
      `<p id="decision-status" role="status" style="color:#5f6368;margin:8px 0 0"></p>` +
      `</form>`,
  );
  parts.push(paragraph(fill(T.expires, { at: `${timeText(input.expiresAt, zone)} (${zone})` }), lang, "font-size:13px"));
  parts.push(summaryHtml(input.summary, lang));
  parts.push(historyHtml(input.history, lang, zone));
  parts.push(sendScript(input.serverFunction ?? "submitDecision", lang));
  return documentShell({ kind: "decision-page", title: `${both(T.title)} ${input.summary.id}`, language: lang, head: '<base target="_top">', body: parts.join("") });
}

/** What a result page reports. */
export type ResultKind = "done" | TokenFailure | "refused" | "error";

export interface ResultPageInput {
  readonly kind: ResultKind;
  readonly language: Language;
  /** The detail: the engine's or the token check's bilingual message. */
  readonly message: Bilingual;
  readonly summary?: RequestSummary | null;
  /** The decision just recorded (for `done`). */
  readonly decision?: { readonly what: HistoryWhat; readonly comment: string } | null;
  /** What happens next (who decides now, or that the outcome is final), from the core's `whatHappensNext`. */
  readonly next?: Bilingual | null;
}

const RESULT: Readonly<Record<ResultKind, { readonly title: Bilingual; readonly accent: string }>> = {
  done: { title: { zh: "已记录您的决定", en: "Your decision is recorded" }, accent: "#188038" },
  expired: { title: { zh: "链接已过期", en: "This link has expired" }, accent: "#f9ab00" },
  tampered: { title: { zh: "链接无效", en: "This link is not valid" }, accent: "#d93025" },
  malformed: { title: { zh: "链接不完整", en: "This link is incomplete" }, accent: "#d93025" },
  replayed: { title: { zh: "链接已使用过", en: "This link was already used" }, accent: "#5f6368" },
  wrong_person: { title: { zh: "此链接不是发给您的", en: "This link was sent to someone else" }, accent: "#d93025" },
  wrong_step: { title: { zh: "申请已不在此步骤", en: "The request has moved on" }, accent: "#5f6368" },
  refused: { title: { zh: "决定未生效", en: "The decision was not applied" }, accent: "#d93025" },
  error: { title: { zh: "出错了", en: "Something went wrong" }, accent: "#d93025" },
};

const NEXT: Bilingual = { zh: "接下来", en: "What happens next" };

const NOTHING_CHANGED: Bilingual = { zh: "没有作任何更改。", en: "Nothing was changed." };

/** A page after a decision was posted, or after a link could not be used. */
export function renderResultPage(input: ResultPageInput): string {
  const lang = input.language;
  const r = RESULT[input.kind];
  const parts: string[] = [`<h1 style="font-size:20px;margin:0 0 12px">${label(r.title, lang)}</h1>`];
  if (input.kind === "done" && input.decision) {
    parts.push(`<p style="font-size:18px;margin:0 0 8px"><strong>${label(WHAT[input.decision.what], lang)}</strong></p>`);
    if (input.decision.comment) parts.push(`<blockquote style="margin:0 0 12px;padding:8px 12px;border-left:4px solid #dadce0;background:#f8f9fa">${multiline(input.decision.comment)}</blockquote>`);
  }
  parts.push(paragraph(input.message, lang));
  if (input.next) parts.push(`<section id="next-step" style="margin:12px 0 16px;padding:10px 12px;border-radius:6px;background:#e8f0fe">${heading(NEXT, lang)}${paragraph(input.next, lang)}</section>`);
  if (input.kind !== "done") parts.push(paragraph(NOTHING_CHANGED, lang, "color:#5f6368"));
  if (input.summary) parts.push(summaryHtml(input.summary, lang));
  return documentShell({ kind: `result-${input.kind}`, title: both(r.title), language: lang, body: parts.join(""), accent: r.accent });
}
