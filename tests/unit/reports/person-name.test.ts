/** PERSON_NAME: a person's name beside their email, looked up in People once per call (one column in, one out). */
import { describe, expect, it } from "vitest";
import { PERSON_NAME } from "../../../src/gas/customFunctions";

const EMAILS = [["kong.linghui@example.com"], ["cao.xue@example.com"], [""]];
const NAMES = [["孔令辉"], ["曹雪"], [""]];

describe("PERSON_NAME", () => {
  it("gives each email's name from People, whatever its case; blank or unknown emails give blank", () => {
    expect(PERSON_NAME([["Cao.Xue@example.com"], [""], ["nobody@example.com"], ["kong.linghui@example.com"]], EMAILS, NAMES)).toEqual([["曹雪"], [""], [""], ["孔令辉"]]);
  });

  it("a single cell gives a single name; trailing blank rows of an open-ended column are not returned", () => {
    expect(PERSON_NAME("kong.linghui@example.com", EMAILS, NAMES)).toBe("孔令辉");
    expect(PERSON_NAME([["kong.linghui@example.com"], [""], [""]], EMAILS, NAMES)).toEqual([["孔令辉"]]);
    expect(PERSON_NAME([[""], [""]], EMAILS, NAMES)).toEqual([[""]]);
  });
});
