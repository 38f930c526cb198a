/**
 * Every custom function of the bundle called once over a whole column, the way Sheets calls a
 * vectorised formula (one call, the ranges as two-dimensional arrays of rows:
 * https://developers.google.com/apps-script/guides/sheets/functions#arguments). Google stops a
 * custom function at 30 s (https://developers.google.com/apps-script/guides/sheets/functions#optimization);
 * the project's target is under 1 s at 100,000 rows on the bench machine (issue 10 §3).
 *
 * Each function has an input generator below: plausible, varied values for each of its ranges
 * (dates spread over two years, scores with ties, grades), so the rule does its real work on every
 * row (few rows fall into an early "what to fix" message). The generators are deterministic, so two
 * runs score the same inputs. A function of the bundle with no generator here fails the bench case,
 * so a new custom function cannot slip past the target unmeasured.
 */

/** Rows of one range: `rows` rows of `width` cells. */
type Range = unknown[][];
/** The arguments of one call, given the number of rows. */
type Inputs = (rows: number, dates: DateMaker) => unknown[];
/** A spreadsheet date cell as Sheets passes it to Apps Script (a `Date`). */
type DateMaker = (epochMs: number) => Date;

const DAY = 86_400_000;
/** 1 January 2025, 00:00 in Shanghai. */
const START = Date.parse("2025-01-01T00:00:00+08:00");
const AS_OF = Date.parse("2026-11-02T00:00:00+08:00");

/** A deterministic pseudo-random integer in [0, m) for row `i` and stream `s`. */
function pick(i: number, s: number, m: number): number {
  const x = Math.imul(i + 1, 2_654_435_761) ^ Math.imul(s + 7, 40_503);
  return ((x >>> 0) % 1_000_003) % m;
}

function column(rows: number, cell: (i: number) => unknown): Range {
  return Array.from({ length: rows }, (_, i) => [cell(i)]);
}

function across(rows: number, width: number, cell: (i: number, j: number) => unknown): Range {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: width }, (_, j) => cell(i, j)));
}

const num = (rows: number, s: number, lo: number, hi: number): Range => column(rows, (i) => lo + pick(i, s, hi - lo + 1));
const frac = (rows: number, s: number, lo: number, hi: number): Range => column(rows, (i) => lo + (pick(i, s, 1000) / 1000) * (hi - lo));
const flag = (rows: number, s: number, oneIn: number): Range => column(rows, (i) => pick(i, s, oneIn) === 0);
const grade = (i: number, j: number): string => ["A", "A", "B", "B", "B", "C"][pick(i, j + 11, 6)] ?? "B";
const people = (rows: number): Range => column(rows, (i) => `person${i + 1}@bench.example`);
/** A date column: days spread over two years from 1 Jan 2025, at a time of day that varies. */
const dates = (rows: number, s: number, make: DateMaker, offsetDays = 0): Range =>
  column(rows, (i) => make(START + (pick(i, s, 670) + offsetDays) * DAY + pick(i, s + 1, 20) * 3_600_000));
const after = (base: Range, s: number, make: DateMaker, maxDays: number): Range =>
  base.map(([d], i) => [make((d as Date).getTime() + pick(i, s, maxDays + 1) * DAY)]);
const asOf = (make: DateMaker): Date => make(AS_OF);

