/**
 * The Node host at headquarters (issue 12): `npm run branches -- close-month` over 1, 10 and 50
 * branch workbooks through the real `googleapis` client, against the loopback Sheets v4 / Gmail v1
 * server of the tests (tests/node/fake-google.ts), each branch a small installed department
 * (tests/node/branch-fixture.ts). Reported: API requests per branch by kind, time per branch and
 * for all, and peak RSS, each size in a child process of its own (`tsx bench/branches.ts
 * --branches N`), so its peak RSS is its own.
 *
 * The measured time has the per-minute budget lifted: it is what the job computes. On Google the
 * Sheets API allows 60 read and 60 write requests per minute per user
 * (https://developers.google.com/sheets/api/limits), which the job keeps under (src/node/quota.ts),
 * so a month's close is also bounded by its requests: the quota-bound minutes are reported beside
 * the measured time. The fake server evaluates the branch's formulas in this process, work Google
 * does on its servers, so the measured time is an upper bound of the job's own.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Workbook } from "../src/local/spreadsheet/workbook";
import { runBranchesCli } from "../src/node/commands";
import type { CloseMonthOutcome } from "../src/node/commands";
import { BRANCH_MONTH, BRANCH_OWNER, branchId, branchWorkbook, enrolment, makeBranchTemplate } from "../tests/node/branch-fixture";
import { FakeGoogle } from "../tests/node/fake-google";
import { DEMO_NOW } from "../tests/bundle/helpers";
import { removeScratchDirs, scratchDir } from "./workload";

/** The branch counts measured; the last is the issue's 50. */
export const BRANCH_COUNTS = [1, 10, 50] as const;
/** Sales reps per branch besides the president, GM, Director and HR (as in tests/node/branches.test.ts). */
const REPS = 4;
/** The Sheets API's per-user limits the job keeps under, requests per minute: https://developers.google.com/sheets/api/limits */
const SHEETS_PER_MINUTE = 60;
const MARK = "BENCH-BRANCHES ";

export interface BranchesTiming {
  readonly branches: number;
  readonly ms: number;
  readonly reads: number;
  readonly writes: number;
  readonly gmail: number;
  readonly retries: number;
  readonly emails: number;
  readonly peakRssBytes: number;
  readonly error?: string;
  readonly skipped?: string;
}

/** One size, in this process: the close of `n` branches and the HQ workbook and report. */
async function runSize(n: number): Promise<BranchesTiming> {
  const dir = scratchDir();
  const template = await makeBranchTemplate(dir, REPS);
  const fake = new FakeGoogle();
  const rootUrl = await fake.start();
  try {
    for (let i = 1; i <= n; i++) fake.addSpreadsheet(branchWorkbook(template, i), enrolment(template));
    fake.addSpreadsheet(new Workbook({ id: "hq", name: "总部 HQ", timeZone: "Asia/Shanghai" }));
    const list = ["id,name,region", ...Array.from({ length: n }, (_, i) => `${branchId(i + 1)},分店 Branch ${i + 1},华东 East`)].join("\n");
    writeFileSync(join(dir, "branches.csv"), `${list}\n`);
    let outcome: CloseMonthOutcome | undefined;
    const errors: string[] = [];
    const started = performance.now();
    const code = await runBranchesCli(
      ["close-month", "--spreadsheets", join(dir, "branches.csv"), "--month", BRANCH_MONTH, "--as", BRANCH_OWNER, "--now", new Date(DEMO_NOW).toISOString(), "--hq", "hq", "--hq-to", "ceo@marketops.example", "--root-url", rootUrl],
      { out: () => undefined, err: (l) => errors.push(l) },
      { budget: { perMinute: { "sheets-read": 1e9, "sheets-write": 1e9, gmail: 1e9 } }, onCloseMonth: (o) => (outcome = o) },
    );
    const ms = performance.now() - started;
    const counts = outcome?.budget.counts;
    return {
      branches: n,
      ms,
      reads: counts?.["sheets-read"].requests ?? 0,
      writes: counts?.["sheets-write"].requests ?? 0,
      gmail: counts?.gmail.requests ?? 0,
      retries: (counts?.["sheets-read"].retries ?? 0) + (counts?.["sheets-write"].retries ?? 0) + (counts?.gmail.retries ?? 0),
      emails: fake.sent.length,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      ...(code !== 0 ? { error: `exit ${code}: ${errors.slice(0, 3).join(" | ")}` } : {}),
    };
  } finally {
    await fake.close();
  }
}

