/**
 * 我的待办 My pending approvals (issue 11 §3): the menu opens it as a sidebar, and the web app shows
 * it to a signed-in visitor who opens it without a link (webapp.ts), so an approver on a phone can
 * clear the queue from one page. The page's buttons call `decideFromQueue` and
 * `markTaskDoneFromQueue` through `google.script.run`. The caller is always who Apps Script says is
 * at the keyboard — `Session.getActiveUser()`: in the sidebar the person who opened it (running on
 * their own authority), in the web app the signed-in visitor (the app runs as its owner, so the
 * effective user says nothing about the visitor) — never a parameter.
 *
 * The sheets a decision writes (Requests, Approvals, Audit, Tasks, Mail queue) are protected so that
 * only the owner writes them (installer.ts `protect`): the web app and the triggers run as the owner,
 * but a sidebar runs as the person who opened it. So the sidebar decides in place only for someone
 * who may write them (the owner); anyone else's sidebar lists their queue and sends them to the web
 * app's page to decide — or, with no web app deployed, to the emailed link and the Decision column —
 * and the server function refuses, before writing anything, a call it could only half carry out.
 *
 * A decision goes through the
 * engine's `decide` with the step and round the page showed, under the script lock, exactly as a
 * link's: the engine refuses someone who is not the step's approver (nor their delegate or the
 * manager it escalated to), a step already decided or left, a request withdrawn or closed, a
 * rejection without a reason and a comment over 2,000 characters, each with its bilingual reason
 * and an Audit row. Only open requests are read: Requests keeps the open and recently closed ones
 * (the archive moves the rest out, archive.ts), and a closed row's state is never parsed.
 * https://developers.google.com/apps-script/guides/html/reference/run
 * https://developers.google.com/apps-script/reference/base/ui#showSidebar(Object)
 * https://developers.google.com/apps-script/reference/base/session#getActiveUser()
 */
import type { Bilingual } from "../../core/i18n";
import { both } from "../../core/i18n";
import { refFor } from "../../core/approvals/directory";
import { decide } from "../../core/approvals/machine";
import type { RequestState } from "../../core/approvals/model";
import { whatHappensNext } from "../../core/approvals/notices";
import { approverQueue, ownTasks, taskDone } from "../../core/approvals/queue";
import { auditRecord } from "../../core/approvals/records";
import { dayKey } from "../../core/time";
import { renderQueueList, renderQueueNotice, renderQueuePage } from "../../render/approvals/queue";
import type { QueueNotice } from "../../render/approvals/queue";
import { requireOwnAuthority } from "../access";
import { readTable, templateSheet, updateRecords } from "../table";
import { webAppUrl } from "./link";
import { EffectBatch, stateOf } from "./effects";
import { withScriptLock } from "./submit";
import type { ApprovalWorkbook } from "./workbook";
import { loadApprovalWorkbook } from "./workbook";

const M = {
  title: { zh: "我的待办", en: "My pending approvals" },
  unknownUser: {
    zh: "无法确认您是谁:请用公司的 Google 账号登录后再打开此页,或使用审批邮件中的链接",
    en: "Cannot tell who you are: sign in with your company Google account and open this page again, or use the link in your approval email",
  },
  badDecision: { zh: "请选择「同意」「驳回」或「退回修改」", en: "Choose Approve, Reject or Return" },
  badForm: { zh: "页面内容不完整,请刷新此页后重试", en: "The page sent an incomplete form; reload it and try again" },
  recorded: { zh: "申请 {id} 已更新,相关人员会收到邮件。", en: "Request {id} is updated; the people concerned are emailed." },
  elsewhere: {
    zh: "审批记录受保护,只能由网页应用写入:请在「我的待办」网页中决定(侧边栏里的「在网页中审批」)",
    en: "The approval records are protected and only the web app writes them: decide on the My pending approvals web page (\"Decide in the web app\" in the sidebar)",
  },
  elsewhereNoApp: {
    zh: "审批记录受保护,此处无法写入:请使用审批邮件中的链接,或在「申请 Requests」表的「审批决定 Decision」列中选择",
    en: "The approval records are protected and cannot be written from here: use the link in your approval email, or pick in the Requests sheet's Decision column",
  },
} as const;

