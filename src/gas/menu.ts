/**
 * The MarketOps menu (市场部 MarketOps) added to the sheet on open. Each item names a top-level
 * function of dist/Code.js; a bundle test checks every name exists.
 * https://developers.google.com/apps-script/guides/menus
 */
import { both } from "../core/i18n";

export interface MenuItem {
  readonly caption: string;
  readonly functionName: string;
}

export const MENU_TITLE = "市场部 MarketOps";

export const MENU_ITEMS: readonly (MenuItem | "separator")[] = [
  { caption: both({ zh: "安装/升级", en: "Install / upgrade" }), functionName: "installOrUpgrade" },
  { caption: both({ zh: "载入演示数据", en: "Load demo data" }), functionName: "loadDemoData" },
  "separator",
  { caption: both({ zh: "我的待办", en: "My pending approvals" }), functionName: "showMyQueue" },
  { caption: both({ zh: "建立/更新表单", en: "Build / update forms" }), functionName: "buildForms" },
  { caption: both({ zh: "重新处理失败的申请", en: "Retry failed requests" }), functionName: "retryFailedRequests" },
  { caption: both({ zh: "接管审批触发器", en: "Take over approval triggers" }), functionName: "takeOverApprovalTriggers" },
  { caption: both({ zh: "添加次年节假日", en: "Add next year's holidays" }), functionName: "addNextYearHolidays" },
  "separator",
  { caption: both({ zh: "分解年度计划", en: "Decompose the plan" }), functionName: "decomposeAnnualPlan" },
  { caption: both({ zh: "导入实绩 CSV", en: "Import actuals (CSV)" }), functionName: "importActualsCsv" },
  { caption: both({ zh: "导入拜访 CSV", en: "Import activities (CSV)" }), functionName: "importActivitiesCsv" },
  { caption: both({ zh: "跟踪费用预算", en: "Track budgets" }), functionName: "trackBudgets" },
  { caption: both({ zh: "计算返利", en: "Compute rebates" }), functionName: "computeRebates" },
  "separator",
  { caption: both({ zh: "月度关账", en: "Close the month" }), functionName: "closeMonth" },
  { caption: both({ zh: "公布考核结果", en: "Publish the month's results" }), functionName: "publishMonth" },
  { caption: both({ zh: "安装每日月度作业", en: "Install the daily monthly job" }), functionName: "installMonthlyJob" },
  { caption: both({ zh: "移除每日月度作业", en: "Remove the daily monthly job" }), functionName: "removeMonthlyJob" },
  { caption: both({ zh: "发送月度报表", en: "Send monthly reports" }), functionName: "sendMonthlyReports" },
  { caption: both({ zh: "预览月度报表", en: "Preview report" }), functionName: "previewReport" },
  { caption: both({ zh: "只发给我", en: "Send report to me only" }), functionName: "sendMyReport" },
  "separator",
  { caption: both({ zh: "年度关账(1月1–15日)", en: "Close the year (1–15 January)" }), functionName: "closeYear" },
  { caption: both({ zh: "公布年度结果", en: "Publish the year" }), functionName: "publishYear" },
];

/** Adds the menu to the open spreadsheet's UI. */
export function addMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    if (item === "separator") menu.addSeparator();
    else menu.addItem(item.caption, item.functionName);
  }
  menu.addToUi();
}
