/**
 * Contract-management deductions of the customer department head (合同管理), spec SC-14..SC-17,
 * seed `004_48a5b74466f8c1e3.txt` L182-190, one row per incident:
 * - `CREDIT` (SC-14, 客户资信调查评估马虎): −2 per 10,000 yuan of payment lost (L184);
 * - `COMMUNICATION` (SC-15, 客户沟通不够): −5 per 10,000 yuan lost, −5 per customer lost (L186);
 * - `CLAUSE` (SC-16, 合同条文不慎密,填写错误): −5 per 10,000 yuan lost, −10 per customer lost (L188);
 * - `FOLLOW_UP` (SC-17, 合同履行跟进监管不力): −2 per late/short order without loss; with a loss,
 *   −5 to −20 "according to the size of the loss" (L190: 「无损失每有1单扣2分,造成损失按损失大小扣5-20分」,
 *   two alternatives). The seed gives no bands (AMB-15), so the appraiser enters those points (5-20),
 *   and they **replace** the −2 per order: an incident with a loss is scored by its loss only.
 * Losses that are not whole multiples of 10,000 yuan count pro rata by default
 * (`PER_10K_ROUNDING = PRORATA`, spec AMB-13 [REC]; FLOOR and CEIL are the alternatives).
 * The kinds also read as the Contract incidents sheet stores them (`credit_check`,
 * `communication`, `clause_error`, `followup_failure`), and its 客户流失 checkbox counts as one
 * customer lost, so the sheet's own columns feed the rule.
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, missing, readAll, readNumberOr } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { ParameterValue } from "./parameters";
import { between, count, firstProblem, isScoreError, nonNegative, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

export type ContractIncident = "CREDIT" | "COMMUNICATION" | "CLAUSE" | "FOLLOW_UP";
export type Per10kRounding = ParameterValue<"PER_10K_ROUNDING">;

const KIND: Field = { zh: "合同问题类型", en: "incident kind" };
const LOSS: Field = { zh: "损失金额", en: "loss" };
const CUSTOMERS_LOST: Field = { zh: "流失客户数", en: "customers lost" };
const ORDERS: Field = { zh: "未按时按质按量交货单数", en: "orders delivered late or short" };
const LOSS_POINTS: Field = { zh: "损失扣分", en: "loss points" };

interface IncidentRule {
  readonly rule: string;
  readonly perTenThousand: number;
  readonly perCustomerLost: number | null;
  readonly perOrder: number | null;
}

const RULES: Readonly<Record<ContractIncident, IncidentRule>> = {
  CREDIT: { rule: "SC-14", perTenThousand: 2, perCustomerLost: null, perOrder: null },
  COMMUNICATION: { rule: "SC-15", perTenThousand: 5, perCustomerLost: 5, perOrder: null },
  CLAUSE: { rule: "SC-16", perTenThousand: 5, perCustomerLost: 10, perOrder: null },
  FOLLOW_UP: { rule: "SC-17", perTenThousand: 0, perCustomerLost: null, perOrder: 2 },
};

/** The range of the appraiser's points for a follow-up failure that caused a loss (SC-17). */
const FOLLOW_UP_LOSS_POINTS = { min: 5, max: 20 } as const;

/** Names a person may type for each kind: the code, the spec ID, the Chinese short name. */
const KIND_WORDS: Readonly<Record<string, ContractIncident>> = {
  CREDIT: "CREDIT",
  "SC-14": "CREDIT",
  资信: "CREDIT",
  COMMUNICATION: "COMMUNICATION",
  "SC-15": "COMMUNICATION",
  沟通: "COMMUNICATION",
  CLAUSE: "CLAUSE",
  "SC-16": "CLAUSE",
  条文: "CLAUSE",
  FOLLOW_UP: "FOLLOW_UP",
  "SC-17": "FOLLOW_UP",
  跟进: "FOLLOW_UP",
  // The values of the type column of the Contract incidents sheet.
  CREDIT_CHECK: "CREDIT",
  CLAUSE_ERROR: "CLAUSE",
  FOLLOWUP_FAILURE: "FOLLOW_UP",
};

