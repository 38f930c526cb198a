/**
 * Sales-staff standard: new customers per month, spec KPI-08, seed `003_ab0358f32ef97fc5.txt`
 * L124: 「每月至少开发新客户一家。」 TRUE when the month has at least `KPI_MONTHLY_NEW_CUSTOMERS` (1)
 * new customers; a new customer is one whose first deal or agreement falls in the month (spec
 * AMB-49 [REC]).
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { count, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const NEW_CUSTOMERS: Field = { zh: "本月新客户数", en: "new customers this month" };

/**
 * @example newCustomerMet(1) → true; newCustomerMet(0) → false
 */
export function newCustomerMet(newCustomers: number, minimum: number = parameterDefault("KPI_MONTHLY_NEW_CUSTOMERS")): boolean | ScoreError {
  return count(newCustomers, NEW_CUSTOMERS) ?? newCustomers >= minimum;
}

/** `NEW_CUSTOMER_MET(newCustomers, [minimum])` for one cell. */
export function newCustomerMetCell([newCustomers]: readonly Cell[], [minimum]: readonly Cell[]): boolean | ScoreError {
  const read = readAll([readNumber(newCustomers, NEW_CUSTOMERS), readParameter(minimum, "KPI_MONTHLY_NEW_CUSTOMERS")]);
  if (isScoreError(read)) return read;
  return newCustomerMet(...read);
}
