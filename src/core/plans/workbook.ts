/**
 * The plan decomposition over the workbook's tables (spec WF-01.6, WF-22.3, RP-09): reads the
 * company's annual plans from Plans (company level, period type Y: one per year and metric), the
 * active Regions, the People who carry targets (regional managers and sales reps), and Settings
 * (`PLAN_SEASONAL_WEIGHTS`, `PLAN_REGION_WEIGHTS`, `PLAN_PERSON_WEIGHTS`, `PLAN_ROUNDING_UNIT`); the
 * rows ticked "Set by hand" keep their amounts. It returns what one write must do: rows to add, rows
 * to change (only the columns the decomposition owns), and the totals per level for the preview.
 * Running it on its own output returns no change (idempotent).
 */
import { both, format } from "../i18n";
import type { RecordValue, TableRecord, TableRow } from "../templates/table";
import type { DecompositionInput, PlanMetric, PlanPerson, PlanProblem, PlanRegion, PlanRoot, PlanRow, Share } from "./decompose";
import { DECOMPOSED_COLUMNS, PLAN_METRICS, companyPlanId, decomposePlan } from "./decompose";

/** Settings keys this module reads. */
export const PLAN_SETTING_KEYS = {
  seasonal: "PLAN_SEASONAL_WEIGHTS",
  regions: "PLAN_REGION_WEIGHTS",
  people: "PLAN_PERSON_WEIGHTS",
  unit: "PLAN_ROUNDING_UNIT",
} as const;

/** People roles that carry targets (ROLE-REGIONAL and the sales reps). */
export const PLAN_HOLDER_ROLES: ReadonlySet<string> = new Set(["regional", "sales"]);

const SETTINGS_TAB = "设置 Settings";
const PLANS_TAB = "计划 Plans";

const M = {
  badEntry: { zh: "设置 {key} 中的「{entry}」无法识别:请写成 名称:数值,用分号分隔,如 EAST:40; SOUTH:35", en: "Settings {key}: cannot read \"{entry}\"; write name:number pairs separated by semicolons, as EAST:40; SOUTH:35" },
  badMonth: { zh: "设置 PLAN_SEASONAL_WEIGHTS 中的「{entry}」无法识别:请写成 月份:权重(月份 1–12,权重不小于 0),如 1:7; 2:6; 3:9", en: "Settings PLAN_SEASONAL_WEIGHTS: cannot read \"{entry}\"; write month:weight with months 1-12 and weights ≥ 0, as 1:7; 2:6; 3:9" },
  zeroMonths: { zh: "设置 PLAN_SEASONAL_WEIGHTS 的权重不能全为 0", en: "Settings PLAN_SEASONAL_WEIGHTS: the weights must not all be 0" },
  badUnit: { zh: "设置 PLAN_ROUNDING_UNIT 须为大于 0 的数,而不是「{value}」", en: "Settings PLAN_ROUNDING_UNIT must be a number > 0, not \"{value}\"" },
  retired: { zh: "已不在分解范围内(区域或人员已停用),计划值置为 0", en: "No longer part of the decomposition (region or person inactive): amount set to 0" },
  badRoot: { zh: "第 {row} 行的年度或计划值无法识别", en: "row {row}: the year or the amount cannot be read" },
} as const;

type Problem = PlanProblem;

/** A Settings value as text ("" when blank or not a scalar). */
function settingText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value).trim() : "";
}

function settingAt(key: string): { sheet: string; column: string } {
  return { sheet: SETTINGS_TAB, column: key };
}

/**
 * `1:7; 2:6; …` → twelve month weights (a month left out weighs 0); blank → null (even months).
 * @example seasonalWeights("1:2; 12:4") → [2, 0, …, 0, 4]
 */
export function seasonalWeights(value: unknown): number[] | Problem {
  const raw = settingText(value);
  if (raw === "") return [];
  const weights = Array.from({ length: 12 }, () => 0);
  for (const entry of raw.split(/[;；\n]/).map((e) => e.trim()).filter(Boolean)) {
    const m = /^(\d{1,2})\s*[:：=]\s*(\d+(?:\.\d+)?)$/.exec(entry);
    const month = m ? Number(m[1]) : 0;
    if (!m || month < 1 || month > 12) return { code: "PLAN_SEASONAL_BAD", text: format(M.badMonth, { entry }), at: settingAt(PLAN_SETTING_KEYS.seasonal) };
    weights[month - 1] = Number(m[2]);
  }
  if (!weights.some((w) => w > 0)) return { code: "PLAN_SEASONAL_ZERO", text: M.zeroMonths, at: settingAt(PLAN_SETTING_KEYS.seasonal) };
  return weights;
}

