// The workbook model as a user of the local host sees it: typed values and dates in the
// spreadsheet's time zone, formulas computed by HyperFormula, custom functions that spill, and
// user edits that respect protections and validation.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { CustomFunctionMap } from "../../src/local/spreadsheet/engine";
import { EditRejectedError, PROTECTED_MESSAGE, Workbook } from "../../src/local/spreadsheet/workbook";

const originalTZ = process.env.TZ;
afterEach(() => {
  if (originalTZ === undefined) delete process.env.TZ;
  else process.env.TZ = originalTZ;
});

function rect(row: number, column: number, numRows = 1, numColumns = 1) {
  return { row, column, numRows, numColumns };
}

describe("typed values and dates", () => {
  it("a Date written in Asia/Shanghai reads back as the same instant and shows Shanghai's wall clock, whatever the machine's zone", () => {
    for (const zone of ["UTC", "America/Los_Angeles", "Asia/Shanghai"]) {
      process.env.TZ = zone;
      const book = new Workbook({ timeZone: "Asia/Shanghai", sheets: ["Plans"] });
      const plans = book.requireSheet("Plans");
      const instant = Date.parse("2026-01-31T16:30:00Z"); // 2026-02-01 00:30 in Shanghai
      book.writeValues(plans, rect(1, 1, 1, 2), [[new Date(instant), "2026-03-01"]]);
      const [[written, typed]] = book.read("Plans", "A1:B1") as [[Date, Date]];
      expect(written.getTime()).toBe(instant);
      expect(typed.getTime()).toBe(Date.parse("2026-02-28T16:00:00Z")); // midnight in Shanghai
      expect(book.display("Plans", "A1:B1")).toEqual([["2026-02-01 0:30:00", "2026-03-01"]]);
      expect(plans.cell(1, 1)?.value).toBeCloseTo(46054.020833333, 8); // serial of the Shanghai wall clock
    }
  });

  it("strings are typed the way Sheets types them, unless the cell is plain text or the text starts with an apostrophe", () => {
    const book = new Workbook({ locale: "en_US", sheets: ["S"] });
    const s = book.requireSheet("S");
    book.setFormats(s, rect(2, 1, 1, 2), [["@", "@"]]);
    book.writeValues(s, rect(1, 1, 1, 6), [["123", "TRUE", "12.5%", "1,234.50", "'00123", "=1+2"]]);
    book.writeValues(s, rect(2, 1, 1, 2), [["00123", "=1+2"]]);
    expect(book.read("S", "A1:F1")).toEqual([[123, true, 0.125, 1234.5, "00123", 3]]);
    expect(book.display("S", "C1:D1")).toEqual([["12.5%", "1,234.50"]]);
    expect(book.readFormulas(s, rect(1, 5, 1, 2))).toEqual([["", "=1+2"]]);
    expect(book.read("S", "A2:B2")).toEqual([["00123", "=1+2"]]);
    expect(book.readFormulas(s, rect(2, 1, 1, 2))).toEqual([["", ""]]);
  });

  it("blank cells read as empty strings and numbers keep full precision", () => {
    const book = new Workbook({ sheets: ["S"] });
    const s = book.requireSheet("S");
    book.writeValues(s, rect(1, 1, 1, 3), [[0.1 + 0.2, "", null]]);
    expect(book.read("S", "A1:D1")).toEqual([[0.30000000000000004, "", "", ""]]);
  });
});

