/**
 * The annual appraisal's close (年度考核, spec WF-25, SC-40..SC-53): from the **twelve monthly
 * snapshots** of the year (the Monthly results sheet: the latest revision of each person-month,
 * counted only once signed or published, SC-57) and the annual appraisal form's inputs (peer and
 * superior ratings, demerits), each person's year, computed with the scoring rules the annual
 * appraisal sheet's formulas call — ANNUAL_ELIGIBLE (SC-44), ANNUAL_GRADE (SC-40/41/43),
 * ANNUAL_SCORE (SC-45, AMB-27), RAISE_ELIGIBLE (SC-46), DEMOTION_FLAG (SC-47), TOP_RANK_FLAG
 * (SC-50), ANNUAL_REVIEW_FLAGS (SC-42/51), DIRECTOR_RANK_FLAG (SC-52), BOTTOM_N_FLAG (SC-53) — so
 * the frozen snapshot is what the sheet shows (a bundle test compares them cell by cell). Nothing
 * here re-implements a rule; this module only selects the inputs and puts every triggered flag on
 * one line with its rule ID and reason (AMB-65: show every flag, a person decides).
 *
 * The annual best-employee candidates (年度优秀员工, SC-49, WF-28) have no method in the seed
 * ("评选办法另定"); the reading here, flagged as such on the row: among the eligible with an annual A,
 * the top annual score of HQ (本部) and of each branch (分公司, by region). A person selects.
 */
import type { Bilingual, Language } from "../i18n";
import { both, format } from "../i18n";
import { annualEligible } from "../scoring/annual-eligible";
import { annualGrade, MONTH_POINTS } from "../scoring/annual-grade";
import { annualReviewFlags } from "../scoring/annual-review-flags";
import { annualScoreRow } from "../scoring/annual-score";
import type { AnnualWeights } from "../scoring/annual-score";
import { bottomNFlags } from "../scoring/bottom-n-flag";
import type { Grade } from "../scoring/cells";
import { demoteMonths, demotionFlag } from "../scoring/demotion-flag";
import { directorRankFlags } from "../scoring/director-rank-flag";
import { parameterDefault, readParameter, settingText } from "../scoring/parameters";
import type { Pairs, ParameterKey, ParameterValue } from "../scoring/parameters";
import { raiseEligible } from "../scoring/raise-eligible";
import type { RaiseRule } from "../scoring/raise-eligible";
import { positionsFromTop, positionsFromTopWithin } from "../scoring/ranked-scores";
import { isScoreError } from "../scoring/score-error";
import { topRankFlags } from "../scoring/top-rank-flag";

/** A person as People gives them. */
export interface AnnualPerson {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly region: string;
  /** `hq` or `branch`. */
  readonly orgUnit: string;
  readonly postLevel: string;
  readonly status: string;
  /** Serial day of reinstatement, or null. */
  readonly reinstatedDay: number | null;
  readonly language: Language | null;
  readonly active: boolean;
}

/** A Monthly results row (the monthly close's snapshot). */
export interface MonthlySnapshot {
  readonly id: string;
  /** `YYYY-MM`. */
  readonly month: string;
  readonly employeeEmail: string;
  readonly revision: number;
  readonly state: string;
  readonly grade: string;
  readonly finalScore: number | null;
  readonly flags: string;
}

/** An annual appraisal row's typed inputs (and, for last year, its computed annual score). */
export interface AnnualFormRow {
  readonly year: number;
  readonly employeeEmail: string;
  readonly peerScore: number | null;
  readonly superiorScore: number | null;
  readonly demeritThisYear: boolean;
  readonly annualScore: number | null;
}

