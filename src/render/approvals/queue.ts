/**
 * The 我的待办 My pending approvals page (issue 11 §3): shown in the spreadsheet's sidebar and by
 * the web app opened without a link, so an approver on a phone can clear the queue from one page.
 * Each waiting step is a card — request type, ID and title, requester, how long it has waited and
 * when it is due, the step, the amount and the answers — with a comment box and Approve / Reject /
 * Return buttons; the follow-up tasks the person owns are listed below with Mark done. The buttons
 * call the server through `google.script.run`
 * (https://developers.google.com/apps-script/guides/html/reference/run) with a plain object (the
 * page's fields), and the reply replaces the notice and the list. Everything typed is escaped.
 */
import type { Bilingual, Language } from "../../core/i18n";
import { both, format } from "../../core/i18n";
import { COMMENT_MAX_CHARS } from "../../core/approvals/model";
import type { QueueItem, QueueTask } from "../../core/approvals/queue";
import { moneyText } from "../../core/approvals/notices";
import { documentShell, escapeHtml, heading, label, multiline, paragraph, safeUrl } from "../html";
import { stepText, timeText } from "./parts";

/** What the last action from the page did, shown above the list. */
export interface QueueNotice {
  readonly kind: "done" | "refused" | "unchanged" | "error";
  readonly message: Bilingual;
  /** After a decision: who decides now, or that the outcome is final. */
  readonly next?: Bilingual | null;
}

export interface QueuePageInput {
  readonly language: Language;
  /** The signed-in person, by name, and their email. */
  readonly personName: string;
  readonly email: string;
  readonly timeZone: string;
  readonly now: number;
  readonly items: readonly QueueItem[];
  readonly tasks: readonly QueueTask[];
  readonly notice?: QueueNotice | null;
  /** False where the page cannot write the decision (a sidebar of someone other than the owner): no buttons. */
  readonly decideHere: boolean;
  /** Where to decide instead (the web app's queue page), when `decideHere` is false and one is deployed. */
  readonly decideAt: string | null;
}

const T = {
  title: { zh: "我的待办", en: "My pending approvals" },
  who: { zh: "{name}({email})", en: "{name} ({email})" },
  approvals: { zh: "待我审批({n})", en: "Waiting on me ({n})" },
  none: { zh: "没有等待您决定的申请。", en: "Nothing is waiting for your decision." },
  tasks: { zh: "我的任务({n})", en: "My tasks ({n})" },
  noTasks: { zh: "没有未完成的任务。", en: "No open tasks." },
  requester: { zh: "申请人", en: "Requester" },
  since: { zh: "等待自", en: "Waiting since" },
  due: { zh: "期限", en: "Due" },
  overdue: { zh: "已超期", en: "overdue" },
  step: { zh: "步骤", en: "Step" },
  onBehalf: { zh: "您代 {who} 审批。", en: "You decide for {who}." },
  more: { zh: "全部内容", en: "All answers" },
  comment: { zh: "意见(驳回、退回时必填)", en: "Comment (required to reject or return)" },
  commentAdvise: { zh: "意见", en: "Comments" },
  approve: { zh: "同意", en: "Approve" },
  confirm: { zh: "确认办结", en: "Confirm done" },
  advise: { zh: "提交意见", en: "Submit comments" },
  reject: { zh: "驳回", en: "Reject" },
  return: { zh: "退回修改", en: "Return" },
  task: { zh: "任务", en: "Task" },
  request: { zh: "关联申请", en: "Request" },
  assigner: { zh: "交办人", en: "Assigned by" },
  markDone: { zh: "标记完成", en: "Mark done" },
  byStep: { zh: "审批上面对应的步骤即完成此任务。", en: "Deciding its step above completes this task." },
  next: { zh: "接下来", en: "What happens next" },
  sending: { zh: "正在提交……", en: "Sending…" },
  failed: { zh: "提交失败,请稍后再试", en: "Could not send; try again later" },
  decideThere: { zh: "在网页中审批", en: "Decide in the web app" },
  outside: { zh: "请在 Google 表格的侧边栏或 MarketOps 网页应用中打开此页,按钮才能使用。", en: "Open this page in the Google Sheets sidebar or the MarketOps web app for the buttons to work." },
} as const;

/** How many answers a card shows before "All answers". */
const KEY_ANSWERS = 3;

const NOTICE_STYLE: Readonly<Record<QueueNotice["kind"], string>> = {
  done: "background:#e6f4ea;color:#137333",
  unchanged: "background:#f1f3f4;color:#3c4043",
  refused: "background:#fce8e6;color:#a50e0e",
  error: "background:#fce8e6;color:#a50e0e",
};

function pick(text: Bilingual, language: Language): string {
  return language === "en" ? text.en : text.zh;
}

function button(name: string, value: string, text: Bilingual, language: Language, color: string): string {
  const other: Language = language === "en" ? "zh-CN" : "en";
  return (
    `<button type="submit" name="${escapeHtml(name)}" value="${escapeHtml(value)}" style="font-size:16px;padding:10px 16px;margin:0 6px 6px 0;border:0;border-radius:6px;` +
    `background:${color};color:#fff;cursor:pointer">${escapeHtml(pick(text, language))} · ${escapeHtml(pick(text, other))}</button>`
  );
}