/** The sheets a decision or a task's completion writes. */
const WRITTEN_SHEETS = ["requests", "approvals", "audit", "tasks", "mail_queue"] as const;

/**
 * Whether the user the script runs as may write every sheet a decision writes: no sheet or range
 * protection of theirs refuses them (one `getProtections` per kind and sheet).
 * https://developers.google.com/apps-script/reference/spreadsheet/protection#canEdit()
 */
function mayWriteDecisions(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  for (const key of WRITTEN_SHEETS) {
    const sheet = templateSheet(spreadsheet, key);
    for (const type of [SpreadsheetApp.ProtectionType.SHEET, SpreadsheetApp.ProtectionType.RANGE]) {
      if (sheet.getProtections(type).some((p) => !p.canEdit())) return false;
    }
  }
  return true;
}

/** Where someone who cannot write here decides: the web app's queue page, when one is deployed. */
function elsewhere(book: ApprovalWorkbook): { readonly url: string | null; readonly message: Bilingual } {
  const url = webAppUrl(book.settings.webAppUrl);
  return { url, message: url === null ? M.elsewhereNoApp : M.elsewhere };
}

/** What the page sends with a decision: the card's request, revision, step and round, the button, the comment. */
export interface QueueDecisionForm {
  readonly requestId?: unknown;
  readonly revision?: unknown;
  readonly step?: unknown;
  readonly round?: unknown;
  readonly decision?: unknown;
  readonly comment?: unknown;
}

/** What a button gets back: the notice to show and the list as it is now (HTML, escaped). */
export interface QueueReply {
  readonly kind: QueueNotice["kind"];
  readonly notice: string;
  readonly list: string;
}

/** Who is at the keyboard, as Apps Script says (never what the page sends). */
function caller(): string {
  return Session.getActiveUser().getEmail().trim().toLowerCase();
}

/** Requests waiting for decisions: the status cell first, so a closed request's state is never parsed. */
function openStates(book: ApprovalWorkbook): RequestState[] {
  const out: RequestState[] = [];
  for (const row of book.byId.values()) {
    if (row.values.status !== "pending") continue;
    const state = row.state;
    if (state?.status === "pending") out.push(state);
  }
  return out;
}

function pendingIds(book: ApprovalWorkbook): Set<string> {
  return new Set(openStates(book).map((s) => s.id.toUpperCase()));
}

function queueOf(book: ApprovalWorkbook, email: string, now: number): { items: ReturnType<typeof approverQueue>; tasks: ReturnType<typeof ownTasks> } {
  const items = approverQueue(openStates(book), email, now, book.calendar, book.settings);
  const tasks = ownTasks(readTable(book.spreadsheet, "tasks").rows, email, dayKey(now, book.settings.timeZone), pendingIds(book));
  return { items, tasks };
}

/** The whole queue page of `email` (the sidebar's and the web app's), with an optional notice. */
export function queuePageFor(book: ApprovalWorkbook, email: string, now: number, decideHere = true): string {
  const person = refFor(book.directory, email);
  const { items, tasks } = queueOf(book, email, now);
  const away = decideHere ? null : elsewhere(book);
  return renderQueuePage({
    language: person.language,
    personName: person.name,
    email: person.email,
    timeZone: book.settings.timeZone,
    now,
    items,
    tasks,
    decideHere,
    decideAt: away?.url ?? null,
    notice: away ? { kind: "unchanged", message: away.message } : null,
  });
}

function reply(book: ApprovalWorkbook, email: string, now: number, notice: QueueNotice, decideHere = true): QueueReply {
  const language = email === "" ? book.settings.language : refFor(book.directory, email).language;
  const decideAt = decideHere ? null : elsewhere(book).url;
  const list = email === "" ? "" : renderQueueList({ language, timeZone: book.settings.timeZone, decideHere, ...queueOf(book, email, now) });
  return { kind: notice.kind, notice: renderQueueNotice(notice, language, decideAt), list };
}

