import { describe, expect, it } from "vitest";
import type { AnnualFormRow, AnnualPerson, MonthlySnapshot } from "../../../src/core/annual/annual-close";
import { annualRules, closeAnnual, countedSnapshots } from "../../../src/core/annual/annual-close";
import { annualWindow, annualYearDue, isAnnualWindow } from "../../../src/core/annual/annual-window";

const YEAR = 2026;
const RULES = annualRules({}).rules;

function person(id: string, extra: Partial<AnnualPerson> = {}): AnnualPerson {
  return { email: `${id}@x.cn`, name: id, role: "sales", region: "EAST", orgUnit: "branch", postLevel: "staff", status: "regular", reinstatedDay: null, language: null, active: true, ...extra };
}

function months(who: string, grades: readonly string[], score: (g: string, i: number) => number = (g) => (g === "A" ? 92 : g === "B" ? 80 : 60), extra: Partial<MonthlySnapshot> = {}): MonthlySnapshot[] {
  return grades.map((grade, i) => {
    const month = `${YEAR}-${String(i + 1).padStart(2, "0")}`;
    return { id: `${month}#${who}#1`, month, employeeEmail: who, revision: 1, state: "signed", grade, finalScore: score(grade, i), flags: "", ...extra };
  });
}

function form(who: string, peer: number | null, superior: number | null, extra: Partial<AnnualFormRow> = {}): AnnualFormRow {
  return { year: YEAR, employeeEmail: who, peerScore: peer, superiorScore: superior, demeritThisYear: false, annualScore: null, ...extra };
}

const twelve = (g: string): string[] => Array.from({ length: 12 }, () => g);

describe("WF-25 / SC-27 the annual window (ANNUAL_WINDOW)", () => {
  it("WF-25: 1-15 January closes the year that ended; outside it nothing is due", () => {
    const w = annualWindow("");
    if (!isAnnualWindow(w)) throw new Error("default window unreadable");
    expect(annualYearDue({ year: 2027, month: 1, day: 1 }, w)).toBe(2026);
    expect(annualYearDue({ year: 2027, month: 1, day: 15 }, w)).toBe(2026);
    expect(annualYearDue({ year: 2027, month: 1, day: 16 }, w)).toBeNull();
    expect(annualYearDue({ year: 2026, month: 12, day: 20 }, w)).toBeNull();
  });

  it("WF-25: reads another window from Settings, one wrapping past 31 December too, and names a bad one", () => {
    const wrap = annualWindow("12-20..01-10");
    if (!isAnnualWindow(wrap)) throw new Error("unreadable");
    expect(annualYearDue({ year: 2026, month: 12, day: 28 }, wrap)).toBe(2026);
    expect(annualYearDue({ year: 2027, month: 1, day: 9 }, wrap)).toBe(2026);
    expect(annualYearDue({ year: 2027, month: 1, day: 11 }, wrap)).toBeNull();
    const bad = annualWindow("January");
    expect(isAnnualWindow(bad)).toBe(false);
    expect(JSON.stringify(bad)).toContain("ANNUAL_WINDOW");
  });
});

