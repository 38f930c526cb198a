/**
 * The Requests archive (issue 10 §3: no approval job may cost more because history grew). Every
 * approval job reads the whole Requests sheet, so closed requests move out of it: a request whose
 * status is final (approved, rejected, withdrawn, closed, cancelled) and whose last change is more
 * than Settings `REQUESTS_ARCHIVE_DAYS` days old (default 30; `NONE` keeps everything) moves to
 * the archive sheet of the year it was submitted (申请归档 2026 Requests archive), which no job
 * reads. Requests then holds the open requests and the recently closed ones: its size follows the
 * department's throughput, not its history.
 *
 * Request IDs count up per type and year (ST-2026-0005); once old requests have left Requests, the
 * highest number each prefix reached is kept as an ID floor, so a new ID never repeats an archived one.
 */
import type { Bilingual } from "../i18n";

/** Status cells of a request nothing more happens to (sheets-templates/sheets/requests.json). */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(["approved", "rejected", "withdrawn", "closed", "cancelled"]);

export const ARCHIVE_DAYS_KEY = "REQUESTS_ARCHIVE_DAYS";
export const DEFAULT_ARCHIVE_DAYS = 30;
/** At most this many requests move in one run: one read, one append, and a few deletes per run. */
export const ARCHIVE_BATCH = 500;

const DAY_MS = 86_400_000;

/** The archive's age in days from the Settings value: blank = the default, `NONE` / `无` = never archive. */
export function archiveDays(setting: unknown): number | null | { error: Bilingual } {
  const typed = typeof setting === "string" || typeof setting === "number" || typeof setting === "boolean" ? String(setting) : "";
  if (setting === null || setting === undefined || (typeof setting === "string" && setting.trim() === "")) return DEFAULT_ARCHIVE_DAYS;
  if (typeof setting === "string" && /^(none|无)$/i.test(setting.trim())) return null;
  const n = typeof setting === "number" ? setting : Number(typed.trim());
  if (Number.isInteger(n) && n >= 1) return n;
  return {
    error: {
      zh: `设置 ${ARCHIVE_DAYS_KEY} 应为不小于 1 的整数天数,或 NONE(不归档),现在是「${typed}」`,
      en: `Settings ${ARCHIVE_DAYS_KEY} must be a whole number of days (1 or more), or NONE (never archive); it is "${typed}"`,
    },
  };
}

/** One Requests row as the archive sees it. */
export interface ArchiveCandidate {
  readonly row: number;
  readonly id: string;
  readonly status: unknown;
  /** When the request last changed (epoch ms), or null when the cell holds no readable time. */
  readonly updatedAt: number | null;
}

/** The rows to move, oldest sheet row first, by the year of their ID (`ST-2026-0005` → 2026). */
export interface ArchivePlan {
  readonly rows: readonly ArchiveCandidate[];
  /** Contiguous runs of sheet rows to delete afterwards, bottom first (so earlier rows keep their numbers). */
  readonly deletions: readonly { readonly start: number; readonly count: number }[];
}

/** The year an ID names, else null (an ID the user typed by hand). */
export function idYear(id: string): number | null {
  const m = /^[A-Z]+-(\d{4})-\d+$/i.exec(id.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Which rows move now: final status, unchanged for more than `days`, an ID with a year; at most
 * `limit` of them, oldest rows first.
 */
export function archivePlan(candidates: readonly ArchiveCandidate[], now: number, days: number, limit = ARCHIVE_BATCH): ArchivePlan {
  const cutoff = now - days * DAY_MS;
  const rows = candidates
    .filter((c) => typeof c.status === "string" && FINAL_STATUSES.has(c.status) && c.updatedAt !== null && c.updatedAt < cutoff && idYear(c.id) !== null)
    .sort((a, b) => a.row - b.row)
    .slice(0, limit);
  const deletions: { start: number; count: number }[] = [];
  for (const r of rows) {
    const last = deletions[deletions.length - 1];
    if (last && last.start + last.count === r.row) last.count += 1;
    else deletions.push({ start: r.row, count: 1 });
  }
  return { rows, deletions: deletions.reverse() };
}

/** Highest sequence number per ID prefix and year (`ST-2026` → 123). */
export type IdFloors = Readonly<Record<string, number>>;

/** The floors `ids` reach, merged into `floors`. */
export function raiseFloors(floors: IdFloors, ids: Iterable<string>): IdFloors {
  const out: Record<string, number> = { ...floors };
  for (const id of ids) {
    const m = /^([A-Z]+-\d{4})-(\d+)$/i.exec(id.trim());
    if (!m?.[1] || !m[2]) continue;
    const key = m[1].toUpperCase();
    out[key] = Math.max(out[key] ?? 0, Number(m[2]));
  }
  return out;
}

/** IDs standing for each floor, to pass with the IDs in Requests wherever a new ID is numbered. */
export function floorIds(floors: IdFloors): string[] {
  return Object.entries(floors).map(([prefix, n]) => `${prefix}-${String(n).padStart(4, "0")}`);
}

export function floorsFromText(text: string | null): IdFloors {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null) return {};
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === "number" && Number.isInteger(v)) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** The archive sheet of a year. */
export function archiveSheetName(year: number): string {
  return `申请归档 ${year} Requests archive`;
}
