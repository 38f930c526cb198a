/**
 * The public surface of the Apps Script project: every export here becomes a top-level function
 * of dist/Code.js (scripts/build.ts), and nothing else does. Entry points stay thin: read, call the
 * core, write (architecture rule 3).
 */
import { addMenu } from "./menu";

export { installOrUpgrade } from "./installer";
export { loadDemoData } from "./demo";
export { closeMonth, installMonthlyJob, monthlyJob, removeMonthlyJob } from "./close/index";
export { closeYear, publishYear } from "./annual";
export { publishMonth } from "./close/publish";
export { applyPlanDecomposition, decomposeAnnualPlan, planDecompositionPreview } from "./plans";
export { applyCsvImport, csvImportPreview, importActivitiesCsv, importActualsCsv } from "./imports";
export { addHolidayRows, addNextYearHolidays } from "./holidays";
export { trackBudgets } from "./budgets";
export { computeRebates } from "./rebates";
export { continueMonthlyReports, previewReport, reportPreview, reportPreviewChoices, sendMonthlyReports, sendMyReport } from "./reports/index";
export { approvalTimers, buildForms, doGet, doPost, onApprovalEdit, onFormSubmit, retryFailedRequests, submitDecision, takeOverApprovalTriggers } from "./approvals/index";
export { decideFromQueue, markTaskDoneFromQueue, showMyQueue } from "./approvals/index";

/**
 * Simple trigger: adds the 市场部 MarketOps menu when the spreadsheet opens.
 * https://developers.google.com/apps-script/guides/triggers#onopene
 * @param {GoogleAppsScript.Events.SheetsOnOpen} _e the open event
 */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(SpreadsheetApp.getUi());
}

/**
 * Runs when the script is installed as an add-on: same as opening.
 * @param {GoogleAppsScript.Events.AddonOnInstall} e the install event
 */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export * from "./customFunctions";
