/**
 * Which rows of a form's responses tab a request has applied (issue 10.2), kept per tab as a
 * cursor — every row up to `upTo` is applied — plus the few rows above it applied out of order
 * (`ahead`). A trigger that died before writing anything (a lock timeout, a quota error) leaves a
 * row above the cursor that is not `ahead`: the menu's retry, and the next submission of the same
 * form, find it there and apply it, at a cost that follows the rows since the cursor, not the
 * history. A response delivered twice is at or below the cursor, or `ahead`, and is skipped. The
 * host keeps the cursor as a small Script Properties value per tab.
 */

export interface AppliedRows {
  /** Every row from the first data row to this one is applied (1 = none yet). */
  readonly upTo: number;
  /** Rows above `upTo` applied out of order, ascending. */
  readonly ahead: readonly number[];
}

/** The Script Properties key of a responses tab's cursor (by sheet id, which survives renaming). */
export function appliedKey(sheetId: number | string): string {
  return `RESPONSES_APPLIED_${sheetId}`;
}

/** The cursor stored as text; null when there is none or it is unreadable. */
export function appliedFromText(text: string | null): AppliedRows | null {
  if (text === null || text === "") return null;
  try {
    const parsed = JSON.parse(text) as { upTo?: unknown; ahead?: unknown };
    if (typeof parsed.upTo !== "number" || !Number.isInteger(parsed.upTo) || parsed.upTo < 1) return null;
    const ahead = Array.isArray(parsed.ahead) ? parsed.ahead.filter((r): r is number => typeof r === "number" && Number.isInteger(r) && r > (parsed.upTo as number)) : [];
    return { upTo: parsed.upTo, ahead: [...new Set(ahead)].sort((a, b) => a - b) };
  } catch {
    return null;
  }
}

export function appliedText(applied: AppliedRows): string {
  return JSON.stringify({ upTo: applied.upTo, ahead: applied.ahead });
}

/**
 * The cursor of a tab that has none yet (a workbook from before the cursor): everything up to the
 * highest row a request names is taken as applied, as the jobs then assumed.
 */
export function appliedFromRequests(rows: Iterable<number>): AppliedRows {
  let upTo = 1;
  for (const r of rows) if (r > upTo) upTo = r;
  return { upTo, ahead: [] };
}

export function isApplied(applied: AppliedRows, row: number): boolean {
  return row <= applied.upTo || applied.ahead.includes(row);
}

/** Rows above the cursor and below `before` that nothing applied, oldest first, at most `limit`. */
export function unappliedBelow(applied: AppliedRows, before: number, limit: number): number[] {
  const out: number[] = [];
  for (let r = applied.upTo + 1; r < before && out.length < limit; r += 1) if (!applied.ahead.includes(r)) out.push(r);
  return out;
}

/** The cursor once `rows` are applied too: `upTo` moves over every row now applied in a run. */
export function markApplied(applied: AppliedRows, rows: readonly number[]): AppliedRows {
  const ahead = new Set([...applied.ahead, ...rows.filter((r) => r > applied.upTo)]);
  let upTo = applied.upTo;
  while (ahead.has(upTo + 1)) {
    ahead.delete(upTo + 1);
    upTo += 1;
  }
  return { upTo, ahead: [...ahead].sort((a, b) => a - b) };
}
