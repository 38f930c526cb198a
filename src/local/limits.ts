/**
 * The run-time limits Google puts on a script, as the local host enforces them. Figures from
 * https://developers.google.com/apps-script/guides/services/quotas ("Current limitations" and
 * "Current quotas"):
 *
 * - Script runtime: 6 min per execution (consumer and Workspace alike).
 * - Custom function runtime: 30 s per execution.
 * - Triggers total runtime: 90 min per day (consumer accounts), 6 h per day (Google Workspace);
 *   "Quotas are per user and reset 24 hours after the first request."
 *
 * The quotas page lists no separate limit for a web app request: `doGet`/`doPost` are executions
 * and stop at the script runtime.
 *
 * Both kinds of elapsed time count: real time (node:vm's `timeout` ends a run that really takes
 * too long, as Google's runtime does: the script cannot catch it) and simulated time (with
 * `callLatencyMs`, every service call moves the clock; a run whose simulated time passes its limit
 * is killed at the next service call, and everything it tries afterwards fails too).
 */
export type AccountType = "consumer" | "workspace";

export interface ExecutionLimits {
  /** Script runtime per execution, ms. */
  readonly executionMs: number;
  /** Custom function runtime per call, ms. */
  readonly customFunctionMs: number;
  /** Triggers' total runtime per 24 hours, ms. */
  readonly triggerRuntimeMsPerDay: number;
}

export function defaultLimits(account: AccountType): ExecutionLimits {
  return {
    executionMs: 6 * 60_000,
    customFunctionMs: 30_000,
    triggerRuntimeMsPerDay: account === "workspace" ? 6 * 3_600_000 : 90 * 60_000,
  };
}

/** What Apps Script reports when a run passes the script runtime. */
export const EXCEEDED_EXECUTION_TIME = "Exceeded maximum execution time";
/** What Sheets shows (as the #ERROR! note) for a custom function past its 30 s. */
export const CUSTOM_FUNCTION_TIMEOUT = "Exceeded maximum execution time (line 0).";
/** What Apps Script reports when the day's trigger runtime is used up. */
export const TOO_MUCH_COMPUTER_TIME = "Service using too much computer time for one day";

/** A run ended by Google's limits, not by the script: the host reports it and carries on. */
export class ExecutionLimitError extends Error {
  constructor(
    message: string,
    readonly limit: "execution" | "custom-function" | "trigger-runtime",
  ) {
    super(message);
    this.name = "ExecutionLimitError";
  }
}

export interface TriggerRuntimeState {
  /** Simulated epoch ms of the first trigger run of the current 24-hour window. */
  readonly windowStart: number | null;
  readonly usedMs: number;
}

/** The day's trigger runtime for the owner (triggers run as their owner): a 24-hour window from its first run. */
export class TriggerRuntimeQuota {
  private windowStart: number | null = null;
  private usedMs = 0;

  constructor(readonly dailyMs: number) {}

  private roll(now: number): void {
    if (this.windowStart !== null && now - this.windowStart >= 24 * 3_600_000) {
      this.windowStart = null;
      this.usedMs = 0;
    }
  }

  /** What is left now (starting a window if none is open). */
  remaining(now: number): number {
    this.roll(now);
    if (this.windowStart === null) this.windowStart = now;
    return Math.max(0, this.dailyMs - this.usedMs);
  }

  charge(ms: number): void {
    this.usedMs += Math.max(0, ms);
  }

  used(now: number): number {
    this.roll(now);
    return this.usedMs;
  }

  exportState(): TriggerRuntimeState {
    return { windowStart: this.windowStart, usedMs: this.usedMs };
  }

  importState(state: unknown): void {
    if (state === null || typeof state !== "object") return;
    const s = state as Partial<TriggerRuntimeState>;
    if (typeof s.usedMs === "number") this.usedMs = s.usedMs;
    if (typeof s.windowStart === "number" || s.windowStart === null) this.windowStart = s.windowStart ?? null;
  }
}