describe("formulas", () => {
  it("evaluates built-in functions over open-ended ranges, other sheets and named ranges", () => {
    const book = new Workbook({ sheets: ["Actuals", "Summary"] });
    const actuals = book.requireSheet("Actuals");
    book.writeValues(actuals, rect(1, 1, 4, 2), [["Region", "Amount"], ["East", 10], ["West", 20], ["East", 5]]);
    book.setNamedRange("Amounts", { sheetName: "Actuals", rect: rect(2, 2, 3, 1) });
    const summary = book.requireSheet("Summary");
    book.writeValues(summary, rect(1, 1, 1, 4), [["=SUM(Actuals!B2:B)", '=SUMIF(Actuals!A:A,"East",Actuals!B:B)', "=sum(Amounts)", "=A1/0"]]);
    expect(book.read("Summary", "A1:D1")).toEqual([[35, 15, 35, "#DIV/0!"]]);
    expect(book.readFormulas(summary, rect(1, 3))).toEqual([["=SUM(Amounts)"]]);
    book.writeValues(actuals, rect(5, 1, 1, 2), [["West", 100]]);
    expect(book.read("Summary", "A1:B1")).toEqual([[135, 15]]);
  });

  it("TODAY() follows the host clock in the spreadsheet's time zone", () => {
    let now = Date.parse("2026-01-31T17:00:00Z"); // already Feb 1 in Shanghai
    const book = new Workbook({ timeZone: "Asia/Shanghai", sheets: ["S"], clock: () => now });
    book.writeValues(book.requireSheet("S"), rect(1, 1), [["=TODAY()"]]);
    expect(book.display("S", "A1")).toEqual([["2026-02-01"]]);
    expect((book.read("S", "A1")[0]?.[0] as Date).toISOString()).toBe("2026-01-31T16:00:00.000Z");
    now += 86_400_000;
    book.writeValues(book.requireSheet("S"), rect(2, 1), [["x"]]);
    expect(book.display("S", "A1")).toEqual([["2026-02-02"]]);
  });

  it("open ranges follow the sheet when appendRow grows it, and a formula naming a sheet created later resolves", () => {
    const book = new Workbook({ sheets: ["S"] });
    const s = book.requireSheet("S");
    s.maxRows = 2;
    book.writeValues(s, rect(1, 1, 2, 2), [[1, "=SUM(A1:A)"], [2, "=SUM(Later!A:A)"]]);
    expect(book.read("S", "B1:B2")).toEqual([[3], ["#REF!"]]);
    book.appendRow(s, [4]);
    expect(s.maxRows).toBe(3);
    expect(book.read("S", "B1")).toEqual([[7]]);
    const later = book.insertSheet("Later");
    book.writeValues(later, rect(1, 1), [[50]]);
    expect(book.read("S", "B2")).toEqual([[50]]);
  });

  it("inserting rows moves references below and grows ranges across the insertion", () => {
    const book = new Workbook({ sheets: ["S", "T"] });
    const s = book.requireSheet("S");
    book.writeValues(s, rect(1, 1, 4, 1), [[1], [2], [3], ["=SUM(A1:A3)"]]);
    book.writeValues(book.requireSheet("T"), rect(1, 1), [["=S!A4*10"]]);
    book.insertRows(s, 2, 2);
    expect(book.readFormulas(s, rect(6, 1))).toEqual([["=SUM(A1:A5)"]]);
    expect(book.readFormulas(book.requireSheet("T"), rect(1, 1))).toEqual([["=S!A6*10"]]);
    book.writeValues(s, rect(3, 1), [[10]]);
    expect(book.read("S", "A6")).toEqual([[16]]);
    expect(book.read("T", "A1")).toEqual([[160]]);
  });
});

