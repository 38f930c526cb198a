/**
 * Clerk standard: member-card loss rate (会员卡损耗率), spec KPI-05, seed `003_ab0358f32ef97fc5.txt`
 * L120: 「会员卡损耗率不得超过5%。」 The rate is cards lost or damaged over cards issued in the month
 * (spec AMB-50 [REC]); TRUE when it does not exceed `KPI_CARD_LOSS_MAX` (0.05). A hotel-context
 * standard (AMB-48): blank, not judged, while Settings `ENABLE_HOTEL_KPIS` is FALSE.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { whenHotelKpisOn } from "./hotel-kpis";
import { parameterDefault, readParameter } from "./parameters";
import { count, firstProblem, isScoreError, positive } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const LOST: Field = { zh: "损耗会员卡数", en: "cards lost or damaged" };
const ISSUED: Field = { zh: "发放会员卡数", en: "cards issued" };

/**
 * @example cardLossOk(5, 100) → true; cardLossOk(6, 100) → false
 */
export function cardLossOk(lost: number, issued: number, maxRate: number = parameterDefault("KPI_CARD_LOSS_MAX")): boolean | ScoreError {
  const problem = firstProblem(count(lost, LOST), positive(issued, ISSUED));
  if (problem) return problem;
  return lost <= maxRate * issued + 1e-9;
}

/** `CARD_LOSS_OK(cardsLost, cardsIssued, [maxRate], [ENABLE_HOTEL_KPIS])` for one cell. */
export function cardLossOkCell([lost, issued]: readonly Cell[], [maxRate, enabled]: readonly Cell[]): boolean | "" | ScoreError {
  return whenHotelKpisOn(enabled, () => {
    const read = readAll([readNumber(lost, LOST), readNumber(issued, ISSUED), readParameter(maxRate, "KPI_CARD_LOSS_MAX")]);
    if (isScoreError(read)) return read;
    return cardLossOk(...read);
  });
}