const UNKNOWN_KIND: Bilingual = {
  zh: "合同问题类型须为 CREDIT(SC-14)、COMMUNICATION(SC-15)、CLAUSE(SC-16)或 FOLLOW_UP(SC-17)(现为「{got}」)",
  en: 'incident kind must be CREDIT (SC-14), COMMUNICATION (SC-15), CLAUSE (SC-16) or FOLLOW_UP (SC-17) (got "{got}")',
};
const NOT_FOR_KIND: Bilingual = { zh: "{rule} 不按{zh}扣分,请留空", en: "{rule} has no deduction per {en}; leave it blank" };
const LOSS_POINTS_NEEDED: Bilingual = {
  zh: "SC-17 造成损失时请填写5–20之间的损失扣分",
  en: "SC-17 with a loss: enter the loss points (5–20)",
};

/** The 10,000-yuan units of a loss under the rounding reading. */
export function tenThousandUnits(loss: number, rounding: Per10kRounding = parameterDefault("PER_10K_ROUNDING")): number {
  const units = loss / 10_000;
  if (rounding === "FLOOR") return Math.floor(units + 1e-9);
  if (rounding === "CEIL") return Math.ceil(units - 1e-9);
  return units;
}

/**
 * The deduction for one contract incident, in negative points. `lossPoints` is the appraiser's
 * 5-20 for a FOLLOW_UP incident that caused a loss.
 *
 * @example contractDeduction("CREDIT", 25_000, 0, 0) → -5 (PRORATA); FLOOR → -4; CEIL → -6
 * @example contractDeduction("CLAUSE", 10_000, 1, 0) → -15
 * @example contractDeduction("FOLLOW_UP", 0, 0, 2) → -4
 * @example contractDeduction("FOLLOW_UP", 30_000, 0, 2, 12) → -12 (the loss points replace the −2 per order)
 */
export function contractDeduction(
  kind: ContractIncident,
  loss: number,
  customersLost: number,
  orders: number,
  lossPoints: number | null = null,
  rounding: Per10kRounding = parameterDefault("PER_10K_ROUNDING"),
): number | ScoreError {
  const rule = RULES[kind];
  const problem = firstProblem(
    nonNegative(loss, LOSS),
    count(customersLost, CUSTOMERS_LOST),
    count(orders, ORDERS),
    rule.perCustomerLost === null && customersLost > 0 ? scoreError(NOT_FOR_KIND, { rule: rule.rule, zh: CUSTOMERS_LOST.zh, en: "customer lost" }) : null,
    rule.perOrder === null && orders > 0 ? scoreError(NOT_FOR_KIND, { rule: rule.rule, zh: ORDERS.zh, en: "late order" }) : null,
  );
  if (problem) return problem;
  let points = rule.perTenThousand * tenThousandUnits(loss, rounding) + (rule.perCustomerLost ?? 0) * customersLost + (rule.perOrder ?? 0) * orders;
  if (kind === "FOLLOW_UP" && loss > 0) {
    if (lossPoints === null) return scoreError(LOSS_POINTS_NEEDED);
    const range = between(lossPoints, FOLLOW_UP_LOSS_POINTS.min, FOLLOW_UP_LOSS_POINTS.max, LOSS_POINTS);
    if (range) return range;
    // SC-17: the loss points replace the per-order deduction (L190 gives two alternatives).
    points = lossPoints;
  }
  return -points;
}

function readKind(value: Cell): ContractIncident | ScoreError {
  if (isBlank(value)) return missing(KIND);
  const word = typeof value === "string" ? value.trim().toUpperCase() : String(value);
  return KIND_WORDS[word] ?? scoreError(UNKNOWN_KIND, { got: word });
}

/** Customers lost: a count, or a checkbox (TRUE = one customer lost, as the Contract incidents sheet records it). */
function readCustomersLost(value: Cell): number | ScoreError {
  if (typeof value === "boolean") return value ? 1 : 0;
  return readNumberOr(value, CUSTOMERS_LOST, 0);
}

/** `CONTRACT_DEDUCTION(kind, loss, customersLost, orders, [lossPoints], [rounding])` for one cell; blank amounts are 0. */
export function contractDeductionCell([kind, loss, customersLost, orders, lossPoints]: readonly Cell[], [rounding]: readonly Cell[]): number | ScoreError {
  const read = readAll([
    readKind(kind),
    readNumberOr(loss, LOSS, 0),
    readCustomersLost(customersLost),
    readNumberOr(orders, ORDERS, 0),
    readNumberOr(lossPoints, LOSS_POINTS, null),
    readParameter(rounding, "PER_10K_ROUNDING"),
  ]);
  if (isScoreError(read)) return read;
  return contractDeduction(...read);
}
