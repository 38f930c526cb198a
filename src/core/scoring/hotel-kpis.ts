/**
 * The hotel-specific work standards (酒店业专用标准), spec AMB-48: the clerk, sales and artist
 * standards come from a hotel, and KPI-05 (member-card loss), KPI-12 (member data the same day),
 * KPI-13 (meeting booking forms) and KPI-16 (hotel CI) only make sense there. Settings
 * `ENABLE_HOTEL_KPIS` (default TRUE: implement all, AMB-48 [REC]) switches them off: a standard
 * that is off is not judged, so its cell stays blank rather than showing a pass or a fail.
 */
import type { Cell } from "./cells";
import { readParameter } from "./parameters";
import { isScoreError } from "./score-error";
import type { ScoreError } from "./score-error";

/**
 * `judge()` when the hotel standards are on, "" (not judged) when `enabled` reads FALSE; an
 * unreadable switch says what to fix, naming the Settings key.
 * @example whenHotelKpisOn("FALSE", () => true) → ""; whenHotelKpisOn("", () => false) → false
 */
export function whenHotelKpisOn<T>(enabled: Cell, judge: () => T): T | "" | ScoreError {
  const on = readParameter(enabled, "ENABLE_HOTEL_KPIS");
  if (isScoreError(on)) return on;
  return on ? judge() : "";
}