/** A link to the web app's queue page, opened in a new tab (outside the sidebar). */
function decideThere(url: string | null, language: Language): string {
  if (url === null) return "";
  const other: Language = language === "en" ? "zh-CN" : "en";
  return (
    `<p style="margin:6px 0 0"><a class="queue-web-app" href="${safeUrl(url)}" target="_blank" rel="noopener" style="display:inline-block;background:#1a73e8;color:#fff;text-decoration:none;padding:8px 14px;border-radius:6px">` +
    `${escapeHtml(pick(T.decideThere, language))} · ${escapeHtml(pick(T.decideThere, other))}</a></p>`
  );
}

/**
 * The notice above the list: what the last action did (and, after a decision, what happens next);
 * `decideAt`: the web app's link, for a refusal that sends the person there.
 */
export function renderQueueNotice(notice: QueueNotice | null | undefined, language: Language, decideAt: string | null = null): string {
  if (!notice) return "";
  const next = notice.next ? `<div id="next-step" style="margin-top:6px">${label(T.next, language)}${paragraph(notice.next, language)}</div>` : "";
  return `<div class="queue-notice queue-${notice.kind}" role="alert" style="${NOTICE_STYLE[notice.kind]};border-radius:6px;padding:10px 12px;margin:0 0 12px">${paragraph(notice.message, language)}${next}${decideThere(decideAt, language)}</div>`;
}

function itemCard(item: QueueItem, language: Language, zone: string, decideHere: boolean): string {
  const s = item.summary;
  const step = stepText(item.stepSummary);
  const action = item.stepSummary.action;
  const primary = action === "advise" ? T.advise : action === "confirm" ? T.confirm : T.approve;
  const fields = s.fields.filter((f) => !f.money || s.amount === null);
  const answer = (f: (typeof fields)[number]): string => `<li>${label(f.label, language)}:${multiline(f.value)}</li>`;
  const shown = fields.slice(0, KEY_ANSWERS).map(answer).join("");
  const rest = fields.slice(KEY_ANSWERS).map(answer).join("");
  const due = `${escapeHtml(timeText(item.dueAt, zone))}${item.overdue ? ` <strong style="color:#d93025">${label(T.overdue, language)}</strong>` : ""}`;
  return (
    `<article class="queue-item" data-request="${escapeHtml(item.requestId)}" style="border:1px solid #dadce0;border-radius:8px;padding:12px;margin:0 0 12px">` +
    `<h3 style="font-size:16px;margin:0 0 6px">${escapeHtml(pick(s.typeLabel, language))} · ${escapeHtml(s.id)}</h3>` +
    `<p style="margin:0 0 6px;font-weight:600">${multiline(s.title)}</p>` +
    (s.amount === null ? "" : `<p style="font-size:18px;margin:0 0 6px"><strong>¥ ${escapeHtml(moneyText(s.amount))}</strong></p>`) +
    `<ul style="list-style:none;padding:0;margin:0 0 6px;font-size:14px">` +
    `<li>${label(T.requester, language)}:${escapeHtml(s.requester.name)} <span style="color:#5f6368">&lt;${escapeHtml(s.requester.email)}&gt;</span></li>` +
    `<li>${label(T.since, language)}:${escapeHtml(timeText(item.waitingSince, zone))}</li>` +
    `<li>${label(T.due, language)}:${due}</li>` +
    `<li>${label(T.step, language)}:${escapeHtml(pick(step, language))}</li>` +
    shown +
    `</ul>` +
    (rest ? `<details style="font-size:14px;margin:0 0 6px"><summary>${label(T.more, language)}</summary><ul style="list-style:none;padding:0;margin:4px 0">${rest}</ul></details>` : "") +
    (item.onBehalfOf ? paragraph(format(T.onBehalf, { who: item.onBehalfOf }), language) : "") +
    (decideHere ? decisionForm(item, language, primary) : "") +
    `</article>`
  );
}

function decisionForm(item: QueueItem, language: Language, primary: Bilingual): string {
  return (
    `<form class="queue-decision" style="margin:8px 0 0">` +
    `<input type="hidden" name="requestId" value="${escapeHtml(item.requestId)}">` +
    `<input type="hidden" name="revision" value="${item.revision}">` +
    `<input type="hidden" name="step" value="${item.step}">` +
    `<input type="hidden" name="round" value="${item.round}">` +
    `<label style="display:block;margin:0 0 4px;font-size:14px">${label(item.canRefuse ? T.comment : T.commentAdvise, language)}` +
    `<textarea name="comment" rows="3" maxlength="${COMMENT_MAX_CHARS}" style="box-sizing:border-box;width:100%;font-size:16px;padding:6px;border:1px solid #dadce0;border-radius:6px;margin:4px 0 8px"></textarea></label>` +
    button("decision", "approve", primary, language, "#188038") +
    (item.canRefuse ? button("decision", "reject", T.reject, language, "#d93025") + button("decision", "return", T.return, language, "#e37400") : "") +
    `</form>`
  );
}

