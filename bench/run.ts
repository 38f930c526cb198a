/**
 * `npm run bench` (after `npm run build`): performance as data. Runs every job MarketOps has today
 * (bench/jobs.ts) on the local Apps Script host over the built dist/Code.js, and the same jobs on a
 * naive per-cell peer, at departments of 25, 250 and 2,500 people with 1k, 10k and 100k rows, then
 * every custom function at 100k rows, the approval jobs at volume (bench/approvals.ts) and the Node
 * host closing 1, 10 and 50 branch workbooks over the Sheets and Gmail APIs (bench/branches.ts);
 * writes bench/RESULTS.md and bench/results.json and prints the tables.
 *
 * Cases run in order of what matters: first MarketOps at the two smaller sizes, which settle
 * whether its calls grow with rows and always run at least once, then the naive peer at the
 * smallest size, MarketOps at the largest, and the naive peer at the larger sizes. Each case
 * repeats its run up to three times within its time budget; an optional case is projected from the
 * same job at the size below and skipped, with the reason in the output, when one run would not
 * fit, so the bench stays within its budget, 15 minutes by default on two cores (`npm run bench -- --budget
 * <seconds>` gives it longer). Exits 1 only when a MarketOps job's service calls grow with rows, or
 * when a MarketOps job fails outright: call counts are deterministic, wall times are not.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { JOBS } from "./jobs";
import type { CaseContext, CaseExtras, JobDefinition, Peer } from "./jobs";
import { buildNaivePeer } from "./naive/build";
import { measure, timed } from "./measure";
import type { Sample } from "./measure";
import { approvalsSection, measureApprovals } from "./approvals";
import type { ApprovalTiming } from "./approvals";
import { branchesSection, measureBranches } from "./branches";
import type { BranchesTiming } from "./branches";
import { customFunctionSection, measureCustomFunctions } from "./custom-functions";
import type { CustomFunctionTiming } from "./custom-functions";
import { growthOf, headlines, jobTable, resultsJson, resultsMarkdown, verdictOf } from "./report";
import type { CaseResult, Growth } from "./report";
import { removeScratchDirs, saveInstalledWorkbook, scratchDir, SCALES } from "./workload";
import type { SavedWorkbook, Scale } from "./workload";

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, "..");

/** Runs per case; the median is reported. */
const RUNS = 3;

/**
 * How long the measuring may take, in seconds: 900 by default (2 cores; about 15-20 minutes in all
 * with the build), or
 * `npm run bench -- --budget <seconds>`.
 */
function budgetSeconds(argv: readonly string[]): number {
  const at = argv.indexOf("--budget");
  if (at < 0) return 900;
  const seconds = Number(argv[at + 1]);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--budget takes a number of seconds, got ${argv[at + 1] ?? "nothing"}`);
  return seconds;
}

/** The measuring should take no longer than this. */
const TOTAL_BUDGET_MS = budgetSeconds(process.argv.slice(2)) * 1000;
/** One case (a job, a peer, a size: setup and runs) should take no longer than this: 240 s of the default 900 s. */
const CASE_BUDGET_MS = Math.round(TOTAL_BUDGET_MS * (240 / 900));

/** A child process runs one case (`--case <json>`): its own peak RSS is the case's. */
interface CaseRequest {
  readonly job: string;
  readonly peer: Peer;
  readonly scale: number | null;
  readonly naiveBundle: string;
  readonly installed: SavedWorkbook;
  readonly timeLeftMs: number;
}
const caseArg = process.argv.indexOf("--case");
const CASE_REQUEST: CaseRequest | null = caseArg < 0 ? null : (JSON.parse(process.argv[caseArg + 1] ?? "{}") as CaseRequest);
const CASE_MARK = "BENCH-CASE ";

/** A case, with the scores it computed for the cross-check (not written to the outputs). */
type Measured = CaseResult & { readonly scores?: readonly unknown[] };

interface Shared {
  readonly naiveBundle: string;
  readonly installed: SavedWorkbook;
  readonly startedAt: number;
}

/** One case of the plan; `required` cases settle whether MarketOps's calls grow with rows. */
interface Planned {
  readonly job: JobDefinition;
  readonly peer: Peer;
  readonly scale: Scale | null;
  readonly required: boolean;
}

/** Setup and run times up to the end of the first run, to project one run at a larger size. */
interface FirstRun {
  readonly fixedMs: number;
  readonly scaledMs: number;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function timeLeft(shared: Shared): number {
  if (CASE_REQUEST) return CASE_REQUEST.timeLeftMs - (performance.now() - shared.startedAt);
  return TOTAL_BUDGET_MS - (performance.now() - shared.startedAt);
}

/**
 * Runs one case in a child process (this script with `--case`), so the peak RSS it reports is the
 * case's own (https://nodejs.org/api/process.html#processresourceusage: maxRSS in kilobytes).
 */
function runCaseInChild(planned: Planned, shared: Shared): Measured & { firstRun?: FirstRun } {
  const request: CaseRequest = {
    job: planned.job.id,
    peer: planned.peer,
    scale: planned.scale ? SCALES.indexOf(planned.scale) : null,
    naiveBundle: shared.naiveBundle,
    installed: shared.installed,
    timeLeftMs: timeLeft(shared),
  };
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--budget", String(TOTAL_BUDGET_MS / 1000), "--case", JSON.stringify(request)], {
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = child.stdout.split("\n").find((l) => l.startsWith(CASE_MARK));
  if (!line) {
    return { job: planned.job.id, peer: planned.peer, scale: planned.scale, size: planned.job.size(planned.scale), samples: [], fixedMs: 0, scaledMs: 0, error: `the case's process ended without a result (exit ${String(child.status)}, ${String(child.signal)})` };
  }
  const result = JSON.parse(line.slice(CASE_MARK.length)) as Measured & { firstRun?: FirstRun; scale: Scale | null };
  return { ...result, scale: planned.scale };
}