export interface AnnualRules {
  readonly prorate: boolean;
  readonly weights: AnnualWeights;
  readonly raiseRule: RaiseRule;
  readonly cumulativeWindowMonths: number;
  readonly dismissAtOrBelow: number;
  readonly bottomN: number;
  /** SC-41 `ANNUAL_GRADE_BANDS`. */
  readonly annualGradeBands: Pairs;
  /** SC-47 `DEMOTE_RULE`. */
  readonly demoteRule: Pairs;
  /** SC-52 `DIRECTOR_LAST_RULE`. */
  readonly directorLastRule: Pairs;
  /** SC-49 `ANNUAL_BEST_EMPLOYEE_REWARD` (yuan), shown with the candidate; null = not set. */
  readonly bestEmployeeReward: number | null;
}

/** The settings the annual rules read, by Settings key, as `readParameter` reads them. */
export const ANNUAL_RULE_KEYS = [
  "ANNUAL_PRORATE",
  "ANNUAL_HISTORY_WEIGHT",
  "ANNUAL_PEER_WEIGHT",
  "ANNUAL_SUPERVISOR_WEIGHT",
  "RAISE_RULE",
  "C_CUMULATIVE_WINDOW_MONTHS",
  "ANNUAL_DISMISS_BELOW",
  "BOTTOM_N",
  "ANNUAL_GRADE_BANDS",
  "DEMOTE_RULE",
  "DIRECTOR_LAST_RULE",
  "ANNUAL_BEST_EMPLOYEE_REWARD",
] as const satisfies readonly ParameterKey[];

/**
 * The annual rules' settings from Settings values by key; a value a rule cannot read is a problem
 * naming the key (the close then stops: a frozen year must not use a reading nobody chose).
 */
export function annualRules(values: Readonly<Record<string, unknown>>): { readonly rules: AnnualRules; readonly problems: readonly Bilingual[] } {
  const problems: Bilingual[] = [];
  const read = <K extends ParameterKey>(key: K): ParameterValue<K> => {
    const v = readParameter(values[key], key);
    if (isScoreError(v)) {
      problems.push({ zh: `设置 ${key}:${v.text.zh}`, en: `Settings ${key}: ${v.text.en}` });
      return parameterDefault(key);
    }
    return v;
  };
  const rules: AnnualRules = {
    prorate: read("ANNUAL_PRORATE"),
    weights: { history: read("ANNUAL_HISTORY_WEIGHT"), peers: read("ANNUAL_PEER_WEIGHT"), supervisor: read("ANNUAL_SUPERVISOR_WEIGHT") },
    raiseRule: read("RAISE_RULE"),
    cumulativeWindowMonths: read("C_CUMULATIVE_WINDOW_MONTHS"),
    dismissAtOrBelow: read("ANNUAL_DISMISS_BELOW"),
    bottomN: read("BOTTOM_N"),
    annualGradeBands: read("ANNUAL_GRADE_BANDS"),
    demoteRule: read("DEMOTE_RULE"),
    directorLastRule: read("DIRECTOR_LAST_RULE"),
    bestEmployeeReward: read("ANNUAL_BEST_EMPLOYEE_REWARD"),
  };
  return { rules, problems };
}

/** The readings in force, one per line, as the snapshot records them. */
export function readingsText(rules: AnnualRules): string {
  return [
    `ANNUAL_PRORATE=${rules.prorate ? "TRUE" : "FALSE"}`,
    `ANNUAL_HISTORY_WEIGHT=${rules.weights.history}; ANNUAL_PEER_WEIGHT=${rules.weights.peers}; ANNUAL_SUPERVISOR_WEIGHT=${rules.weights.supervisor}`,
    `RAISE_RULE=${rules.raiseRule}`,
    `C_CUMULATIVE_WINDOW_MONTHS=${rules.cumulativeWindowMonths}`,
    `ANNUAL_DISMISS_BELOW=${rules.dismissAtOrBelow}`,
    `BOTTOM_N=${rules.bottomN}`,
    `ANNUAL_GRADE_BANDS=${settingText(rules.annualGradeBands)}`,
    `DEMOTE_RULE=${settingText(rules.demoteRule)}`,
    `DIRECTOR_LAST_RULE=${settingText(rules.directorLastRule)}`,
  ].join("\n");
}

