/**
 * Clerk standard: monthly folder tidy-up, spec KPI-02, seed `003_ab0358f32ef97fc5.txt` L116-117:
 * 「每月5日前整理一次文件夹,将各种报表分类存档。」 TRUE when the month's tidy-up is dated on or before
 * day `KPI_FOLDER_TIDY_DAY` (5) of its month ("before the 5th" read as due on the 5th, as the
 * product reads the appraisal deadlines, spec AMB-37). Days are calendar days in the workbook's
 * time zone (`TIME_ZONE`).
 */
import type { Cell } from "./cells";
import { dayParts, readAll, readDay } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const TIDIED: Field = { zh: "文件夹整理日期", en: "date the folders were tidied" };

/**
 * @example foldersTidiedOnTime(day("2026-03-05")) → true; day("2026-03-06") → false
 */
export function foldersTidiedOnTime(tidiedDay: number, dueDay: number = parameterDefault("KPI_FOLDER_TIDY_DAY")): boolean {
  return dayParts(tidiedDay).day <= dueDay;
}

/** `FOLDERS_TIDIED_ON_TIME(tidyDate, [dueDay], [timeZone])` for one cell. */
export function foldersTidiedOnTimeCell([tidied]: readonly Cell[], [dueDay, zone]: readonly Cell[]): boolean | ScoreError {
  const timeZone = readParameter(zone, "TIME_ZONE");
  if (isScoreError(timeZone)) return timeZone;
  const read = readAll([readDay(tidied, TIDIED, timeZone), readParameter(dueDay, "KPI_FOLDER_TIDY_DAY")]);
  if (isScoreError(read)) return read;
  return foldersTidiedOnTime(...read);
}
