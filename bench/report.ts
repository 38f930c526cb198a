/**
 * Turns the bench's cases into its verdicts and its two outputs: whether each job's calls grew with
 * the rows (the one property the design requires of product jobs, architecture rule 4), the tables
 * of bench/RESULTS.md (and the console) and the data of bench/results.json.
 */
import type { JobDefinition, Peer } from "./jobs";
import { median, totalCalls } from "./measure";
import type { Sample } from "./measure";
import type { Scale } from "./workload";

/** One job measured for one peer at one size. */
export interface CaseResult {
  readonly job: string;
  readonly peer: Peer;
  readonly scale: Scale | null;
  readonly size: string;
  readonly samples: readonly Sample[];
  /** Setup and runs, in ms: what costs the same at every size, and what grows with rows. */
  readonly fixedMs: number;
  readonly scaledMs: number;
  readonly formulaCells?: number;
  readonly customFunctionCalls?: number;
  /** Peak resident set size of the process that ran this case alone (a child process per case). */
  readonly peakRssBytes?: number;
  readonly skipped?: string;
  readonly error?: string;
}

export interface Growth {
  readonly job: string;
  readonly peer: Peer;
  /** Sizes with samples, smallest first, and the calls at each. */
  readonly calls: readonly number[];
  readonly formulaCells: readonly number[];
  readonly grew: boolean;
  /** Runs of one case that made different numbers of calls (call counts should be deterministic). */
  readonly unsteady: readonly string[];
  readonly text: string;
}

const PEER_NAME: Readonly<Record<Peer, string>> = { product: "MarketOps", competent: "competent peer", naive: "naive peer" };

const count = (n: number): string => n.toLocaleString("en-US");

function callsOf(result: CaseResult): number | undefined {
  const first = result.samples[0];
  return first ? totalCalls(first.calls) : undefined;
}

/** Whether calls (and custom-function formula cells) grew from the smallest size measured to any larger one. */
export function growthOf(job: JobDefinition, peer: Peer, results: readonly CaseResult[]): Growth | undefined {
  const measured = results.filter((r) => r.job === job.id && r.peer === peer && r.samples.length > 0);
  if (!job.takesRows || measured.length === 0) return undefined;
  const calls = measured.map((r) => callsOf(r) ?? 0);
  const formulaCells = measured.flatMap((r) => (r.formulaCells === undefined ? [] : [r.formulaCells]));
  const unsteady = measured
    .filter((r) => new Set(r.samples.map((s) => totalCalls(s.calls))).size > 1)
    .map((r) => `${r.size}: ${r.samples.map((s) => count(totalCalls(s.calls))).join(" / ")}`);
  const first = calls[0] ?? 0;
  const firstCells = formulaCells[0] ?? 0;
  const grew = calls.some((c) => c > first) || formulaCells.some((c) => c > firstCells);
  const sizes = measured.map((r) => r.scale?.rows ?? 0);
  const span = `${count(sizes[0] ?? 0)} → ${count(sizes[sizes.length - 1] ?? 0)} rows`;
  const figures = `service calls ${calls.map(count).join(" → ")}${formulaCells.length > 0 ? `, custom-function formula cells ${formulaCells.map(count).join(" → ")}` : ""}`;
  let text: string;
  if (measured.length < 2) text = `${PEER_NAME[peer]}: measured at one size only (${figures}); growth not established`;
  else if (grew) text = `${PEER_NAME[peer]}: GREW with rows (${span}): ${figures}${methodChanges(measured)}`;
  else text = `${PEER_NAME[peer]}: did not grow with rows (${span}): ${figures}`;
  if (unsteady.length > 0) text += `; runs differed in calls (${unsteady.join("; ")})`;
  return { job: job.id, peer, calls, formulaCells, grew, unsteady, text };
}

/** The methods whose counts differ between sizes, e.g. ` (Sheet.insertRowsAfter 1 → 2)`. */
function methodChanges(measured: readonly CaseResult[]): string {
  const byMethod = measured.map((r) => r.samples[0]?.calls ?? {});
  const methods = [...new Set(byMethod.flatMap((calls) => Object.keys(calls)))].sort();
  const changed = methods
    .map((m) => byMethod.map((calls) => calls[m] ?? 0))
    .map((counts, i) => ({ method: methods[i] ?? "", counts }))
    .filter(({ counts }) => counts.some((c) => c !== counts[0]));
  if (changed.length === 0) return "";
  const shown = changed.slice(0, 5).map(({ method, counts }) => `${method} ${counts.map(count).join(" → ")}`);
  return ` (${shown.join("; ")}${changed.length > 5 ? `; ${changed.length - 5} more` : ""})`;
}

function topMethods(calls: Readonly<Record<string, number>>, n = 3): string {
  const top = Object.entries(calls)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, n)
    .map(([method, k]) => `${method} ${count(k)}`);
  return top.length > 0 ? top.join(" · ") : "none";
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return "—";
  return value < 10 ? value.toFixed(1) : count(Math.round(value));
}

function mb(bytes: number): string {
  return Number.isFinite(bytes) ? count(Math.round(bytes / 2 ** 20)) : "—";
}

