import { describe, expect, it } from "vitest";
import {
  ASSIGNED_WORK_DEDUCTION,
  COLLECTION_RATE,
  COLLECTION_SCORE,
  CONTRACT_DEDUCTION,
  CUSTOMER_HEAD_SCORE,
  DISCIPLINE_DEDUCTION,
  LATE_COLLECTION_DEDUCTION,
  NEW_CUSTOMER_DEDUCTION,
  RECORDS_DEDUCTION,
  RESEARCH_DEDUCTION,
} from "../../../src/gas/customFunctions";

describe("SC-08 customer department head score: base 100 + bonus/penalty − deductions, floor 0 (AMB-09)", () => {
  it("reproduces the SC-22 worked total of 67 from the parts each function gives", () => {
    const parts = [
      COLLECTION_SCORE(COLLECTION_RATE(470_000, 20_000, 500_000)),
      NEW_CUSTOMER_DEDUCTION(3, 1),
      CONTRACT_DEDUCTION("CREDIT", 25_000, "", ""),
      LATE_COLLECTION_DEDUCTION("2026-03-01", "2026-04-05", ""),
      RESEARCH_DEDUCTION(2),
      RECORDS_DEDUCTION(1),
      ASSIGNED_WORK_DEDUCTION(1),
      DISCIPLINE_DEDUCTION(3),
    ];
    expect(parts).toEqual([-10, -4, -5, -5, -2, -2, -2, -3]);
    expect(CUSTOMER_HEAD_SCORE([parts])).toEqual([[67]]);
  });

  it("never goes below the floor, and takes base, floor and cap from Settings", () => {
    expect(CUSTOMER_HEAD_SCORE([[-60, -70], [15, ""], ["", ""]])).toEqual([[0], [115]]);
    expect(CUSTOMER_HEAD_SCORE([[15, ""]], 100, 0, 110)).toEqual([[110]]);
    expect(CUSTOMER_HEAD_SCORE([[-60, -70]], "", "NONE")).toEqual([[-30]]);
  });
});