describe("SC-40, SC-41, SC-57 the year from the twelve monthly snapshots", () => {
  it("SC-57: counts only signed or published rows, and only a person-month's latest revision", () => {
    const rows: MonthlySnapshot[] = [
      { id: "2026-03#a@x.cn#1", month: "2026-03", employeeEmail: "a@x.cn", revision: 1, state: "signed", grade: "C", finalScore: 50, flags: "" },
      { id: "2026-03#a@x.cn#2", month: "2026-03", employeeEmail: "a@x.cn", revision: 2, state: "signed", grade: "A", finalScore: 95, flags: "" },
      { id: "2026-04#a@x.cn#1", month: "2026-04", employeeEmail: "a@x.cn", revision: 1, state: "closed", grade: "C", finalScore: 40, flags: "" },
      { id: "2026-05#a@x.cn#1", month: "2026-05", employeeEmail: "a@x.cn", revision: 1, state: "stale", grade: "C", finalScore: 40, flags: "" },
      { id: "2026-06#a@x.cn#1", month: "2026-06", employeeEmail: "a@x.cn", revision: 1, state: "published", grade: "B", finalScore: 80, flags: "" },
    ];
    expect(countedSnapshots(rows).map((r) => r.id)).toEqual(["2026-03#a@x.cn#2", "2026-06#a@x.cn#1"]);
  });

  it("SC-40 / SC-41: 9 A + 3 B = 21 points → A; 11 B + 1 C = 11 → C (seed examples)", () => {
    const a = person("a");
    const c = person("c");
    const snaps = [...months(a.email, [...twelve("A").slice(0, 9), "B", "B", "B"]), ...months(c.email, [...twelve("B").slice(0, 11), "C"])];
    const [ra, rc] = closeAnnual({ year: YEAR, people: [a, c], snapshots: snaps, forms: [form(a.email, 80, 90), form(c.email, 80, 90)], rules: RULES });
    expect([ra?.pointsSum, ra?.annualGrade, ra?.monthsAppraised]).toEqual([21, "A", 12]);
    expect([rc?.pointsSum, rc?.annualGrade]).toEqual([11, "C"]);
    expect(rc?.flags.map((f) => f.en)).toContain("SC-42 annual C: change post and pay, or dismiss");
  });

  it("SC-43: an exclusion in any month of the year caps the annual grade at B", () => {
    const a = person("a");
    const snaps = months(a.email, twelve("A")).map((s, i) => (i === 6 ? { ...s, flags: "SC-43 may not be rated A: absenteeism" } : s));
    expect(closeAnnual({ year: YEAR, people: [a], snapshots: snaps, forms: [form(a.email, 80, 90)], rules: RULES })[0]?.annualGrade).toBe("B");
  });

  it("SC-45 / AMB-27: history is the average monthly final score; average 86, peers 80, superior 90 → 85.5", () => {
    const a = person("a");
    const [r] = closeAnnual({ year: YEAR, people: [a], snapshots: months(a.email, twelve("B"), () => 86), forms: [form(a.email, 80, 90)], rules: RULES });
    expect(r?.historyAverage).toBe(86);
    expect(r?.annualScore).toBe(85.5);
  });

  it("SC-45: the weights come from Settings (ANNUAL_HISTORY_WEIGHT, ANNUAL_PEER_WEIGHT, ANNUAL_SUPERVISOR_WEIGHT)", () => {
    const a = person("a");
    const rules = annualRules({ ANNUAL_HISTORY_WEIGHT: "0.6", ANNUAL_PEER_WEIGHT: "0.2", ANNUAL_SUPERVISOR_WEIGHT: "0.2" }).rules;
    const [r] = closeAnnual({ year: YEAR, people: [a], snapshots: months(a.email, twelve("B"), () => 86), forms: [form(a.email, 80, 90)], rules });
    expect(r?.annualScore).toBe(85.6);
  });

  it("SC-51: exactly 50 is flagged (50分以下 is inclusive), 50.5 is not", () => {
    const a = person("a");
    const b = person("b");
    const snaps = [...months(a.email, twelve("C"), () => 40), ...months(b.email, twelve("C"), () => 41)];
    const [ra, rb] = closeAnnual({ year: YEAR, people: [a, b], snapshots: snaps, forms: [form(a.email, 60, 60), form(b.email, 60, 60)], rules: RULES });
    expect(ra?.annualScore).toBe(50);
    expect(ra?.flags.some((f) => f.en.startsWith("SC-51"))).toBe(true);
    expect(rb?.annualScore).toBe(50.5);
    expect(rb?.flags.some((f) => f.en.startsWith("SC-51"))).toBe(false);
  });

  it("SC-46 and SC-47: a raise flag under RAISE_RULE, a demotion flag for six C in a row, each with its rule ID", () => {
    const a = person("a");
    const c = person("c");
    const snaps = [...months(a.email, ["A", "A", "A", "A", "B", "A", "A", "A", "A", "A", "B", "B"]), ...months(c.email, [...twelve("C").slice(0, 6), ...twelve("B").slice(0, 6)])];
    const forms = [form(a.email, 80, 80), form(c.email, 80, 80)];
    const [ra, rc] = closeAnnual({ year: YEAR, people: [a, c], snapshots: snaps, forms, rules: RULES });
    expect(ra?.raiseEligible).toBe(true);
    expect(ra?.flags.some((f) => f.en.includes("SC-46") && f.en.includes("9_OF_10_CONSECUTIVE"))).toBe(true);
    expect(rc?.demotionFlag).toBe(true);
    const strict = annualRules({ RAISE_RULE: "9_CONSECUTIVE" }).rules;
    expect(closeAnnual({ year: YEAR, people: [a, c], snapshots: snaps, forms, rules: strict })[0]?.raiseEligible).toBe(false);
  });
});