/**
 * The per-call latency model that projects a job's wall time on Apps Script from its call counts:
 * each service call is a round trip to Google's servers, which is why Google's guidance is to batch
 * (https://developers.google.com/apps-script/guides/support/best-practices#use_batch_operations:
 * "Alternating read and write commands is slow"). Google publishes no per-call figure; the bench
 * assumes CALL_LATENCY_MS per call (a stated assumption, not a measurement), plus the script's own
 * compute as measured here.
 */
export const CALL_LATENCY_MS = 50;

/** Projected Apps Script wall time: calls × CALL_LATENCY_MS + the local compute time. */
export function projectedMs(calls: number, localMs: number): number {
  return calls * CALL_LATENCY_MS + localMs;
}

function projected(calls: number, localMs: number): string {
  const total = projectedMs(calls, localMs);
  if (!Number.isFinite(total)) return "—";
  return total >= 60_000 ? `${(total / 60_000).toFixed(1)} min` : `${(total / 1000).toFixed(1)} s`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** The markdown table of one job. */
export function jobTable(job: JobDefinition, results: readonly CaseResult[]): string {
  const rows = results.filter((r) => r.job === job.id);
  const functionColumns = rows.some((r) => r.formulaCells !== undefined);
  const head = ["size", "peer", "runs", "service calls", "top methods", "in-script object calls"];
  if (functionColumns) head.push("custom-function formula cells", "custom-function calls per run");
  head.push("ms (median)", "projected on Apps Script", "heap MB", "peak RSS MB");
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) {
    const cells = [r.size, PEER_NAME[r.peer]];
    if (r.samples.length === 0) {
      const why = r.error ? `error: ${r.error}` : `skipped: ${r.skipped ?? "not run"}`;
      cells.push("0", why, "", "");
      if (functionColumns) cells.push("", "");
      cells.push("", "", "", "");
    } else {
      const calls = r.samples[0]?.calls ?? {};
      cells.push(String(r.samples.length), count(totalCalls(calls)), topMethods(calls), count(r.samples[0]?.inScriptCalls ?? 0));
      if (functionColumns) {
        cells.push(r.formulaCells === undefined ? "" : count(r.formulaCells), r.customFunctionCalls === undefined ? "not counted" : count(r.customFunctionCalls));
      }
      const localMs = median(r.samples.map((s) => s.ms));
      cells.push(ms(localMs), projected(totalCalls(calls), localMs), mb(median(r.samples.map((s) => s.heapBytes))), r.peakRssBytes === undefined ? "—" : mb(r.peakRssBytes));
    }
    lines.push(`| ${cells.map(escapeCell).join(" | ")} |`);
  }
  return lines.join("\n");
}

export interface Environment {
  readonly generatedAt: string;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  /** The machine's one-minute load average when the bench ended: above the core count, times are inflated. */
  readonly loadAverage: number;
  readonly budgetMs: number;
  readonly totalMs: number;
}

export interface Verdict {
  readonly failed: boolean;
  readonly lines: readonly string[];
}

/**
 * Fails when a MarketOps job's calls grew with rows, or when a MarketOps job failed outright. A job
 * measured at fewer than two sizes passes, with a line saying its growth was not established.
 */
export function verdictOf(jobs: readonly JobDefinition[], results: readonly CaseResult[]): Verdict {
  const lines: string[] = [];
  const established: string[] = [];
  const open: string[] = [];
  let failed = false;
  for (const job of jobs) {
    const growth = growthOf(job, "product", results);
    if (!growth) continue;
    if (growth.grew) {
      failed = true;
      lines.push(`FAIL ${job.id}: ${growth.text}.`);
    } else if (growth.calls.length >= 2) established.push(job.id);
    else open.push(job.id);
  }
  for (const r of results) {
    if (r.error && r.peer === "product") {
      failed = true;
      lines.push(`FAIL ${r.job} (${r.size}): the job failed: ${r.error}.`);
    }
  }
  if (!failed) lines.push(`PASS: no MarketOps job's service calls grew with rows${established.length > 0 ? ` (shown for ${established.join(", ")})` : ""}.`);
  if (open.length > 0) lines.push(`Not established (measured at one size only): ${open.join(", ")}.`);
  return { failed, lines };
}

/**
 * One line per job where both peers were measured at the same size (the largest such size):
 * MarketOps against the naive peer, in calls and time.
 */
