/**
 * Deciding in the sheet: the current approver picks 同意 Approve / 驳回 Reject / 退回 Return in the
 * Requests Decision column (a comment in Decision comment), and this installable on-edit trigger
 * applies it as the engine would a link — after checking that the person who edited (`e.user`) is
 * the step's approver, their delegate or the manager it escalated to. The requester withdraws
 * their own request by ticking its 撤回 Withdraw box (the Decision column is protected for the
 * Routes' approvers, so a requester who approves nothing cannot type there; one who can may also
 * pick 撤回 Withdraw in it): the engine's `withdraw` event, which tells the approvers of the open
 * step. Anyone else's choice is cleared, the refusal goes to Audit with the reason, and the person
 * sees it in a toast.
 * https://developers.google.com/apps-script/guides/triggers/events#edit
 * https://developers.google.com/apps-script/guides/triggers/installable#managing_triggers_manually
 */
import { both } from "../../core/i18n";
import { refFor } from "../../core/approvals/directory";
import { decide } from "../../core/approvals/machine";
import type { Decision } from "../../core/approvals/model";
import { handEditProblem } from "../../core/approvals/dealer-stages";
import { auditRecord, currentStep, templateRecord } from "../../core/approvals/records";
import { sheetTemplate, templateCatalog } from "../../core/templates/catalog";
import { templateTabs } from "../../core/templates/planner";
import { dateTimeText, tableLayout } from "../../core/templates/table";
import { requireOwnAuthority } from "../access";
import { appendAfterLastRow } from "../table";
import { EffectBatch } from "./effects";
import { approvalHandlerMayRun } from "./forms";
import type { ApprovalWorkbook, RequestRow } from "./workbook";
import { loadApprovalWorkbook } from "./workbook";

/** What a Decision cell holds: an approver's decision or the requester's withdrawal, by value or either language's label. */
export function decisionOf(text: string): Exclude<Decision, "comment"> | "withdraw" | null {
  const t = text.trim().toLowerCase();
  if (t === "") return null;
  if (t.startsWith("withdraw") || t.startsWith("撤回")) return "withdraw";
  if (t.startsWith("approve") || t.startsWith("同意")) return "approve";
  if (t.startsWith("reject") || t.startsWith("驳回")) return "reject";
  if (t.startsWith("return") || t.startsWith("退回")) return "return";
  return null;
}

const M = {
  unknownUser: { zh: "无法确认是谁做的决定,请使用审批邮件中的链接", en: "Cannot tell who made this decision; use the link in the approval email" },
  notWaiting: { zh: "此申请现在没有等待审批的步骤", en: "This request is not waiting for a decision" },
  busy: { zh: "系统正忙,您的选择未生效并已清除,请稍后重新选择", en: "Busy: your choice was not applied and has been cleared; please choose again in a moment" },
} as const;

/** How long an edit waits for the script lock: short, so the person soon learns the choice did not apply. */
const EDIT_LOCK_WAIT_MS = 10_000;

/** The Requests columns an edit can decide in: Decision (approvers) and Withdraw (the requester). */
const EDIT_COLUMNS = ["decision", "withdraw"] as const;

/**
 * The 1-based numbers of the Decision and Withdraw columns `range` covers when it is on the
 * Requests sheet, else null — decided before any lock, from the event's range and one read of the
 * sheet's header, so an edit anywhere else costs a handful of calls (the trigger runs on every
 * edit by every editor, and its runtime counts against the daily trigger quota:
 * https://developers.google.com/apps-script/guides/services/quotas).
 */
