/**
 * The approval flow's Apps Script entry points, re-exported for src/gas/main.ts: forms and
 * triggers (buildForms), the form-submit trigger and its menu re-run, the web app, in-sheet
 * decisions and the hourly timers.
 */
export { buildForms, takeOverApprovalTriggers } from "./forms";
export { approvalTimers, onFormSubmit, retryFailedRequests } from "./entry";
export { doGet, doPost, submitDecision } from "./webapp";
export { onApprovalEdit } from "./sheet";