describe("SC-44, SC-50, SC-52, SC-53, AMB-66 rankings and consequences", () => {
  it("SC-44 / AMB-66: a probationer is not appraised, not ranked, and says why", () => {
    const p = person("p", { status: "probation" });
    const a = person("a");
    const [rp, ra] = closeAnnual({ year: YEAR, people: [p, a], snapshots: [...months(p.email, twelve("A")), ...months(a.email, twelve("B"))], forms: [form(p.email, 90, 90), form(a.email, 80, 80)], rules: RULES });
    expect([rp?.eligible, rp?.annualGrade, rp?.annualScore, rp?.rankCompany]).toEqual([false, null, null, null]);
    expect(rp?.eligibility).toContain("SC-44");
    expect(ra?.rankCompany).toBe(1);
  });

  it("SC-53: the last BOTTOM_N ordinary employees are flagged, off when headcount ≤ 2 × N", () => {
    const staff = Array.from({ length: 12 }, (_, i) => person(`s${i}`));
    const snaps = staff.flatMap((p, i) => months(p.email, twelve("B"), () => 70 + i));
    const forms = staff.map((p) => form(p.email, 80, 80));
    const flagged = closeAnnual({ year: YEAR, people: staff, snapshots: snaps, forms, rules: RULES }).filter((r) => r.bottomN);
    expect(flagged.map((r) => r.employeeName)).toEqual(["s0", "s1", "s2", "s3", "s4"]);
    expect(flagged[0]?.flags.some((f) => f.en === "SC-53 among the bottom 5 ordinary employees company-wide: dismissal (a person decides)")).toBe(true);
    const six = annualRules({ BOTTOM_N: "6" }).rules;
    expect(closeAnnual({ year: YEAR, people: staff, snapshots: snaps, forms, rules: six }).filter((r) => r.bottomN)).toHaveLength(0);
  });

  it("SC-50 / SC-52: first in a post level may apply for a raise; the last director is flagged", () => {
    const d1 = person("d1", { postLevel: "director", orgUnit: "hq", region: "" });
    const d2 = person("d2", { postLevel: "director", orgUnit: "hq", region: "" });
    const snaps = [...months(d1.email, twelve("A")), ...months(d2.email, twelve("B"))];
    const [r1, r2] = closeAnnual({ year: YEAR, people: [d1, d2], snapshots: snaps, forms: [form(d1.email, 90, 90), form(d2.email, 80, 80)], rules: RULES });
    expect([r1?.topInLevel, r1?.directorFlag, r1?.rankLevel]).toEqual([true, false, 1]);
    expect([r2?.topInLevel, r2?.directorFlag, r2?.rankLevel]).toEqual([false, true, 2]);
  });

  it("SC-52: second-to-last two years running is flagged, from last year's annual appraisal score", () => {
    const ds = ["d1", "d2", "d3"].map((id) => person(id, { postLevel: "director" }));
    const snaps = ds.flatMap((p, i) => months(p.email, twelve("B"), () => 70 + 5 * i));
    const forms = [...ds.map((p) => form(p.email, 80, 80)), form(ds[1]?.email ?? "", null, null, { year: YEAR - 1, annualScore: 75 }), form(ds[0]?.email ?? "", null, null, { year: YEAR - 1, annualScore: 70 }), form(ds[2]?.email ?? "", null, null, { year: YEAR - 1, annualScore: 90 })];
    expect(closeAnnual({ year: YEAR, people: ds, snapshots: snaps, forms, rules: RULES }).map((r) => r.directorFlag)).toEqual([true, true, false]);
  });

  it("SC-49: one best-employee candidate for HQ and for each branch, among annual A grades", () => {
    const hq = person("hq", { orgUnit: "hq", region: "" });
    const east1 = person("e1");
    const east2 = person("e2");
    const south = person("so", { region: "SOUTH" });
    const people = [hq, east1, east2, south];
    const snaps = [...months(hq.email, twelve("A")), ...months(east1.email, twelve("A"), () => 95), ...months(east2.email, twelve("A"), () => 91), ...months(south.email, twelve("B"))];
    const results = closeAnnual({ year: YEAR, people, snapshots: snaps, forms: people.map((p) => form(p.email, 90, 90)), rules: RULES });
    expect(results.map((r) => r.bestEmployee?.en ?? null)).toEqual([
      "SC-49 HQ best-employee candidate (top annual score among annual A; a person selects)",
      "SC-49 branch EAST best-employee candidate (top annual score among annual A; a person selects)",
      null,
      null,
    ]);
  });

  it("reports a Settings value the annual rules cannot read", () => {
    expect(annualRules({ RAISE_RULE: "SOMETIMES" }).problems[0]?.en).toContain("RAISE_RULE");
  });
});

