/**
 * No Settings key of a scoring rule is inert (issue 11 §1, issue 8): for every key the seed's
 * constants became, changing the Settings value changes what the custom function (the one the
 * scorecard formula calls, with the Settings cell as a trailing argument) gives. Each case is named
 * with the key and its rule ID; blank is the default, as a fresh Settings sheet holds it.
 */
import { describe, expect, it } from "vitest";
import { both } from "../../../src/core/i18n";
import { readParameter, SCORING_PARAMETERS } from "../../../src/core/scoring/parameters";
import type { ParameterKey } from "../../../src/core/scoring/parameters";
import { isScoreError } from "../../../src/core/scoring/score-error";
import * as fn from "../../../src/gas/customFunctions";
import { decide } from "../../../src/core/approvals/machine";
import { planImport } from "../../../src/core/imports/csv-import";
import { approvalSettings } from "../../../src/core/approvals/settings";
import { recurringSettings, recurringTasks } from "../../../src/core/close/recurring";
import { signOff } from "../../../src/core/close/sign-off";
import { sheetTemplate } from "../../../src/core/templates/catalog";
import { approveAll, at, CONTEXT, decision, directory, E, effectsOf, must, ROUTES, SETTINGS, submit } from "../approvals/fixtures";

/** The marketing head's seven ratings (operation … ability): blocks 87 and 85, 86.4 with the seed's weights. */
const MKT = [90, 80, 85, 95, 80, 90, 85];

/** CONTRACT_DEDUCTION with the Settings cell `cell` in the position of `key` (the others blank). */
const CONTRACT_KEYS = ["CONTRACT_CREDIT_LOSS", "CONTRACT_COMM_LOSS", "CONTRACT_COMM_CUSTOMER_LOST", "CONTRACT_CLAUSE_LOSS", "CONTRACT_CLAUSE_CUSTOMER_LOST", "CONTRACT_FOLLOWUP_NO_LOSS", "CONTRACT_FOLLOWUP_WITH_LOSS", "CONTRACT_LOSS_BANDS"];
function contract(kind: string, loss: number, lost: number, orders: number, points: number | "", key: string, cell: string): unknown {
  const settings = CONTRACT_KEYS.map((k) => (k === key ? cell : ""));
  const [a, b, c, d, e, f, g, h] = settings;
  return fn.CONTRACT_DEDUCTION(kind, loss, lost, orders, points, "", a, b, c, d, e, f, g, h);
}

/** Two October people graded A, every component at A level; the first has the higher final score (the column shows its flag, the second row is blank). */
function bestFlag(scope: string, reward: string): unknown {
  return fn.BEST_EMPLOYEE_FLAG([["2026-10"], ["2026-10"]], [[38], [37]], [[28], [28]], [[38], [37]], [["A"], ["A"]], [[95], [93]], "", "", "", scope, reward);
}
const CANDIDATE_TEXT =
  "SC-48 本月优秀员工候选(月度A、各项均达满分90%、最终得分最高;评选范围:本部门;由人评定) / SC-48 best-employee candidate of the month (grade A, every component at 90 % of its maximum, top final score; scope: the department; a person selects)";
function withReward(text: string): string {
  return text === "" ? "" : text.replace("由人评定)", "由人评定)(一次性加薪奖励 2000 元)").replace("a person selects)", "a person selects) (one-time raise reward 2000 yuan)");
}

/** The SC-55 flag of a probationer hired 2026-08-15 without a Probation ends date, with the two probation settings. */
function probationFlag({ months = "", role = "" }: { months?: string; role?: string }): unknown {
  return String(fn.APPRAISAL_FLAGS("曹雪", "", "", "", true, "", "", "", "2026-10", "", 0, 0, "2026-08-15", months, role)).split("; SC-44")[0];
}
function probationText(until: string, zh: string, en: string): string {
  return `SC-55 试用期至${until}:月度考核结果决定是否正式录用,由直属部门领导与${zh}共同决定;不合格可延长试用最多30天 / SC-55 on probation until ${until}: the monthly results decide formal hiring, decided by the direct department leader with ${en}; after a fail probation may be extended by at most 30 days`;
}

