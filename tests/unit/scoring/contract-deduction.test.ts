import { describe, expect, it } from "vitest";
import { CONTRACT_DEDUCTION } from "../../../src/gas/customFunctions";

describe("SC-14 careless credit check: −2 per 10,000 yuan lost (seed 004 L184, AMB-13)", () => {
  it("follows the spec's example: 25,000 lost → −5 (PRORATA), −4 (FLOOR), −6 (CEIL)", () => {
    expect(CONTRACT_DEDUCTION("CREDIT", 25_000, "", "")).toBe(-5);
    expect(CONTRACT_DEDUCTION("CREDIT", 25_000, "", "", "", "FLOOR")).toBe(-4);
    expect(CONTRACT_DEDUCTION("CREDIT", 25_000, "", "", "", "CEIL")).toBe(-6);
  });

  it("has no per-customer deduction", () => {
    expect(CONTRACT_DEDUCTION("SC-14", 10_000, 1, "")).toBe("SC-14 不按流失客户数扣分,请留空 / SC-14 has no deduction per customer lost; leave it blank");
  });
});

describe("SC-15 poor communication: −5 per 10,000 yuan lost, −5 per customer lost (seed 004 L186)", () => {
  it("adds both", () => {
    expect(CONTRACT_DEDUCTION("COMMUNICATION", 20_000, 1, "")).toBe(-15);
    expect(CONTRACT_DEDUCTION("沟通", "", 2, "")).toBe(-10);
  });
});

describe("SC-16 careless clauses: −5 per 10,000 yuan lost, −10 per customer lost (seed 004 L188)", () => {
  it("adds both", () => {
    expect(CONTRACT_DEDUCTION("CLAUSE", 10_000, 1, "")).toBe(-15);
  });
});

describe("SC-17 follow-up failure: −2 per order without loss, −5 to −20 with a loss (seed 004 L190, AMB-15)", () => {
  it("deducts 2 per late or short order", () => {
    expect(CONTRACT_DEDUCTION("FOLLOW_UP", "", "", 2)).toBe(-4);
  });

  it("SC-17: with a loss the appraiser's 5-20 points replace the −2 per order, they are not added to it", () => {
    expect(CONTRACT_DEDUCTION("FOLLOW_UP", 30_000, "", 1, 12)).toBe(-12);
    expect(CONTRACT_DEDUCTION("FOLLOW_UP", 30_000, "", 3, 5)).toBe(-5);
    expect(CONTRACT_DEDUCTION("FOLLOW_UP", "", "", 3, "")).toBe(-6);
  });

  it("takes the appraiser's 5-20 points for a loss, and asks for them when missing", () => {
    expect(CONTRACT_DEDUCTION("FOLLOW_UP", 30_000, "", "", 12)).toBe(-12);
    expect(CONTRACT_DEDUCTION("FOLLOW_UP", 30_000, "", "")).toBe("SC-17 造成损失时请填写5–20之间的损失扣分 / SC-17 with a loss: enter the loss points (5–20)");
    expect(CONTRACT_DEDUCTION("FOLLOW_UP", 30_000, "", "", 25)).toBe("损失扣分须在5到20之间 / loss points must be between 5 and 20");
  });

  it("scores one incident per row and names the allowed kinds", () => {
    expect(CONTRACT_DEDUCTION([["CREDIT"], [""], ["OTHER"]], [[25_000], [""], [1]], [[""], [""], [""]], [[""], [""], [""]])).toEqual([
      [-5],
      [""],
      ['合同问题类型须为 CREDIT(SC-14)、COMMUNICATION(SC-15)、CLAUSE(SC-16)或 FOLLOW_UP(SC-17)(现为「OTHER」) / incident kind must be CREDIT (SC-14), COMMUNICATION (SC-15), CLAUSE (SC-16) or FOLLOW_UP (SC-17) (got "OTHER")'],
    ]);
  });
});

describe("SC-14..SC-17 read from the Contract incidents sheet as it is filled in", () => {
  it("takes the sheet's type values and its customer-lost checkbox, one incident per row", () => {
    const kinds = [["credit_check"], ["communication"], ["clause_error"], ["followup_failure"]];
    const losses = [[25_000], [""], [10_000], [""]];
    const lost = [[false], [true], [false], [false]];
    const orders = [[""], [""], [""], [1]];
    expect(CONTRACT_DEDUCTION(kinds, losses, lost, orders)).toEqual([[-5], [-5], [-5], [-2]]);
  });
});
