/**
 * How the bench measures one execution of a job: the service calls it made (the local host's
 * per-method counter, reset just before the job), its wall time, and the heap the process holds
 * once the job is done and a full garbage collection has run. Also the small statistics the report
 * needs (median, the case's own time budget). Wall time and heap are measurements, not assertions:
 * they vary with the machine; call counts are deterministic.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { LocalHost } from "../src/local/host";

/**
 * Calls the host counts that never leave the script: methods of the value objects a read returned
 * (RichTextValue, DataValidation, ConditionalFormatRule, …) and of the builders the script fills
 * before one write (`SpreadsheetApp.newRichTextValue()`, `newDataValidation()`, …). They run in the
 * script's runtime; only the read that produced the value and the write that takes the built
 * object reach the spreadsheet, and those are counted as service calls. Google's batching guidance
 * (https://developers.google.com/apps-script/guides/support/best-practices) is about those reads
 * and writes, so the bench's service calls, its projection and its growth verdict leave these out
 * and report them apart.
 */
const IN_SCRIPT = /^(?:RichTextValue|RichTextValueBuilder|DataValidation|DataValidationBuilder|ConditionalFormatRule|ConditionalFormatRuleBuilder|BooleanCondition|TextValidation|TextValidationBuilder|ChartOptions|ContainerInfo|PromptResponse)\.|^SpreadsheetApp\.new[A-Z]/;

/** The host's counts split into service calls and in-script object calls (see IN_SCRIPT). */
export function splitCalls(snapshot: Readonly<Record<string, number>>): { calls: Record<string, number>; inScriptCalls: number } {
  const calls: Record<string, number> = {};
  let inScriptCalls = 0;
  for (const [name, n] of Object.entries(snapshot)) {
    if (IN_SCRIPT.test(name)) inScriptCalls += n;
    else calls[name] = n;
  }
  return { calls, inScriptCalls };
}

/** One measured execution of a job. */
export interface Sample {
  readonly ms: number;
  /** Service calls by `Class.method`, as the host's counter reports them, in-script object calls left out. */
  readonly calls: Readonly<Record<string, number>>;
  /** Calls on value objects and builders (see IN_SCRIPT): no round trip each. */
  readonly inScriptCalls: number;
  /** Heap used after the job and a full GC, in bytes: what the process keeps (workbook, engine, bundle). */
  readonly heapBytes: number;
}

/**
 * A full garbage collection. `tsx bench/run.ts` starts Node without `--expose-gc`, so the flag is
 * set at run time and `gc` is taken from a fresh context, where V8 installs it once the flag is on.
 */
export const collectGarbage: () => void = (() => {
  setFlagsFromString("--expose-gc");
  const gc: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
  if (typeof gc !== "function") return () => undefined;
  return () => {
    (gc as () => void)();
  };
})();

function heapUsedAfterGc(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Runs `job` once on `host` and measures it; the counter is reset first, so only the job's calls count. */
export async function measure(host: LocalHost, job: () => Promise<unknown>): Promise<Sample> {
  collectGarbage();
  host.counter.reset();
  const start = performance.now();
  await job();
  const ms = performance.now() - start;
  const { calls, inScriptCalls } = splitCalls(host.counter.snapshot());
  return { ms, calls, inScriptCalls, heapBytes: heapUsedAfterGc() };
}

export function totalCalls(calls: Readonly<Record<string, number>>): number {
  return Object.values(calls).reduce((sum, n) => sum + n, 0);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Wall time of an async step, in ms. */
export async function timed<T>(step: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await step();
  return { value, ms: performance.now() - start };
}
