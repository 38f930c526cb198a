/**
 * A job that stops at its time budget (src/core/time-budget.ts) continues on a one-off clock
 * trigger: `scheduleContinuation` makes exactly one pending trigger per handler (an earlier one of
 * the same handler is removed first, so a duplicate run never schedules two), and the handler calls
 * `clearContinuation` when it finishes. The cursor itself lives wherever the job keeps its progress
 * (a sheet's state column), never in the trigger.
 * https://developers.google.com/apps-script/reference/script/clock-trigger-builder#after(Integer)
 * https://developers.google.com/apps-script/reference/script/script-app#deleteTrigger(Trigger)
 */

/** How soon a continuation runs: Google runs an `after` trigger at the earliest after this delay. */
const CONTINUE_AFTER_MS = 60_000;

/** The Script Properties key that remembers the pending continuation trigger of `handler`. */
function markKey(handler: string): string {
  return `CONTINUATION_${handler}`;
}

/**
 * Schedules `handler` to run once in about a minute (or after `afterMs`, e.g. an hour while the
 * mail quota is used up), replacing a pending continuation of it.
 */
export function scheduleContinuation(handler: string, afterMs: number = CONTINUE_AFTER_MS): void {
  clearContinuation(handler);
  const trigger = ScriptApp.newTrigger(handler).timeBased().after(Math.max(CONTINUE_AFTER_MS, afterMs)).create();
  PropertiesService.getScriptProperties().setProperty(markKey(handler), trigger.getUniqueId());
}

/** Removes the pending continuation of `handler`, if any. */
export function clearContinuation(handler: string): void {
  const properties = PropertiesService.getScriptProperties();
  const id = properties.getProperty(markKey(handler));
  if (id === null) return;
  for (const t of ScriptApp.getProjectTriggers()) if (t.getUniqueId() === id) ScriptApp.deleteTrigger(t);
  properties.deleteProperty(markKey(handler));
}