/** The month an imported collections row booked on `day` counts toward, with Settings COLLECTION_CUTOFF = `cutoff`. */
function bookedMonth(day: string, cutoff: string): unknown {
  const csv = [["Month", "Region", "Metric", "Amount"], [day, "EAST", "collections", "1000"]];
  return planImport({ table: "actuals", fileName: "finance.csv", csv, existing: [], people: [], regions: [{ code: "EAST" }], customers: [], collectionCutoff: cutoff }).add[0]?.values.period;
}

interface LiveCase {
  readonly key: ParameterKey;
  readonly rule: string;
  /** What the change does, as the test title says it. */
  readonly what: string;
  /** The Settings value typed in place of the default. */
  readonly value: string;
  /** The result with the Settings cell `cell` ("" = blank = the default). */
  readonly result: (cell: string) => unknown;
  readonly before: unknown;
  readonly after: unknown;
}

const CASES: readonly LiveCase[] = [
  // SC-03 sales plan completion
  { key: "SALES_PLAN_FULL_POINTS", rule: "SC-03", what: "50 makes exactly 100 % worth 50", value: "50", result: (c) => fn.SALES_PLAN_SCORE(100, 100, "", "", c), before: 40, after: 50 },
  { key: "SALES_PLAN_MAX_POINTS", rule: "SC-03", what: "50 caps 180 % at 50", value: "50", result: (c) => fn.SALES_PLAN_SCORE(180, 100, "", "", "", c), before: 60, after: 50 },
  { key: "SALES_PLAN_MAX_THRESHOLD", rule: "SC-03", what: "1.2 gives 130 % the maximum under LITERAL_STEPS", value: "1.2", result: (c) => fn.SALES_PLAN_SCORE(130, 100, "LITERAL_STEPS", "", "", "", c), before: 40, after: 60 },
  { key: "SALES_PLAN_ZERO_BELOW", rule: "SC-03", what: "0.5 makes 55 % worth 22", value: "0.5", result: (c) => fn.SALES_PLAN_SCORE(55, 100, "", "", "", "", "", c), before: 0, after: 22 },
  // SC-04 team attainment
  { key: "TEAM_ATTAIN_TIERS", rule: "SC-04", what: "0.5:12 gives 5 of 10 a tier", value: "0.9:20; 0.8:18; 0.7:15; 0.6:10; 0.5:12", result: (c) => fn.TEAM_ATTAINMENT_SCORE(5, 10, "", c), before: 0, after: 12 },
  // SC-01 / SC-06 / SC-07 sales head total
  { key: "INFO_SYS_MAX", rule: "SC-06", what: "20 lets the appraiser give 18 information points", value: "20", result: (c) => fn.SALES_HEAD_SCORE(40, 20, 20, 18, 5, "", "", c), before: "信息系统管理得分须在0到15之间 / information system points must be between 0 and 15", after: 103 },
  { key: "INFO_SYS_SUBITEMS", rule: "SC-06", what: "TRUE reads 3 as three checklist parts met, 11.25 points", value: "TRUE", result: (c) => fn.SALES_HEAD_SCORE(48, 18, 20, 3, 4, "", "", "", "", c), before: 93, after: 101.25 },
  { key: "ATTITUDE_MAX", rule: "SC-07", what: "10 lets the appraiser give 8 attitude points", value: "10", result: (c) => fn.SALES_HEAD_SCORE(40, 20, 20, 15, 8, "", "", "", c), before: "工作态度得分须在0到5之间 / work attitude points must be between 0 and 5", after: 103 },
  // SC-23 / SC-24 weighted post scorecards
  { key: "INFO_HEAD_WEIGHTS", rule: "SC-23", what: "accuracy 0.4, digitization 0.2 weighs 90, 80, 100, 70 to 89", value: "accuracy:0.4; digitization:0.2; security:0.3; cooperation:0.1", result: (c) => fn.WEIGHTED_SCORE([[90, 80, 100, 70]], "INFO_HEAD", c), before: 88, after: 89 },
  { key: "MKT_HEAD_BLOCK_WEIGHTS", rule: "SC-24", what: "work 0.5, quality 0.5 weighs the blocks 87 and 85 to 86", value: "work:0.5; quality:0.5", result: (c) => fn.WEIGHTED_SCORE([MKT], "MARKETING_HEAD", c), before: 86.4, after: 86 },
  { key: "MKT_HEAD_WORK_WEIGHTS", rule: "SC-24", what: "operation 0.4 makes the work block 88 and the score 87.1", value: "operation:0.4; publicity:0.2; brand:0.2; sales_support:0.2", result: (c) => fn.WEIGHTED_SCORE([MKT], "MARKETING_HEAD", "", c), before: 86.4, after: 87.1 },
  { key: "MKT_HEAD_QUALITY_WEIGHTS", rule: "SC-24", what: "awareness 0.4 makes the quality block 84.5 and the score 86.25", value: "awareness:0.4; cooperation:0.3; ability:0.3", result: (c) => fn.WEIGHTED_SCORE([MKT], "MARKETING_HEAD", "", "", c), before: 86.4, after: 86.25 },
  // SC-30..SC-36 objective appraisal
  { key: "OBJ_BEHAVIOUR_POINTS", rule: "SC-30", what: "36 makes ratings summing to 25 worth 30", value: "36", result: (c) => fn.BEHAVIOUR_SCORE(5, 4, 4, 5, 3, 4, c), before: 25, after: 30 },
  { key: "OBJ_BEHAVIOUR_POINTS", rule: "SC-32", what: "40 lets the total take 40 behaviour points (out of 40 + 40 + 40)", value: "40", result: (c) => fn.OBJECTIVE_SCORE(30, 40, 40, "", "", "", "", "", "", c, "", ""), before: "行为指标得分须在6到30之间 / behaviour points must be between 6 and 30", after: 91.7 },
  { key: "BEHAVIOUR_SCALE", rule: "SC-33", what: "0..10 rates out of ten, so ratings summing to 25 are worth 12.5", value: "0..10", result: (c) => fn.BEHAVIOUR_SCORE(5, 4, 4, 5, 3, 4, "", c), before: 25, after: 12.5 },
  { key: "OBJ_COMPANY_POINTS", rule: "SC-31", what: "30 makes 90 % worth 27", value: "30", result: (c) => fn.COMPANY_POINTS(90, 100, "", c), before: 36, after: 27 },
  { key: "GRADE_BANDS", rule: "SC-36", what: "A from 85 makes 86 an A", value: "A:85; B:70; C:0", result: (c) => fn.APPRAISAL_GRADE(86, false, c), before: "B", after: "A" },
  // SC-14..SC-17 contract management
  { key: "CONTRACT_CREDIT_LOSS", rule: "SC-14", what: "3 per 10,000 yuan makes a 25,000 loss cost 7.5", value: "3", result: (c) => contract("CREDIT", 25_000, 0, 0, "", "CONTRACT_CREDIT_LOSS", c), before: -5, after: -7.5 },
  { key: "CONTRACT_COMM_LOSS", rule: "SC-15", what: "8 per 10,000 yuan makes a 10,000 loss cost 8", value: "8", result: (c) => contract("COMMUNICATION", 10_000, 0, 0, "", "CONTRACT_COMM_LOSS", c), before: -5, after: -8 },
  { key: "CONTRACT_COMM_CUSTOMER_LOST", rule: "SC-15", what: "7 per customer lost", value: "7", result: (c) => contract("COMMUNICATION", 0, 1, 0, "", "CONTRACT_COMM_CUSTOMER_LOST", c), before: -5, after: -7 },
  { key: "CONTRACT_CLAUSE_LOSS", rule: "SC-16", what: "6 per 10,000 yuan", value: "6", result: (c) => contract("CLAUSE", 10_000, 0, 0, "", "CONTRACT_CLAUSE_LOSS", c), before: -5, after: -6 },
  { key: "CONTRACT_CLAUSE_CUSTOMER_LOST", rule: "SC-16", what: "12 per customer lost", value: "12", result: (c) => contract("CLAUSE", 0, 1, 0, "", "CONTRACT_CLAUSE_CUSTOMER_LOST", c), before: -10, after: -12 },
  { key: "CONTRACT_FOLLOWUP_NO_LOSS", rule: "SC-17", what: "3 per order makes two late orders cost 6", value: "3", result: (c) => contract("FOLLOW_UP", 0, 0, 2, "", "CONTRACT_FOLLOWUP_NO_LOSS", c), before: -4, after: -6 },
  { key: "CONTRACT_FOLLOWUP_WITH_LOSS", rule: "SC-17", what: "5..30 lets the appraiser deduct 25 for a loss", value: "5..30", result: (c) => contract("FOLLOW_UP", 30_000, 0, 2, 25, "CONTRACT_FOLLOWUP_WITH_LOSS", c), before: "损失扣分须在5到20之间 / loss points must be between 5 and 20", after: -25 },
  { key: "CONTRACT_LOSS_BANDS", rule: "SC-17", what: "bands price a 30,000 loss at 8 with no points entered", value: "10000:5; 20000:8; 100000:20", result: (c) => contract("FOLLOW_UP", 30_000, 0, 2, "", "CONTRACT_LOSS_BANDS", c), before: "SC-17 造成损失时请填写5–20之间的损失扣分 / SC-17 with a loss: enter the loss points (5–20)", after: -8 },
  // SC-19..SC-22 customer head deductions
  { key: "RESEARCH_DEDUCTION_RANGE", rule: "SC-19", what: "0..10 lets the appraiser deduct 8", value: "0..10", result: (c) => fn.RESEARCH_DEDUCTION(8, c), before: "调研扣分须在0到5之间 / research deduction must be between 0 and 5", after: -8 },
  { key: "RECORDS_MISS", rule: "SC-20", what: "3 per miss makes two misses cost 6", value: "3", result: (c) => fn.RECORDS_DEDUCTION(2, c), before: -4, after: -6 },
  { key: "TASK_MISS", rule: "SC-21", what: "1 per miss makes two late tasks cost 2", value: "1", result: (c) => fn.ASSIGNED_WORK_DEDUCTION(2, c), before: -4, after: -2 },
  { key: "DISCIPLINE_RANGE", rule: "SC-22", what: "1..5 lets one violation cost 1", value: "1..5", result: (c) => fn.DISCIPLINE_DEDUCTION([[1]], c), before: "每次违纪扣分须在2到5之间 / points per violation must be between 2 and 5", after: -1 },
  // SC-41, SC-47, SC-52 annual appraisal
  { key: "ANNUAL_GRADE_BANDS", rule: "SC-41", what: "A from 16 makes 6 A + 5 B + 1 C (17 points) an A", value: "A:16; B:12; C:0", result: (c) => fn.ANNUAL_GRADE([["A", "A", "A", "A", "A", "A", "B", "B", "B", "B", "B", "C"]], false, "", c), before: "B", after: "A" },
  { key: "DEMOTE_RULE", rule: "SC-47", what: "consecutive:5 flags five C in a row", value: "consecutive:5; cumulative:9", result: (c) => fn.DEMOTION_FLAG([["C", "C", "C", "C", "C", "B"]], "", c), before: false, after: true },
  { key: "DIRECTOR_LAST_RULE", rule: "SC-52", what: "last:2 flags last place only when it is the second year running", value: "last:2; second_last:2", result: (c) => fn.DIRECTOR_RANK_FLAG([[80], [70], [90]], [[60], [90], [70]], c), before: [[false], [true], [false]], after: [[false], [false], [false]] },
  // SC-10 / AMB-11 which booking days count toward a month's collections (a CSV import of Finance's bookings)
  { key: "COLLECTION_CUTOFF", rule: "SC-10", what: "DAY_30 counts a booking on 31 Oct toward November", value: "DAY_30", result: (c) => bookedMonth("2026-10-31", c), before: "2026-10", after: "2026-11" },
  // AMB-48 the hotel-specific standards switched off: not judged, so the cell is blank
  { key: "ENABLE_HOTEL_KPIS", rule: "KPI-05", what: "FALSE leaves a 6-in-100 member-card loss unjudged", value: "FALSE", result: (c) => fn.CARD_LOSS_OK(6, 100, "", c), before: false, after: "" },
  { key: "ENABLE_HOTEL_KPIS", rule: "KPI-13", what: "FALSE leaves a late meeting booking form unjudged", value: "FALSE", result: (c) => fn.BOOKING_SENT_ON_TIME("2026-05-08", "2026-05-10", "", "", c), before: false, after: "" },
  // SC-55 / AMB-35 probation: a probationer hired 15 Aug 2026 with no end date on People
  { key: "PROBATION_DEFAULT_MONTHS", rule: "SC-55", what: "6 makes the flag say probation runs until 2027-02-15", value: "6", result: (c) => probationFlag({ months: c }), before: probationText("2026-11-15", "行政部", "Administration"), after: probationText("2027-02-15", "行政部", "Administration") },
  // SC-48 monthly best employee: the candidate's flag shows the scope and the reward
  { key: "BEST_EMPLOYEE_REWARD", rule: "SC-48", what: "2000 shows the reward with the month's candidate", value: "2000", result: (c) => bestFlag("", c), before: CANDIDATE_TEXT, after: withReward(CANDIDATE_TEXT) },
  { key: "BEST_EMPLOYEE_SCOPE", rule: "SC-48", what: "COMPANY says to compare with the other departments' candidates", value: "COMPANY", result: (c) => bestFlag(c, ""), before: CANDIDATE_TEXT, after: CANDIDATE_TEXT.replace("评选范围:本部门", "评选范围:全公司,本表只含本部门,请与其他部门的候选人比较").replace("scope: the department", "scope: company-wide; this workbook holds this department only, so compare with the other departments' candidates") },
];

