/**
 * Deciding by emailed link: the web app. `doGet(e)` shows the request and the Approve / Reject form
 * for a signed token (`?t=`) — or, opened without one by a signed-in visitor, their queue of
 * pending approvals (queue.ts) — and never decides anything (mail scanners follow links); `doPost(e)`
 * (or `submitDecision(form)` through `google.script.run`) checks the token again — signature,
 * expiry, whether it was used, whether the request still waits on its step, and the visitor when
 * Apps Script can tell who it is — then applies the decision under the script lock, writes the
 * rows, emails the next approver or the requester, and shows the result. A token that fails any
 * check gets a page saying why, and changes nothing.
 * https://developers.google.com/apps-script/guides/web
 * https://developers.google.com/apps-script/reference/html/html-service#createHtmlOutput(String)
 * https://developers.google.com/apps-script/reference/base/session#getActiveUser()
 */
import type { Bilingual } from "../../core/i18n";
import type { Language } from "../../core/i18n";
import { refFor } from "../../core/approvals/directory";
import { decide } from "../../core/approvals/machine";
import type { DecisionLink, RequestState } from "../../core/approvals/model";
import { historyLines, requestSummary, stepSummary, whatHappensNext } from "../../core/approvals/notices";
import type { TokenCheck, TokenExpectation } from "../../core/approvals/token";
import { openStepOf, usedTokenIds, verifyToken } from "../../core/approvals/token";
import { renderDecisionPage, renderResultPage } from "../../render/approvals/pages";
import type { ResultKind } from "../../render/approvals/pages";
import { EffectBatch, stateOf } from "./effects";
import { linkSigner, webAppUrl } from "./link";
import { queuePageFor } from "./queue";
import { withScriptLock } from "./submit";
import type { ApprovalWorkbook } from "./workbook";
import { loadApprovalWorkbook } from "./workbook";

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

const M = {
  noToken: {
    zh: "请从审批邮件中的链接打开此页;用公司的 Google 账号登录后打开此网址,可查看「我的待办」。",
    en: "Open this page from the link in your approval email; signed in with your company Google account, this address shows your pending approvals.",
  },
  badDecision: { zh: "请选择「同意」或「驳回」。", en: "Choose Approve or Reject." },
  recorded: { zh: "申请 {id} 已更新,相关人员会收到邮件。", en: "Request {id} is updated; the people concerned are emailed." },
} as const;

/** What a web request carries: the token, and for a post the decision and comment. */
export interface DecisionForm {
  readonly t?: string;
  readonly decision?: string;
  readonly comment?: string;
}

function page(html: string, title: string): HtmlOutput {
  // https://developers.google.com/apps-script/reference/html/html-output#addMetaTag(String,String)
  return HtmlService.createHtmlOutput(html).setTitle(title).addMetaTag("viewport", "width=device-width, initial-scale=1");
}

function visitor(): string {
  return Session.getActiveUser().getEmail();
}

function check(book: ApprovalWorkbook, token: string, now: number): TokenCheck {
  return verifyToken(token, linkSigner(), now, (link: DecisionLink): TokenExpectation => {
    const state = stateOf(book, link.requestId)?.state ?? null;
    return { used: state ? usedTokenIds(state) : new Set<string>(), visitor: visitor(), open: state ? openStepOf(state) : null, timeZone: book.settings.timeZone };
  });
}

function languageOf(book: ApprovalWorkbook, email: string | null): Language {
  return email ? refFor(book.directory, email).language : book.settings.language;
}

function result(book: ApprovalWorkbook, kind: ResultKind, message: Bilingual, state: RequestState | null, language: Language, decision: { what: "approve" | "reject" | "return"; comment: string } | null = null, now: number | null = null): string {
  // After a decision the page says who decides now, or that the outcome is final (issue 11 §2).
  const next = state && now !== null ? whatHappensNext(state, now) : null;
  return renderResultPage({ kind, language, message, summary: state ? requestSummary(state, book.settings.timeZone) : null, decision, next });
}

/** The assignee a delegate or escalation manager decides for, by name. */
function onBehalfOf(state: RequestState, approver: string): string | null {
  const step = state.current === null ? undefined : state.steps[state.current];
  for (const slot of step?.slots ?? []) {
    if (slot.assignee.email === approver) return null;
    if (slot.delegatedTo?.person.email === approver || slot.escalatedTo?.email === approver) return slot.assignee.name;
  }
  return null;
}

function decisionPage(book: ApprovalWorkbook, state: RequestState, link: DecisionLink, token: string, error: Bilingual | null, comment: string): string {
  const step = state.current === null ? undefined : state.steps[state.current];
  if (!step) return result(book, "wrong_step", { zh: "申请已不在此步骤。", en: "The request has moved on." }, state, languageOf(book, link.approver));
  const approver = refFor(book.directory, link.approver);
  return renderDecisionPage({
    language: approver.language,
    summary: requestSummary(state, book.settings.timeZone),
    history: historyLines(state),
    step: stepSummary(state, step),
    approverName: approver.name,
    onBehalfOf: onBehalfOf(state, link.approver),
    token,
    postUrl: webAppUrl(book.settings.webAppUrl) ?? "",
    expiresAt: link.expiresAt,
    serverFunction: "submitDecision",
    error,
    comment,
  });
}