/** The inputs of each custom function of the bundle, by name. */
export const CUSTOM_FUNCTION_INPUTS: Readonly<Record<string, Inputs>> = {
  SALES_PLAN_SCORE: (n) => [num(n, 1, 30_000, 250_000), num(n, 2, 100_000, 200_000)],
  REP_TARGET_MET: (n) => [num(n, 1, 30_000, 250_000), num(n, 2, 100_000, 200_000)],
  TEAM_ATTAINMENT_SCORE: (n) => [num(n, 1, 0, 10), num(n, 2, 10, 12)],
  EXPENSE_USAGE_SCORE: (n) => [num(n, 1, 50_000, 130_000), num(n, 2, 100_000, 110_000)],
  SALES_HEAD_SCORE: (n) => [num(n, 1, 0, 60), column(n, (i) => [0, 10, 15, 18, 20][pick(i, 2, 5)]), num(n, 3, 0, 20), num(n, 4, 0, 15), num(n, 5, 0, 5)],
  POST_WORK_POINTS: (n) => [num(n, 1, 40, 120)],
  COLLECTION_RATE: (n) => [num(n, 1, 300_000, 520_000), num(n, 2, 0, 20_000), num(n, 3, 400_000, 500_000)],
  COLLECTION_SCORE: (n) => [frac(n, 1, 0.7, 1.2)],
  NEXT_COLLECTION_PLAN: (n) => [num(n, 1, 300_000, 500_000), num(n, 2, 400_000, 500_000), num(n, 3, 300_000, 520_000), num(n, 4, 0, 20_000)],
  NEW_CUSTOMER_DEDUCTION: (n) => [num(n, 1, 0, 5), num(n, 2, 0, 5)],
  CONTRACT_DEDUCTION: (n) => {
    const kinds = column(n, (i) => ["credit_check", "communication", "clause_error", "followup_failure"][pick(i, 1, 4)]);
    const followUp = (i: number): boolean => kinds[i]?.[0] === "followup_failure";
    return [
      kinds,
      column(n, (i) => (followUp(i) && pick(i, 2, 2) === 0 ? "" : pick(i, 3, 50_000))),
      column(n, (i) => (followUp(i) ? false : pick(i, 4, 3) === 0)),
      column(n, (i) => (followUp(i) ? pick(i, 5, 4) : "")),
      column(n, (i) => (followUp(i) ? 5 + pick(i, 6, 16) : "")),
    ];
  },
  LATE_COLLECTION_DEDUCTION: (n, make) => {
    const shipped = dates(n, 1, make);
    return [shipped, after(shipped, 3, make, 60), asOf(make)];
  },
  RESEARCH_DEDUCTION: (n) => [num(n, 1, 0, 5)],
  RECORDS_DEDUCTION: (n) => [num(n, 1, 0, 3)],
  ASSIGNED_WORK_DEDUCTION: (n) => [num(n, 1, 0, 3)],
  DISCIPLINE_DEDUCTION: (n) => [across(n, 3, (i, j) => (pick(i, j, 4) === 0 ? 2 + pick(i, j + 5, 4) : ""))],
  CUSTOMER_HEAD_SCORE: (n) => [across(n, 8, (i, j) => (j === 0 ? 5 - pick(i, j, 16) : -pick(i, j, 6)))],
  WEIGHTED_SCORE: (n) => [across(n, 4, (i, j) => 60 + pick(i, j, 41)), "INFO_HEAD"],
  WORK_POINTS: (n) => [across(n, 4, (i, j) => pick(i, j, 11) / 10)],
  WORK_INDICATOR_POINTS: (n) => [people(n), num(n, 1, 40, 120), frac(n, 2, 0, 4), num(n, 3, 0, 4), num(n, 4, 0, 40)],
  BEHAVIOUR_SCORE: (n) => [across(n, 6, (i, j) => 1 + pick(i, j, 5))],
  COMPANY_POINTS: (n) => [num(n, 1, 8_000_000, 11_000_000), num(n, 2, 10_000_000, 10_000_000)],
  OBJECTIVE_SCORE: (n) => [num(n, 1, 0, 40), num(n, 2, 6, 30), num(n, 3, 0, 40)],
  APPRAISAL_GRADE: (n) => [frac(n, 1, 50, 100), flag(n, 2, 10)],
  PERFORMANCE_PAY: (n) => [frac(n, 1, 50, 100), num(n, 2, 1_000, 3_000)],
  PAY_POOL_WITHIN: (n) => [num(n, 1, 1_000, 3_000), n * 2_500],
  // The month's candidate per month (SC-48): twelve months of people, scores near the maxima so many qualify.
  BEST_EMPLOYEE_FLAG: (n) => [column(n, (i) => `2026-${String(1 + pick(i, 9, 12)).padStart(2, "0")}`), num(n, 1, 30, 40), num(n, 2, 22, 30), num(n, 3, 30, 40), column(n, (i) => grade(i, 0)), num(n, 5, 60, 100)],
  BEST_EMPLOYEE_ELIGIBLE: (n) => [num(n, 1, 20, 40), num(n, 2, 15, 30), num(n, 3, 20, 40), column(n, (i) => grade(i, 0)), flag(n, 4, 10)],
  ANNUAL_GRADE: (n) => [across(n, 12, grade), flag(n, 1, 10)],
  ANNUAL_SCORE: (n) => [across(n, 12, (i, j) => 60 + pick(i, j, 41)), num(n, 1, 50, 100), num(n, 2, 50, 100)],
  RAISE_ELIGIBLE: (n) => [across(n, 12, (i, j) => (pick(i, j, 8) === 0 ? "B" : "A"))],
  DEMOTION_FLAG: (n) => [across(n, 24, (i, j) => (pick(i, j, 3) === 0 ? "C" : grade(i, j)))],
  APPRAISAL_FLAGS: (n, make) => [
    people(n),
    flag(n, 1, 20),
    flag(n, 2, 30),
    flag(n, 3, 40),
    flag(n, 4, 15),
    flag(n, 5, 50),
    column(n, (i) => (pick(i, 6, 30) === 0 ? make(START + pick(i, 7, 670) * DAY) : "")),
    flag(n, 8, 60),
    "2026-10",
  ],
  ANNUAL_ELIGIBLE: (n, make) => [
    people(n),
    flag(n, 1, 15),
    column(n, (i) => (pick(i, 2, 30) === 0 ? make(START + pick(i, 3, 670) * DAY) : "")),
    flag(n, 4, 50),
    flag(n, 5, 60),
    2026,
  ],
  ANNUAL_REVIEW_FLAGS: (n) => [column(n, (i) => grade(i, 0)), num(n, 1, 30, 100)],
  TOP_RANK_FLAG: (n) => [frac(n, 1, 40, 100), column(n, (i) => `P${1 + pick(i, 2, 6)}`)],
  DIRECTOR_RANK_FLAG: (n) => [frac(n, 1, 40, 100), column(n, (i) => (pick(i, 2, 10) === 0 ? "" : 40 + pick(i, 3, 600) / 10))],
  BOTTOM_N_FLAG: (n) => [column(n, (i) => (pick(i, 1, 50) === 0 ? "" : 40 + pick(i, 2, 600) / 10))],
  APPEAL_IN_TIME: (n, make) => {
    const published = dates(n, 1, make);
    return [published, after(published, 2, make, 12)];
  },
  PROBATION_OK: (n) => [num(n, 1, 1, 8), flag(n, 2, 3), column(n, (i) => (pick(i, 3, 4) === 0 ? pick(i, 4, 40) : ""))],
  PLAN_SPLIT: (n) => [column(n, (i) => 100 * (1_000 + pick(i, 1, 19_000))), across(n, 4, (i, j) => 1 + pick(i, j, 4)), 100],
  FOLDERS_TIDIED_ON_TIME: (n, make) => [dates(n, 1, make)],
  TYPO_RATE_OK: (n) => [num(n, 1, 0, 6), num(n, 2, 1_000, 2_000)],
  CARD_LOSS_OK: (n) => [num(n, 1, 0, 8), num(n, 2, 100, 120)],
  WEEKLY_VISITS_MET: (n) => [num(n, 1, 4, 12), num(n, 2, 20, 40)],
  NEW_CUSTOMER_MET: (n) => [num(n, 1, 0, 3)],
  COMPETITOR_REPORTS_MET: (n) => [num(n, 1, 0, 4)],
  CUSTOMER_FILE_STALE: (n, make) => [dates(n, 1, make), asOf(make)],
  // n customers; their orders and activities are n rows too (one table each), spread over the customers.
  CUSTOMER_CLASS: (n, make) => [
    column(n, (i) => `C-${i + 1}`),
    column(n, (i) => (pick(i, 1, 4) === 0 ? "" : make(START + pick(i, 2, 600) * DAY))),
    column(n, (i) => (pick(i, 3, 3) === 0 ? "" : pick(i, 4, 100) / 100)),
    column(n, (i) => `C-${1 + pick(i, 5, Math.max(1, Math.floor(n / 4)))}`),
    dates(n, 6, make),
    asOf(make),
  ],
  CUSTOMER_LAST_ACTIVITY: (n, make) => [
    column(n, (i) => `C-${i + 1}`),
    column(n, (i) => `C-${1 + pick(i, 1, n)}`),
    dates(n, 2, make),
    column(n, (i) => ["onsite", "phone", "return_visit", "competitor_report", "file_update"][pick(i, 3, 5)]),
    "onsite, phone, return_visit",
    dates(n, 4, make),
  ],
  CUSTOMER_VISIT_DUE: (n, make) => [column(n, (i) => ["loyal", "close", "loose", "potential"][pick(i, 1, 4)]), dates(n, 2, make), asOf(make)],
  SAME_DAY_ENTRY: (n, make) => {
    const signed = dates(n, 1, make);
    return [signed, after(signed, 2, make, 2)];
  },
  BOOKING_SENT_ON_TIME: (n, make) => {
    const sent = dates(n, 1, make);
    return [sent, after(sent, 2, make, 8)];
  },
  NO_GUEST_COMPLAINTS: (n) => [num(n, 1, 0, 2)],
  SUMMARIES_COMPLETE: (n) => [people(n), across(n, 4, (i, j) => pick(i, j, 12) !== 0), flag(n, 5, 1)],
  BOARDS_BACK_ON_TIME: (n, make) => {
    const ended = dates(n, 1, make);
    return [ended, after(ended, 2, make, 3)];
  },
};