function editedDecisionColumns(range: GoogleAppsScript.Spreadsheet.Range, sheet: GoogleAppsScript.Spreadsheet.Sheet, name: string): number[] | null {
  if (templateTabs(templateCatalog(), [name]).get("requests") !== name) return null;
  const first = range.getColumn();
  const last = range.getLastColumn();
  const width = sheet.getLastColumn();
  if (width < 1 || first > width || range.getLastRow() < 2) return null;
  const layout = tableLayout(sheetTemplate("requests"), sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  const columns = EDIT_COLUMNS.flatMap((key) => {
    const column = layout.columns.get(key);
    return column !== undefined && first <= column + 1 && last >= column + 1 ? [column + 1] : [];
  });
  return columns.length ? columns : null;
}

/**
 * Installable on-edit trigger: applies decisions picked in the Requests Decision column and
 * withdrawals ticked in its Withdraw column.
 * @param e the edit event (`range`, `user`, `value`)
 */
export function onApprovalEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const what = { zh: "表格中的审批决定", en: "Decisions in the sheet" };
  // Only Sheets passes a Range; a call through google.script.run cannot.
  const range = (e as Partial<GoogleAppsScript.Events.SheetsOnEdit> | undefined)?.range;
  if (typeof range?.getSheet !== "function") {
    requireOwnAuthority(what);
    return;
  }
  // The edited sheet and its name, read once for both checks (the trigger runs on every edit).
  const sheet = range.getSheet();
  const name = sheet.getName();
  if (revertedDealerStage(e, range, sheet, name)) return;
  const decisionColumns = editedDecisionColumns(range, sheet, name);
  if (decisionColumns === null) return;
  if (!approvalHandlerMayRun(e, what)) return;
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  // https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(EDIT_LOCK_WAIT_MS)) {
    // Busy (another job holds the lock): the choice is not applied, so it must not stay in the cell
    // looking as if it were. The person is told to choose again.
    const top = Math.max(2, range.getRow());
    for (const column of decisionColumns) range.getSheet().getRange(top, column, range.getLastRow() - top + 1, 1).clearContent();
    spreadsheet.toast(both(M.busy), both({ zh: "决定未生效", en: "Decision not applied" }), 10);
    return;
  }
  try {
    applyDecisionEdit(e, spreadsheet);
  } finally {
    lock.releaseLock();
  }
}

/**
 * WF-10: a Dealers Status cell a person changed to a stage only the approvals set (target, approved,
 * signed), or away from one, is put back to what it held (`e.oldValue`, given for a one-cell edit)
 * with a toast and an Audit row saying why, so a stage cannot be skipped by typing it
 * (dealer-stages.ts `handEditProblem`). Candidate ↔ vetted, and any stage in a new row, stay.
 * Returns whether the edit was a Status cell of Dealers. Only an edit on Dealers reads its header.
 */
