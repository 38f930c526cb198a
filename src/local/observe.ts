/**
 * What a command did, as the CLI tells it (issue 11 §4): the requests (申请) it created or changed,
 * the mail it sent and to whom, the toasts and alerts a person would have seen. An `Observation`
 * is taken before the command runs; `changesSince` reads the host again afterwards. Read without
 * service calls (the model directly), so observing changes no count and no quota.
 */
import { both } from "../core/i18n";
import { sheetTemplate } from "../core/templates/catalog";
import { tableLayout } from "../core/templates/table";
import type { LocalHost } from "./host";
import type { OutboxMessage } from "./services/mail";
import type { SheetSummary } from "./binding";

/** A Requests row as a person reads it (display values), by column key. */
export interface RequestView {
  /** The sheet row (1-based) the request is on. */
  readonly row: number;
  readonly id: string;
  readonly type: string;
  readonly title: string;
  /** The status as the engine writes it (`pending`, `needs_fixing`, …). */
  readonly statusCode: string;
  /** The status in both languages, from the Requests template's list (`审批中 / Pending`). */
  readonly status: string;
  readonly statusReason: string;
  readonly approver: string;
  readonly escalated: string;
  readonly step: string;
  readonly updatedAt: string;
  readonly responseRef: string;
}

export interface Observation {
  readonly requests: ReadonlyMap<string, RequestView>;
  readonly mailSeq: number;
  readonly toasts: number;
  readonly alerts: number;
  readonly sheets: readonly SheetSummary[];
}

export interface RequestChange {
  readonly request: RequestView;
  /** Absent for a request the command created. */
  readonly before?: RequestView;
}

export interface Changes {
  readonly requests: readonly RequestChange[];
  readonly mail: readonly OutboxMessage[];
  readonly toasts: readonly { readonly title: string; readonly message: string }[];
  readonly alerts: readonly { readonly title: string; readonly prompt: string }[];
}

/** Every row of the Requests sheet (申请 Requests), or none when the workbook has no such sheet. */
export function requestRows(host: LocalHost): Map<string, RequestView> {
  const out = new Map<string, RequestView>();
  const template = sheetTemplate("requests");
  const book = host.spreadsheet.workbook;
  const sheet = book.sheet(template.tabName);
  if (!sheet) return out;
  const width = book.lastColumn(sheet);
  const height = book.lastRow(sheet);
  if (width === 0 || height < 2) return out;
  const header = book.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: width })[0] ?? [];
  let layout;
  try {
    layout = tableLayout(template, header);
  } catch {
    return out; // a Requests sheet whose header the installer would repair: nothing to report from it
  }
  const rows = book.readDisplayValues(sheet, { row: 2, column: 1, numRows: height - 1, numColumns: width });
  const cell = (row: readonly string[], key: string): string => {
    const at = layout.columns.get(key);
    return at === undefined ? "" : (row[at] ?? "").trim();
  };
  const labels = statusLabels(template);
  rows.forEach((row, i) => {
    const id = cell(row, "id");
    const status = cell(row, "status");
    const known = labels.find((l) => l.value === status || l.text === status || l.label.zh === status || l.label.en === status);
    if (id === "") return;
    out.set(id, {
      row: i + 2,
      id,
      type: cell(row, "type"),
      title: cell(row, "title"),
      statusCode: known?.value ?? status,
      status: known?.text ?? status,
      statusReason: cell(row, "status_reason"),
      approver: cell(row, "current_approver_email"),
      escalated: cell(row, "escalated"),
      step: cell(row, "current_step"),
      updatedAt: cell(row, "updated_at"),
      responseRef: cell(row, "response_ref"),
    });
  });
  return out;
}

/** The Requests status column's values with their labels, as the template lists them. */
function statusLabels(template: ReturnType<typeof sheetTemplate>): { value: string; label: { zh: string; en: string }; text: string }[] {
  const validation = template.columns.find((c) => c.key === "status")?.validation;
  return (validation?.kind === "enum" ? validation.values : []).map((v) => ({ value: v.value, label: v.label, text: both(v.label) }));
}

export function observe(host: LocalHost): Observation {
  const messages = host.services.controllers.outbox.messages();
  return {
    requests: requestRows(host),
    mailSeq: Math.max(0, ...messages.map((m) => m.seq)),
    toasts: host.spreadsheet.toasts.length,
    alerts: host.spreadsheet.alerts.length,
    sheets: host.spreadsheet.sheetSummary(),
  };
}

const VISIBLE: readonly (keyof RequestView)[] = ["statusCode", "statusReason", "approver", "escalated", "step", "title"];

export function changesSince(host: LocalHost, before: Observation): Changes {
  const requests: RequestChange[] = [];
  for (const request of requestRows(host).values()) {
    const was = before.requests.get(request.id);
    if (!was) requests.push({ request });
    else if (VISIBLE.some((k) => was[k] !== request[k])) requests.push({ request, before: was });
  }
  return {
    requests,
    mail: host.services.controllers.outbox.messages().filter((m) => m.seq > before.mailSeq),
    toasts: host.spreadsheet.toasts.slice(before.toasts).map((t) => ({ title: t.title, message: t.message })),
    alerts: host.spreadsheet.alerts.slice(before.alerts).map((a) => ({ title: a.title, prompt: a.prompt })),
  };
}

/** One line per text: a multi-line message from the script (a toast, a reason) joined with " · ". */
export function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" · ");
}

/** Everyone a set of messages went to (to, cc, bcc), each once, in the order first seen. */
export function recipientsOf(messages: readonly OutboxMessage[]): string[] {
  return [...new Set(messages.flatMap((m) => [...m.to, ...m.cc, ...m.bcc]))];
}

/**
 * The lines that tell a person what changed: each request created or changed (id, status,
 * approver, and the reason when there is one), each email (kind, recipients, subject), each toast
 * and alert. Empty when nothing did.
 */
export function describeChanges(changes: Changes): string[] {
  const lines: string[] = [];
  for (const { request, before } of changes.requests) {
    const head = before
      ? `${request.id}: ${before.status === request.status ? request.status : `${before.status} → ${request.status}`}`
      : `${request.id} ${request.title ? `"${request.title}" ` : ""}— ${request.status}`;
    const parts = [head];
    if (request.approver && request.approver !== before?.approver) parts.push(`审批人 / approver: ${request.approver}`);
    if (before && request.escalated !== before.escalated && request.escalated !== "") parts.push(`升级 / escalated: ${request.escalated}`);
    lines.push(parts.join(" · "));
    if (request.statusReason && request.statusReason !== before?.statusReason) lines.push(`  原因 / reason: ${oneLine(request.statusReason)}`);
  }
  if (changes.mail.length) {
    lines.push(`已发邮件 / emailed (${changes.mail.length}): ${recipientsOf(changes.mail).join(", ")}`);
    for (const m of changes.mail) lines.push(`  ${m.kind} → ${[...m.to, ...m.cc].join(", ")}: ${oneLine(m.subject)}`);
  }
  for (const t of changes.toasts) lines.push(`提示 / toast: ${t.title ? `${oneLine(t.title)}: ` : ""}${oneLine(t.message)}`);
  for (const a of changes.alerts) lines.push(`对话框 / alert: ${a.title ? `${oneLine(a.title)}: ` : ""}${oneLine(a.prompt)}`);
  return lines;
}