/** A cell as the sheet shows it: a one-cell array is its value, a ScoreError its bilingual message. */
function shown(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1) return shown(value[0][0]);
  return isScoreError(value) ? both(value.text) : value;
}

describe("every Settings key of a scoring rule changes a result (issue 11 §1)", () => {
  it.each(CASES.map((c) => [`${c.key} (${c.rule}): ${c.what}`, c] as const))("%s", (_title, c) => {
    expect(SCORING_PARAMETERS[c.key].rules).toContain(c.rule);
    expect(shown(c.result(""))).toEqual(c.before);
    expect(shown(c.result(c.value))).toEqual(c.after);
    expect(c.after).not.toEqual(c.before);
  });
});

describe("list and range settings read the Settings sheet's formats (issue 11 §1)", () => {
  it("TEAM_ATTAIN_TIERS (SC-04): reads rate:points in any order, with Chinese punctuation", () => {
    expect(readParameter("0.6：10；0.9:20", "TEAM_ATTAIN_TIERS")).toEqual([["0.6", 10], ["0.9", 20]]);
  });

  it("TEAM_ATTAIN_TIERS (SC-04): says what to fix, naming the Settings row", () => {
    expect(shown(readParameter("0.9=20; lots", "TEAM_ATTAIN_TIERS"))).toBe(
      '设置表「TEAM_ATTAIN_TIERS」行须写成「0.9:20; 0.8:18; 0.7:15; 0.6:10」:「lots」不是「名称:数值」(现为「0.9=20; lots」) / Settings row TEAM_ATTAIN_TIERS must read like "0.9:20; 0.8:18; 0.7:15; 0.6:10": "lots" is not name:number (got "0.9=20; lots")',
    );
  });

  it("GRADE_BANDS (SC-36): A below B is refused with the Settings row named", () => {
    expect(fn.APPRAISAL_GRADE(86, false, "A:60; B:70; C:0")).toBe("设置表「GRADE_BANDS」行:A 的下限(60)须不低于 B 的(70) / Settings row GRADE_BANDS: A's lower bound (60) must not be below B's (70)");
  });

  it("GRADE_BANDS (SC-36): a missing or unknown grade is named", () => {
    expect(shown(readParameter("A:90; B:70", "GRADE_BANDS"))).toContain("C missing");
    expect(shown(readParameter("A:90; B:70; D:0", "GRADE_BANDS"))).toContain('there is no "D"; use A, B, C');
  });

  it("BEHAVIOUR_SCALE (SC-33): reads min..max and refuses a reversed range", () => {
    expect(readParameter("2-6", "BEHAVIOUR_SCALE")).toEqual({ min: 2, max: 6 });
    expect(shown(readParameter("5..1", "BEHAVIOUR_SCALE"))).toBe(
      '设置表「BEHAVIOUR_SCALE」行须写成「最小..最大」,如「1..5」:最小值大于最大值(现为「5..1」) / Settings row BEHAVIOUR_SCALE must read "min..max", like "1..5": min is above max (got "5..1")',
    );
  });
});