/** Functions that are not rules over rows: called with their own small arguments. */
export const SCALAR_ONLY: ReadonlySet<string> = new Set(["SCORING_SETTING"]);

/** One custom function called once over a whole column. */
export interface CustomFunctionTiming {
  readonly name: string;
  readonly rows: number;
  /** Wall time of the one call as an execution of the bundle (arguments copied in, result copied out), the fastest of the runs. */
  readonly ms: number | null;
  readonly runs: number;
  /** Rows of the result (a vectorised function returns one per input row, up to the last one shown). */
  readonly resultRows: number | null;
  readonly error?: string;
}

/** Runs per function; the fastest is reported (the least disturbed by other load on the machine). */
const RUNS = 2;
/** The target of issue 10 §3 for every custom function at 100,000 rows on the bench machine. */
export const TARGET_MS = 1_000;

/**
 * Calls every custom function of dist/Code.js (the bundle's ALL-CAPS top-level functions, as
 * Sheets lists them) over `rows` rows, each as one execution on a new local host.
 */
export async function measureCustomFunctions(rows: number): Promise<CustomFunctionTiming[]> {
  const { freshHost } = await import("./workload");
  const host = await freshHost();
  const names = host.functionNames().filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n) && !SCALAR_ONLY.has(n)).sort();
  const out: CustomFunctionTiming[] = [];
  try {
    for (const name of names) {
      const inputs = CUSTOM_FUNCTION_INPUTS[name];
      if (!inputs) {
        out.push({ name, rows, ms: null, runs: 0, resultRows: null, error: "no input generator in bench/custom-functions.ts" });
        continue;
      }
      const args = inputs(rows, (ms) => new Date(ms));
      const times: number[] = [];
      let resultRows: number | null = null;
      try {
        for (let run = 0; run < RUNS; run++) {
          const start = performance.now();
          const { value } = await host.run(name, args);
          times.push(performance.now() - start);
          resultRows = Array.isArray(value) ? value.length : 1;
        }
        out.push({ name, rows, ms: Math.min(...times), runs: times.length, resultRows });
      } catch (e: unknown) {
        out.push({ name, rows, ms: null, runs: times.length, resultRows, error: e instanceof Error ? e.message.split("\n")[0] ?? e.name : String(e) });
      }
    }
  } finally {
    host.close();
  }
  return out;
}

