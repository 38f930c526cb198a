/**
 * Exactly once (RP-28, conventions "every trigger handler is idempotent"): the Reports log holds one
 * row per report, month and recipient (`deliveryId`), and its state is the job's cursor.
 * - A delivery without a row gets a `queued` row before anything is sent.
 * - Before a batch goes out its rows are claimed (the error cell says "sending since …", the status
 *   stays `queued`); after it, each row becomes `sent` with its time, or `failed` with the reason.
 * - A row still claimed when a run starts (under the script lock, so no other run is sending) was
 *   cut off mid-batch: it may or may not have gone out, so it becomes `failed` with that reason and
 *   is never sent again by itself — a person sets it back to `queued` to resend. Sent and failed
 *   rows are never sent again. So a re-run, a duplicate trigger or a second run sends nothing twice.
 * Pure: rows and deliveries in, the rows to write out.
 */
import type { TableRecord, TableRow } from "../templates/table";
import type { ReportDelivery, ReportKind } from "./audience";
import { deliveryId, scopeCode } from "./audience";
import { text } from "./inputs";

/** The claim written before a batch is sent; a row still carrying it at the next run was interrupted. */
export const CLAIM_PREFIX = "sending since ";
const INTERRUPTED = "发送中断,可能已发出,请检查后把状态改回“排队中”重发 / Interrupted while sending: it may have gone out; check, then set the status back to queued to resend";

export interface LoggedDelivery {
  readonly row: number;
  readonly id: string;
  readonly month: string;
  readonly kind: ReportKind;
  readonly recipientEmail: string;
  /** ALL, a region code, or SELF. */
  readonly scope: string;
}

export interface LogPlan {
  /** Rows to append, all `queued`. */
  readonly append: readonly TableRecord[];
  /** Rows cut off mid-batch by an earlier run: mark them failed. */
  readonly interrupted: readonly { readonly row: number; readonly values: TableRecord }[];
}

/** What to write before sending: the month's new deliveries queued, interrupted claims failed. */
export function planLog(rows: readonly TableRow[], month: string | null, deliveries: readonly ReportDelivery[]): LogPlan {
  const known = new Set(rows.map((r) => text(r.values.id)));
  const append: TableRecord[] = [];
  if (month !== null) {
    for (const d of deliveries) {
      const id = deliveryId(month, d);
      if (known.has(id)) continue;
      known.add(id);
      append.push({ id, period: month, report: d.kind, recipient_email: d.recipient.email, scope: scopeCode(d.scope), status: "queued", sent_at: null, error: null });
    }
  }
  const interrupted = rows
    .filter((r) => text(r.values.status) === "queued" && text(r.values.error).startsWith(CLAIM_PREFIX))
    .map((r) => ({ row: r.row, values: { status: "failed", error: INTERRUPTED } }));
  return { append, interrupted };
}

/** The queued rows (not claimed), in log order: what the run sends. */
export function queuedDeliveries(rows: readonly TableRow[]): LoggedDelivery[] {
  const out: LoggedDelivery[] = [];
  for (const r of rows) {
    if (text(r.values.status) !== "queued" || text(r.values.error).startsWith(CLAIM_PREFIX)) continue;
    const kind = text(r.values.report);
    if (kind !== "monthly_pack" && kind !== "appraisal_results") continue;
    out.push({ row: r.row, id: text(r.values.id), month: text(r.values.period), kind, recipientEmail: text(r.values.recipient_email), scope: text(r.values.scope).toUpperCase() });
  }
  return out;
}

/** The claim of a batch, as the `error` cell shows it. */
export function claimText(at: string): string {
  return `${CLAIM_PREFIX}${at}`;
}
