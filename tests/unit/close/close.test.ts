import { describe, expect, it } from "vitest";
import { CLOSE_SHEETS, closeComputation, inputsDigest } from "../../../src/core/close/close";
import type { CloseSheet, CloseSources, SourceRow } from "../../../src/core/close/close";
import { countIf, matchesCriterion, sumIf } from "../../../src/core/close/criteria";
import { changedInputs, planClose } from "../../../src/core/close/snapshot";
import type { ResultRow } from "../../../src/core/close/snapshot";
import { objectiveScore } from "../../../src/core/scoring/objective-score";
import { weightedScore, WEIGHT_PRESETS } from "../../../src/core/scoring/weighted-score";
import type { TableRecord } from "../../../src/core/templates/table";

const MONTH = "2026-10";
const rows = (records: TableRecord[]): SourceRow[] => records.map((values, i) => ({ row: i + 2, values }));

function sources(patch: Partial<Record<CloseSheet, TableRecord[]>> = {}, settings: Record<string, unknown> = {}): CloseSources {
  const sheets = Object.fromEntries(CLOSE_SHEETS.map((k) => [k, rows(patch[k] ?? [])])) as Record<CloseSheet, SourceRow[]>;
  return { month: MONTH, settings: { TIME_ZONE: "Asia/Shanghai", ...settings }, sheets };
}

const ratings = { attendance: 5, office_discipline: 4, org_behaviour: 4, environment: 5, team_awareness: 3, professionalism: 4 };
const li: TableRecord = { month: MONTH, employee_email: "li.na@example.com", company_basis: "hq", ...ratings };
const plans: TableRecord[] = [
  { period: MONTH, level: "company", region: "", person_email: "", metric: "sales", amount: 1_000_000 },
  { period: MONTH, level: "region", region: "EAST", person_email: "", metric: "sales", amount: 400_000 },
  { period: "2026-09", level: "company", region: "", person_email: "", metric: "sales", amount: 999 },
];
const actuals: TableRecord[] = [
  { period: MONTH, region: "EAST", person_email: "a@example.com", metric: "sales", amount: 500_000 },
  { period: MONTH, region: "WEST", person_email: "b@example.com", metric: "sales", amount: 400_000 },
  { period: MONTH, region: "WEST", person_email: "b@example.com", metric: "collections", amount: 77 },
];
const tasks: TableRecord[] = [
  { id: "T1", owner_email: "li.na@example.com", due_on: "2026-10-12", rating: 1 },
  { id: "T2", owner_email: "li.na@example.com", due_on: "2026-10-30", rating: 0.8 },
  { id: "T3", owner_email: "li.na@example.com", due_on: "2026-11-02", rating: 0 },
];
const people: TableRecord[] = [{ email: "li.na@example.com", name: "李娜", status: "active", perf_pay_base: 2000 }];

describe("Sheets criteria (SUMIF / COUNTIF) the close sums with", () => {
  it("matches * and ? case-insensitively, ~ escapes, blanks never match", () => {
    expect(matchesCriterion("2026-10#EAST#a@x#sales#TRUE", "2026-10#*#*#sales#*")).toBe(true);
    expect(matchesCriterion("2026-10#EAST#a@x#sales_volume#TRUE", "2026-10#*#*#sales#*")).toBe(false);
    expect(matchesCriterion("Li.Na@Example.com", "li.na@example.com")).toBe(true);
    expect(matchesCriterion("a*b", "a~*b")).toBe(true);
    expect(matchesCriterion("axb", "a~*b")).toBe(false);
    expect(matchesCriterion("", "*")).toBe(false);
    const data = [{ k: "x1", v: 2 }, { k: "x2", v: "text" }, { k: "y", v: 5 }];
    expect(sumIf(data, (r) => r.k, "x?", (r) => r.v)).toBe(2);
    expect(countIf(data, (r) => r.k, "x*")).toBe(2);
  });
});

