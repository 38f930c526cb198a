/**
 * Sales-staff standard: no guest complaints, spec KPI-14, seed `003_ab0358f32ef97fc5.txt` L131:
 * 「热情接待每位客人,不得引起客人投诉。」 TRUE when no complaint in the period is linked to the person.
 */
import type { Cell } from "./cells";
import { readNumber } from "./cells";
import { count, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const COMPLAINTS: Field = { zh: "客人投诉次数", en: "guest complaints" };

/**
 * @example noGuestComplaints(0) → true; noGuestComplaints(1) → false
 */
export function noGuestComplaints(complaints: number): boolean | ScoreError {
  return count(complaints, COMPLAINTS) ?? complaints === 0;
}

/** `NO_GUEST_COMPLAINTS(complaints)` for one cell. */
export function noGuestComplaintsCell([complaints]: readonly Cell[]): boolean | ScoreError {
  const read = readNumber(complaints, COMPLAINTS);
  return isScoreError(read) ? read : noGuestComplaints(read);
}