describe("custom functions from the bundle", () => {
  function bookWith(functions: CustomFunctionMap, rows = 10): Workbook {
    const book = new Workbook({ timeZone: "Asia/Shanghai", sheets: ["Data"], customFunctions: functions });
    book.requireSheet("Data").maxRows = rows;
    return book;
  }

  it("=DOUBLE(B2:B) receives the column as a 2D array (blanks as \"\") and spills its result", () => {
    const seen: unknown[] = [];
    const book = bookWith({
      DOUBLE: (input: unknown) => {
        seen.push(input);
        return (input as unknown[][]).map(([v]) => [typeof v === "number" ? v * 2 : ""]);
      },
    });
    const data = book.requireSheet("Data");
    book.writeValues(data, rect(1, 1, 4, 3), [["Name", "Qty", "=double(B2:B)"], ["a", 1, ""], ["b", 2, ""], ["c", 3, ""]]);
    expect(book.read("Data", "C1:C5")).toEqual([[2], [4], [6], [""], [""]]);
    expect(seen).toEqual([[[1], [2], [3], [""], [""], [""], [""], [""], [""]]]);
    expect(book.readFormulas(data, rect(1, 3))).toEqual([["=DOUBLE(B2:B)"]]);
    expect(book.readFormulas(data, rect(2, 3))).toEqual([[""]]);
    book.writeValues(data, rect(5, 2), [[10]]);
    expect(book.read("Data", "C4")).toEqual([[20]]);
  });

  it("hands a single cell as its value and a date cell as a Date; a returned Date becomes a date cell", () => {
    const args: unknown[] = [];
    const book = bookWith({
      helper_: (d: unknown) => d,
      NEXTDAY: (d: unknown, label: unknown) => {
        args.push(d, label);
        return new Date((d as Date).getTime() + 86_400_000);
      },
    });
    const data = book.requireSheet("Data");
    book.writeValues(data, rect(1, 1, 1, 4), [[new Date("2026-03-01T00:00:00+08:00"), "due", "=NEXTDAY(A1,B1)", "=helper_(A1)"]]);
    expect((book.read("Data", "C1")[0]?.[0] as Date).toISOString()).toBe("2026-03-01T16:00:00.000Z");
    expect(book.display("Data", "C1")).toEqual([["2026-03-02"]]);
    expect(args[0]).toBeInstanceOf(Date);
    expect(args[1]).toBe("due");
    expect(book.read("Data", "D1")).toEqual([["#NAME?"]]); // names ending in _ are private
  });

  it("a blocked spill shows #REF! with Sheets' message and spills again once the cell is cleared", () => {
    const book = bookWith({ ROWS3: () => [["a"], ["b"], ["c"]] });
    const data = book.requireSheet("Data");
    book.writeValues(data, rect(2, 1), [["in the way"]]);
    book.writeValues(data, rect(1, 1), [["=ROWS3()"]]);
    expect(book.read("Data", "A1:A3")).toEqual([["#REF!"], ["in the way"], [""]]);
    expect(book.errorMessage(data, 1, 1)).toBe("Array result was not expanded because it would overwrite data in A2.");
    book.clearContents(data, rect(2, 1));
    expect(book.read("Data", "A1:A3")).toEqual([["a"], ["b"], ["c"]]);
    book.writeValues(data, rect(3, 1), [["again"]]);
    expect(book.read("Data", "A1")).toEqual([["#REF!"]]);
    book.writeValues(data, rect(3, 1), [[""]]);
    expect(book.read("Data", "A1:A3")).toEqual([["a"], ["b"], ["c"]]);
  });

  it("a single value over tall ranges fills one cell, even with data right below (Sheets runs a function before it spills)", () => {
    const book = bookWith({ COUNTALL: (col: unknown) => (col as unknown[][]).filter(([v]) => v !== "").length, ROWS3: () => [["a"], ["b"], ["c"]] });
    const data = book.requireSheet("Data");
    book.writeValues(data, rect(1, 1, 3, 1), [["x"], ["y"], ["z"]]);
    book.writeValues(data, rect(1, 3, 2, 2), [["=COUNTALL(A1:A)", "=ROWS3()"], ["below", ""]]);
    book.writeValues(data, rect(3, 4), [["in the way"]]);
    expect(book.read("Data", "C1:C2")).toEqual([[3], ["below"]]);
    // A result that really is taller is still blocked, with Sheets' message.
    expect(book.read("Data", "D1")).toEqual([["#REF!"]]);
    expect(book.errorMessage(data, 1, 4)).toBe("Array result was not expanded because it would overwrite data in D3.");
  });

  it("a result whose shape changes with the data re-spills to the new shape", () => {
    const book = bookWith({ NONBLANK: (col: unknown) => (col as unknown[][]).filter(([v]) => v !== "").map(([v]) => [v, `#${String(v)}`]) });
    const data = book.requireSheet("Data");
    book.writeValues(data, rect(1, 1, 2, 1), [["x"], ["y"]]);
    book.writeValues(data, rect(1, 3), [["=NONBLANK(A1:A)"]]);
    expect(book.read("Data", "C1:D3")).toEqual([["x", "#x"], ["y", "#y"], ["", ""]]);
    book.writeValues(data, rect(3, 1), [["z"]]);
    expect(book.read("Data", "C1:D3")).toEqual([["x", "#x"], ["y", "#y"], ["z", "#z"]]);
  });

  it("a function that throws shows #ERROR! with its message", () => {
    const book = bookWith({
      BOOM: () => {
        throw new Error("Plan not found");
      },
    });
    const data = book.requireSheet("Data");
    book.writeValues(data, rect(1, 1), [["=BOOM()"]]);
    expect(book.read("Data", "A1")).toEqual([["#ERROR!"]]);
    expect(book.errorMessage(data, 1, 1)).toBe("Plan not found");
  });

  it("one array formula per column over 10,000 rows calls each function once", () => {
    const calls = { SCORE: 0, LABEL: 0 };
    const book = bookWith(
      {
        SCORE: (col: unknown) => {
          calls.SCORE++;
          return (col as unknown[][]).map(([v]) => [typeof v === "number" ? v / 100 : ""]);
        },
        LABEL: (col: unknown) => {
          calls.LABEL++;
          return (col as unknown[][]).map(([v]) => [v === "" ? "" : `R-${String(v)}`]);
        },
      },
      10_001,
    );
    const data = book.requireSheet("Data");
    const rows = Array.from({ length: 10_000 }, (_, i) => [i, `r${i}`]);
    book.writeValues(data, rect(2, 1, 10_000, 2), rows);
    book.writeFormulas(data, rect(1, 3, 1, 2), [["=SCORE(A2:A)", "=LABEL(B2:B)"]]);
    const out = book.read("Data", "C1:D10000");
    expect(out[9_999]).toEqual([99.99, "R-r9999"]);
    expect(calls).toEqual({ SCORE: 1, LABEL: 1 });
  });
});