describe("SC-29..SC-39 the close computes each person's month with the scoring rules", () => {
  it("SC-29 / SC-30 / SC-31 / SC-32 / SC-36 / SC-37: tasks due in the month, the six ratings, company actual ÷ plan, the total, grade and pay", () => {
    const [p] = closeComputation(sources({ scorecard_objective: [li], plans, actuals, tasks, people }));
    expect(p?.workPoints).toBe(36); // 40 × (1 + 0.8) ÷ 2; the November task does not count
    expect(p?.behaviourPoints).toBe(25);
    expect(p?.companyPoints).toBe(36); // 900,000 ÷ 1,000,000 × 40
    const total = objectiveScore(36, 25, 36);
    expect(p?.finalScore).toBe(total);
    expect(p?.grade).toBe("B");
    expect(p?.perfPay).toBeCloseTo((Number(total) / 100) * 2000, 6);
    expect(p?.flags).toEqual([]);
    expect(p?.readings).toContain("OBJ_WEIGHT_MODE=NORMALIZE");
  });

  it("SC-31 / AMB-20: a branch basis counts only the person's region", () => {
    const [p] = closeComputation(sources({ scorecard_objective: [{ ...li, company_basis: "branch", region: "EAST" }], plans, actuals, tasks, people }));
    expect(p?.companyPoints).toBe(40); // 500,000 ÷ 400,000, capped at 100 %
  });

  it("SC-29 / AMB-69: a head's post scorecard of the month gives the work points; the information head's score comes from its ratings", () => {
    const info: TableRecord = { month: MONTH, head_email: "li.na@example.com", accuracy: 90, digitization: 80, security: 100, cooperation: 70 };
    const [p] = closeComputation(sources({ scorecard_objective: [li], scorecard_info_head: [info], plans, actuals, tasks, people }));
    const post = weightedScore([90, 80, 100, 70], WEIGHT_PRESETS.INFO_HEAD ?? []);
    expect(p?.postScore).toBeCloseTo(Number(post), 9);
    expect(p?.workPoints).toBeCloseTo(Math.min(Number(post), 100) * 0.4, 6);
  });

  it("SC-43: an exclusion caps the grade at B and is flagged with its rule ID, one flag per entry", () => {
    const [p] = closeComputation(
      sources({ scorecard_objective: [{ ...li, work_direct: 40, absenteeism: true, attendance: 5, office_discipline: 5, org_behaviour: 5, environment: 5, team_awareness: 5, professionalism: 5 }], plans, actuals, people }),
    );
    expect(p?.grade).toBe("B");
    expect(p?.flags).toHaveLength(1);
    expect(p?.flags[0]).toMatch(/^SC-43 /);
  });

  it("only the month's rows with an employee are appraised, each person once", () => {
    const out = closeComputation(sources({ scorecard_objective: [li, { ...li }, { ...li, month: "2026-09" }, { month: MONTH, employee_email: "" }], people }));
    expect(out.map((p) => p.email)).toEqual(["li.na@example.com"]);
  });

  it("the inputs digest is stable under key order and changes with any input", () => {
    const [p] = closeComputation(sources({ scorecard_objective: [li], plans, actuals, tasks, people }));
    const [q] = closeComputation(sources({ scorecard_objective: [li], plans, actuals, tasks: [...tasks].reverse(), people }));
    expect(inputsDigest(p?.inputs ?? {})).toBe(inputsDigest(q?.inputs ?? {}));
    const [r] = closeComputation(sources({ scorecard_objective: [li], plans, actuals, tasks: [{ ...tasks[0], rating: 0.9 }, ...tasks.slice(1)], people }));
    expect(inputsDigest(r?.inputs ?? {})).not.toBe(inputsDigest(p?.inputs ?? {}));
  });
});

describe("WF-24 stale detection and the re-close", () => {
  const base = { month: MONTH, people: new Map(), now: Date.parse("2026-11-05T08:00:00+08:00"), actor: "gm@example.com", timeZone: "Asia/Shanghai", channel: "trigger" as const };
  const computed = closeComputation(sources({ scorecard_objective: [li], plans, actuals, tasks, people }));
  const first = planClose({ ...base, computed, existing: [], reason: null });
  const existing: ResultRow[] = first.append.map((values, i) => ({ row: i + 2, values }));

  it("SC-27: the first close appends one closed row per person and one Audit row", () => {
    expect(first.outcome).toBe("closed");
    expect(first.append).toHaveLength(1);
    expect(first.append[0]).toMatchObject({ id: `${MONTH}#li.na@example.com#1`, state: "closed", revision: 1, closed_by: "gm@example.com", closed_at: "2026-11-05T08:00:00" });
    expect(first.audit.map((a) => a.action)).toEqual(["month.closed"]);
  });

  it("SC-27: unchanged inputs change nothing", () => {
    const again = planClose({ ...base, computed, existing, reason: null });
    expect(again).toMatchObject({ outcome: "unchanged", append: [], updates: [], audit: [] });
  });

  it("WF-24: a changed input marks the row stale with the sheet, column and values, and a plain close never recomputes", () => {
    const changed = closeComputation(sources({ scorecard_objective: [{ ...li, attendance: 2 }], plans, actuals, tasks, people }));
    const plan = planClose({ ...base, computed: changed, existing, reason: null });
    expect(plan.outcome).toBe("stale");
    expect(plan.append).toEqual([]);
    expect(plan.updates).toEqual([{ row: 2, values: { state: "stale", stale_reason: "目标管理考核 · 作息考勤:5 → 2 / Objective appraisal · Attendance: 5 → 2" } }]);
    expect(plan.message.en).toContain('closeMonth("2026-10", "reason")');
  });

  it("WF-24: a re-close with a reason writes revision 2 and supersedes revision 1", () => {
    const changed = closeComputation(sources({ scorecard_objective: [{ ...li, attendance: 2 }], plans, actuals, tasks, people }));
    const plan = planClose({ ...base, computed: changed, existing, reason: "HR fixed attendance" });
    expect(plan.outcome).toBe("reclosed");
    expect(plan.updates[0]).toMatchObject({ row: 2, values: { state: "superseded" } });
    expect(plan.append[0]).toMatchObject({ revision: 2, state: "closed", id: `${MONTH}#li.na@example.com#2` });
    expect(String(plan.audit[0]?.comment)).toContain("HR fixed attendance");
  });

  it("WF-24: a summed input (the month's actuals) is named as the month's total", () => {
    expect(changedInputs({ "actuals.amount": 1 }, { "actuals.amount": 2 })).toEqual(["实绩 · 实绩值(当月合计):1 → 2 / Actuals · Amount (month's total): 1 → 2"]);
  });
});

