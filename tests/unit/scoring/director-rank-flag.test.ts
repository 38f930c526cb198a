import { describe, expect, it } from "vitest";
import { DIRECTOR_RANK_FLAG } from "../../../src/gas/customFunctions";

describe("SC-52 directors: last place, or second-to-last two years running (seed 004 L386)", () => {
  it("flags last place this year", () => {
    expect(DIRECTOR_RANK_FLAG([[80], [70], [90]], [[""], [""], [""]])).toEqual([[false], [true], [false]]);
  });

  it("flags second-to-last this year and last year", () => {
    expect(DIRECTOR_RANK_FLAG([[80], [70], [90], [75]], [[85], [90], [70], [80]])).toEqual([[false], [true], [false], [true]]);
  });

  it("shows a row's own message without moving anyone else's flag", () => {
    expect(DIRECTOR_RANK_FLAG([[80], ["x"], [90]], [[""], [""], [""]])).toEqual([
      [true],
      ['年度考核得分须为数字(现为「x」) / annual score must be a number (got "x")'],
      [false],
    ]);
  });
});