/**
 * `EAST:40; SOUTH:35%` → name → share (a weight, or a percentage when written with %); blank → empty.
 * Names are region codes, or People emails or roles (matched case-insensitively).
 */
export function shareTable(value: unknown, key: string): Map<string, Share> | Problem {
  const raw = settingText(value);
  const shares = new Map<string, Share>();
  for (const entry of raw.split(/[;；\n]/).map((e) => e.trim()).filter(Boolean)) {
    const m = /^([^:：=]+?)\s*[:：=]\s*(\d+(?:\.\d+)?)\s*(%?)$/.exec(entry);
    if (!m) return { code: "PLAN_SHARES_BAD", text: format(M.badEntry, { key, entry }), at: settingAt(key) };
    shares.set((m[1] ?? "").trim().toLowerCase(), { value: Number(m[2]), percent: m[3] === "%" });
  }
  return shares;
}

const isProblem = (x: unknown): x is Problem => typeof x === "object" && x !== null && !Array.isArray(x) && "code" in x && "text" in x;

const text = (v: RecordValue | undefined): string => (v === null || v === undefined ? "" : String(v).trim());
const number = (v: RecordValue | undefined): number | null => {
  if (typeof v === "number") return v;
  const t = text(v);
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : null;
};
const isTrue = (v: RecordValue | undefined): boolean => v === true || /^(true|yes|是|1)$/i.test(text(v));

/** What the decomposition of the workbook's plans would write. */
export interface PlanWrite {
  readonly add: readonly PlanRow[];
  /** Existing rows (by sheet row) and the new values of the columns that change. */
  readonly change: readonly { readonly row: number; readonly id: string; readonly values: TableRecord; readonly before: TableRecord }[];
  readonly unchanged: number;
  /** Per year and metric: the total of the year rows at each level, after the write. */
  readonly totals: readonly { readonly year: number; readonly metric: PlanMetric; readonly company: number; readonly regions: number; readonly people: number }[];
  readonly problems: readonly Problem[];
}

export interface PlanTables {
  readonly plans: readonly TableRow[];
  readonly regions: readonly TableRecord[];
  readonly people: readonly TableRecord[];
  readonly settings: Readonly<Record<string, unknown>>;
}

/** Compares one owned column: blanks, false and "" are the same; numbers within a cent's rounding. */
function sameValue(a: RecordValue | undefined, b: RecordValue | undefined, column: string): boolean {
  if (column === "manual") return isTrue(a) === isTrue(b);
  const ta = text(a);
  const tb = text(b);
  if (ta === "" || tb === "") return ta === tb;
  const na = number(a);
  const nb = number(b);
  if (na !== null && nb !== null && (typeof a === "number" || typeof b === "number")) return Math.abs(na - nb) < 1e-9;
  return ta === tb;
}

function record(row: PlanRow): TableRecord {
  const out: Record<string, RecordValue> = {};
  for (const c of DECOMPOSED_COLUMNS) out[c] = row[c];
  return out;
}

/**
 * Plans the decomposition of every company annual plan in Plans (WF-01.6, WF-22.3): the rows to
 * add and change, and what stops it. Rows of a root's decomposition that no longer exist (an
 * inactive region or person) are set to 0 with a note, so every parent still adds up.
 */
