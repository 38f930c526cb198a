/**
 * The daily job's recurring tasks (src/core/close/recurring.ts): WF-20's process review at
 * `PROCESS_REVIEW_CADENCE` and WF-16.1's department meeting at `DEPT_MEETING_CADENCE`, each added
 * to Tasks once for its period, for the first active person holding its role. The periods already
 * added are kept in a script property (one read, one write), so the job never reads the Tasks
 * sheet, whatever its length; a role nobody holds is skipped and said so in the report.
 */
import type { WorkCalendar } from "../../core/approvals/calendar";
import { taskRecord } from "../../core/approvals/records";
import { recurringSettings, recurringTasks } from "../../core/close/recurring";
import { dateTimeText } from "../../core/templates/table";
import { dayKey } from "../../core/time";
import { appendRecords, readTable } from "../table";

/** Script property: the period ID last added per rule, `{"WF-20":"WF20-2026-Q4",…}`. */
const ADDED = "MO_RECURRING_TASKS";

export interface RecurringReport {
  readonly added: readonly string[];
  /** Task IDs skipped because nobody active holds the owner's role. */
  readonly noOwner: readonly string[];
}

function addedSoFar(text: string | null): Record<string, string> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Adds this period's review and meeting tasks not yet added; reads People only when one is due. */
export function addRecurringTasks(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Readonly<Record<string, unknown>>, calendar: WorkCalendar, timeZone: string, now: number, actor: string): RecurringReport {
  const properties = PropertiesService.getScriptProperties();
  const added = addedSoFar(properties.getProperty(ADDED));
  const today = dayKey(now, timeZone);
  const due = recurringTasks(today, calendar, recurringSettings(settings)).filter((t) => added[t.rule] !== t.id);
  if (due.length === 0) return { added: [], noOwner: [] };
  const people = readTable(spreadsheet, "people").rows.map((r) => r.values);
  const records = [];
  const noOwner: string[] = [];
  for (const task of due) {
    const owner = people.find((p) => p.role === task.ownerRole && p.active !== false && typeof p.email === "string" && p.email !== "");
    if (!owner || typeof owner.email !== "string") {
      noOwner.push(task.id);
      continue;
    }
    records.push(taskRecord({ id: task.id, title: task.title, assigner: actor, owner: owner.email, assignedOn: today, dueOn: task.dueOn, requestId: "", rule: task.rule }));
    added[task.rule] = task.id;
  }
  if (records.length > 0) {
    appendRecords(spreadsheet, "tasks", records);
    appendRecords(
      spreadsheet,
      "audit",
      records.map((r) => ({ at: dateTimeText(now, timeZone), actor_email: actor, action: "task.recurring", object_type: "tasks", object_id: String(r.id), before: null, after: String(r.due_on), comment: String(r.notes), channel: "trigger" })),
    );
    properties.setProperty(ADDED, JSON.stringify(added));
  }
  return { added: records.map((r) => String(r.id)), noOwner };
}
