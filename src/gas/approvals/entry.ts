/**
 * The approval flow's trigger handlers and menu re-run as Apps Script calls them, each behind its
 * gate (src/gas/access.ts, forms.ts `approvalHandlerGate`): a web visitor calling them through
 * `google.script.run` — running as the owner — is refused, and a stale trigger of someone who no
 * longer owns the approval triggers deletes itself instead of running the job a second time.
 * https://developers.google.com/apps-script/guides/html/reference/run
 */
import { approvalHandlerMayRun } from "./forms";
import type { RetryReport } from "./submit";
import { onFormSubmit as applyFormSubmit, retryFailedRequests as retryFailed } from "./submit";
import type { TimerReport } from "./timers";
import { approvalTimers as runTimers } from "./timers";
import { requireOwnAuthority } from "../access";

/**
 * Installable trigger: a request form was submitted. Idempotent; takes the script lock; never
 * edits the response row.
 * @param e the form-submit event (`range`, `values`, `namedValues`)
 */
export function onFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  if (!approvalHandlerMayRun(e, { zh: "处理表单提交", en: "Form submissions" })) return;
  applyFormSubmit(e);
}

/**
 * Installable hourly trigger: reminders, escalations and delegations that are due, and queued mail.
 * @param e the time-driven event
 */
export function approvalTimers(e?: GoogleAppsScript.Events.TimeDriven): TimerReport | null {
  if (!approvalHandlerMayRun(e, { zh: "审批定时任务", en: "The approval timers" })) return null;
  return runTimers(e);
}

/**
 * Menu: runs again every request that failed — routed again when People or Routes were fixed
 * (`failed`), or processed again from its raw response (`error`).
 */
export function retryFailedRequests(): RetryReport {
  requireOwnAuthority({ zh: "重新处理失败的申请", en: "Retry failed requests" });
  return retryFailed();
}