/** MarketOps at the two smaller sizes, the naive peer at the smallest, MarketOps at the largest, then the naive peer at the larger sizes. */
function plan(): Planned[] {
  const [small, medium, ...larger] = SCALES;
  const rowJobs = JOBS.filter((j) => j.takesRows);
  const at = (scale: Scale | undefined, peer: Peer, required: boolean): Planned[] =>
    scale ? rowJobs.filter((j) => j.peers[peer]).map((job) => ({ job, peer, scale, required })) : [];
  return [
    ...JOBS.filter((j) => !j.takesRows && j.peers.product).map((job) => ({ job, peer: "product" as const, scale: null, required: true })),
    ...at(small, "product", true),
    ...at(medium, "product", true),
    ...at(small, "competent", false),
    ...at(small, "naive", false),
    ...larger.flatMap((scale) => at(scale, "product", false)),
    ...at(medium, "competent", false),
    ...at(medium, "naive", false),
    ...larger.flatMap((scale) => at(scale, "competent", false)),
    ...larger.flatMap((scale) => at(scale, "naive", false)),
  ];
}

/** Why a case should not run, projected from the same job and peer at the size below. */
function reasonToSkip(planned: Planned, previous: (CaseResult & { firstRun?: FirstRun }) | undefined, shared: Shared): string | undefined {
  if (!planned.scale || !previous) return undefined;
  if (previous.samples.length === 0) return `the ${previous.size} case was not measured`;
  const factor = planned.scale.rows / (previous.scale?.rows ?? planned.scale.rows);
  const first = previous.firstRun ?? { fixedMs: previous.fixedMs, scaledMs: previous.scaledMs };
  const oneRun = first.fixedMs + first.scaledMs * factor;
  const from = `from the ${previous.size} case`;
  // A case that settles the growth verdict runs at least once, however long: its calls are the point.
  if (planned.required) return undefined;
  if (oneRun > CASE_BUDGET_MS) return `one run projected at ${seconds(oneRun)} ${from}, over the ${seconds(CASE_BUDGET_MS)} budget per case`;
  const left = timeLeft(shared);
  if (oneRun > left) return `one run projected at ${seconds(oneRun)} ${from}, more than the ${seconds(Math.max(0, left))} left of the bench's ${seconds(TOTAL_BUDGET_MS)}`;
  return undefined;
}