/** A Settings key of a workflow rule (approvals, tasks, flags): what changing it changes, as its rule ID says. */
interface WorkflowCase {
  readonly key: string;
  readonly rule: string;
  readonly what: string;
  readonly value: string;
  /** The result with the Settings sheet holding `cell` for the key ("" = blank = the default). */
  readonly result: (cell: string) => unknown;
  readonly before: unknown;
  readonly after: unknown;
}

/** The due days of the tasks that approving a promotion plan creates, by rule, with Settings `key` = `cell`. */
function promotionTaskDue(key: string, cell: string): unknown {
  const settings = approvalSettings({ TIME_ZONE: SETTINGS.timeZone, [key]: cell });
  const last = approveAll(must(submit("promotion_plan", E.manager, at("2026-11-02"), { settings }).state), at("2026-11-06", "16:00")).transitions.at(-1);
  return last ? Object.fromEntries(effectsOf(last, "create-task").map((e) => [e.record.notes, e.record.due_on])) : null;
}

/** The month's sign-off signed by the GM on Fri 6 Nov 2026: each follow-up task's rule, due day and English title. */
function signOffTasks(key: string, cell: string): unknown {
  const settings = approvalSettings({ TIME_ZONE: SETTINGS.timeZone, [key]: cell });
  const sign = signOff({ month: "2026-10", rows: [{ id: "2026-10#a@x#1", grade: "A", perf_pay: 1900 }], actor: E.hr, directory: directory(), routes: ROUTES, settings, signerRole: "gm", existingIds: [], now: at("2026-11-05"), channel: "trigger" });
  const submitted = must(decide(null, sign.event, at("2026-11-05"), CONTEXT).state);
  return effectsOf(decision(submitted, "approve", E.gm, at("2026-11-06", "10:00")), "create-task").map((e) => [e.record.notes, e.record.due_on, String(e.record.title).split(" / ")[1]]);
}
/** The daily job's recurring tasks on 2026-11-04 with Settings `key` = `cell`: [ID, due]. */
function recurring(key: string, cell: string): readonly (readonly string[])[] {
  return recurringTasks("2026-11-04", CONTEXT.calendar, recurringSettings({ [key]: cell })).map((t) => [t.id, t.dueOn]);
}
const HORIZON_TITLES = (min: number, max: number): readonly string[] => [
  `Follow up this month's appraisal results with each leader in charge: comparison with similar posts, what to improve, the work plan and measures with goals for the next ${min}–${max} months, suggestions to the company (WF-24.8, SC-58)`,
  `Check whether the ${min}–${max}-month goals of this month's appraisal follow-up were reached (WF-24.8, SC-58)`,
];

