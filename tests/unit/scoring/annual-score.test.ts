import { describe, expect, it } from "vitest";
import { ANNUAL_SCORE } from "../../../src/gas/customFunctions";

describe("SC-45 annual score: history 50 %, peers 25 %, direct superior 25 % (seed 004 L368-370, AMB-27, AMB-73)", () => {
  it("follows the spec's example: average monthly 86, peers 80, superior 90 → 85.5", () => {
    expect(ANNUAL_SCORE([[80, 92, 86]], [[80]], [[90]])).toEqual([[85.5]]);
  });

  it("averages several peer ratings and skips months not appraised", () => {
    expect(ANNUAL_SCORE([[86, "", ""], ["", "", ""]], [[70, 90], ["", ""]], [[90], [""]])).toEqual([[85.5]]);
  });

  it("takes other weights from Settings, which must add up to 1", () => {
    expect(ANNUAL_SCORE(86, 80, 90, 0.6, 0.2, 0.2)).toBe(85.6);
    expect(ANNUAL_SCORE(86, 80, 90, 0.6, 0.25, 0.25)).toBe("年度考核三项权重之和须为1(现为1.1) / the three annual weights must add up to 1 (got 1.1)");
    expect(ANNUAL_SCORE(86, 80, "")).toBe("请填写直属上级测评分 / enter the superior's rating");
  });
});
