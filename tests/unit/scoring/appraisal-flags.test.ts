import { describe, expect, it } from "vitest";
import { APPRAISAL_FLAGS } from "../../../src/gas/customFunctions";

const NOT_A_ABSENCE = "SC-43 不得评为优秀(A):有旷工记录 / SC-43 may not be rated A: absenteeism";
const PROBATION = "SC-55 试用期:月度考核结果决定是否正式录用,由直属部门领导与行政部共同决定;不合格可延长试用最多30天 / SC-55 on probation: the monthly results decide formal hiring, decided by the direct department leader with Administration; after a fail probation may be extended by at most 30 days";

describe("SC-43 who may not be rated A, monthly and annual (seed 004 L356, AMB-32)", () => {
  it("names each reason: leave over the allowance, absenteeism, a sanction not offset", () => {
    expect(APPRAISAL_FLAGS("卫小红", "", true, "", "", "", "", "", "2026-10")).toBe(NOT_A_ABSENCE);
    expect(APPRAISAL_FLAGS("卫小红", true, true, true, "", "", "", "", 2026)).toBe(
      "SC-43 不得评为优秀(A):请假超过允许天数、有旷工记录、警告以上处分未抵消 / SC-43 may not be rated A: leave over the allowance, absenteeism, a warning or heavier sanction not offset",
    );
  });
});

describe("SC-55 / WF-27 probation (seed 004 L324-334) and SC-44 the annual appraisal (seed 004 L360-366)", () => {
  it("flags a probationer for the hiring decision and as not in the year's annual appraisal", () => {
    expect(APPRAISAL_FLAGS("曹雪", "", "", "", true, "", "", "", "2026-10")).toBe(
      `${PROBATION}; SC-44 不参加2026年度考核:试用人员 / SC-44 not in the 2026 annual appraisal: probationer`,
    );
  });

  it("SC-55 / AMB-35: says until when: the extension, else the end date, else the hire date plus PROBATION_DEFAULT_MONTHS (3), clamped to a short month", () => {
    const until = (end: unknown, extended: unknown, hire: unknown, months: unknown = ""): string => String(APPRAISAL_FLAGS("曹雪", "", "", "", true, "", "", "", "2026-10", "", end, extended, hire, months)).split("; SC-44")[0] ?? "";
    expect(until("2026-11-15", "2026-12-10", "2026-08-15")).toContain("试用期至2026-12-10:");
    expect(until("2026-11-15", 0, "2026-08-15")).toContain(" / SC-55 on probation until 2026-11-15: ");
    expect(until(0, 0, "2026-08-15")).toContain("on probation until 2026-11-15:");
    expect(until("", "", "2026-08-31", 6)).toContain("on probation until 2027-02-28:");
    expect(until(0, 0, 0)).toBe(PROBATION);
    expect(until("", "", "2026-08-15", 7)).toBe('PROBATION_DEFAULT_MONTHS 须为1 到 6 之间的整数(现为「7」) / PROBATION_DEFAULT_MONTHS must be a whole number between 1 and 6 (got "7")');
  });

  it("SC-55 / AMB-35: names the PROBATION_CO_DECIDER_ROLE's department beside the direct leader, by role or by its label", () => {
    const decider = (role: string): string => String(APPRAISAL_FLAGS("曹雪", "", "", "", true, "", "", "", "2026-10", "", "", "", "", "", role)).split("; SC-44")[0] ?? "";
    expect(decider("hr")).toBe(PROBATION.replace("与行政部", "与人事部").replace("with Administration", "with HR"));
    expect(decider("人事部")).toBe(decider("hr"));
    expect(decider(" HR ")).toBe(decider("hr"));
    expect(decider("boss")).toBe('设置表「PROBATION_CO_DECIDER_ROLE」行须为人员表的角色,如 admin(行政部)或 hr(人事部)(现为「boss」) / Settings row PROBATION_CO_DECIDER_ROLE must be a People role such as admin (Administration) or hr (HR) (got "boss")');
  });

  it("counts 3 months back after reinstatement by 31 December (AMB-33), unpaid leave and a demerit", () => {
    expect(APPRAISAL_FLAGS("华丽", "", "", "", "", "", "2026-10-01", "", "2026-10")).toBe("");
    expect(APPRAISAL_FLAGS("华丽", "", "", "", "", "", "2026-10-02", "", "2026-10")).toBe(
      "SC-44 不参加2026年度考核:复职未满3个月 / SC-44 not in the 2026 annual appraisal: reinstated less than 3 months",
    );
    expect(APPRAISAL_FLAGS("华丽", "", "", "", "", "是", "", true, 2026)).toBe(
      "SC-44 不参加2026年度考核:停薪留职、当年记过以上处分 / SC-44 not in the 2026 annual appraisal: on unpaid leave, a demerit or heavier sanction this year",
    );
  });
});

describe("APPRAISAL_FLAGS over a scorecard column", () => {
  it("gives one line per person, blank without flags or without an employee, and stops after the last flag", () => {
    const people = [["卫小红"], ["蒋一帆"], ["曹雪"], [""], [""]];
    const no = [[false], [false], [false], [false], [false]];
    const absence = [[true], [false], [false], [false], [false]];
    const probation = [[false], [false], [true], [false], [false]];
    const blank = [[""], [""], [""], [""], [""]];
    const month = [["2026-10"], ["2026-10"], ["2026-10"], [""], [""]];
    const out = APPRAISAL_FLAGS(people, no, absence, no, probation, no, blank, no, month) as string[][];
    expect(out.length).toBe(3);
    expect(out[0]).toEqual([NOT_A_ABSENCE]);
    expect(out[1]).toEqual([""]);
    expect(out[2]?.[0]).toContain("SC-55");
  });

  it("says what to fix for a year it cannot read", () => {
    expect(APPRAISAL_FLAGS("卫小红", "", "", "", "", "", "", "", "十月")).toBe(
      '考核年度须为年份或月份,如 2026 或 2026-10(现为「十月」) / the appraisal year must be a year or a month such as 2026 or 2026-10 (got "十月")',
    );
  });
});