describe("inserting rows and columns under a live formula engine", () => {
  const functions: CustomFunctionMap = {
    DOUBLE: (x: unknown) => (Array.isArray(x) ? (x as unknown[][]).map((row) => row.map((v) => (typeof v === "number" ? v * 2 : null))) : typeof x === "number" ? x * 2 : ""),
  };

  /** The same workbook twice: one keeps its engine through insertions, the other is rebuilt from the cells after each. */
  function twin(): Workbook {
    const book = new Workbook({ sheets: ["Data", "Report"], customFunctions: functions });
    const data = book.requireSheet("Data");
    data.maxRows = 40;
    book.writeValues(data, rect(1, 1, 6, 3), [
      ["Qty", "Doubled", "Region"],
      [1, "=DOUBLE(A2:A)", "East"],
      [2, "", "West"],
      [3, "", "East"],
      [4, "", "West"],
      ["=SUM(A2:A5)", "", "=COUNTIF(C2:C,\"East\")"],
    ]);
    book.setNamedRange("Quantities", { sheetName: "Data", rect: rect(2, 1, 4, 1) });
    book.writeValues(book.requireSheet("Report"), rect(1, 1, 1, 4), [["=SUM(Data!B2:B)", "=SUM(Quantities)", "=Data!A6*10", "=SUMIF(Data!C:C,\"West\",Data!A:A)"]]);
    return book;
  }

  function everything(book: Workbook): unknown {
    return book.sheets.map((sheet) => [book.readFormulas(sheet, rect(1, 1, sheet.maxRows, sheet.maxColumns)), book.readValues(sheet, rect(1, 1, sheet.maxRows, sheet.maxColumns))]);
  }

  it("gives the same formulas and values as a workbook rebuilt from its cells, wherever the rows and columns go", () => {
    const steps: [axis: "row" | "column", after: number, count: number][] = [["row", 3, 2], ["row", 1, 1], ["row", 30, 3], ["column", 1, 1], ["row", 0, 1], ["column", 5, 2]];
    const live = twin();
    const rebuilt = twin();
    expect(everything(live)).toEqual(everything(rebuilt));
    for (const [axis, after, count] of steps) {
      for (const book of [live, rebuilt]) {
        const data = book.requireSheet("Data");
        if (axis === "row") book.insertRows(data, after, count);
        else book.insertColumns(data, after, count);
      }
      rebuilt.invalidateEngine();
      expect(everything(live), `${axis} ${after} ${count}`).toEqual(everything(rebuilt));
      for (const book of [live, rebuilt]) book.writeValues(book.requireSheet("Data"), rect(3, 1), [[100 + after]]);
      expect(everything(live), `write after ${axis} ${after} ${count}`).toEqual(everything(rebuilt));
    }
    expect(live.read("Report", "A1:B1")[0]?.[0]).toBeGreaterThan(0);
  });

  it("a sheet inserted later resolves the formulas that already named it, as in a rebuilt workbook", () => {
    const live = twin();
    live.writeValues(live.requireSheet("Report"), rect(2, 1, 1, 2), [["=SUM('Later on'!A:A)", "=DOUBLE('later on'!B1)"]]);
    expect(live.read("Report", "A2:B2")).toEqual([["#REF!", "#REF!"]]);
    const later = live.insertSheet("Later on", 0);
    live.writeValues(later, rect(1, 1, 2, 2), [[5, 7], [6, ""]]);
    expect(live.read("Report", "A2:B2")).toEqual([[11, 14]]);
    const seen = everything(live);
    live.invalidateEngine();
    expect(seen).toEqual(everything(live));
  });

  it("stays equal to a rebuilt workbook over any sequence of insertions and writes", () => {
    const step = fc.record({ axis: fc.constantFrom<"row" | "column">("row", "column"), after: fc.integer({ min: 0, max: 45 }), count: fc.integer({ min: 1, max: 3 }), row: fc.integer({ min: 1, max: 12 }), value: fc.integer({ min: -5, max: 50 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 3 }), (steps) => {
        const live = twin();
        everything(live);
        for (const { axis, after, count, row, value } of steps) {
          const data = live.requireSheet("Data");
          if (axis === "row") live.insertRows(data, after, count);
          else live.insertColumns(data, Math.min(after, 6), count);
          live.writeValues(data, rect(row, 1), [[value]]);
          const seen = everything(live);
          live.invalidateEngine();
          expect(seen).toEqual(everything(live));
        }
      }),
      { numRuns: 10 },
    );
  });
});

