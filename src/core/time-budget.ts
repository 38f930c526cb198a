/**
 * A job's time budget (Settings `JOB_TIME_BUDGET_S`): Apps Script kills an execution at 6 minutes
 * (https://developers.google.com/apps-script/guides/services/quotas#current_limitations), so a long
 * job works in batches, asks the budget before each one, and when too little is left saves its
 * cursor and continues on a one-off trigger. Pure: the host passes the clock readings.
 */

/** Apps Script's limit on one execution, in seconds. */
export const EXECUTION_LIMIT_S = 360;
/** The budget when Settings has none: 270 s leaves 90 s for the last batch and the final writes. */
export const DEFAULT_JOB_TIME_BUDGET_S = 270;

export interface TimeBudget {
  /** The instant (epoch ms) after which no new batch may start. */
  readonly deadline: number;
  /** Whether a batch expected to take `nextBatchMs` can still finish before the deadline at `now`. */
  allows(now: number, nextBatchMs?: number): boolean;
}

/**
 * The budget of a run that started at `startedAt`, from the Settings value (seconds). A blank or
 * unreadable value gives the default; any value is kept under the execution limit.
 * @example timeBudget(0, "120").allows(119_000) → true; .allows(121_000) → false
 */
export function timeBudget(startedAt: number, setting: unknown): TimeBudget {
  const asNumber = typeof setting === "number" ? setting : typeof setting === "string" && setting.trim() !== "" ? Number(setting) : NaN;
  const seconds = Number.isFinite(asNumber) && asNumber > 0 ? Math.min(asNumber, EXECUTION_LIMIT_S - 30) : DEFAULT_JOB_TIME_BUDGET_S;
  const deadline = startedAt + seconds * 1000;
  return {
    deadline,
    allows: (now, nextBatchMs = 0) => now + nextBatchMs <= deadline,
  };
}
