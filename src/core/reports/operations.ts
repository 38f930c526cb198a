/**
 * The open work a report lists (RP-28 "pending approvals and overdue tasks"): requests waiting on a
 * decision, with who holds them and for how many days (since the last decision on them, else since
 * submission), and tasks past their due day and not done (SC-21 task misses). Ages are whole
 * calendar days to the report's day.
 */
import type { TableRecord } from "../templates/table";
import { emailKey, numberOf, text } from "./inputs";
import { dayNumber } from "./months";

/** Request statuses that wait on someone (sheets-templates/sheets/requests.json). */
const WAITING: ReadonlySet<string> = new Set(["pending", "needs_fixing", "returned"]);

export interface PendingApproval {
  readonly requestId: string;
  readonly type: string;
  readonly title: string;
  readonly status: string;
  readonly region: string | null;
  readonly requesterEmail: string;
  /** Who holds it now: the current approver (pending) or the requester (returned / needs fixing). */
  readonly holderEmail: string;
  readonly waitingSince: string;
  readonly ageDays: number;
  readonly amount: number | null;
}

/** Requests waiting on someone, oldest first. */
export function pendingApprovals(requests: readonly TableRecord[], approvals: readonly TableRecord[], today: string): PendingApproval[] {
  const asOf = dayNumber(today) ?? 0;
  const lastDecision = new Map<string, string>();
  for (const a of approvals) {
    const id = text(a.request_id).toUpperCase();
    const at = text(a.decided_at);
    if (id !== "" && at !== "" && at > (lastDecision.get(id) ?? "")) lastDecision.set(id, at);
  }
  const out: PendingApproval[] = [];
  for (const r of requests) {
    const status = text(r.status);
    const id = text(r.id);
    if (id === "" || !WAITING.has(status)) continue;
    const since = lastDecision.get(id.toUpperCase()) ?? (text(r.submitted_at) || text(r.updated_at));
    const sinceDay = dayNumber(since);
    out.push({
      requestId: id,
      type: text(r.type),
      title: text(r.title),
      status,
      region: text(r.region) === "" ? null : text(r.region).toUpperCase(),
      requesterEmail: text(r.requester_email),
      holderEmail: status === "pending" ? text(r.current_approver_email) : text(r.requester_email),
      waitingSince: since.slice(0, 10),
      ageDays: sinceDay === null ? 0 : Math.max(0, asOf - sinceDay),
      amount: numberOf(r.amount),
    });
  }
  return out.sort((a, b) => b.ageDays - a.ageDays || a.requestId.localeCompare(b.requestId));
}

export interface OverdueTask {
  readonly id: string;
  readonly title: string;
  readonly ownerEmail: string;
  readonly assignerEmail: string;
  readonly dueOn: string;
  readonly daysLate: number;
}

/** Tasks due before `today` and not done, most late first. */
export function overdueTasks(tasks: readonly TableRecord[], today: string): OverdueTask[] {
  const asOf = dayNumber(today) ?? 0;
  const out: OverdueTask[] = [];
  for (const t of tasks) {
    const due = dayNumber(t.due_on);
    if (due === null || text(t.done_on) !== "" || due >= asOf) continue;
    out.push({ id: text(t.id), title: text(t.title), ownerEmail: text(t.owner_email), assignerEmail: text(t.assigner_email), dueOn: text(t.due_on).slice(0, 10), daysLate: asOf - due });
  }
  return out.sort((a, b) => b.daysLate - a.daysLate || a.id.localeCompare(b.id));
}

/** Whether two emails name the same person. */
export function samePerson(a: string, b: string): boolean {
  return emailKey(a) !== "" && emailKey(a) === emailKey(b);
}
