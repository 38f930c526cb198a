/**
 * What a close writes (spec SC-27, WF-24; issue 8 §2): the Monthly results rows (月度考核结果) of a
 * month, and how a later run treats them. A closed month is never silently recomputed:
 * - the first close appends one row per appraised person (state `closed`, revision 1);
 * - a later run whose inputs are unchanged changes nothing;
 * - a run that finds a person's inputs changed marks that person's row `stale` with what changed,
 *   naming the sheet, the column and the row, in both languages;
 * - only a re-close with a reason (`closeMonth(month, reason)`) writes a new revision row for each
 *   changed person, marks the old row `superseded`, and says who and why in Audit.
 * Pure: `planClose` returns the rows to append, the cells to change and the Audit rows.
 */
import { both } from "../i18n";
import type { Bilingual } from "../i18n";
import { sheetTemplate } from "../templates/catalog";
import { dateTimeText } from "../templates/table";
import type { RecordValue, RowUpdate, TableRecord } from "../templates/table";
import type { PersonMonth } from "./close";
import { inputsDigest } from "./close";

/** Monthly results `state` values (the template's dropdown). */
export type ResultState = "closed" | "signed" | "published" | "stale" | "superseded";

/** A Monthly results row as read. */
export interface ResultRow {
  readonly row: number;
  readonly values: TableRecord;
}

/** Who the person is, from People: the snapshot keeps their name, region and post. */
export interface PersonInfo {
  readonly name: string;
  readonly region: string;
  readonly post: string;
}

export interface ClosePlanInput {
  readonly month: string;
  readonly computed: readonly PersonMonth[];
  /** Every Monthly results row (any month). */
  readonly existing: readonly ResultRow[];
  readonly people: ReadonlyMap<string, PersonInfo>;
  readonly now: number;
  readonly actor: string;
  readonly timeZone: string;
  /** Why a stale month is closed again; null for a plain close (or a check). */
  readonly reason: string | null;
  /** A check only (publication, the daily job): mark stale rows, never close. */
  readonly checkOnly?: boolean;
  /** How the run was started, for Audit. */
  readonly channel: "menu" | "trigger";
}

export type CloseOutcome = "closed" | "unchanged" | "stale" | "reclosed" | "not_closed";

export interface ClosePlan {
  readonly outcome: CloseOutcome;
  readonly append: readonly TableRecord[];
  readonly updates: readonly RowUpdate[];
  readonly audit: readonly TableRecord[];
  /** People whose month is stale after this run (changed inputs not yet re-closed). */
  readonly stale: readonly string[];
  readonly message: Bilingual;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** The latest revision of each person's month, superseded rows aside. */
export function latestRows(existing: readonly ResultRow[], month: string): Map<string, ResultRow> {
  const latest = new Map<string, ResultRow>();
  for (const r of existing) {
    if (text(r.values.month) !== month || text(r.values.state) === "superseded") continue;
    const email = text(r.values.employee_email).toLowerCase();
    const have = latest.get(email);
    if (!have || Number(r.values.revision) > Number(have.values.revision)) latest.set(email, r);
  }
  return latest;
}

function cellText(value: RecordValue | undefined): string {
  return value === null || value === undefined || value === "" ? "∅" : String(value);
}

/** Where an input lives, in both languages: `目标管理考核 · 作息考勤(第5行)`. */
function whereOf(key: string): Bilingual {
  const [path = "", row] = key.split("@");
  const [sheetKey = "", column = ""] = path.split(".");
  if (sheetKey === "settings") return { zh: `设置 · ${column}`, en: `Settings · ${column}` };
  let title: Bilingual = { zh: sheetKey, en: sheetKey };
  let header: Bilingual = { zh: column, en: column };
  try {
    const sheet = sheetTemplate(sheetKey);
    title = sheet.title;
    const col = sheet.columns.find((c) => c.key === column);
    if (col) header = col.header;
  } catch {
    // An input key from an older template: shown by its key.
  }
  const sum = row === undefined && (sheetKey === "actuals" || sheetKey === "plans");
  const at = row === undefined ? { zh: sum ? "(当月合计)" : "", en: sum ? " (month's total)" : "" } : /^\d+$/.test(row) ? { zh: `(第${row}行)`, en: ` (row ${row})` } : { zh: `(${row})`, en: ` (${row})` };
  return { zh: `${title.zh} · ${header.zh}${at.zh}`, en: `${title.en} · ${header.en}${at.en}` };
}

/**
 * What changed between the inputs kept at the close and today's, one line per input, both languages.
 * @example changedInputs({"scorecard_objective.attendance": 5}, {"scorecard_objective.attendance": 4})
 *   → ["目标管理考核 · 作息考勤:5 → 4 / Objective appraisal · Attendance: 5 → 4"]
 */
export function changedInputs(before: Readonly<Record<string, RecordValue>>, after: Readonly<Record<string, RecordValue>>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const lines: string[] = [];
  for (const key of keys) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (a === b) continue;
    const where = whereOf(key);
    lines.push(both({ zh: `${where.zh}:${cellText(a)} → ${cellText(b)}`, en: `${where.en}: ${cellText(a)} → ${cellText(b)}` }));
  }
  return lines;
}