describe("the close reads the same Settings keys the scorecard formulas pass (one implementation per rule)", () => {
  it("GRADE_BANDS (SC-36): A from 80 grades the 88.2 of the month an A, and the snapshot shows the bands", () => {
    const input = { scorecard_objective: [li], plans, actuals, tasks, people };
    const [before] = closeComputation(sources(input));
    const [after] = closeComputation(sources(input, { GRADE_BANDS: "A:80; B:70; C:0" }));
    expect([before?.finalScore, before?.grade]).toEqual([88.2, "B"]);
    expect([after?.finalScore, after?.grade]).toEqual([88.2, "A"]);
    expect(after?.readings).toContain("GRADE_BANDS=A:80; B:70; C:0");
    expect(before?.readings).toContain("GRADE_BANDS=A:90; B:70; C:0");
  });

  it("OBJ_BEHAVIOUR_POINTS (SC-30), BEHAVIOUR_SCALE (SC-33), OBJ_COMPANY_POINTS (SC-31): the components follow Settings", () => {
    const input = { scorecard_objective: [li], plans, actuals, tasks, people };
    const [p] = closeComputation(sources(input, { OBJ_BEHAVIOUR_POINTS: "36", OBJ_COMPANY_POINTS: "30" }));
    expect([p?.behaviourPoints, p?.companyPoints]).toEqual([30, 27]);
    const [q] = closeComputation(sources({ ...input, scorecard_objective: [{ ...li, attendance: 10 }] }, { BEHAVIOUR_SCALE: "1..10" }));
    expect(q?.behaviourPoints).toBe(15); // (10 + 4 + 4 + 5 + 3 + 4) × 30 ÷ 60
  });

  it("INFO_HEAD_WEIGHTS (SC-23): the information head's post score weighs by Settings", () => {
    const info: TableRecord = { month: MONTH, head_email: "li.na@example.com", accuracy: 90, digitization: 80, security: 100, cooperation: 70 };
    const input = { scorecard_objective: [li], scorecard_info_head: [info], plans, actuals, tasks, people };
    const [p] = closeComputation(sources(input, { INFO_HEAD_WEIGHTS: "accuracy:0.4; digitization:0.2; security:0.3; cooperation:0.1" }));
    expect(p?.postScore).toBe(89);
  });

  it("PERF_PAY_POOL (SC-38): a pool below the month's pays flags every paid person for review; NONE checks nothing", () => {
    const input = { scorecard_objective: [li], plans, actuals, tasks, people };
    const [none] = closeComputation(sources(input));
    expect(none?.flags).toEqual([]);
    const [over] = closeComputation(sources(input, { PERF_PAY_POOL: "1000" }));
    expect(over?.flags).toEqual([
      `SC-38 本月部门绩效工资合计 ${String(over?.perfPay)} 元,超过设置 PERF_PAY_POOL 的 1000 元(请复核) / SC-38 the department's performance pay this month adds up to ${String(over?.perfPay)} yuan, over the PERF_PAY_POOL of 1000 yuan (please review)`,
    ]);
    const [within] = closeComputation(sources(input, { PERF_PAY_POOL: "5000" }));
    expect(within?.flags).toEqual([]);
    const [bad] = closeComputation(sources(input, { PERF_PAY_POOL: "lots" }));
    expect(bad?.flags[0]).toContain("PERF_PAY_POOL");
  });

  it("BEST_EMPLOYEE_REWARD (SC-48): the close names the month's best-employee candidate with the reward, as the scorecard column does", () => {
    const star: TableRecord = { ...li, work_direct: 40, attendance: 5, office_discipline: 5, org_behaviour: 5, environment: 5, team_awareness: 5, professionalism: 5, company_basis: "branch", region: "EAST" };
    const input = { scorecard_objective: [star], plans, actuals, people };
    const [p] = closeComputation(sources(input, { BEST_EMPLOYEE_REWARD: "2000", POST_SCORECARD_USAGE: "" }));
    expect(p?.grade).toBe("A");
    expect(p?.bestEmployee).toContain("SC-48");
    expect(p?.bestEmployee).toContain("one-time raise reward 2000 yuan");
    const [q] = closeComputation(sources(input));
    expect(q?.bestEmployee).not.toContain("reward");
  });
});