const WORKFLOW_CASES: readonly WorkflowCase[] = [
  // WF-04 / AMB-46 promotion summary reports, counted from the promotion's end (Mon 14 Dec 2026)
  { key: "PROMO_REPORT_DAYS", rule: "WF-04", what: "participants:1; owner:10 moves the report tasks to 1 and 10 working days after the end", value: "participants:1; owner:10", result: (c) => promotionTaskDue("PROMO_REPORT_DAYS", c), before: { "WF-02.4": "2026-11-11", "WF-04.2": "2026-12-17", "WF-04.3": "2026-12-23" }, after: { "WF-02.4": "2026-11-11", "WF-04.2": "2026-12-15", "WF-04.3": "2026-12-28" } },
  // SC-55 / WF-27 / AMB-35 who decides the probation outcome with the direct leader
  { key: "PROBATION_CO_DECIDER_ROLE", rule: "SC-55", what: "hr names HR, not Administration, in the probation flag", value: "hr", result: (c) => probationFlag({ role: c }), before: probationText("2026-11-15", "行政部", "Administration"), after: probationText("2026-11-15", "人事部", "HR") },
  // WF-20 / WF-16.1 the daily job's recurring tasks on Wed 4 Nov 2026: their IDs (periods) and due days
  { key: "PROCESS_REVIEW_CADENCE", rule: "WF-20", what: "HALF_YEARLY makes the review the second half-year's", value: "HALF_YEARLY", result: (c) => recurring("PROCESS_REVIEW_CADENCE", c)[0], before: ["WF20-2026-Q4", "2026-12-31"], after: ["WF20-2026-H2", "2026-12-31"] },
  { key: "DEPT_MEETING_CADENCE", rule: "WF-16", what: "MONTHLY makes the meeting due on 30 Nov instead of Fri 6 Nov", value: "MONTHLY", result: (c) => recurring("DEPT_MEETING_CADENCE", c)[1], before: ["WF16-2026-W45", "2026-11-06"], after: ["WF16-2026-M11", "2026-11-30"] },
  // WF-24.8 / SC-58 appraisal follow-up
  { key: "FOLLOWUP_HORIZON", rule: "SC-58", what: "3..6 asks for 3–6-month goals and checks them 6 months after the signature", value: "3..6", result: (c) => signOffTasks("FOLLOWUP_HORIZON", c), before: [["WF-24.8", "2026-11-13", HORIZON_TITLES(6, 12)[0]], ["SC-58", "2027-11-08", HORIZON_TITLES(6, 12)[1]]], after: [["WF-24.8", "2026-11-13", HORIZON_TITLES(3, 6)[0]], ["SC-58", "2027-05-06", HORIZON_TITLES(3, 6)[1]]] },
];

