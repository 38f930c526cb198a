import { describe, expect, it } from "vitest";
import { SALES_HEAD_SCORE } from "../../../src/gas/customFunctions";

describe("SC-01/SC-06/SC-07 sales head scorecard total (seed 004 L136-164)", () => {
  it("adds the five items: the SC-07 worked total is 102 of a possible 120", () => {
    expect(SALES_HEAD_SCORE(48, 18, 20, 12, 4)).toBe(102);
    expect(SALES_HEAD_SCORE(60, 20, 20, 15, 5)).toBe(120);
  });

  it("keeps SC-06 information (0-15) and SC-07 attitude (0-5) within their ranges", () => {
    expect(SALES_HEAD_SCORE(48, 18, 20, 16, 4)).toBe("信息系统管理得分须在0到15之间 / information system points must be between 0 and 15");
    expect(SALES_HEAD_SCORE(48, 18, 20, 12, 6)).toBe("工作态度得分须在0到5之间 / work attitude points must be between 0 and 5");
    expect(SALES_HEAD_SCORE(48, 17, 20, 12, 4)).toBe("达标率得分须为 0、10、15、18 或 20 / team attainment points must be 0, 10, 15, 18 or 20");
  });
});