/** The page for a GET: the request and the decision form, or why the link cannot be used. Changes nothing. */
export function decisionGetPage(form: DecisionForm): string {
  const book = loadApprovalWorkbook(SpreadsheetApp.getActiveSpreadsheet());
  const token = (form.t ?? "").trim();
  if (token === "") {
    // Without a link, a signed-in visitor sees their own queue (issue 11 §3; queue.ts).
    const signedIn = visitor().trim();
    return signedIn === "" ? result(book, "malformed", M.noToken, null, book.settings.language) : queuePageFor(book, signedIn, Date.now());
  }
  const checked = check(book, token, Date.now());
  if (!checked.ok) {
    const state = checked.link ? (stateOf(book, checked.link.requestId)?.state ?? null) : null;
    return result(book, checked.reason, checked.text, state, languageOf(book, checked.link?.approver ?? null));
  }
  const state = stateOf(book, checked.link.requestId)?.state;
  if (!state) return result(book, "wrong_step", { zh: "找不到此申请。", en: "This request cannot be found." }, null, book.settings.language);
  return decisionPage(book, state, checked.link, token, null, "");
}

/** Applies a posted decision under the script lock and returns the page to show. */
export function decisionPostPage(form: DecisionForm): string {
  return withScriptLock(() => {
    const book = loadApprovalWorkbook(SpreadsheetApp.getActiveSpreadsheet());
    const now = Date.now();
    const token = (form.t ?? "").trim();
    if (token === "") return result(book, "malformed", M.noToken, null, book.settings.language);
    const checked = check(book, token, now);
    if (!checked.ok) {
      const state = checked.link ? (stateOf(book, checked.link.requestId)?.state ?? null) : null;
      return result(book, checked.reason, checked.text, state, languageOf(book, checked.link?.approver ?? null));
    }
    const link = checked.link;
    const state = stateOf(book, link.requestId)?.state ?? null;
    const comment = (form.comment ?? "").trim();
    const what = (form.decision ?? "").trim();
    if (!state) return result(book, "wrong_step", { zh: "找不到此申请。", en: "This request cannot be found." }, null, book.settings.language);
    if (what !== "approve" && what !== "reject") return decisionPage(book, state, link, token, M.badDecision, comment);
    const actor = refFor(book.directory, link.approver);
    const transition = decide(state, { type: what, requestId: link.requestId, revision: link.revision, step: link.step, round: link.round, actor, comment, channel: "link" }, now, book.context);
    const batch = new EffectBatch(book, "link");
    batch.add(transition.effects);
    batch.flush();
    const outcome = transition.outcome;
    if (outcome.kind === "refused") return decisionPage(book, state, link, token, outcome.text, comment);
    if (outcome.kind === "unchanged") return result(book, "replayed", outcome.text, transition.state, actor.language, null, now);
    const id = link.requestId;
    return result(book, "done", { zh: M.recorded.zh.replace("{id}", id), en: M.recorded.en.replace("{id}", id) }, transition.state, actor.language, { what, comment }, now);
  });
}

function parameters(e: GoogleAppsScript.Events.DoGet | GoogleAppsScript.Events.DoPost | undefined): DecisionForm {
  const p = (e?.parameter ?? {}) as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof p[key] === "string" ? p[key] : undefined);
  const t = text("t");
  const decision = text("decision");
  const comment = text("comment");
  return { ...(t !== undefined ? { t } : {}), ...(decision !== undefined ? { decision } : {}), ...(comment !== undefined ? { comment } : {}) };
}

/**
 * Web app GET: shows the decision page for `?t=<token>`; never decides. Without a token, a
 * signed-in visitor gets their 我的待办 My pending approvals page.
 * @param e the request (`parameter.t`)
 */
export function doGet(e?: GoogleAppsScript.Events.DoGet): HtmlOutput {
  return page(decisionGetPage(parameters(e)), "MarketOps");
}

/**
 * Web app POST: applies the decision the page posted (`t`, `decision`, `comment`).
 * @param e the request, form-encoded
 */
export function doPost(e?: GoogleAppsScript.Events.DoPost): HtmlOutput {
  return page(decisionPostPage(parameters(e)), "MarketOps");
}

/**
 * Called by the decision page through `google.script.run` inside Apps Script: same as the POST.
 * @param form the page's form (`t`, `decision`, `comment`)
 */
export function submitDecision(form: DecisionForm): string {
  return decisionPostPage({ ...(typeof form.t === "string" ? { t: form.t } : {}), ...(typeof form.decision === "string" ? { decision: form.decision } : {}), ...(typeof form.comment === "string" ? { comment: form.comment } : {}) });
}