const VALID_STATES = new Set(["signed", "published"]);

const lower = (email: string): string => email.trim().toLowerCase();

/**
 * The snapshots that count: signed or published (SC-57: an unsigned appraisal is invalid), and the
 * person-month's latest revision (no row with the next revision number exists) — what the Monthly
 * results sheet's `result_key` formula marks.
 */
export function countedSnapshots(rows: readonly MonthlySnapshot[]): MonthlySnapshot[] {
  const ids = new Set(rows.map((r) => r.id.trim().toLowerCase()));
  return rows.filter((r) => VALID_STATES.has(r.state) && r.employeeEmail !== "" && !ids.has(`${r.month}#${r.employeeEmail}#${r.revision + 1}`.toLowerCase()));
}

/** One person's year, as frozen. */
export interface AnnualResult {
  readonly year: number;
  readonly employeeEmail: string;
  readonly employeeName: string;
  readonly orgUnit: string;
  readonly region: string;
  readonly postLevel: string;
  readonly eligible: boolean;
  /** Why not eligible (SC-44), in both languages; "" when eligible. */
  readonly eligibility: string;
  /** Months 1..12: the counted grade, or null. */
  readonly months: readonly (Grade | null)[];
  readonly monthsAppraised: number;
  readonly pointsSum: number;
  readonly annualGrade: Grade | null;
  readonly historyAverage: number | null;
  readonly peerScore: number | null;
  readonly superiorScore: number | null;
  readonly annualScore: number | null;
  readonly rankLevel: number | null;
  readonly rankCompany: number | null;
  readonly topInLevel: boolean;
  readonly bottomN: boolean;
  readonly directorFlag: boolean;
  readonly raiseEligible: boolean;
  readonly demotionFlag: boolean;
  /** Every triggered flag, rule ID first, in both languages. */
  readonly flags: readonly Bilingual[];
  /** SC-49 candidacy text, or null. */
  readonly bestEmployee: Bilingual | null;
}

export const M = {
  probation: { zh: "SC-44 试用人员不参加年度考核", en: "SC-44 probationers are not in the annual appraisal" },
  unpaid: { zh: "SC-44 停薪留职者不参加年度考核", en: "SC-44 people on unpaid leave are not in the annual appraisal" },
  reinstated: { zh: "SC-44 复职未满3个月(以12月31日为准)", en: "SC-44 reinstated less than 3 months before 31 December" },
  demerit: { zh: "SC-44 本年受记过以上处分", en: "SC-44 a demerit or heavier sanction this year" },
  raise: { zh: "SC-46 本年月度等级符合加薪条件({rule}):可申请加薪", en: "SC-46 this year's monthly grades meet the raise rule ({rule}): may apply for a raise" },
  demotion: { zh: "SC-47 连续{consecutive}个月或累计{cumulative}个月C:降职、降薪或解聘(由人决定)", en: "SC-47 {consecutiveEn} C in a row or {cumulativeEn} in total: demotion, pay cut or dismissal (a person decides)" },
  top: { zh: "SC-50 同级别({level})年度得分第一:可申请加薪", en: "SC-50 top annual score of post level {level}: may apply for a raise" },
  director: { zh: "SC-52 总监/副总监年度得分{last}末位,或{secondLast}倒数第二:降职或解聘(由人决定)", en: "SC-52 director with the last annual score{lastEn}, or second-to-last{secondLastEn}: demotion or dismissal (a person decides)" },
  reward: { zh: "(一次性奖励 {amount} 元)", en: " (one-time award {amount} yuan)" },
  bottom: { zh: "SC-53 全公司普通员工年度得分末{n}名:解雇(由人决定)", en: "SC-53 among the bottom {n} ordinary employees company-wide: dismissal (a person decides)" },
  noScore: { zh: "SC-45 无法计算年度得分:{why}", en: "SC-45 no annual score: {why}" },
  bestHq: { zh: "SC-49 本部年度优秀员工候选(年度A中年度得分最高;由人评定)", en: "SC-49 HQ best-employee candidate (top annual score among annual A; a person selects)" },
  bestBranch: { zh: "SC-49 分公司 {region} 年度优秀员工候选(年度A中年度得分最高;由人评定)", en: "SC-49 branch {region} best-employee candidate (top annual score among annual A; a person selects)" },
} as const;