function taskCard(task: QueueTask, language: Language, decideHere: boolean): string {
  const due = task.dueOn ? `${escapeHtml(task.dueOn)}${task.overdue ? ` <strong style="color:#d93025">${label(T.overdue, language)}</strong>` : ""}` : "";
  return (
    `<article class="queue-task" data-task="${escapeHtml(task.id)}" style="border:1px solid #dadce0;border-radius:8px;padding:12px;margin:0 0 12px">` +
    `<h3 style="font-size:15px;margin:0 0 6px">${label(T.task, language)} ${escapeHtml(task.id)}</h3>` +
    `<p style="margin:0 0 6px">${multiline(task.title)}</p>` +
    `<ul style="list-style:none;padding:0;margin:0 0 6px;font-size:14px">` +
    (due ? `<li>${label(T.due, language)}:${due}</li>` : "") +
    (task.requestId ? `<li>${label(T.request, language)}:${escapeHtml(task.requestId)}</li>` : "") +
    (task.assigner ? `<li>${label(T.assigner, language)}:${escapeHtml(task.assigner)}</li>` : "") +
    `</ul>` +
    (!decideHere
      ? ""
      : task.canMarkDone
      ? `<form class="queue-task-done"><input type="hidden" name="taskId" value="${escapeHtml(task.id)}">${button("done", "done", T.markDone, language, "#1a73e8")}</form>`
      : paragraph(T.byStep, language, "font-size:13px;color:#5f6368")) +
    `</article>`
  );
}

/** The list: the steps waiting on the person, oldest first, then their open tasks. */
export function renderQueueList(input: Pick<QueuePageInput, "language" | "timeZone" | "items" | "tasks" | "decideHere">): string {
  const lang = input.language;
  const n = (text: Bilingual, count: number): Bilingual => format(text, { n: count });
  return (
    heading(n(T.approvals, input.items.length), lang) +
    (input.items.length ? input.items.map((i) => itemCard(i, lang, input.timeZone, input.decideHere)).join("") : paragraph(T.none, lang)) +
    heading(n(T.tasks, input.tasks.length), lang) +
    (input.tasks.length ? input.tasks.map((t) => taskCard(t, lang, input.decideHere)).join("") : paragraph(T.noTasks, lang))
  );
}

/** The client script: each button sends its card's fields through `google.script.run`; the reply replaces the notice and the list. */
function clientScript(language: Language): string {
  const js = (v: unknown): string => JSON.stringify(v).replace(/</g, "\\u003c");
  return (
    "<script>(function(){var list=document.getElementById('queue-list'),note=document.getElementById('queue-notice');" +
    "if(typeof google==='undefined'||!google.script||!google.script.run){if(list.querySelector('form'))note.insertAdjacentHTML('beforeend'," + js(paragraph(T.outside, language)) + ");return;}" +
    "function show(r){note.innerHTML=r&&r.notice||'';if(r&&typeof r.list==='string')list.innerHTML=r.list;}" +
    "function busy(f,on){var b=f.querySelectorAll('button,textarea');for(var i=0;i<b.length;i++)b[i].disabled=on;}" +
    "list.addEventListener('submit',function(ev){var f=ev.target;ev.preventDefault();var b=ev.submitter;" +
    "var run=google.script.run.withSuccessHandler(show).withFailureHandler(function(e){busy(f,false);note.textContent=" + js(both(T.failed)) + "+': '+(e&&e.message?e.message:e);});" +
    "note.textContent=" + js(both(T.sending)) + ";" +
    "if(f.className==='queue-decision'){var o={requestId:f.elements.requestId.value,revision:Number(f.elements.revision.value),step:Number(f.elements.step.value),round:Number(f.elements.round.value),decision:b?b.value:'',comment:f.elements.comment.value};busy(f,true);run.decideFromQueue(o);}" +
    "else if(f.className==='queue-task-done'){busy(f,true);run.markTaskDoneFromQueue({taskId:f.elements.taskId.value});}" +
    "});})();</script>"
  );
}

/**
 * The whole page (sidebar and web app).
 * @example renderQueuePage({ personName: "周海涛", items: [ST-2026-0005 step 1 of 2] … }) → a page
 *   headed 我的待办 My pending approvals with one card holding Approve / Reject / Return
 */
export function renderQueuePage(input: QueuePageInput): string {
  const lang = input.language;
  const body =
    `<h1 style="font-size:20px;margin:0 0 4px">${label(T.title, lang)}</h1>` +
    `<p style="margin:0 0 12px;color:#5f6368">${escapeHtml(pick(format(T.who, { name: input.personName, email: input.email }), lang))} · ${escapeHtml(timeText(input.now, input.timeZone))}</p>` +
    `<div id="queue-notice" role="status">${renderQueueNotice(input.notice, lang)}</div>` +
    (input.decideHere ? "" : `<div id="queue-elsewhere" style="margin:0 0 12px">${decideThere(input.decideAt, lang)}</div>`) +
    `<div id="queue-list">${renderQueueList(input)}</div>` +
    clientScript(lang);
  return documentShell({ kind: "queue-page", title: both(T.title), language: lang, body });
}