export function planDecomposition(tables: PlanTables): PlanWrite {
  const problems: Problem[] = [];
  const seasonal = seasonalWeights(tables.settings[PLAN_SETTING_KEYS.seasonal]);
  const regionShares = shareTable(tables.settings[PLAN_SETTING_KEYS.regions], PLAN_SETTING_KEYS.regions);
  const personShares = shareTable(tables.settings[PLAN_SETTING_KEYS.people], PLAN_SETTING_KEYS.people);
  const unitText = settingText(tables.settings[PLAN_SETTING_KEYS.unit]);
  const unit = unitText === "" ? 1 : Number(unitText);
  for (const p of [seasonal, regionShares, personShares]) if (isProblem(p)) problems.push(p);
  if (!(unit > 0)) problems.push({ code: "PLAN_UNIT_BAD", text: format(M.badUnit, { value: unitText }), at: settingAt(PLAN_SETTING_KEYS.unit) });
  if (problems.length > 0 || isProblem(seasonal) || isProblem(regionShares) || isProblem(personShares)) return { add: [], change: [], unchanged: 0, totals: [], problems };

  const regions: PlanRegion[] = tables.regions
    .filter((r) => text(r.code) !== "" && r.active !== false && text(r.active).toUpperCase() !== "FALSE")
    .map((r) => ({ code: text(r.code), share: regionShares.get(text(r.code).toLowerCase()) ?? null }));
  const regionCodes = new Set(regions.map((r) => r.code));
  const people: PlanPerson[] = tables.people
    .filter((p) => text(p.email) !== "" && PLAN_HOLDER_ROLES.has(text(p.role)) && regionCodes.has(text(p.region)) && p.active !== false && text(p.active).toUpperCase() !== "FALSE")
    .map((p) => ({ email: text(p.email), region: text(p.region), share: personShares.get(text(p.email).toLowerCase()) ?? personShares.get(text(p.role).toLowerCase()) ?? null }));

  const byId = new Map<string, TableRow>();
  for (const row of tables.plans) {
    const id = text(row.values.id);
    if (id !== "" && !byId.has(id)) byId.set(id, row);
  }
  const roots: PlanRoot[] = [];
  for (const row of tables.plans) {
    const v = row.values;
    if (text(v.level) !== "company" || text(v.period_type) !== "Y" || !PLAN_METRICS.includes(text(v.metric) as PlanMetric)) continue;
    const year = number(v.year);
    const amount = number(v.amount);
    if (year === null || amount === null) {
      problems.push({ code: "PLAN_ROOT_BAD", text: format(M.badRoot, { row: row.row }), at: { sheet: PLANS_TAB, row: row.row } });
      continue;
    }
    const id = text(v.id) || companyPlanId(year, text(v.metric));
    if (!byId.has(id)) byId.set(id, row);
    roots.push({ id, year, metric: text(v.metric) as PlanMetric, amount, version: number(v.version), state: text(v.state) || null, approvedBy: text(v.approved_by) || null });
  }
  const overrides = new Map<string, number>();
  const overrideRows = new Map<string, number>();
  for (const row of tables.plans) {
    const amount = number(row.values.amount);
    if (isTrue(row.values.manual) && amount !== null && text(row.values.id) !== "") {
      overrides.set(text(row.values.id), amount);
      overrideRows.set(text(row.values.id), row.row);
    }
  }

  const add: PlanRow[] = [];
  const change: { row: number; id: string; values: TableRecord; before: TableRecord }[] = [];
  let unchanged = 0;
  const totals: PlanWrite["totals"][number][] = [];
  for (const root of roots) {
    const input: DecompositionInput = { root, regions, people, seasonal: seasonal.length ? seasonal : null, unit, overrides, overrideRows };
    const result = decomposePlan(input);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const produced = new Set(result.rows.map((r) => r.id));
    const rows = [...result.rows];
    // rows of this root's earlier decomposition that are gone: to 0 with a note, so sums still hold
    const prefix = `${root.year}-${root.metric}-`;
    for (const [id, existing] of byId) {
      if (!id.startsWith(prefix) || produced.has(id) || text(existing.values.source_plan_id) === "") continue;
      rows.push({ ...(existing.values as unknown as PlanRow), amount: 0, manual: false, note: both(M.retired), version: root.version, state: root.state, approved_by: root.approvedBy });
    }
    for (const r of rows) {
      const existing = byId.get(r.id);
      if (!existing) {
        add.push(r);
        continue;
      }
      const next = record(r);
      const values: Record<string, RecordValue> = {};
      const before: Record<string, RecordValue> = {};
      // the company's annual row is the user's input: only its missing key is filled in
      const owned = r.id === root.id ? (["id"] as const) : DECOMPOSED_COLUMNS;
      for (const c of owned) {
        if (sameValue(existing.values[c], next[c], c)) continue;
        values[c] = next[c] ?? null;
        before[c] = existing.values[c] ?? null;
      }
      if (Object.keys(values).length > 0) change.push({ row: existing.row, id: r.id, values, before });
      else unchanged += 1;
    }
    const yearTotal = (level: string): number => result.rows.filter((r) => r.period_type === "Y" && r.level === level).reduce((a, r) => a + r.amount, 0);
    totals.push({ year: root.year, metric: root.metric, company: yearTotal("company"), regions: yearTotal("region"), people: yearTotal("person") });
  }
  return { add, change, unchanged, totals, problems };
}

/** The records to append for `add` (the columns the decomposition owns). */
export const planRecordsToAdd = (write: PlanWrite): TableRecord[] => write.add.map(record);

/**
 * A short fingerprint of what a write would do, so the confirmed write is the previewed one: if
 * Plans, Regions, People or Settings change between the preview and the click, it differs (FNV-1a).
 */
export function planWriteFingerprint(write: PlanWrite): string {
  const text = JSON.stringify([write.add.map((r) => [r.id, r.amount, r.note]), write.change.map((c) => [c.row, c.values])]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16).padStart(8, "0")}-${write.add.length}-${write.change.length}`;
}