function ineligibility(person: AnnualPerson | undefined, demerit: boolean, year: number): Bilingual[] {
  const reasons: Bilingual[] = [];
  if (person?.status === "probation") reasons.push(M.probation);
  if (person?.status === "unpaid_leave") reasons.push(M.unpaid);
  if (person && !annualEligible({ probationer: false, reinstatedDay: person.reinstatedDay, unpaidLeave: false, demeritThisYear: false, year })) reasons.push(M.reinstated);
  if (demerit) reasons.push(M.demerit);
  return reasons;
}

export interface AnnualCloseInput {
  readonly year: number;
  readonly people: readonly AnnualPerson[];
  readonly snapshots: readonly MonthlySnapshot[];
  /** The annual appraisal sheet's rows (any year: last year's scores feed SC-52). */
  readonly forms: readonly AnnualFormRow[];
  readonly rules: AnnualRules;
}

/**
 * Who is appraised for `year`: everyone with a counted snapshot in the year, and everyone who
 * already has a row of that year on the annual appraisal form; in People order, then the rest.
 */
export function appraisedFor(input: Pick<AnnualCloseInput, "year" | "people" | "snapshots" | "forms">): string[] {
  const prefix = `${input.year}-`;
  const wanted = new Set<string>();
  for (const s of countedSnapshots(input.snapshots)) if (s.month.startsWith(prefix)) wanted.add(lower(s.employeeEmail));
  for (const f of input.forms) if (f.year === input.year && f.employeeEmail !== "") wanted.add(lower(f.employeeEmail));
  const ordered = input.people.map((p) => lower(p.email)).filter((e) => wanted.has(e));
  return [...ordered, ...[...wanted].filter((e) => !ordered.includes(e)).sort()];
}