/** Each size in a child process, the next skipped when its projection from the last would not fit in `timeLeftMs()`. */
export function measureBranches(timeLeftMs: () => number): BranchesTiming[] {
  const out: BranchesTiming[] = [];
  for (const n of BRANCH_COUNTS) {
    const last = [...out].reverse().find((t) => !t.skipped && !t.error);
    const projected = last ? (last.ms / last.branches) * n * 1.2 + 30_000 : 0;
    if (projected > timeLeftMs()) {
      out.push({ branches: n, ms: 0, reads: 0, writes: 0, gmail: 0, retries: 0, emails: 0, peakRssBytes: 0, skipped: `projected at ${(projected / 1000).toFixed(0)} s from ${last?.branches ?? 0} branches, more than the ${(Math.max(0, timeLeftMs()) / 1000).toFixed(0)} s left` });
      continue;
    }
    process.stdout.write(`  node host · close-month · ${n} branches…\n`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--branches", String(n)], { encoding: "utf8", maxBuffer: 16 * 2 ** 20, stdio: ["ignore", "pipe", "inherit"] });
    const line = child.stdout.split("\n").find((l) => l.startsWith(MARK));
    out.push(line ? (JSON.parse(line.slice(MARK.length)) as BranchesTiming) : { branches: n, ms: 0, reads: 0, writes: 0, gmail: 0, retries: 0, emails: 0, peakRssBytes: 0, error: `the child ended without a result (exit ${String(child.status)}, ${String(child.signal)})` });
  }
  return out;
}

const per = (total: number, n: number): string => (total / n).toFixed(1);
const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;

export function branchesSection(timings: readonly BranchesTiming[]): string {
  const lines = [
    "## Node host: close-month across branch workbooks (issue 12)",
    "",
    `\`npm run branches -- close-month\` through the real googleapis client over loopback, each branch a small installed department (president, GM, Director, HR and ${REPS} sales reps with the demo's plans and actuals), then the consolidated HQ workbook and the HQ report. Requests are counted by the job's ApiBudget (src/node/quota.ts), HQ's included. Measured with the per-minute budget lifted; on Google the job keeps under the Sheets API's ${SHEETS_PER_MINUTE} read and ${SHEETS_PER_MINUTE} write requests per minute per user (https://developers.google.com/sheets/api/limits), so "quota-bound" is the least time those requests take there. The loopback server runs in the same process and holds every branch's workbook in memory (Google's servers do that), so the time and the peak RSS are upper bounds of the job's own; the job itself holds one branch at a time.`,
    "",
    "| branches | Sheets reads per branch | Sheets writes per branch | Gmail requests per branch | retries | emails sent | time | time per branch | quota-bound on Google | peak RSS |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const t of timings) {
    if (t.skipped || t.error) {
      lines.push(`| ${t.branches} | ${t.skipped ? `skipped: ${t.skipped}` : `error: ${t.error}`} |  |  |  |  |  |  |  |  |`);
      continue;
    }
    const quotaMinutes = Math.max(t.reads, t.writes) / SHEETS_PER_MINUTE;
    lines.push(`| ${t.branches} | ${per(t.reads, t.branches)} | ${per(t.writes, t.branches)} | ${per(t.gmail, t.branches)} | ${t.retries} | ${t.emails} | ${(t.ms / 1000).toFixed(1)} s | ${(t.ms / t.branches / 1000).toFixed(2)} s | ${quotaMinutes.toFixed(1)} min | ${mb(t.peakRssBytes)} |`);
  }
  lines.push("");
  return lines.join("\n");
}

const at = process.argv.indexOf("--branches");
if (at >= 0 && process.argv[1] === fileURLToPath(import.meta.url)) {
  const timing = await runSize(Number(process.argv[at + 1]));
  removeScratchDirs();
  process.stdout.write(`${MARK}${JSON.stringify(timing)}\n`);
  process.exit(0);
}
