/**
 * Menu 分解年度计划 Decompose the plan (spec WF-01.6, WF-22.3, RP-09): reads Plans, Regions, People
 * and Settings once, asks the core what the decomposition would write, and shows it in a dialog
 * (rows to add and to change, year totals per level). Its button calls `applyPlanDecomposition`
 * through google.script.run with the preview's fingerprint: under the script lock the same reads
 * and the same plan again, refused if anything moved since the preview, then one append and one
 * update of Plans and one Audit row. On an unchanged plan it writes nothing at all.
 * https://developers.google.com/apps-script/guides/html/communication
 * https://developers.google.com/apps-script/reference/base/ui#showModalDialog(Object,String)
 */
import { requireOwnAuthority } from "./access";
import { withScriptLock } from "./approvals/submit";
import { settingsByKey } from "./approvals/workbook";
import { actorEmail } from "./close/close";
import { appendRecords, readTable, updateRecords } from "./table";
import { both, format, UserError } from "../core/i18n";
import type { PlanWrite } from "../core/plans/workbook";
import { planDecomposition, planRecordsToAdd, planWriteFingerprint } from "../core/plans/workbook";
import { dateTimeText } from "../core/templates/table";
import { planPreviewHtml } from "../render/plan-preview";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const WHAT = { zh: "分解年度计划", en: "Decompose the plan" };

const M = {
  title: { zh: "分解年度计划:预览", en: "Decompose the plan: preview" },
  moved: { zh: "预览之后计划、区域、人员或设置有变动;请重新打开「分解年度计划」查看新的预览", en: "Plans, Regions, People or Settings changed after the preview; open Decompose the plan again to see the new one" },
  problems: { zh: "计划无法分解:{problems}", en: "The plan cannot be decomposed: {problems}" },
  written: { zh: "已写入计划:新增 {added} 行,修改 {changed} 行", en: "Plans written: {added} rows added, {changed} changed" },
  nothing: { zh: "计划已分解,无需更改", en: "The plan is already decomposed: nothing changed" },
} as const;

/** The decomposition of the workbook as it is now: one read of each sheet. */
function currentWrite(spreadsheet: Spreadsheet): PlanWrite & { readonly timeZone: string } {
  const settings = settingsByKey(spreadsheet);
  const write = planDecomposition({
    plans: readTable(spreadsheet, "plans").rows,
    regions: readTable(spreadsheet, "regions").rows.map((r) => r.values),
    people: readTable(spreadsheet, "people").rows.map((r) => r.values),
    settings,
  });
  const zone = settings.TIME_ZONE;
  return { ...write, timeZone: typeof zone === "string" && zone.trim() !== "" ? zone.trim() : spreadsheet.getSpreadsheetTimeZone() };
}

/** What the preview would show, for the dialog and for tests: counts, totals, problems, the fingerprint. */
export function planDecompositionPreview(): { add: number; change: number; unchanged: number; totals: PlanWrite["totals"]; problems: string[]; fingerprint: string } {
  requireOwnAuthority(WHAT);
  const write = currentWrite(SpreadsheetApp.getActiveSpreadsheet());
  return { add: write.add.length, change: write.change.length, unchanged: write.unchanged, totals: write.totals, problems: write.problems.map((p) => both(p.text)), fingerprint: planWriteFingerprint(write) };
}

/**
 * Menu: 分解年度计划 Decompose the plan — the preview dialog; nothing is written until its button.
 * https://developers.google.com/apps-script/reference/html/html-service#createHtmlOutput(String)
 */
export function decomposeAnnualPlan(): void {
  requireOwnAuthority(WHAT);
  const write = currentWrite(SpreadsheetApp.getActiveSpreadsheet());
  const output = HtmlService.createHtmlOutput(planPreviewHtml(write, planWriteFingerprint(write))).setWidth(960).setHeight(680);
  SpreadsheetApp.getUi().showModalDialog(output, both(M.title));
}

/**
 * Writes the previewed decomposition (the dialog's button, through google.script.run): one append
 * and one update of Plans, one Audit row; nothing at all when the plan is already decomposed.
 * @param {string} fingerprint the preview's fingerprint
 */
export function applyPlanDecomposition(fingerprint: unknown): { added: number; changed: number; message: string } {
  requireOwnAuthority(WHAT);
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return withScriptLock(() => {
    const write = currentWrite(spreadsheet);
    if (write.problems.length > 0) {
      const zh = format(M.problems, { problems: write.problems.map((p) => p.text.zh).join(";") }).zh;
      const en = format(M.problems, { problems: write.problems.map((p) => p.text.en).join("; ") }).en;
      throw new UserError("PLAN_PROBLEMS", { zh, en });
    }
    if (typeof fingerprint !== "string" || fingerprint !== planWriteFingerprint(write)) throw new UserError("PLAN_PREVIEW_STALE", M.moved);
    if (write.add.length === 0 && write.change.length === 0) return { added: 0, changed: 0, message: both(M.nothing) };
    updateRecords(spreadsheet, "plans", write.change.map((c) => ({ row: c.row, values: c.values })));
    appendRecords(spreadsheet, "plans", planRecordsToAdd(write));
    const message = both(format(M.written, { added: write.add.length, changed: write.change.length }));
    appendRecords(spreadsheet, "audit", [
      {
        at: dateTimeText(Date.now(), write.timeZone),
        actor_email: actorEmail(),
        action: "plans.decomposed",
        object_type: "plans",
        object_id: write.totals.map((t) => `${t.year}-${t.metric}`).join(", "),
        before: null,
        after: `added ${write.add.length}, changed ${write.change.length}`,
        comment: message,
        channel: "menu",
      },
    ]);
    return { added: write.add.length, changed: write.change.length, message };
  });
}