function wholeNumber(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * Menu: opens 我的待办 My pending approvals in the sidebar for the person who picked it.
 */
export function showMyQueue(): void {
  requireOwnAuthority(M.title);
  const book = loadApprovalWorkbook(SpreadsheetApp.getActiveSpreadsheet());
  const email = caller();
  const html =
    email === ""
      ? renderQueuePage({ language: book.settings.language, personName: "", email: "", timeZone: book.settings.timeZone, now: Date.now(), items: [], tasks: [], decideHere: false, decideAt: null, notice: { kind: "error", message: M.unknownUser } })
      : queuePageFor(book, email, Date.now(), mayWriteDecisions(book.spreadsheet));
  // https://developers.google.com/apps-script/reference/html/html-output#setTitle(String)
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(html).setTitle(both(M.title)));
}

/**
 * Called by the queue page (sidebar or web app) through `google.script.run`: the signed-in person's
 * decision on one waiting step, applied by the engine as a link's would be.
 * @param form the card's fields (`requestId`, `revision`, `step`, `round`, `decision`, `comment`)
 */
export function decideFromQueue(form: QueueDecisionForm): QueueReply {
  return withScriptLock(() => {
    const book = loadApprovalWorkbook(SpreadsheetApp.getActiveSpreadsheet());
    const now = Date.now();
    const me = caller();
    if (me === "") return reply(book, "", now, { kind: "error", message: M.unknownUser });
    if (!mayWriteDecisions(book.spreadsheet)) return reply(book, me, now, { kind: "refused", message: elsewhere(book).message }, false);
    const f: QueueDecisionForm = typeof form === "object" && form !== null ? form : {};
    const requestId = typeof f.requestId === "string" ? f.requestId.trim() : "";
    const revision = wholeNumber(f.revision);
    const step = wholeNumber(f.step);
    const round = wholeNumber(f.round);
    if (requestId === "" || revision === null || step === null || round === null) return reply(book, me, now, { kind: "refused", message: M.badForm });
    const what = typeof f.decision === "string" ? f.decision.trim() : "";
    if (what !== "approve" && what !== "reject" && what !== "return") return reply(book, me, now, { kind: "refused", message: M.badDecision });
    const comment = typeof f.comment === "string" ? f.comment.trim() : "";
    const state = stateOf(book, requestId)?.state ?? null;
    const transition = decide(state, { type: what, requestId: state?.id ?? requestId, revision, step, round, actor: refFor(book.directory, me), comment, channel: "queue" }, now, book.context);
    const batch = new EffectBatch(book, "queue");
    batch.add(transition.effects);
    batch.flush();
    const outcome = transition.outcome;
    if (outcome.kind === "refused") return reply(book, me, now, { kind: "refused", message: outcome.text });
    if (outcome.kind === "unchanged") return reply(book, me, now, { kind: "unchanged", message: outcome.text });
    const id = transition.state?.id ?? requestId;
    const message: Bilingual = { zh: M.recorded.zh.replace("{id}", id), en: M.recorded.en.replace("{id}", id) };
    return reply(book, me, now, { kind: "done", message, next: transition.state ? whatHappensNext(transition.state, now) : null });
  });
}

/**
 * Called by the queue page through `google.script.run`: the signed-in person marks one of their
 * open tasks done today (its "Done on" date).
 * @param form `{ taskId }`
 */
export function markTaskDoneFromQueue(form: { readonly taskId?: unknown }): QueueReply {
  return withScriptLock(() => {
    const book = loadApprovalWorkbook(SpreadsheetApp.getActiveSpreadsheet());
    const now = Date.now();
    const me = caller();
    if (me === "") return reply(book, "", now, { kind: "error", message: M.unknownUser });
    if (!mayWriteDecisions(book.spreadsheet)) return reply(book, me, now, { kind: "refused", message: elsewhere(book).message }, false);
    const taskId = typeof form === "object" && form !== null && typeof form.taskId === "string" ? form.taskId : "";
    const zone = book.settings.timeZone;
    const done = taskDone(readTable(book.spreadsheet, "tasks").rows, taskId, me, now, zone, pendingIds(book));
    if (done.ok) updateRecords(book.spreadsheet, "tasks", [{ row: done.row, values: done.values }]);
    const batch = new EffectBatch(book, "queue");
    const action = done.ok ? "task.done" : "task.done.refused";
    batch.addAudit({ ...auditRecord({ at: now, actor: me, action, requestId: taskId.trim(), before: null, after: null, comment: both(done.text), channel: "queue", timeZone: zone }), object_type: "task" });
    batch.flush();
    return reply(book, me, now, { kind: done.ok ? "done" : "refused", message: done.text });
  });
}