export function headlines(jobs: readonly JobDefinition[], results: readonly CaseResult[]): string[] {
  const lines: string[] = [];
  const measured = (job: JobDefinition, peer: Peer, size: string): CaseResult | undefined => results.find((r) => r.job === job.id && r.peer === peer && r.size === size && r.samples.length > 0);
  const describe = (r: CaseResult): string => {
    const cells = r.formulaCells === undefined ? "" : `${count(r.formulaCells)} custom-function formula cell${r.formulaCells === 1 ? "" : "s"}, `;
    const localMs = median(r.samples.map((s) => s.ms));
    return `${cells}${count(callsOf(r) ?? 0)} service calls, ${ms(localMs)} ms here, ${projected(callsOf(r) ?? 0, localMs)} projected on Apps Script${r.peakRssBytes === undefined ? "" : `, peak RSS ${mb(r.peakRssBytes)} MB`}`;
  };
  for (const job of jobs) {
    const products = results.filter((r) => r.job === job.id && r.peer === "product" && r.samples.length > 0);
    // The largest size where a peer was measured too, else the largest MarketOps size.
    const compared = products.filter((p) => measured(job, "competent", p.size) ?? measured(job, "naive", p.size)).pop() ?? products[products.length - 1];
    if (!compared) continue;
    const peers = (["competent", "naive"] as const).flatMap((peer) => {
      const r = measured(job, peer, compared.size);
      return r ? [`${PEER_NAME[peer]} ${describe(r)}`] : [];
    });
    lines.push(`${job.title} at ${compared.size}: MarketOps ${describe(compared)}${peers.map((p) => `; ${p}`).join("")}.`);
  }
  return lines;
}

/** bench/RESULTS.md. */
export function resultsMarkdown(jobs: readonly JobDefinition[], results: readonly CaseResult[], env: Environment, verdict: Verdict, notes: readonly string[]): string {
  const parts: string[] = [
    "# MarketOps bench",
    "",
    "`npm run bench` builds dist/Code.js and runs each job on the local Apps Script host at growing sizes, for MarketOps, for a competent peer (what a good Apps Script developer writes without MarketOps's architecture: one `getValues` per table, `appendRow` per new row, a native formula per row where a rule is a formula) and for a naive per-cell peer (one `getValue`/`setValue` per cell and one custom-function formula per row); both peers live in bench/naive/peer.ts and reuse the product's pure core. Service calls are the host's per-method counter over the job alone (deterministic), leaving out the calls on value objects and builders that never leave the script (RichTextValue, DataValidation and their builders: reported apart as in-script object calls, see bench/measure.ts); ms is the median wall time of the runs; heap MB is the heap the process holds after the job and a full garbage collection (host, workbook, formula engine); peak RSS MB is the peak resident memory of the child process that ran the case alone (process.resourceUsage().maxRSS), setup included; the projection on Apps Script is calls × " + String(CALL_LATENCY_MS) + " ms (an assumed per-call round trip: Google publishes no figure, only that batching matters, https://developers.google.com/apps-script/guides/support/best-practices) plus the compute measured here. Times are measurements of this machine, never assertions; the one thing the bench enforces is that no MarketOps job's service calls grow with rows (architecture rule 4).",
    "",
    `Generated ${env.generatedAt} · Node ${env.node} · ${env.cpu} · ${env.cores} cores · load average ${env.loadAverage.toFixed(1)} at the end · measuring took ${count(Math.round(env.totalMs / 1000))} s of a ${count(Math.round(env.budgetMs / 1000))} s budget.`,
    "",
    `**${verdict.lines.join(" ")}**`,
    "",
    ...headlines(jobs, results).map((line) => `- ${line}`),
    "",
  ];
  for (const job of jobs) {
    parts.push(`## ${job.title}`, "", job.about, "", jobTable(job, results), "");
    for (const peer of ["product", "competent", "naive"] as const) {
      const growth = growthOf(job, peer, results);
      if (growth) parts.push(`- ${growth.text}`);
    }
    const skipped = results.filter((r) => r.job === job.id && r.skipped);
    for (const r of skipped) parts.push(`- ${PEER_NAME[r.peer]} at ${r.size} not measured: ${r.skipped ?? ""}`);
    parts.push("");
  }
  if (notes.length > 0) parts.push("## Notes", "", ...notes.map((n) => `- ${n}`), "");
  return parts.join("\n");
}

/** bench/results.json. */
export function resultsJson(results: readonly CaseResult[], env: Environment, verdict: Verdict, growth: readonly Growth[], notes: readonly string[]): string {
  return `${JSON.stringify(
    {
      environment: env,
      verdict,
      growth,
      cases: results.map((r) => ({
        job: r.job,
        peer: r.peer,
        size: r.size,
        people: r.scale?.people ?? null,
        rows: r.scale?.rows ?? null,
        runs: r.samples.length,
        serviceCalls: r.samples[0] ? totalCalls(r.samples[0].calls) : null,
        callsByMethod: r.samples[0]?.calls ?? null,
        formulaCells: r.formulaCells ?? null,
        customFunctionCallsPerRun: r.customFunctionCalls ?? null,
        msMedian: r.samples.length > 0 ? median(r.samples.map((s) => s.ms)) : null,
        msRuns: r.samples.map((s) => s.ms),
        heapBytesMedian: r.samples.length > 0 ? median(r.samples.map((s) => s.heapBytes)) : null,
        peakRssBytes: r.peakRssBytes ?? null,
        projectedAppsScriptMs: r.samples[0] ? projectedMs(totalCalls(r.samples[0].calls), median(r.samples.map((s) => s.ms))) : null,
        setupMs: { fixed: r.fixedMs, scaled: r.scaledMs },
        skipped: r.skipped ?? null,
        error: r.error ?? null,
      })),
      notes,
    },
    null,
    2,
  )}\n`;
}