function parseInputs(cell: RecordValue | undefined): Record<string, RecordValue> {
  if (typeof cell !== "string" || cell === "") return {};
  try {
    const parsed: unknown = JSON.parse(cell);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, RecordValue>) : {};
  } catch {
    return {};
  }
}

const NEW_PERSON: Bilingual = { zh: "目标管理考核表新增了此人当月的行", en: "this person's row was added to the objective appraisal" };
const PERSON_GONE: Bilingual = { zh: "目标管理考核表已没有此人当月的行", en: "this person's row is no longer on the objective appraisal" };

/** The Monthly results row of a person's month. */
export function resultRecord(p: PersonMonth, revision: number, info: PersonInfo | undefined, now: number, actor: string, timeZone: string): TableRecord {
  const num = (v: unknown): RecordValue => (typeof v === "number" || typeof v === "string" ? v : null);
  const inputs = JSON.stringify(p.inputs);
  return {
    id: `${p.month}#${p.email}#${revision}`,
    month: p.month,
    employee_email: p.email,
    employee_name: info?.name ?? null,
    region: info?.region ?? null,
    post: info?.post ?? null,
    revision,
    work_points: num(p.workPoints),
    behaviour_points: num(p.behaviourPoints),
    company_points: num(p.companyPoints),
    post_score: p.postScore === "" ? null : num(p.postScore),
    final_score: num(p.finalScore),
    grade: num(p.grade),
    perf_pay: num(p.perfPay),
    readings: p.readings.join("\n"),
    flags: p.flags.join("\n") || null,
    best_employee: p.bestEmployee || null,
    state: "closed",
    stale_reason: null,
    inputs_revision: inputsDigest(p.inputs),
    inputs,
    closed_at: dateTimeText(now, timeZone),
    closed_by: actor,
  };
}

function auditRow(input: ClosePlanInput, action: string, after: string, comment: string): TableRecord {
  return {
    at: dateTimeText(input.now, input.timeZone),
    actor_email: input.actor,
    action,
    object_type: "month",
    object_id: input.month,
    before: null,
    after,
    comment: comment || null,
    channel: input.channel,
  };
}

/**
 * What a close (or a check) of `month` does, given what Monthly results already holds.
 * @example first close of 2026-10 with 25 people → append 25 rows, one Audit row "month.closed"
 */
