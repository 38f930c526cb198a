/**
 * Next year's holidays (节假日与调休), pasted by a person (issue 11 §1): the State Council publishes
 * each year's schedule in November (国务院办公厅关于某年部分节假日安排的通知); MarketOps cannot fetch
 * it reliably, so 市场部 MarketOps → 添加次年节假日 Add next year's holidays takes the rows pasted
 * into a dialog, one day a line: `date, holiday|workday, name[, source]` (tab- or comma-separated;
 * 放假 / 上班 / 调休上班 accepted for the kind). The rows feed the working calendar
 * (src/core/approvals/calendar: SC-27 / AMB-37 deadlines, reminders, task due days). All or nothing:
 * one bad line writes no row, and the message names each line and what to fix. Days already on
 * the Holidays sheet are skipped, so pasting twice adds nothing. Pure.
 */
import type { Bilingual } from "../i18n";
import type { HolidayRow } from "../approvals/calendar";

/** A row to add to the Holidays sheet. */
export interface HolidayPasteRow extends HolidayRow {
  readonly name: string;
  readonly source: string;
}

export interface HolidayPaste {
  readonly rows: readonly HolidayPasteRow[];
  /** Lines whose day is already on the sheet (same date and kind): not added again. */
  readonly skipped: number;
  /** Bad lines, each saying which line and what to fix; rows is empty when there are any. */
  readonly problems: readonly Bilingual[];
}

const KINDS: Readonly<Record<string, HolidayRow["kind"]>> = {
  holiday: "holiday",
  放假: "holiday",
  假: "holiday",
  休: "holiday",
  workday: "workday",
  上班: "workday",
  调休上班: "workday",
  班: "workday",
};

const DAY = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

/** `YYYY-MM-DD` for a real calendar day written as 2027-10-01, 2027/10/1 or 2027年10月1日, else null. */
export function pastedDay(text: string): string | null {
  const m = DAY.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function cellsOf(line: string): string[] {
  const cells = line.includes("\t") ? line.split("\t") : line.split(/[,，]/);
  return cells.map((c) => c.trim());
}

/**
 * Reads pasted lines against the Holidays rows already on the sheet. A header line (日期/Date…) and
 * blank lines are ignored.
 * @example parseHolidayPaste("2027-10-01, holiday, 国庆节 National Day", []) → one holiday row
 */
export function parseHolidayPaste(text: string, existing: readonly HolidayRow[]): HolidayPaste {
  const have = new Map(existing.map((r) => [r.date, r.kind]));
  const seen = new Map<string, HolidayRow["kind"]>();
  const rows: HolidayPasteRow[] = [];
  const problems: Bilingual[] = [];
  let skipped = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === "") return;
    const [dateText = "", kindText = "", name = "", source = ""] = cellsOf(line);
    if (/^(日期|date)$/i.test(dateText)) return;
    const date = pastedDay(dateText);
    const kind = KINDS[kindText.toLowerCase()];
    if (date === null) {
      problems.push({ zh: `第 ${n} 行:日期「${dateText}」无效,请写成 2027-10-01`, en: `line ${n}: "${dateText}" is not a date; write it as 2027-10-01` });
      return;
    }
    if (kind === undefined) {
      problems.push({ zh: `第 ${n} 行:类型「${kindText}」无效,请写 holiday(放假)或 workday(调休上班)`, en: `line ${n}: kind "${kindText}" is not holiday (放假) or workday (调休上班)` });
      return;
    }
    if (name === "") {
      problems.push({ zh: `第 ${n} 行:缺少名称(如 国庆节 National Day)`, en: `line ${n}: the name is missing (e.g. 国庆节 National Day)` });
      return;
    }
    const before = seen.get(date) ?? have.get(date);
    if (before !== undefined && before !== kind) {
      problems.push({ zh: `第 ${n} 行:${date} 已记为${before === "holiday" ? "放假" : "调休上班"},不能同时是${kind === "holiday" ? "放假" : "调休上班"}`, en: `line ${n}: ${date} is already a ${before === "holiday" ? "holiday" : "make-up working day"}; it cannot also be a ${kind === "holiday" ? "holiday" : "make-up working day"}` });
      return;
    }
    if (before !== undefined) {
      skipped += 1;
      return;
    }
    seen.set(date, kind);
    rows.push({ date, kind, name, source });
  });
  return problems.length > 0 ? { rows: [], skipped, problems } : { rows, skipped, problems };
}
