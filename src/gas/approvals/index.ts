/**
 * The approval flow's Apps Script entry points, re-exported for src/gas/main.ts: forms and
 * triggers (buildForms), the form-submit trigger and its menu re-run, the web app, in-sheet
 * decisions, the 我的待办 My pending approvals page and the hourly timers.
 */
export { buildForms, takeOverApprovalTriggers } from "./forms";
export { approvalTimers, onFormSubmit, retryFailedRequests } from "./entry";
export { doGet, doPost, submitDecision } from "./webapp";
export { onApprovalEdit } from "./sheet";
export { decideFromQueue, markTaskDoneFromQueue, showMyQueue } from "./queue";
