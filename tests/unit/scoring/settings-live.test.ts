/**
 * No Settings key of a scoring rule is inert (issue 11 §1, issue 8): for every key the seed's
 * constants became, changing the Settings value changes what the custom function (the one the
 * scorecard formula calls, with the Settings cell as a trailing argument) gives. Each case is named
 * with the key and its rule ID; blank is the default, as a fresh Settings sheet holds it.
 */
import { describe, expect, it } from "vitest";
import { both } from "../../../src/core/i18n";
import { readParameter, SCORING_PARAMETERS } from "../../../src/core/scoring/parameters";
import type { ParameterKey } from "../../../src/core/scoring/parameters";
import { isScoreError } from "../../../src/core/scoring/score-error";
import * as fn from "../../../src/gas/customFunctions";

interface LiveCase {
  readonly key: ParameterKey;
  readonly rule: string;
  /** What the change does, as the test title says it. */
  readonly what: string;
  /** The Settings value typed in place of the default. */
  readonly value: string;
  /** The result with the Settings cell `cell` ("" = blank = the default). */
  readonly result: (cell: string) => unknown;
  readonly before: unknown;
  readonly after: unknown;
}

const CASES: readonly LiveCase[] = [
  // SC-03 sales plan completion
  { key: "SALES_PLAN_FULL_POINTS", rule: "SC-03", what: "50 makes exactly 100 % worth 50", value: "50", result: (c) => fn.SALES_PLAN_SCORE(100, 100, "", "", c), before: 40, after: 50 },
  { key: "SALES_PLAN_MAX_POINTS", rule: "SC-03", what: "50 caps 180 % at 50", value: "50", result: (c) => fn.SALES_PLAN_SCORE(180, 100, "", "", "", c), before: 60, after: 50 },
  { key: "SALES_PLAN_MAX_THRESHOLD", rule: "SC-03", what: "1.2 gives 130 % the maximum under LITERAL_STEPS", value: "1.2", result: (c) => fn.SALES_PLAN_SCORE(130, 100, "LITERAL_STEPS", "", "", "", c), before: 40, after: 60 },
  { key: "SALES_PLAN_ZERO_BELOW", rule: "SC-03", what: "0.5 makes 55 % worth 22", value: "0.5", result: (c) => fn.SALES_PLAN_SCORE(55, 100, "", "", "", "", "", c), before: 0, after: 22 },
  // SC-04 team attainment
  { key: "TEAM_ATTAIN_TIERS", rule: "SC-04", what: "0.5:12 gives 5 of 10 a tier", value: "0.9:20; 0.8:18; 0.7:15; 0.6:10; 0.5:12", result: (c) => fn.TEAM_ATTAINMENT_SCORE(5, 10, "", c), before: 0, after: 12 },
  // SC-01 / SC-06 / SC-07 sales head total
  { key: "INFO_SYS_MAX", rule: "SC-06", what: "20 lets the appraiser give 18 information points", value: "20", result: (c) => fn.SALES_HEAD_SCORE(40, 20, 20, 18, 5, "", "", c), before: "信息系统管理得分须在0到15之间 / information system points must be between 0 and 15", after: 103 },
  { key: "ATTITUDE_MAX", rule: "SC-07", what: "10 lets the appraiser give 8 attitude points", value: "10", result: (c) => fn.SALES_HEAD_SCORE(40, 20, 20, 15, 8, "", "", "", c), before: "工作态度得分须在0到5之间 / work attitude points must be between 0 and 5", after: 103 },
];

function shown(value: unknown): unknown {
  return isScoreError(value) ? both(value.text) : value;
}

describe("every Settings key of a scoring rule changes a result (issue 11 §1)", () => {
  it.each(CASES.map((c) => [`${c.key} (${c.rule}): ${c.what}`, c] as const))("%s", (_title, c) => {
    expect(SCORING_PARAMETERS[c.key].rules).toContain(c.rule);
    expect(shown(c.result(""))).toEqual(c.before);
    expect(shown(c.result(c.value))).toEqual(c.after);
    expect(c.after).not.toEqual(c.before);
  });
});

describe("list and range settings read the Settings sheet's formats (issue 11 §1)", () => {
  it("TEAM_ATTAIN_TIERS (SC-04): reads rate:points in any order, with Chinese punctuation", () => {
    expect(readParameter("0.6：10；0.9:20", "TEAM_ATTAIN_TIERS")).toEqual([["0.6", 10], ["0.9", 20]]);
  });

  it("TEAM_ATTAIN_TIERS (SC-04): says what to fix, naming the Settings row", () => {
    expect(shown(readParameter("0.9=20; lots", "TEAM_ATTAIN_TIERS"))).toBe(
      '设置表「TEAM_ATTAIN_TIERS」行须写成「0.9:20; 0.8:18; 0.7:15; 0.6:10」:「lots」不是「名称:数值」(现为「0.9=20; lots」) / Settings row TEAM_ATTAIN_TIERS must read like "0.9:20; 0.8:18; 0.7:15; 0.6:10": "lots" is not name:number (got "0.9=20; lots")',
    );
  });
});
