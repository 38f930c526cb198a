/**
 * The local host's Utilities.parseCsv model (services/utilities.ts), as Google's page and RFC 4180
 * describe CSV: https://developers.google.com/apps-script/reference/utilities/utilities#parseCsv(String)
 */
import { describe, expect, it } from "vitest";
import { parseCsvText } from "../../src/local/services/utilities";

describe("Utilities.parseCsv (local model)", () => {
  it("splits the page's example into rows and fields", () => {
    expect(parseCsvText("a,b,c\nd,e,f", ",")).toEqual([
      ["a", "b", "c"],
      ["d", "e", "f"],
    ]);
  });

  it("keeps commas, line breaks and doubled quotes inside quoted fields; CRLF between records; no row for a final line break", () => {
    expect(parseCsvText('id,notes\r\n1,"买一送一, 满3000减300"\r\n2,"line one\nline ""two"""\r\n', ",")).toEqual([
      ["id", "notes"],
      ["1", "买一送一, 满3000减300"],
      ["2", 'line one\nline "two"'],
    ]);
  });

  it("keeps empty fields, including a trailing one, and takes another delimiter", () => {
    expect(parseCsvText("a,,\n", ",")).toEqual([["a", "", ""]]);
    expect(parseCsvText("a;b\n1;2", ";")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("fails loudly on a quote left open", () => {
    expect(() => parseCsvText('a,"b\n1,2', ",")).toThrow("Invalid argument: csv");
  });
});