describe("the annual run reads the same Settings keys the annual appraisal formulas pass", () => {
  const one = person("p1");
  const grades = [...Array.from({ length: 6 }, () => "A"), ...Array.from({ length: 5 }, () => "B"), "C"];

  it("ANNUAL_GRADE_BANDS (SC-41): A from 16 makes 17 points an A, and the snapshot's readings say so", () => {
    const run = (settings: Record<string, unknown>) => closeAnnual({ year: YEAR, people: [one], snapshots: months(one.email, grades), forms: [form(one.email, 90, 90)], rules: annualRules(settings).rules });
    expect(run({})[0]?.annualGrade).toBe("B");
    expect(run({ ANNUAL_GRADE_BANDS: "A:16; B:12; C:0" })[0]?.annualGrade).toBe("A");
  });

  it("DEMOTE_RULE (SC-47): five C in a row flag when the rule says five, and the flag says five", () => {
    const cs = [...Array.from({ length: 5 }, () => "C"), ...Array.from({ length: 7 }, () => "B")];
    const run = (settings: Record<string, unknown>) => closeAnnual({ year: YEAR, people: [one], snapshots: months(one.email, cs), forms: [form(one.email, 90, 90)], rules: annualRules(settings).rules })[0];
    expect(run({})?.demotionFlag).toBe(false);
    const flagged = run({ DEMOTE_RULE: "consecutive:5; cumulative:9" });
    expect(flagged?.demotionFlag).toBe(true);
    expect(flagged?.flags.map((f) => f.en)).toContain("SC-47 five C in a row or nine in total: demotion, pay cut or dismissal (a person decides)");
  });

  it("DIRECTOR_LAST_RULE (SC-52): second-to-last once flags when the rule says one year", () => {
    const ds = ["d1", "d2", "d3"].map((id) => person(id, { postLevel: "director" }));
    const snaps = ds.flatMap((p, i) => months(p.email, twelve("B"), () => 70 + 5 * i));
    const forms = ds.map((p) => form(p.email, 80, 80));
    const run = (settings: Record<string, unknown>) => closeAnnual({ year: YEAR, people: ds, snapshots: snaps, forms, rules: annualRules(settings).rules }).map((r) => r.directorFlag);
    expect(run({})).toEqual([true, false, false]);
    expect(run({ DIRECTOR_LAST_RULE: "last:1; second_last:1" })).toEqual([true, true, false]);
  });

  it("ANNUAL_BEST_EMPLOYEE_REWARD (SC-49): the award is shown with the best-employee candidate", () => {
    const hq = person("hq", { orgUnit: "hq", region: "" });
    const run = (settings: Record<string, unknown>) => closeAnnual({ year: YEAR, people: [hq], snapshots: months(hq.email, twelve("A")), forms: [form(hq.email, 90, 90)], rules: annualRules(settings).rules })[0]?.bestEmployee;
    expect(run({})?.en).toBe("SC-49 HQ best-employee candidate (top annual score among annual A; a person selects)");
    expect(run({ ANNUAL_BEST_EMPLOYEE_REWARD: "5000" })).toEqual({
      zh: "SC-49 本部年度优秀员工候选(年度A中年度得分最高;由人评定)(一次性奖励 5,000 元)",
      en: "SC-49 HQ best-employee candidate (top annual score among annual A; a person selects) (one-time award 5,000 yuan)",
    });
  });
});
