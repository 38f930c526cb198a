/**
 * Menu 添加次年节假日 Add next year's holidays (issue 11 §1): the Holidays sheet ships the current
 * year's official schedule; next year's is published by the State Council each November and cannot
 * be fetched reliably from a script, so the menu opens a dialog explaining where it comes from and
 * taking the rows pasted there. `addHolidayRows` (the dialog's button, via google.script.run)
 * validates every line in the core (src/core/holidays/paste), then appends the new days in one
 * write with one Audit row, under the script lock; days already on the sheet are skipped.
 * https://developers.google.com/apps-script/guides/html/communication
 * https://developers.google.com/apps-script/reference/base/ui#showModalDialog(Object,String)
 */
import { requireOwnAuthority } from "./access";
import { withScriptLock } from "./approvals/submit";
import { holidayRows } from "./approvals/workbook";
import { actorEmail } from "./close/close";
import { appendRecords, readTable } from "./table";
import { both, format, UserError } from "../core/i18n";
import { parseHolidayPaste } from "../core/holidays/paste";
import { sheetTemplate } from "../core/templates/catalog";
import { dateTimeText } from "../core/templates/table";
import { dayKey } from "../core/time";
import { holidayDialogHtml } from "../render/holiday-dialog";

const WHAT = { zh: "添加次年节假日", en: "Add next year's holidays" };

const M = {
  title: { zh: "添加次年节假日", en: "Add next year's holidays" },
  bad: { zh: "未写入任何行,请改正后再粘贴:\n{problems}", en: "Nothing was written; fix these lines and paste again:\n{problems}" },
  empty: { zh: "没有可添加的行:请按“日期, 类型, 名称”每天一行粘贴", en: "No rows to add: paste one day a line as “date, kind, name”" },
  added: { zh: "已添加 {added} 天到节假日表{skipped}", en: "{added} days added to the Holidays sheet{skipped}" },
} as const;

/** Menu: opens the dialog (nothing is written until its button). */
export function addNextYearHolidays(): void {
  requireOwnAuthority(WHAT);
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const year = Number(dayKey(Date.now(), spreadsheet.getSpreadsheetTimeZone()).slice(0, 4)) + 1;
  const output = HtmlService.createHtmlOutput(holidayDialogHtml(year, sheetTemplate("holidays").tabName)).setWidth(720).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(output, both(M.title));
}

/**
 * Adds the pasted days (the dialog's button): all or nothing, refused with each bad line named.
 * @param {string} text the pasted lines
 */
export function addHolidayRows(text: unknown): { added: number; skipped: number; message: string } {
  requireOwnAuthority(WHAT);
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return withScriptLock(() => {
    const table = readTable(spreadsheet, "holidays");
    const paste = parseHolidayPaste(typeof text === "string" ? text : "", holidayRows(table));
    const tab = sheetTemplate("holidays").tabName;
    if (paste.problems.length > 0) {
      const zh = format(M.bad, { problems: paste.problems.map((p) => p.zh).join("\n") }).zh;
      const en = format(M.bad, { problems: paste.problems.map((p) => p.en).join("\n") }).en;
      throw new UserError("HOLIDAY_PASTE", { zh, en }, { sheet: tab });
    }
    const skipped = paste.skipped > 0 ? { zh: `(${paste.skipped} 天已存在,跳过)`, en: ` (${paste.skipped} already there, skipped)` } : { zh: "", en: "" };
    if (paste.rows.length === 0 && paste.skipped === 0) throw new UserError("HOLIDAY_PASTE_EMPTY", M.empty, { sheet: tab });
    const message = both({ zh: format(M.added, { added: paste.rows.length, skipped: skipped.zh }).zh, en: format(M.added, { added: paste.rows.length, skipped: skipped.en }).en });
    if (paste.rows.length === 0) return { added: 0, skipped: paste.skipped, message };
    appendRecords(
      spreadsheet,
      "holidays",
      paste.rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, source: r.source })),
    );
    const dates = paste.rows.map((r) => r.date);
    appendRecords(spreadsheet, "audit", [
      {
        at: dateTimeText(Date.now(), table.timeZone),
        actor_email: actorEmail(),
        action: "holidays.added",
        object_type: "holidays",
        object_id: `${dates[0] ?? ""}..${dates[dates.length - 1] ?? ""}`,
        before: null,
        after: `added ${paste.rows.length}, skipped ${paste.skipped}`,
        comment: message,
        channel: "menu",
      },
    ]);
    return { added: paste.rows.length, skipped: paste.skipped, message };
  });
}
