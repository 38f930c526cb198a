import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreError } from "../../../src/core/scoring/score-error";
import type { CellRule, ColumnRule, RowRule } from "../../../src/core/scoring/vectorise";
import { vectoriseCells, vectoriseColumns, vectoriseRows } from "../../../src/core/scoring/vectorise";

/** A per-cell rule for the contract tests: a / b, with the bilingual error of a zero target. */
const ratio: CellRule = ([a, b]) => {
  if (typeof a !== "number" || typeof b !== "number") return scoreError({ zh: "须为数字", en: "must be numbers" });
  if (b === 0) return scoreError({ zh: "目标须大于0", en: "target must be > 0" });
  return a / b;
};

/** A row rule: the sum of every input's non-blank cells. */
const rowSum: RowRule = (inputs) => inputs.flat().reduce((s: number, c) => s + (typeof c === "number" ? c : 0), 0);

describe("vectoriseCells: the custom-function contract for per-cell rules", () => {
  it("returns a plain value for plain values and rows for ranges", () => {
    expect(vectoriseCells([6, 3], [], ratio)).toBe(2);
    expect(vectoriseCells([[[6], [9]], [[3], [3]]], [], ratio)).toEqual([[2], [3]]);
  });

  it("broadcasts a single value against a range", () => {
    expect(vectoriseCells([[[10], [20], [30]], 10], [], ratio)).toEqual([[1], [2], [3]]);
  });

  it("gives a blank for a row whose inputs are all blank, even next to a broadcast value", () => {
    expect(vectoriseCells([[[10], [""], [null], [30]], 10], [], ratio)).toEqual([[1], [""], [""], [3]]);
    expect(vectoriseCells(["", ""], [], ratio)).toBe("");
  });

  it("stops after the last row with data, so a formula over an open column spills over the data only", () => {
    const column = (n: number, ...data: number[]): unknown[][] => [...data.map((d) => [d]), ...Array.from({ length: n - data.length }, () => [""])];
    expect(vectoriseCells([column(1000, 10, 20), 10], [], ratio)).toEqual([[1], [2]]);
    expect(vectoriseCells([column(1000), column(1000)], [], ratio)).toEqual([[""]]);
    expect(vectoriseCells([[[1, ""], ["", ""]], 1], [], ratio)).toEqual([[1, ""]]);
  });

  it("also leaves out trailing rows whose rule shows nothing (they read as blank either way)", () => {
    const flag: CellRule = ([who, late]) => (late === true ? `${String(who)} late` : "");
    expect(vectoriseCells([[["a"], ["b"], ["c"], [""]], [[true], [false], [false], [false]]], [], flag)).toEqual([["a late"]]);
    expect(vectoriseCells([[["a"], ["b"]], [[false], [true]]], [], flag)).toEqual([[""], ["b late"]]);
  });

  it("writes the bilingual message in the bad row only", () => {
    expect(vectoriseCells([[[10], [5], [8]], [[5], [0], [4]]], [], ratio)).toEqual([[2], ["目标须大于0 / target must be > 0"], [2]]);
  });

  it("gives one bilingual error when the ranges differ in size", () => {
    const out = vectoriseCells([[[1], [2], [3]], [[1], [2]]], [], ratio);
    expect(out).toBe("区域大小不一致:第2个参数为 2×1,第1个为 3×1 / ranges differ in size: argument 2 is 2×1 but argument 1 is 3×1");
  });

  it("does not count parameters when deciding a row is blank", () => {
    const seen: unknown[] = [];
    const rule: CellRule = (inputs, params) => {
      seen.push(params[0]);
      return inputs.length;
    };
    expect(vectoriseCells([[[""], [1]]], ["MODE"], rule)).toEqual([[""], [1]]);
    expect(seen).toEqual(["MODE"]);
  });

  it("removes floating-point noise and negative zero from numbers", () => {
    expect(vectoriseCells([0.21 * 90, 1], [], ratio)).toBe(18.9);
    expect(vectoriseCells([-0, 1], [], ratio)).toBe(0);
  });

  it("property: the result keeps the ranges' width and rows up to the last data row, blank rows stay blank, a bad row does not change the others", () => {
    const cell = fc.oneof(fc.constant(""), fc.integer({ min: 0, max: 1000 }));
    const grid = fc.integer({ min: 1, max: 6 }).chain((rows) =>
      fc.integer({ min: 1, max: 3 }).chain((cols) =>
        fc.tuple(fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }), fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })),
      ),
    );
    fc.assert(
      fc.property(grid, ([a, b]) => {
        const out = vectoriseCells([a, b], [], ratio) as unknown[][];
        const hasData = (r: number): boolean => (a[r] ?? []).some((x, c) => x !== "" || b[r]?.[c] !== "");
        const lastDataRow = Math.max(0, ...a.map((_, r) => (hasData(r) ? r : 0)));
        expect(out.length).toBe(lastDataRow + 1);
        out.forEach((line) => expect(line.length).toBe(a[0]?.length));
        a.slice(0, lastDataRow + 1).forEach((row, r) =>
          row.forEach((x, c) => {
            const y = b[r]?.[c];
            const got = out[r]?.[c];
            if (x === "" && y === "") expect(got).toBe("");
            else expect(got).toEqual(vectoriseCells([x, y], [], ratio));
          }),
        );
      }),
    );
  });
});

