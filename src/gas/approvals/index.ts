/**
 * The approval flow's Apps Script entry points, re-exported for src/gas/main.ts: forms and
 * triggers (buildForms), the form-submit trigger and its menu re-run, the web app, in-sheet
 * decisions and the hourly timers.
 */
export { buildForms } from "./forms";
export { onFormSubmit, retryFailedRequests } from "./submit";
export { doGet, doPost, submitDecision } from "./webapp";
export { onApprovalEdit } from "./sheet";
export { approvalTimers } from "./timers";
