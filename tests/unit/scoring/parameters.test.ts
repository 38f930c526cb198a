import { describe, expect, it } from "vitest";
import { both } from "../../../src/core/i18n";
import { parameterDefault, readParameter, SCORING_PARAMETERS, scoringParameterRows } from "../../../src/core/scoring/parameters";
import { SCORING_SETTING } from "../../../src/gas/customFunctions";
import { isScoreError } from "../../../src/core/scoring/score-error";

function text(v: unknown): unknown {
  return isScoreError(v) ? both(v.text) : v;
}

describe("Settings-driven readings of the ambiguous rules (spec §0.4, CFG.* keys)", () => {
  it("defaults to the product's [REC] reading for a blank or omitted setting", () => {
    expect(readParameter("", "SALES_PLAN_MODE")).toBe("PROPORTIONAL_CAPPED");
    expect(readParameter(undefined, "OBJ_WEIGHT_MODE")).toBe("NORMALIZE");
    expect(readParameter(undefined, "RAISE_RULE")).toBe("9_OF_10_CONSECUTIVE");
    expect(readParameter(undefined, "PER_10K_ROUNDING")).toBe("PRORATA");
    expect(readParameter(undefined, "C_CUMULATIVE_WINDOW_MONTHS")).toBe(12);
    expect(readParameter(undefined, "CUST_COLLECTION_PTS_PER_PP")).toBe(1);
    expect(readParameter(undefined, "EXPENSE_PENALTY_PER_PP")).toBe(1);
    expect(readParameter(undefined, "REP_ATTAIN_THRESHOLD")).toBe(1);
    expect(readParameter(undefined, "ANNUAL_PRORATE")).toBe(true);
    expect(readParameter(undefined, "TIME_ZONE")).toBe("Asia/Shanghai");
  });

  it("accepts another allowed reading in any case", () => {
    expect(readParameter(" literal_steps ", "SALES_PLAN_MODE")).toBe("LITERAL_STEPS");
    expect(readParameter("floor", "PER_10K_ROUNDING")).toBe("FLOOR");
    expect(readParameter("否", "ANNUAL_PRORATE")).toBe(false);
    expect(readParameter("NONE", "OBJ_COMPANY_RATIO_CAP")).toBeNull();
    expect(readParameter("2", "EXPENSE_PENALTY_PER_PP")).toBe(2);
  });

  it("names the allowed values when a reading is unknown", () => {
    expect(text(readParameter("HALF", "SALES_PLAN_MODE"))).toBe(
      '「HALF」不是 SALES_PLAN_MODE 的可选值;可选:PROPORTIONAL_CAPPED, LITERAL_STEPS / "HALF" is not a reading of SALES_PLAN_MODE; allowed: PROPORTIONAL_CAPPED, LITERAL_STEPS',
    );
    expect(text(readParameter(-1, "EXPENSE_PENALTY_PER_PP"))).toBe(
      'EXPENSE_PENALTY_PER_PP 须为≥ 0 的数字(现为「-1」) / EXPENSE_PENALTY_PER_PP must be a number ≥ 0 (got "-1")',
    );
    expect(text(readParameter(1.5, "C_CUMULATIVE_WINDOW_MONTHS"))).toBe(
      'C_CUMULATIVE_WINDOW_MONTHS 须为≥ 0 的整数(现为「1.5」) / C_CUMULATIVE_WINDOW_MONTHS must be a whole number ≥ 0 (got "1.5")',
    );
    expect(text(readParameter("Mars/Base", "TIME_ZONE"))).toBe(
      'TIME_ZONE 须为时区名称,如 Asia/Shanghai(现为「Mars/Base」) / TIME_ZONE must be a time-zone name such as Asia/Shanghai (got "Mars/Base")',
    );
  });

  it("publishes one table row per parameter, with its default, allowed values, rule IDs and both languages", () => {
    const rows = scoringParameterRows();
    expect(rows.map((r) => r.key)).toEqual(Object.keys(SCORING_PARAMETERS));
    for (const row of rows) {
      expect(row.rules.length).toBeGreaterThan(0);
      expect(row.description.zh.length).toBeGreaterThan(0);
      expect(row.description.en.length).toBeGreaterThan(0);
      // The default as the Settings sheet writes it reads back as the default (a list or range setting parses its text).
      expect(text(readParameter(row.default ?? "", row.key))).toEqual(parameterDefault(row.key));
    }
    expect(rows.find((r) => r.key === "OBJ_WEIGHT_MODE")).toMatchObject({ default: "NORMALIZE", allowed: "NORMALIZE | CAP_100 | LITERAL | CUSTOM", rules: ["SC-32"], ambiguity: "AMB-19" });
  });

  it("shows the reading in force for a scorecard", () => {
    expect(SCORING_SETTING("OBJ_WEIGHT_MODE", "")).toBe("NORMALIZE");
    expect(SCORING_SETTING("obj_weight_mode", "cap_100")).toBe("CAP_100");
    expect(SCORING_SETTING("CUST_COLLECTION_BONUS_CAP", "")).toBe("NONE");
    expect(SCORING_SETTING("SALES_MODE", "")).toBe('没有名为「SALES_MODE」的评分设置 / there is no scoring setting named "SALES_MODE"');
  });
});