/** Each appraised person's year, ranked and flagged. */
export function closeAnnual(input: AnnualCloseInput): AnnualResult[] {
  const { year, rules } = input;
  const people = new Map(input.people.map((p) => [lower(p.email), p]));
  const counted = countedSnapshots(input.snapshots).filter((s) => s.month.startsWith(`${year}-`));
  const formOf = new Map(input.forms.filter((f) => f.year === year).map((f) => [lower(f.employeeEmail), f]));
  const lastYear = new Map(input.forms.filter((f) => f.year === year - 1).map((f) => [lower(f.employeeEmail), f.annualScore]));

  const base = appraisedFor(input).map((email) => {
    const person = people.get(email);
    const form = formOf.get(email);
    const mine = counted.filter((s) => lower(s.employeeEmail) === email);
    const months: (Grade | null)[] = Array.from({ length: 12 }, () => null);
    let scoreSum = 0;
    let scored = 0;
    let excluded = false;
    for (const s of mine) {
      const m = Number(s.month.slice(5, 7));
      const g = s.grade.trim().toUpperCase();
      if (m >= 1 && m <= 12 && (g === "A" || g === "B" || g === "C")) months[m - 1] = g;
      if (s.finalScore !== null) scoreSum += s.finalScore;
      scored += 1;
      if (s.flags.includes("SC-43")) excluded = true;
    }
    const grades = months.filter((g): g is Grade => g !== null);
    const demerit = form?.demeritThisYear ?? false;
    const eligible = annualEligible({
      probationer: person?.status === "probation",
      reinstatedDay: person?.reinstatedDay ?? null,
      unpaidLeave: person?.status === "unpaid_leave",
      demeritThisYear: demerit,
      year,
    });
    // SC-41 grade (SC-43 caps it at B); SC-45 score from the average monthly final score (AMB-27).
    const gradeRead = eligible && grades.length > 0 ? annualGrade(grades, excluded, rules.prorate, rules.annualGradeBands) : null;
    const historyAverage = scored > 0 ? scoreSum / scored : null;
    const peer = form?.peerScore ?? null;
    const superior = form?.superiorScore ?? null;
    const flags: Bilingual[] = [];
    let score: number | null = null;
    if (eligible && historyAverage !== null) {
      // The cell reading of ANNUAL_SCORE, so a blank rating reads exactly as the sheet shows it.
      const w = rules.weights;
      const s = annualScoreRow([[historyAverage], [peer ?? ""], [superior ?? ""]], [w.history, w.peers, w.supervisor]);
      if (isScoreError(s)) flags.push({ zh: format(M.noScore, { why: s.text.zh }).zh, en: format(M.noScore, { why: s.text.en }).en });
      else score = s;
    }
    return {
      email,
      person,
      months,
      grades,
      scored,
      eligible,
      grade: gradeRead !== null && !isScoreError(gradeRead) ? gradeRead : null,
      historyAverage,
      peer,
      superior,
      score,
      flags,
      eligibility: eligible ? "" : ineligibility(person, demerit, year).map(both).join("\n"),
    };
  });

  // Rankings over the eligible with a score (AMB-66): company-wide, within post level (SC-50, AMB-31).
  const scores = base.map((b) => b.score);
  const levels = base.map((b) => `${year}#${b.person?.postLevel ?? ""}`);
  const companyRanks = positionsFromTop(scores);
  const levelRanks = positionsFromTopWithin(scores, levels);
  const top = topRankFlags(scores, levels);
  const bottom = bottomNFlags(base.map((b) => (b.person?.postLevel === "staff" ? b.score : null)), rules.bottomN);
  const directors = base.map((b) => (b.person?.postLevel === "director" ? b.score : null));
  const director = directorRankFlags(
    directors,
    base.map((b, i) => (directors[i] === null ? null : (lastYear.get(b.email) ?? null))),
    rules.directorLastRule,
  );

  const results: AnnualResult[] = base.map((b, i) => {
    const score = b.score;
    const level = b.person?.postLevel ?? "";
    const rankCompany = companyRanks[i] ?? null;
    const raise = raiseEligible(b.months, rules.raiseRule);
    const demote = demotionFlag(b.months, rules.cumulativeWindowMonths, rules.demoteRule);
    const flags: Bilingual[] = [...annualReviewFlags(b.grade, score, rules.dismissAtOrBelow), ...b.flags];
    if (raise) flags.push(format(M.raise, { rule: rules.raiseRule }));
    if (demote) flags.push(demotionText(rules.demoteRule));
    if (top[i] === true) flags.push(format(M.top, { level: level || "-" }));
    if (director[i] === true) flags.push(directorText(rules.directorLastRule));
    if (bottom[i] === true) flags.push(format(M.bottom, { n: rules.bottomN }));
    return {
      year,
      employeeEmail: b.person?.email ?? b.email,
      employeeName: b.person?.name ?? "",
      orgUnit: b.person?.orgUnit ?? "",
      region: b.person?.region ?? "",
      postLevel: level,
      eligible: b.eligible,
      eligibility: b.eligibility,
      months: b.months,
      monthsAppraised: b.scored,
      pointsSum: b.grades.reduce((t, g) => t + MONTH_POINTS[g], 0),
      annualGrade: b.grade,
      historyAverage: b.historyAverage,
      peerScore: b.peer,
      superiorScore: b.superior,
      annualScore: score,
      rankLevel: levelRanks[i] ?? null,
      rankCompany,
      topInLevel: top[i] === true,
      bottomN: bottom[i] === true,
      directorFlag: director[i] === true,
      raiseEligible: raise,
      demotionFlag: demote,
      flags: sortFlags(flags),
      bestEmployee: null,
    };
  });
  return withBestEmployees(results, rules.bestEmployeeReward);
}