async function runCase(planned: Planned, shared: Shared): Promise<Measured & { firstRun?: FirstRun }> {
  const { job, peer, scale } = planned;
  const run = job.peers[peer];
  const size = job.size(scale);
  if (!run) throw new Error(`bench: ${job.id} has no ${peer} case`);
  const samples: Sample[] = [];
  let fixedMs = 0;
  let scaledMs = 0;
  let firstRun: FirstRun | undefined;
  const started = performance.now();
  const ctx: CaseContext = {
    naiveBundle: shared.naiveBundle,
    installed: shared.installed,
    async fixed(step) {
      const { value, ms } = await timed(step);
      fixedMs += ms;
      return value;
    },
    async scaled(step) {
      const { value, ms } = await timed(step);
      scaledMs += ms;
      return value;
    },
    async sample(host, work) {
      const sample = await measure(host, work);
      scaledMs += sample.ms;
      samples.push(sample);
      firstRun ??= { fixedMs, scaledMs };
      return sample;
    },
    moreRuns: () => {
      if (samples.length === 0) return true;
      if (samples.length >= RUNS) return false;
      const elapsed = performance.now() - started;
      const perRun = elapsed / samples.length;
      return elapsed + perRun <= CASE_BUDGET_MS && perRun <= timeLeft(shared);
    },
  };
  let extras: CaseExtras = {};
  let error: string | undefined;
  try {
    extras = await run(scale, ctx);
  } catch (e: unknown) {
    error = e instanceof Error ? (e.message.split("\n")[0] ?? e.name) : String(e);
  }
  return {
    job: job.id,
    peer,
    scale,
    size,
    samples: error ? [] : samples,
    fixedMs,
    scaledMs,
    ...(firstRun ? { firstRun } : {}),
    ...(extras.formulaCells !== undefined ? { formulaCells: extras.formulaCells } : {}),
    ...(extras.customFunctionCalls !== undefined ? { customFunctionCalls: extras.customFunctionCalls } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(extras.scores ? { scores: extras.scores } : {}),
  };
}

/** Every peer must score the check inputs as MarketOps does, or the comparison means nothing. */
function scoreCheck(results: readonly Measured[]): string[] {
  const notes: string[] = [];
  const withScores = results.filter((r) => r.scores);
  for (const product of withScores.filter((r) => r.peer === "product")) {
    for (const peerName of ["competent", "naive"] as const) {
      const peer = withScores.find((r) => r.peer === peerName && r.job === product.job && r.size === product.size);
      if (!peer?.scores || !product.scores) continue;
      const differing = product.scores.filter((v, i) => {
        const w = peer.scores?.[i];
        return typeof v === "number" && typeof w === "number" ? Math.abs(v - w) > 1e-9 : v !== w;
      }).length;
      const n = product.scores.length.toLocaleString("en-US");
      notes.push(
        differing === 0
          ? `${product.job} at ${product.size}: MarketOps and the ${peerName} peer computed the same ${n} scores.`
          : `${product.job} at ${product.size}: MarketOps and the ${peerName} peer DISAGREE on ${differing.toLocaleString("en-US")} of ${n} scores; the comparison is not like for like.`,
      );
    }
  }
  return notes;
}

const PEER_ORDER: readonly Peer[] = ["product", "competent", "naive"];

/** Cases in the order of the tables: job, then size, then peer. */
function tableOrder(results: readonly Measured[]): Measured[] {
  const sizeRank = (r: CaseResult): number => (r.scale ? SCALES.indexOf(r.scale) : -1);
  const jobRank = (r: CaseResult): number => JOBS.findIndex((j) => j.id === r.job);
  return [...results].sort((a, b) => jobRank(a) - jobRank(b) || sizeRank(a) - sizeRank(b) || PEER_ORDER.indexOf(a.peer) - PEER_ORDER.indexOf(b.peer));
}

/** The child's side of `runCaseInChild`: one case, then its result and peak RSS on one line. */
async function runRequestedCase(request: CaseRequest): Promise<void> {
  const job = JOBS.find((j) => j.id === request.job);
  if (!job) throw new Error(`bench: no job ${request.job}`);
  const scale = request.scale === null ? null : (SCALES[request.scale] ?? null);
  const shared: Shared = { naiveBundle: request.naiveBundle, installed: request.installed, startedAt: performance.now() };
  const result = await runCase({ job, peer: request.peer, scale, required: false }, shared);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  removeScratchDirs();
  process.stdout.write(`${CASE_MARK}${JSON.stringify({ ...result, peakRssBytes })}\n`);
}

async function main(): Promise<void> {
  if (CASE_REQUEST) {
    await runRequestedCase(CASE_REQUEST);
    return;
  }
  const startedAt = performance.now();
  process.stdout.write("bench: building the naive peer and an installed workbook…\n");
  const naiveBundle = await buildNaivePeer(scratchDir());
  const installed = await saveInstalledWorkbook();
  const shared: Shared = { naiveBundle, installed, startedAt };
  const measured: (Measured & { firstRun?: FirstRun })[] = [];
  for (const planned of plan()) {
    const below = planned.scale ? SCALES[SCALES.indexOf(planned.scale) - 1] : undefined;
    const previous = measured.find((r) => r.job === planned.job.id && r.peer === planned.peer && below !== undefined && r.scale === below);
    const skip = reasonToSkip(planned, previous, shared);
    const result = skip
      ? { job: planned.job.id, peer: planned.peer, scale: planned.scale, size: planned.job.size(planned.scale), samples: [], fixedMs: 0, scaledMs: 0, skipped: skip }
      : runCaseInChild(planned, shared);
    measured.push(result);
    const status = result.error ? `error: ${result.error}` : result.skipped ? `skipped (${result.skipped})` : `${result.samples.length} run(s)`;
    process.stdout.write(`  ${planned.job.id} · ${planned.peer} · ${result.size}: ${status}\n`);
  }
  process.stdout.write("  custom functions at 100,000 rows…\n");
  const customFunctions: CustomFunctionTiming[] = await measureCustomFunctions(100_000);
  process.stdout.write("  approval jobs at volume…\n");
  const approvals: ApprovalTiming[] = await measureApprovals();
  const branches: BranchesTiming[] = measureBranches(() => timeLeft(shared));
  const results = tableOrder(measured);
  const totalMs = performance.now() - startedAt;
  const cpu = cpus();
  const env = {
    generatedAt: new Date().toISOString(),
    node: process.versions.node,
    cpu: cpu[0]?.model.trim() ?? "unknown CPU",
    cores: cpu.length,
    loadAverage: loadavg()[0] ?? 0,
    budgetMs: TOTAL_BUDGET_MS,
    totalMs,
  };
  const verdict = verdictOf(JOBS, results);
  const growth: Growth[] = JOBS.flatMap((job) => PEER_ORDER.flatMap((peer) => growthOf(job, peer, results) ?? []));
  const notes = [
    ...scoreCheck(results),
    "Growing a workbook to a size writes rows straight into the workbook model (not counted) and evaluates it once before the job, so a job never pays for the local formula engine's first build.",
    "The naive peer starts from the workbook MarketOps installed (saved once, reopened per case), so both do the same work on the same workbook.",
    "For MarketOps's score column the custom-function calls are not counted from outside the bundle; its formula cells are what Sheets bills, one server call each per recalculation. The naive peer counts its own calls.",
    "The local host calls a custom function in-process, so its times leave out what each call costs in Google Sheets, a round trip to the Apps Script server; there the number of formula cells calling a custom function is the cost that grows with rows.",
    "Wall times depend on the machine and on what else runs on it; compare them within one run of the bench.",
    "Each case runs in a child process of its own, so its peak RSS is its own; the custom-function timings run in the parent after the cases.",
    "The approval jobs run in the parent after the cases, each size on a workbook of its own; their peak RSS is not separated from the parent's.",
    "The competent peer's score column is the rule as a native per-row formula (=IF(B2/C2<0.6,0,MIN(40*B2/C2,60)), SC-03 PROPORTIONAL_CAPPED): no server call per cell in Sheets. It models neither the bilingual what-to-fix message of a bad row nor the Settings readings (SALES_PLAN_MODE and the points), which the custom function gives; where a company never changes those, the native formula serves the rule as well.",
  ];
  const cfSection = customFunctionSection(customFunctions);
  const apSection = approvalsSection(approvals);
  writeFileSync(join(benchDir, "RESULTS.md"), resultsMarkdown(JOBS, results, env, verdict, notes).replace(/\n## Notes\n/, `\n${cfSection.markdown}\n${apSection.markdown}\n${branchesSection(branches)}\n## Notes\n`));
  writeFileSync(join(benchDir, "results.json"), resultsJson(results, env, verdict, growth, notes).replace(/\n}\n$/, `,\n  "customFunctions": ${JSON.stringify(customFunctions)},\n  "approvals": ${JSON.stringify(approvals)},\n  "branches": ${JSON.stringify(branches)}\n}\n`));
  removeScratchDirs();

  for (const job of JOBS) {
    process.stdout.write(`\n${job.title}\n${jobTable(job, results)}\n`);
    for (const g of growth.filter((x) => x.job === job.id)) process.stdout.write(`  ${g.text}\n`);
  }
  process.stdout.write(`\n${cfSection.markdown}\n\n${apSection.markdown}\n`);
  process.stdout.write(`\n${headlines(JOBS, results).join("\n")}\n${cfSection.headline}\n${apSection.headline}\n`);
  process.stdout.write(`\n${verdict.lines.join("\n")}\nwrote ${relative(root, join(benchDir, "RESULTS.md"))} and ${relative(root, join(benchDir, "results.json"))} in ${seconds(totalMs)}\n`);
  if (verdict.failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  removeScratchDirs();
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