/** The RESULTS.md section and the console headline for the custom functions. */
export function customFunctionSection(timings: readonly CustomFunctionTiming[]): { markdown: string; headline: string } {
  const rows = timings[0]?.rows ?? 0;
  const n = rows.toLocaleString("en-US");
  const measured = timings.filter((t) => t.ms !== null);
  const over = measured.filter((t) => (t.ms ?? 0) >= TARGET_MS);
  const slowest = [...measured].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0))[0];
  const lines = [
    `## Custom functions at ${n} rows`,
    "",
    `Each custom function of dist/Code.js called once over ${n} rows, as Sheets calls a vectorised column formula (one call, the ranges as arrays), as one execution of the bundle on the local host (arguments copied into the script's realm and the result copied out, like Sheets' round trip). The fastest of ${RUNS} runs. Target (issue 10 §3): under ${TARGET_MS.toLocaleString("en-US")} ms each on this machine; Google stops a custom function at 30 s (https://developers.google.com/apps-script/guides/sheets/functions). A wall time, reported and never enforced: it depends on the machine's load (see the load average above).`,
    "",
    "| function | ms (fastest) | result rows | within target |",
    "|---|---|---|---|",
    ...timings.map((t) => `| ${t.name} | ${t.ms === null ? `— (${t.error ?? "not measured"})` : Math.round(t.ms).toLocaleString("en-US")} | ${t.resultRows === null ? "—" : t.resultRows.toLocaleString("en-US")} | ${t.ms === null ? "—" : t.ms < TARGET_MS ? "yes" : "NO"} |`),
    "",
  ];
  const headline = `Custom functions at ${n} rows: ${measured.length} of ${timings.length} measured, ${measured.length - over.length} under ${TARGET_MS.toLocaleString("en-US")} ms${slowest ? `; slowest ${slowest.name} ${Math.round(slowest.ms ?? 0).toLocaleString("en-US")} ms` : ""}${over.length > 0 ? `; over the target: ${over.map((t) => t.name).join(", ")}` : ""}.`;
  return { markdown: lines.join("\n"), headline };
}