/** 5000 → "5,000" (no locale APIs in the core). */
function groupedThousands(n: number): string {
  const [whole = "0", fraction] = String(n).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
const inWords = (n: number): string => NUMBER_WORDS[n] ?? String(n);

/** SC-47 with the months of DEMOTE_RULE. */
function demotionText(rule: Pairs): Bilingual {
  const { consecutive, cumulative } = demoteMonths(rule);
  return format(M.demotion, { consecutive, cumulative, consecutiveEn: inWords(consecutive), cumulativeEn: inWords(cumulative) });
}

/** SC-52 with the years of DIRECTOR_LAST_RULE (1 = this year, 2 = two years running). */
function directorText(rule: Pairs): Bilingual {
  const years = (place: string, fallback: number): number => rule.find(([n]) => n === place)?.[1] ?? fallback;
  const last = years("last", 1);
  const secondLast = years("second_last", 2);
  return format(M.director, {
    last: last >= 2 ? "连续两年" : "",
    secondLast: secondLast >= 2 ? "连续两年" : "",
    lastEn: last >= 2 ? " two years running" : "",
    secondLastEn: secondLast >= 2 ? " two years running" : "",
  });
}

/** Flags in rule-ID order (SC-42 before SC-46 …), so a row reads the same on every run. */
function sortFlags(flags: readonly Bilingual[]): Bilingual[] {
  const id = (f: Bilingual): number => Number(/^SC-(\d+)/.exec(f.en)?.[1] ?? 999);
  return [...flags].sort((a, b) => id(a) - id(b));
}

/** SC-49: per HQ and per branch (by region), the top annual score among the eligible with an annual A. */
function withBestEmployees(results: readonly AnnualResult[], reward: number | null): AnnualResult[] {
  const unitOf = (r: AnnualResult): string => (r.orgUnit === "branch" ? `branch#${r.region}` : "hq");
  const best = new Map<string, number>();
  for (const r of results) {
    if (!r.eligible || r.annualGrade !== "A" || r.annualScore === null) continue;
    const unit = unitOf(r);
    best.set(unit, Math.max(best.get(unit) ?? -Infinity, r.annualScore));
  }
  return results.map((r) => {
    if (!r.eligible || r.annualGrade !== "A" || r.annualScore === null || best.get(unitOf(r)) !== r.annualScore) return r;
    const candidate = r.orgUnit === "branch" ? format(M.bestBranch, { region: r.region || "-" }) : M.bestHq;
    // ANNUAL_BEST_EMPLOYEE_REWARD: the award is shown with the candidate (a person decides who gets it).
    const award = reward === null ? null : format(M.reward, { amount: groupedThousands(reward) });
    return { ...r, bestEmployee: award === null ? candidate : { zh: candidate.zh + award.zh, en: candidate.en + award.en } };
  });
}

/** The twelve grades as the snapshot shows them: `A,B,-,…`. */
export function monthsText(months: readonly (Grade | null)[]): string {
  return months.map((g) => g ?? "-").join(",");
}

/** The flags, one per line, both languages. */
export function flagsText(flags: readonly Bilingual[]): string {
  return flags.map(both).join("\n");
}

/**
 * A digest of what a person's frozen year says, to tell a re-run with unchanged inputs (nothing to
 * do) from one where an input changed (a new revision).
 */
export function resultDigest(r: AnnualResult): string {
  return JSON.stringify([r.eligible, monthsText(r.months), r.annualGrade, r.historyAverage === null ? null : Math.round(r.historyAverage * 1e6) / 1e6, r.peerScore, r.superiorScore, r.annualScore, r.rankLevel, r.rankCompany, flagsText(r.flags), r.bestEmployee ? both(r.bestEmployee) : ""]);
}
