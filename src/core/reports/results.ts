/**
 * Appraisal results as a report reads them from the Monthly results history (written by the close,
 * sheets-templates/sheets/monthly_results.json): for each person and month only the latest revision
 * counts (a re-close writes a new revision row, WF-24); a month not yet signed by the signer has no
 * valid grade or pay (SC-57 「须经老总签字,否则无效」), so both show as pending. Also the grade
 * distribution (SC-36), who moved between grades since the month before, and every flag with its
 * rule ID and reason, all of them shown (AMB-65: overlapping consequences; a person decides).
 */
import type { TableRecord } from "../templates/table";
import { addMonths } from "./months";
import { emailKey, numberOf, text } from "./inputs";

export type ResultState = "closed" | "signed" | "published" | "stale" | "superseded";

export interface PersonResult {
  readonly month: string;
  readonly email: string;
  readonly name: string;
  readonly region: string | null;
  readonly post: string;
  readonly revision: number;
  readonly state: ResultState;
  readonly finalScore: number | null;
  /** Null while pending (SC-57). */
  readonly grade: string | null;
  /** Null while pending (SC-57). */
  readonly perfPay: number | null;
  readonly flags: readonly ResultFlag[];
}

export interface ResultFlag {
  /** The rule that raised it, e.g. SC-47; blank when the line names none. */
  readonly rule: string;
  readonly reason: string;
}

/** Whether a result is valid: signed (or published, which follows signing). SC-57. */
export function isSigned(state: ResultState): boolean {
  return state === "signed" || state === "published";
}

const STATES: ReadonlySet<string> = new Set(["closed", "signed", "published", "stale", "superseded"]);

/** `SC-47: 连续6个月C` → { rule: "SC-47", reason: "连续6个月C" }: one flag per line (template note). */
export function parseFlags(cell: unknown): ResultFlag[] {
  return text(cell)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const m = /^([A-Z]{2,4}-\d+(?:\.\d+)?)\s*[:：\-–]?\s*(.*)$/.exec(line);
      return m ? { rule: m[1] ?? "", reason: (m[2] ?? "").trim() } : { rule: "", reason: line };
    });
}

/**
 * The latest revision of each person's month, by `month#email`. Superseded rows never win; among
 * the rest the highest revision does.
 */
export function latestResults(rows: readonly TableRecord[]): Map<string, PersonResult> {
  const out = new Map<string, PersonResult>();
  for (const r of rows) {
    const month = text(r.month);
    const email = text(r.employee_email);
    const stateText = text(r.state).toLowerCase();
    if (month === "" || email === "" || !STATES.has(stateText) || stateText === "superseded") continue;
    const state = stateText as ResultState;
    const revision = numberOf(r.revision) ?? 1;
    const key = `${month}#${emailKey(email)}`;
    const known = out.get(key);
    if (known && known.revision >= revision) continue;
    const signed = isSigned(state);
    out.set(key, {
      month,
      email,
      name: text(r.employee_name) || email,
      region: text(r.region) === "" ? null : text(r.region).toUpperCase(),
      post: text(r.post),
      revision,
      state,
      finalScore: numberOf(r.final_score),
      grade: signed && text(r.grade) !== "" ? text(r.grade) : null,
      perfPay: signed ? numberOf(r.perf_pay) : null,
      flags: parseFlags(r.flags),
    });
  }
  return out;
}

/** The results of one month, in sheet order of people (by name). */
export function monthResults(latest: ReadonlyMap<string, PersonResult>, month: string): PersonResult[] {
  return [...latest.values()].filter((r) => r.month === month).sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
}

export interface GradeCount {
  /** A, B, C … or null for pending (SC-57). */
  readonly grade: string | null;
  readonly count: number;
}

/** How many people got each grade (SC-36), pending ones counted apart; grades in A, B, C order. */
export function gradeDistribution(results: readonly PersonResult[]): GradeCount[] {
  const counts = new Map<string | null, number>();
  for (const r of results) counts.set(r.grade, (counts.get(r.grade) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([grade, count]) => ({ grade, count }));
}

export interface GradeMove {
  readonly email: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

/** Who moved between grades since the month before; both months must be signed (SC-57). */
export function gradeMoves(latest: ReadonlyMap<string, PersonResult>, results: readonly PersonResult[]): GradeMove[] {
  const moves: GradeMove[] = [];
  for (const r of results) {
    const before = latest.get(`${addMonths(r.month, -1)}#${emailKey(r.email)}`);
    if (r.grade !== null && before?.grade && before.grade !== r.grade) moves.push({ email: r.email, name: r.name, from: before.grade, to: r.grade });
  }
  return moves;
}

/** The latest month that is published for anyone: what `sendMonthlyReports()` reports with no argument (RP-28: after publication). */
export function latestPublishedMonth(latest: ReadonlyMap<string, PersonResult>): string | null {
  let best: string | null = null;
  for (const r of latest.values()) if (r.state === "published" && (best === null || r.month > best)) best = r.month;
  return best;
}
