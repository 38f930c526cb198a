/**
 * Sales-staff standard: competitor intelligence, spec KPI-09, seed `003_ab0358f32ef97fc5.txt`
 * L125: 「每周收集竞争对手信息2次,以书面形式汇报。」 TRUE when a week has at least
 * `KPI_WEEKLY_COMPETITOR_REPORTS` (2) written competitor reports.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { count, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const REPORTS: Field = { zh: "本周竞争对手书面汇报次数", en: "written competitor reports this week" };

/**
 * @example competitorReportsMet(2) → true; competitorReportsMet(1) → false
 */
export function competitorReportsMet(reports: number, minimum: number = parameterDefault("KPI_WEEKLY_COMPETITOR_REPORTS")): boolean | ScoreError {
  return count(reports, REPORTS) ?? reports >= minimum;
}

/** `COMPETITOR_REPORTS_MET(reports, [minimum])` for one cell. */
export function competitorReportsMetCell([reports]: readonly Cell[], [minimum]: readonly Cell[]): boolean | ScoreError {
  const read = readAll([readNumber(reports, REPORTS), readParameter(minimum, "KPI_WEEKLY_COMPETITOR_REPORTS")]);
  if (isScoreError(read)) return read;
  return competitorReportsMet(...read);
}
