/**
 * Whether a value satisfies a data-validation rule, and the message Sheets shows when a person types
 * something the rule rejects (https://support.google.com/docs/answer/186103). Scripts are not held to
 * validation: Range.setValues writes invalid values and Sheets flags them; only user edits are checked
 * (https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#setAllowInvalid(Boolean)).
 */
import type { DataValidationRule, SheetRect } from "./cells";
import { asText } from "./numberFormat";

export type HostValue = number | string | boolean | Date;

function isSheetRect(value: unknown): value is SheetRect {
  return typeof value === "object" && value !== null && "sheetName" in value && "rect" in value;
}

function asNumber(value: HostValue): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/**
 * True when `value` (what the cell holds after the edit) passes the rule. `displayOf` turns a value
 * into the text compared with list items; `rangeItems` reads a source range's displayed values.
 */
export function ruleAccepts(
  rule: DataValidationRule,
  value: HostValue,
  displayOf: (value: HostValue) => string,
  rangeItems: (source: SheetRect) => string[],
): boolean {
  if (value === "") return true;
  const v = rule.values;
  switch (rule.criteria) {
    case "VALUE_IN_LIST": {
      const items = Array.isArray(v[0]) ? (v[0] as readonly string[]) : [];
      return items.includes(displayOf(value));
    }
    case "VALUE_IN_RANGE": {
      const source = v[0];
      return isSheetRect(source) ? rangeItems(source).includes(displayOf(value)) : false;
    }
    case "NUMBER_BETWEEN": {
      const n = asNumber(value);
      const lo = Number(v[0]);
      const hi = Number(v[1]);
      return n !== undefined && n >= Math.min(lo, hi) && n <= Math.max(lo, hi);
    }
    case "NUMBER_GREATER_THAN": {
      const n = asNumber(value);
      return n !== undefined && n > Number(v[0]);
    }
    case "NUMBER_GREATER_THAN_OR_EQUAL_TO": {
      const n = asNumber(value);
      return n !== undefined && n >= Number(v[0]);
    }
    case "NUMBER_LESS_THAN_OR_EQUAL_TO": {
      const n = asNumber(value);
      return n !== undefined && n <= Number(v[0]);
    }
    case "TEXT_IS_VALID_EMAIL":
      return typeof value === "string" && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
    case "DATE_IS_VALID_DATE":
      return value instanceof Date || Object.prototype.toString.call(value) === "[object Date]";
    case "CHECKBOX":
      if (v.length >= 2) return displayOf(value) === asText(v[0]) || displayOf(value) === asText(v[1]);
      return typeof value === "boolean";
  }
}

/** The message Sheets shows when it rejects an input (the rule's help text when it has one). */
export function rejectionMessage(rule: DataValidationRule): string {
  if (rule.helpText) return rule.helpText;
  const v = rule.values;
  switch (rule.criteria) {
    case "VALUE_IN_LIST":
    case "VALUE_IN_RANGE":
      return "Input must be an item on the specified list";
    case "NUMBER_BETWEEN":
      return `Input must be a number between ${asText(v[0])} and ${asText(v[1])}`;
    case "NUMBER_GREATER_THAN":
      return `Input must be greater than ${asText(v[0])}`;
    case "NUMBER_GREATER_THAN_OR_EQUAL_TO":
      return `Input must be greater than or equal to ${asText(v[0])}`;
    case "NUMBER_LESS_THAN_OR_EQUAL_TO":
      return `Input must be less than or equal to ${asText(v[0])}`;
    case "DATE_IS_VALID_DATE":
      return "Input must be a valid date";
    case "TEXT_IS_VALID_EMAIL":
      return "Input must be a valid email address";
    case "CHECKBOX":
      return "Input must be a checkbox value";
  }
}
