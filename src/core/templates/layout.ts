/**
 * The workbook laid out for its reader (issue 11 §1, "plumbing out of sight"): machine columns
 * (request state JSON, lookup keys, input digests — template columns marked `hidden`) are hidden,
 * and the tabs are in reading order: the Dashboard (看板) first, then the working sheets as they
 * are, the form-response tabs at the end, and the empty default tab a new spreadsheet comes with
 * (`Sheet1`, `工作表1`) removed. The installer and Build forms carry these plans out; both are
 * idempotent (a laid-out workbook gives empty plans). Pure.
 */
import { matchHeader } from "./columns";
import type { SheetTemplate } from "./types";

/**
 * The 1-based positions of the template's machine columns in a tab with this header row, in
 * order; columns the header lacks are skipped (the layout never refuses a workbook: the jobs that
 * need a column say so).
 */
export function machineColumnPositions(template: Pick<SheetTemplate, "columns">, headerRow: readonly unknown[]): number[] {
  const at = matchHeader(headerRow, template).found;
  const positions: number[] = [];
  for (const column of template.columns) {
    const index = column.hidden === true ? at.get(column.key) : undefined;
    if (index !== undefined) positions.push(index + 1);
  }
  return positions.sort((a, b) => a - b);
}

/** Consecutive positions as `[first, count]` runs, so each run is hidden with one call. */
export function columnRuns(positions: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const p of [...positions].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === p) last[1] += 1;
    else if (!last || last[0] + last[1] <= p) runs.push([p, 1]);
  }
  return runs;
}

/** Names Sheets gives the first tab of a new spreadsheet (English and Chinese UI). */
const DEFAULT_TAB = /^(?:Sheet|工作表)\d+$/;

/** One tab as the layout needs it. */
export interface TabInfo {
  readonly name: string;
  /** The tab receives a form's responses. */
  readonly formResponses: boolean;
  /** Nothing in it (no value or formula: `getLastRow()` and `getLastColumn()` are 0). */
  readonly empty: boolean;
}

/** What to do to the tabs, in order: delete these, then move each named tab to its 1-based position. */
export interface TabPlan {
  readonly deletes: readonly string[];
  readonly moves: readonly { readonly name: string; readonly position: number }[];
}

/**
 * Reading order for the tabs: `first` (the Dashboard) at the front, form-response tabs at the end
 * (in their current order), every other tab in between as the user has it. An empty default tab
 * (`Sheet1`) that is neither a template tab nor a responses tab is deleted (never the last one).
 * The moves, applied in order with `moveActiveSheet`, give that order; none when it already holds.
 */
export function tabPlan(tabs: readonly TabInfo[], first: string | null, templateNames: ReadonlySet<string>): TabPlan {
  const deletes = tabs.filter((t) => t.empty && !t.formResponses && !templateNames.has(t.name) && DEFAULT_TAB.test(t.name)).map((t) => t.name);
  const kept = tabs.filter((t) => !deletes.includes(t.name));
  if (kept.length === 0) return { deletes: [], moves: [] };
  const lead = kept.filter((t) => t.name === first);
  const responses = kept.filter((t) => t.formResponses && t.name !== first);
  const middle = kept.filter((t) => t.name !== first && !t.formResponses);
  const wanted = [...lead, ...middle, ...responses].map((t) => t.name);
  const current = kept.map((t) => t.name);
  const moves: { name: string; position: number }[] = [];
  // Place each wanted tab in turn: position i+1 is settled once the tab there is the wanted one.
  wanted.forEach((name, i) => {
    if (current[i] === name) return;
    const from = current.indexOf(name);
    current.splice(from, 1);
    current.splice(i, 0, name);
    moves.push({ name, position: i + 1 });
  });
  return { deletes, moves };
}
