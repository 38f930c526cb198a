/**
 * Publication of a closed month (考核结果公布), spec SC-27 (published by `PUBLISH_DUE_DAY`), SC-57
 * (an unsigned appraisal is invalid: nothing unsigned is published) and SC-54 / WF-26 (publication
 * opens the appeal window: `APPEAL_DAYS` calendar days from the publication day, workbook zone).
 * Only a month whose latest-revision Monthly results rows are all signed (or already published)
 * is published; otherwise the refusal says what is missing. Each person is emailed their own
 * result once (Settings `PUBLISH_EMAIL_PERSONAL`): Audit rows `result.emailed` record who was sent
 * theirs, so a second run, or one after the day's quota ran out, sends only what is still owed.
 * Pure: rows come in by column key, time as `now`.
 */
import { shiftDay } from "../approvals/calendar";
import type { Bilingual } from "../i18n";
import type { TableRecord } from "../templates/table";
import { dateTimeText } from "../templates/table";
import { dayKey } from "../time";

export const PUBLISH_EMAIL_KEY = "PUBLISH_EMAIL_PERSONAL";
/** The Audit action recording that a person was emailed their result (object_id: the result ID). */
export const RESULT_EMAILED = "result.emailed";

/** Whether `PUBLISH_EMAIL_PERSONAL` is on; blank means on (the default). */
export function personalEmailOn(settings: Readonly<Record<string, unknown>>): boolean {
  const v = settings[PUBLISH_EMAIL_KEY];
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && v.trim() !== "") return !/^(false|no|0|off)$/i.test(v.trim());
  return true;
}

export interface ResultRecord {
  readonly row: number;
  readonly values: TableRecord;
}

export interface PublishInput {
  readonly month: string;
  /** Every Monthly results row. */
  readonly rows: readonly ResultRecord[];
  /** Result IDs already emailed (Audit `result.emailed`). */
  readonly emailed: ReadonlySet<string>;
  readonly now: number;
  readonly timeZone: string;
  readonly appealDays: number;
  readonly emailPersonal: boolean;
  /** Emails the day's quota still allows. */
  readonly quota: number;
}

export type PublishPlan =
  | { readonly ok: false; readonly message: Bilingual }
  | {
      readonly ok: true;
      /** Rows turned `published` by this run (empty when the month was published before). */
      readonly updates: readonly { readonly row: number; readonly values: TableRecord }[];
      /** The latest-revision rows whose person is to be emailed now, within the quota. */
      readonly toEmail: readonly TableRecord[];
      /** Emails still owed after this run (over the quota). */
      readonly waiting: number;
      readonly appealUntil: string;
      readonly newlyPublished: boolean;
    };

function text(v: unknown): string {
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
}

/** Each person's latest revision of the month (superseded rows never count). */
export function latestRows(month: string, rows: readonly ResultRecord[]): ResultRecord[] {
  const latest = new Map<string, ResultRecord>();
  for (const r of rows) {
    if (text(r.values.month) !== month) continue;
    const who = text(r.values.employee_email).toLowerCase();
    const revision = Number(r.values.revision) || 0;
    const seen = latest.get(who);
    if (!seen || revision > (Number(seen.values.revision) || 0)) latest.set(who, r);
  }
  return [...latest.values()];
}

/**
 * What publishing `month` does now (SC-27, SC-54, SC-57).
 * @example planPublish({ month: "2026-10", rows: [24 signed], now: 2026-11-09 08:30, appealDays: 7, … }) → 24 rows published, appeal_until 2026-11-16, 24 to email
 */
export function planPublish(input: PublishInput): PublishPlan {
  const latest = latestRows(input.month, input.rows);
  if (latest.length === 0) {
    return { ok: false, message: { zh: `${input.month} 尚未关账,无可公布的考核结果`, en: `${input.month} has not been closed; there are no results to publish` } };
  }
  // SC-57: an unsigned appraisal is invalid; nothing of the month is published until all are signed.
  const unsigned = latest.filter((r) => !["signed", "published"].includes(text(r.values.state)));
  if (unsigned.length > 0) {
    const pending = [...new Set(unsigned.filter((r) => text(r.values.state) === "closed").map((r) => text(r.values.sign_request_id)).filter(Boolean))];
    const stale = unsigned.filter((r) => text(r.values.state) === "stale").map((r) => text(r.values.employee_name) || text(r.values.employee_email));
    const zh: string[] = [`${input.month} 有 ${unsigned.length} 人的考核结果未签字,不能公布(SC-57)`];
    const en: string[] = [`${input.month}: ${unsigned.length} result(s) are not signed, so the month cannot be published (SC-57)`];
    if (pending.length) {
      zh.push(`待签字申请:${pending.join("、")}`);
      en.push(`sign-off pending: ${pending.join(", ")}`);
    }
    if (stale.length) {
      zh.push(`输入已变更、须重新关账:${stale.join("、")}`);
      en.push(`inputs changed, close again first: ${stale.join(", ")}`);
    }
    return { ok: false, message: { zh: zh.join(";"), en: en.join("; ") } };
  }
  const today = dayKey(input.now, input.timeZone);
  const fresh = latest.filter((r) => text(r.values.state) === "signed");
  const newlyPublished = fresh.length > 0;
  // A month published before keeps its window; only newly published rows get today's.
  const appealUntil = newlyPublished ? shiftDay(today, input.appealDays) : text(latest.find((r) => text(r.values.appeal_until) !== "")?.values.appeal_until) || shiftDay(today, input.appealDays);
  const updates = fresh.map((r) => ({ row: r.row, values: { state: "published", published_at: dateTimeText(input.now, input.timeZone), appeal_until: appealUntil } }));
  const published = latest.map((r) => (text(r.values.state) === "signed" ? { ...r.values, state: "published", appeal_until: appealUntil } : r.values));
  const owed = input.emailPersonal ? published.filter((r) => !input.emailed.has(text(r.id)) && text(r.employee_email) !== "") : [];
  const room = Math.max(0, Math.floor(input.quota));
  return { ok: true, updates, toEmail: owed.slice(0, room), waiting: Math.max(0, owed.length - room), appealUntil, newlyPublished };
}