describe("user edits", () => {
  function protectedBook(): Workbook {
    const book = new Workbook({ owner: "owner@example.com", editors: ["rep@example.com", "lead@example.com"], sheets: ["Requests"] });
    const s = book.requireSheet("Requests");
    book.writeValues(s, rect(1, 1, 2, 2), [["Status", "Amount"], ["Pending", 100]]);
    book.addProtection({ type: "RANGE", sheetName: "Requests", rect: rect(1, 1, 2, 1), description: "Decisions", editors: ["lead@example.com"], warningOnly: false, domainEdit: false, unprotected: [] });
    return book;
  }

  it("a person who is not an editor of a protected range cannot change it", () => {
    const book = protectedBook();
    expect(() => book.userEdit("Requests", "A2", "Approved", "rep@example.com")).toThrow(EditRejectedError);
    expect(() => book.userEdit("Requests", "A2", "Approved", "rep@example.com")).toThrow(PROTECTED_MESSAGE);
    expect(book.read("Requests", "A2")).toEqual([["Pending"]]);
  });

  it("an editor of the range can, and the edit reports the old and new value for onEdit", () => {
    const book = protectedBook();
    const edit = book.userEdit("Requests", "A2", "Approved", "lead@example.com");
    expect(edit).toMatchObject({ sheetName: "Requests", oldValue: "Pending", value: "Approved", warned: false, user: "lead@example.com" });
    expect(book.userEdit("Requests", "B2", "250", "rep@example.com")).toMatchObject({ oldValue: 100, value: 250 });
  });

  it("a warning-only protection lets anyone edit and says it warned", () => {
    const book = protectedBook();
    const p = book.protections[0];
    if (p) p.warningOnly = true;
    expect(book.userEdit("Requests", "A2", "Approved", "rep@example.com").warned).toBe(true);
  });

  it("a dropdown that rejects invalid input refuses a value not in the list, with its help text", () => {
    const book = protectedBook();
    const s = book.requireSheet("Requests");
    book.updateCells(s, rect(2, 2), (cell) => {
      cell.validation = { criteria: "NUMBER_BETWEEN", values: [0, 1000], allowInvalid: false, helpText: "Amount must be 0–1000" };
    });
    expect(() => book.userEdit("Requests", "B2", 5000, "lead@example.com")).toThrow("Amount must be 0–1000");
    expect(book.read("Requests", "B2")).toEqual([[100]]);
    expect(book.userEdit("Requests", "B2", 999, "lead@example.com").value).toBe(999);
  });
});