describe("every Settings key of a workflow rule changes a result (issue 11 §1)", () => {
  it.each(WORKFLOW_CASES.map((c) => [`${c.key} (${c.rule}): ${c.what}`, c] as const))("%s", (_title, c) => {
    const row = sheetTemplate("settings").seedRows?.find((r) => r.values.key === c.key);
    expect(String(row?.values.rule)).toContain(c.rule);
    expect(shown(c.result(""))).toEqual(c.before);
    // The seeded value is the default: a fresh Settings sheet reads as a blank one.
    expect(shown(c.result(String(row?.values.value ?? "")))).toEqual(c.before);
    expect(shown(c.result(c.value))).toEqual(c.after);
    expect(c.after).not.toEqual(c.before);
  });
});

describe("INFO_SYS_SUBITEMS (SC-06, AMB-05): the 4-part checklist", () => {
  it("INFO_SYS_SUBITEMS (SC-06): each part is a quarter of INFO_SYS_MAX, and a count beyond 4 or a fraction says what to fix", () => {
    expect(fn.SALES_HEAD_SCORE(48, 18, 20, 4, 4, "", "", 20, "", "TRUE")).toBe(110);
    expect(shown(fn.SALES_HEAD_SCORE(48, 18, 20, 5, 4, "", "", "", "", "TRUE"))).toBe("信息系统管理达到的项数须在0到4之间 / information system parts met must be between 0 and 4");
    expect(shown(fn.SALES_HEAD_SCORE(48, 18, 20, 2.5, 4, "", "", "", "", "TRUE"))).toContain("information system parts met");
  });
});
