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
 * Every number is a Settings key (the seed's number its default): `CONTRACT_CREDIT_LOSS`,
 * `CONTRACT_COMM_LOSS`, `CONTRACT_COMM_CUSTOMER_LOST`, `CONTRACT_CLAUSE_LOSS`,
 * `CONTRACT_CLAUSE_CUSTOMER_LOST`, `CONTRACT_FOLLOWUP_NO_LOSS`, the 5-20 range
 * `CONTRACT_FOLLOWUP_WITH_LOSS`, and the optional `CONTRACT_LOSS_BANDS` (loss in yuan:points): when
 * set, a FOLLOW_UP loss with no points entered takes the points of the highest band it reaches.
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, missing, readAll, readNumberOr } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { NumberRange, Pairs, ParameterValue } from "./parameters";
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

/** The Settings numbers of SC-14..SC-17 (seed 004 L184-190). */
export interface ContractRates {
  readonly creditLoss: number;
  readonly commLoss: number;
  readonly commCustomerLost: number;
  readonly clauseLoss: number;
  readonly clauseCustomerLost: number;
  readonly followUpNoLoss: number;
  /** The range of the appraiser's points for a follow-up failure that caused a loss (SC-17). */
  readonly followUpWithLoss: NumberRange;
  /** Optional loss bands (yuan:points); null = the appraiser enters the points. */
  readonly lossBands: Pairs | null;
}

export function contractRatesDefault(): ContractRates {
  return {
    creditLoss: parameterDefault("CONTRACT_CREDIT_LOSS"),
    commLoss: parameterDefault("CONTRACT_COMM_LOSS"),
    commCustomerLost: parameterDefault("CONTRACT_COMM_CUSTOMER_LOST"),
    clauseLoss: parameterDefault("CONTRACT_CLAUSE_LOSS"),
    clauseCustomerLost: parameterDefault("CONTRACT_CLAUSE_CUSTOMER_LOST"),
    followUpNoLoss: parameterDefault("CONTRACT_FOLLOWUP_NO_LOSS"),
    followUpWithLoss: parameterDefault("CONTRACT_FOLLOWUP_WITH_LOSS"),
    lossBands: parameterDefault("CONTRACT_LOSS_BANDS"),
  };
}

function incidentRule(kind: ContractIncident, rates: ContractRates): IncidentRule {
  switch (kind) {
    case "CREDIT":
      return { rule: "SC-14", perTenThousand: rates.creditLoss, perCustomerLost: null, perOrder: null };
    case "COMMUNICATION":
      return { rule: "SC-15", perTenThousand: rates.commLoss, perCustomerLost: rates.commCustomerLost, perOrder: null };
    case "CLAUSE":
      return { rule: "SC-16", perTenThousand: rates.clauseLoss, perCustomerLost: rates.clauseCustomerLost, perOrder: null };
    case "FOLLOW_UP":
      return { rule: "SC-17", perTenThousand: 0, perCustomerLost: null, perOrder: rates.followUpNoLoss };
  }
}

/** The points of the highest loss band `loss` reaches, or null below the lowest band. */
export function lossBandPoints(loss: number, bands: Pairs): number | null {
  let best: { from: number; points: number } | null = null;
  for (const [from, points] of bands) {
    const threshold = Number(from);
    if (loss >= threshold && (best === null || threshold > best.from)) best = { from: threshold, points };
  }
  return best?.points ?? null;
}

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
  zh: "SC-17 造成损失时请填写{min}–{max}之间的损失扣分",
  en: "SC-17 with a loss: enter the loss points ({min}–{max})",
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
  rates: ContractRates = contractRatesDefault(),
): number | ScoreError {
  const rule = incidentRule(kind, rates);
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
    const { min, max } = rates.followUpWithLoss;
    // AMB-15: the appraiser's points, or else the band the loss reaches (CONTRACT_LOSS_BANDS).
    const given = lossPoints ?? (rates.lossBands === null ? null : lossBandPoints(loss, rates.lossBands));
    if (given === null) return scoreError(LOSS_POINTS_NEEDED, { min, max });
    const range = between(given, min, max, LOSS_POINTS);
    if (range) return range;
    // SC-17: the loss points replace the per-order deduction (L190 gives two alternatives).
    points = given;
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

/**
 * `CONTRACT_DEDUCTION(kind, loss, customersLost, orders, [lossPoints], [rounding], [creditLoss],
 * [commLoss], [commCustomerLost], [clauseLoss], [clauseCustomerLost], [followUpNoLoss],
 * [followUpWithLoss], [lossBands])` for one cell; blank amounts are 0.
 */
export function contractDeductionCell(
  [kind, loss, customersLost, orders, lossPoints]: readonly Cell[],
  [rounding, creditLoss, commLoss, commCustomerLost, clauseLoss, clauseCustomerLost, followUpNoLoss, followUpWithLoss, lossBands]: readonly Cell[],
): number | ScoreError {
  const rates = readAll([
    readParameter(creditLoss, "CONTRACT_CREDIT_LOSS"),
    readParameter(commLoss, "CONTRACT_COMM_LOSS"),
    readParameter(commCustomerLost, "CONTRACT_COMM_CUSTOMER_LOST"),
    readParameter(clauseLoss, "CONTRACT_CLAUSE_LOSS"),
    readParameter(clauseCustomerLost, "CONTRACT_CLAUSE_CUSTOMER_LOST"),
    readParameter(followUpNoLoss, "CONTRACT_FOLLOWUP_NO_LOSS"),
    readParameter(followUpWithLoss, "CONTRACT_FOLLOWUP_WITH_LOSS"),
    readParameter(lossBands, "CONTRACT_LOSS_BANDS"),
  ]);
  if (isScoreError(rates)) return rates;
  const read = readAll([
    readKind(kind),
    readNumberOr(loss, LOSS, 0),
    readCustomersLost(customersLost),
    readNumberOr(orders, ORDERS, 0),
    readNumberOr(lossPoints, LOSS_POINTS, null),
    readParameter(rounding, "PER_10K_ROUNDING"),
  ]);
  if (isScoreError(read)) return read;
  const [credit, comm, commCustomer, clause, clauseCustomer, noLoss, withLoss, bands] = rates;
  return contractDeduction(...read, {
    creditLoss: credit,
    commLoss: comm,
    commCustomerLost: commCustomer,
    clauseLoss: clause,
    clauseCustomerLost: clauseCustomer,
    followUpNoLoss: noLoss,
    followUpWithLoss: withLoss,
    lossBands: bands,
  });
}