export function planClose(input: ClosePlanInput): ClosePlan {
  const latest = latestRows(input.existing, input.month);
  const append: TableRecord[] = [];
  const updates: RowUpdate[] = [];
  const audit: TableRecord[] = [];
  const record = (p: PersonMonth, revision: number): TableRecord => resultRecord(p, revision, input.people.get(p.email.toLowerCase()), input.now, input.actor, input.timeZone);

  if (latest.size === 0) {
    if (input.checkOnly || input.computed.length === 0) {
      return { outcome: "not_closed", append, updates, audit, stale: [], message: { zh: `${input.month} 尚未关账`, en: `${input.month} is not closed yet` } };
    }
    for (const p of input.computed) append.push(record(p, 1));
    audit.push(auditRow(input, "month.closed", `${append.length}`, input.reason ?? ""));
    return {
      outcome: "closed",
      append,
      updates,
      audit,
      stale: [],
      message: { zh: `${input.month} 已关账:${append.length} 人的考核结果已冻结`, en: `${input.month} closed: ${append.length} people's results frozen` },
    };
  }

  // Each person's changes since the close.
  const changes = new Map<string, { row: ResultRow | null; person: PersonMonth | null; lines: string[] }>();
  const computedBy = new Map(input.computed.map((p) => [p.email.toLowerCase(), p]));
  for (const p of input.computed) {
    const row = latest.get(p.email.toLowerCase()) ?? null;
    if (row === null) {
      changes.set(p.email.toLowerCase(), { row, person: p, lines: [both(NEW_PERSON)] });
      continue;
    }
    if (text(row.values.inputs_revision) === inputsDigest(p.inputs)) continue;
    const lines = changedInputs(parseInputs(row.values.inputs), p.inputs);
    changes.set(p.email.toLowerCase(), { row, person: p, lines: lines.length ? lines : [both({ zh: "输入已变更", en: "inputs changed" })] });
  }
  for (const [email, row] of latest) if (!computedBy.has(email)) changes.set(email, { row, person: null, lines: [both(PERSON_GONE)] });

  if (changes.size === 0) {
    return { outcome: "unchanged", append, updates, audit, stale: [], message: { zh: `${input.month} 已关账,输入未变,无需改动`, en: `${input.month} is already closed and its inputs are unchanged: nothing to do` } };
  }

  const reason = (input.reason ?? "").trim();
  if (reason === "" || input.checkOnly) {
    for (const [, c] of changes) {
      if (c.row === null) continue;
      const staleReason = c.lines.join("\n");
      if (text(c.row.values.state) === "stale" && text(c.row.values.stale_reason) === staleReason) continue;
      updates.push({ row: c.row.row, values: { state: "stale", stale_reason: staleReason } });
    }
    const names = [...changes.keys()];
    if (updates.length > 0) audit.push(auditRow(input, "month.stale", `${names.length}`, [...changes.entries()].map(([email, c]) => `${email}: ${c.lines.join("; ")}`).join("\n")));
    return {
      outcome: "stale",
      append,
      updates,
      audit,
      stale: names,
      message: {
        zh: `${input.month} 已关账后有 ${names.length} 人的输入变更,已标记为“输入已变更”;请注明原因重新关账:closeMonth("${input.month}", "原因")`,
        en: `${names.length} people's inputs changed after ${input.month} closed; their rows are marked stale. Re-close with a reason: closeMonth("${input.month}", "reason")`,
      },
    };
  }

  for (const [, c] of changes) {
    if (c.row !== null) updates.push({ row: c.row.row, values: { state: "superseded", stale_reason: c.lines.join("\n") } });
    if (c.person !== null) append.push(record(c.person, c.row === null ? 1 : Number(c.row.values.revision) + 1));
  }
  audit.push(auditRow(input, "month.reclosed", `${changes.size}`, `${reason}\n${[...changes.entries()].map(([email, c]) => `${email}: ${c.lines.join("; ")}`).join("\n")}`));
  return {
    outcome: "reclosed",
    append,
    updates,
    audit,
    stale: [],
    message: { zh: `${input.month} 已重新关账:${changes.size} 人写入新版本(原因:${reason})`, en: `${input.month} re-closed: a new revision for ${changes.size} people (reason: ${reason})` },
  };
}