function revertedDealerStage(e: GoogleAppsScript.Events.SheetsOnEdit, range: GoogleAppsScript.Spreadsheet.Range, sheet: GoogleAppsScript.Spreadsheet.Sheet, name: string): boolean {
  if (templateTabs(templateCatalog(), [name]).get("dealers") !== name) return false;
  if (range.getNumRows() !== 1 || range.getNumColumns() !== 1 || range.getRow() < 2) return false;
  const width = sheet.getLastColumn();
  const layout = tableLayout(sheetTemplate("dealers"), sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  const status = layout.columns.get("status");
  if (status === undefined || status + 1 !== range.getColumn()) return false;
  const before = typeof e.oldValue === "string" ? e.oldValue : "";
  const problem = handEditProblem(before, typeof e.value === "string" ? e.value : "", range.getRow());
  if (!problem) return true;
  range.setValue(before);
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const id = sheet.getRange(range.getRow(), (layout.columns.get("id") ?? 0) + 1).getValue() as unknown;
  appendAfterLastRow(spreadsheet, "audit", [
    templateRecord("audit", {
      at: dateTimeText(Date.now(), spreadsheet.getSpreadsheetTimeZone()),
      actor_email: (e.user?.getEmail() ?? "").trim() || null,
      action: "dealer.stage.refused",
      object_type: "dealer",
      object_id: typeof id === "string" ? id : null,
      before: before || null,
      after: before || null,
      comment: both(problem),
      channel: "sheet",
    }),
  ]);
  spreadsheet.toast(both(problem), both({ zh: "状态未更改", en: "Status not changed" }), 10);
  return true;
}

/** A choice in a row: a decision picked, or its Withdraw box ticked. */
const holdsDecision = (row: RequestRow): boolean => decisionOf(typeof row.values.decision === "string" ? row.values.decision : "") !== null || row.values.withdraw === true;

/** Whether an edit's new value makes a choice: a decision, or a tick (`e.value` is "TRUE" for a checkbox). */
const makesChoice = (value: unknown): boolean => value === true || (typeof value === "string" && (value.toUpperCase() === "TRUE" || decisionOf(value) !== null));

/**
 * The Requests rows an edit of rows `top` … `bottom` chose in. The hourly archive (archive.ts)
 * deletes rows under the lock; an edit made just before lands in a row that has since moved up, so
 * when no row of the range holds a choice but the edit made one, the one row that now holds a
 * choice is the edited one (none or several: nothing is guessed, and the cells stay for a re-pick).
 */
function editedRows(book: ApprovalWorkbook, top: number, bottom: number, value: unknown): RequestRow[] {
  const inRange = [...book.byId.values()].filter((r) => r.row >= top && r.row <= bottom);
  if (inRange.some(holdsDecision) || top !== bottom || !makesChoice(value)) return inRange;
  const moved = [...book.byId.values()].filter(holdsDecision);
  return moved.length === 1 ? moved : inRange;
}

function applyDecisionEdit(e: GoogleAppsScript.Events.SheetsOnEdit, spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const range = e.range;
  const book = loadApprovalWorkbook(spreadsheet);
  const covers = (key: (typeof EDIT_COLUMNS)[number]): boolean => {
    const column = book.requests.layout.columns.get(key);
    return column !== undefined && range.getColumn() <= column + 1 && range.getLastColumn() >= column + 1;
  };
  const inDecision = covers("decision");
  const inWithdraw = covers("withdraw");
  if (!inDecision && !inWithdraw) return;
  const top = range.getRow();
  const bottom = range.getLastRow();
  const now = Date.now();
  const editor = (e.user?.getEmail() ?? "").trim();
  const zone = book.settings.timeZone;
  const batch = new EffectBatch(book, "sheet");
  const refusals: string[] = [];
  const read: string[] = [];
  const ticks: string[] = [];
  for (const row of editedRows(book, top, bottom, e.value)) {
    const ticked = inWithdraw && row.values.withdraw === true;
    const decision = ticked ? "withdraw" : inDecision ? decisionOf(typeof row.values.decision === "string" ? row.values.decision : "") : null;
    const state = row.state;
    if (!decision || !state) continue;
    // Whatever happens below, the choice has been read: its cells are cleared with the batch (a Withdraw box unticked).
    read.push(state.id);
    if (ticked) ticks.push(state.id);
    const comment = typeof row.values.decision_comment === "string" ? row.values.decision_comment : "";
    if (decision === "withdraw" && editor !== "") {
      // The engine checks that the editor is the requester and that the request can still be withdrawn.
      const t = decide(state, { type: "withdraw", requestId: state.id, actor: refFor(book.directory, editor), comment, channel: "sheet" }, now, book.context);
      batch.add(t.effects);
      if (t.outcome.kind === "refused") refusals.push(`${state.id}: ${both(t.outcome.text)}`);
      continue;
    }
    const step = currentStep(state);
    if (editor === "" || !step || state.status !== "pending") {
      const why = editor === "" ? M.unknownUser : M.notWaiting;
      batch.addAudit(auditRecord({ at: now, actor: editor, action: "step.decide.refused", requestId: state.id, before: state, after: state, comment: both(why), channel: "sheet", timeZone: zone }));
      refusals.push(`${state.id}: ${both(why)}`);
      continue;
    }
    if (decision === "withdraw") continue;
    const t = decide(state, { type: decision, requestId: state.id, revision: state.revision, step: step.step, actor: refFor(book.directory, editor), comment, channel: "sheet" }, now, book.context);
    batch.add(t.effects);
    if (t.outcome.kind === "refused") refusals.push(`${state.id}: ${both(t.outcome.text)}`);
  }
  for (const id of read) batch.addRequestRow(id, { decision: null, decision_comment: null, ...(ticks.includes(id) ? { withdraw: false } : {}) });
  batch.flush();
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Integer)
  if (refusals.length) spreadsheet.toast(refusals.join("\n"), both({ zh: "决定未生效", en: "Decision not applied" }), 10);
}