describe("vectoriseRows: the custom-function contract for row-wise rules", () => {
  it("gives one value per row of a range read across", () => {
    expect(vectoriseRows([[[1, 2, 3], [4, 5, 6]]], [], rowSum)).toEqual([[6], [15]]);
  });

  it("uses a one-row range (weights) for every row, and blank person rows stay blank", () => {
    expect(vectoriseRows([[[1, 1], ["", ""], [2, 2]], [[10, 20]]], [], rowSum)).toEqual([[32], [""], [34]]);
  });

  it("returns a row of values when the rule returns a list, padding blank rows", () => {
    const spread: RowRule = ([cells = []]) => cells.map((c) => (typeof c === "number" ? c * 2 : ""));
    expect(vectoriseRows([[["", "", ""], [1, 2, 3], ["", "", ""]]], [], spread)).toEqual([["", "", ""], [2, 4, 6]]);
  });

  it("gives one bilingual error when ranges differ in rows, or a setting is not one column", () => {
    expect(vectoriseRows([[[1], [2]], [[1], [2], [3]]], [], rowSum)).toBe(
      "区域行数不一致:第2个参数有 3 行,第1个有 2 行 / ranges differ in rows: argument 2 has 3 rows but argument 1 has 2",
    );
    expect(vectoriseRows([[[1], [2]]], [[["a", "b"]]], rowSum)).toBe("第2个参数须为单个值或一列(现为 1×2) / argument 2 must be one value or one column (got 1×2)");
  });

  it("property: one row per input row up to the last data row, blank rows blank, a bad row leaves the others alone", () => {
    const rows = fc.array(fc.array(fc.oneof(fc.constant(""), fc.integer({ min: -5, max: 5 })), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 8 });
    const failOnNegative: RowRule = ([cells = []]) =>
      cells.some((c) => typeof c === "number" && c < 0) ? scoreError({ zh: "不能为负数", en: "must not be negative" }) : rowSum([cells], []);
    fc.assert(
      fc.property(rows, (grid) => {
        const out = vectoriseRows([grid], [], failOnNegative) as unknown[][];
        const lastDataRow = Math.max(0, ...grid.map((row, r) => (row.some((c) => c !== "") ? r : 0)));
        expect(out.length).toBe(lastDataRow + 1);
        grid.slice(0, lastDataRow + 1).forEach((row, r) => {
          const got = out[r]?.[0];
          if (row.every((c) => c === "")) expect(got).toBe("");
          else expect(got).toEqual((vectoriseRows([[row]], [], failOnNegative) as unknown[][])[0]?.[0]);
        });
      }),
    );
  });
});

describe("vectoriseColumns: the custom-function contract for rules over a column of people", () => {
  /** Each person's position from the top among the non-blank rows. */
  const rank: ColumnRule = (rows) => {
    const scores = rows.map((row) => (row === null ? null : Number(row[0])));
    return scores.map((s) => (s === null ? "" : 1 + scores.filter((o) => o !== null && o > s).length));
  };

  it("gives one value per row, leaves blank rows blank and stops after the last person", () => {
    expect(vectoriseColumns([[[70], [""], [90], [80], [""], [""]]], [], rank)).toEqual([[3], [""], [1], [2]]);
  });

  it("needs one column per input, with the same number of rows", () => {
    expect(vectoriseColumns([[[1, 2]]], [], rank)).toBe("第1个参数须为一列(现为 1×2) / argument 1 must be one column (got 1×2)");
    expect(vectoriseColumns([[[1], [2]], [[1], [2], [3]]], [], rank)).toBe(
      "区域行数不一致:第2个参数有 3 行,第1个有 2 行 / ranges differ in rows: argument 2 has 3 rows but argument 1 has 2",
    );
  });
});
