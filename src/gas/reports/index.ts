/** The monthly report entry points (RP-28): send, continue, preview, send to me only. */
export { continueMonthlyReports, sendMonthlyReports } from "./send";
export { previewReport, reportPreview, reportPreviewChoices, sendMyReport } from "./preview";
