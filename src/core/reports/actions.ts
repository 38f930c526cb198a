/**
 * What needs this reader's action, in order (RP-28; the top of every report):
 * 1. sign the month's appraisals, for the signer (`APPRAISAL_SIGNER_ROLE`, SC-57: unsigned is invalid);
 * 2. requests waiting on the reader's decision, oldest first (WF-GEN approvals);
 * 3. flags a person must decide on (AMB-65: every triggered flag is shown; a person decides),
 *    for the department's deciders and the region manager of the flagged people;
 * 4. the reader's own overdue tasks, then overdue tasks the reader assigned (SC-21);
 * 5. weeks without an activity log (own, or the region's people for its manager) (KPI-07, RP-14);
 * 6. stale customer files the reader owns, or in the reader's region (KPI-10);
 * 7. an unmet new-customer standard of the reader's own (KPI-08).
 * Each item is bilingual text (typed values inside are escaped by the renderer) with its rule ID.
 */
import type { Bilingual } from "../i18n";
import { format } from "../i18n";
import type { ReportPerson, ReportScope } from "./audience";
import type { PendingApproval, OverdueTask } from "./operations";
import { samePerson } from "./operations";
import type { PersonResult } from "./results";
import type { StaleFile, StandardsLine } from "./standards";

export type ActionKind = "sign" | "decide" | "flag" | "task" | "follow_up" | "log" | "file" | "standard";

export interface ActionItem {
  readonly kind: ActionKind;
  readonly rule: string;
  readonly text: Bilingual;
}

/** Flags that ask a person to decide something (raise, demotion, dismissal review, bottom-N, rank, probation). */
export const DECISION_FLAG_RULES: ReadonlySet<string> = new Set(["SC-42", "SC-46", "SC-47", "SC-51", "SC-52", "SC-53", "SC-55"]);

/** Roles that decide on flags for the whole department. */
const FLAG_DECIDERS: ReadonlySet<string> = new Set(["director", "gm", "hr"]);

const T = {
  sign: { zh: "签字确认 {month} 的 {count} 份考核(未签字无效)", en: "Sign {month}'s {count} appraisals (unsigned ones are invalid)" },
  decide: { zh: "审批 {id}「{title}」(已等 {days} 天)", en: "Decide {id} \"{title}\" (waiting {days} days)" },
  fix: { zh: "修改并重新提交 {id}「{title}」(已退回 {days} 天)", en: "Fix and resubmit {id} \"{title}\" (returned {days} days ago)" },
  flag: { zh: "决定 {name} 的提示 {rule}:{reason}", en: "Decide on {name}'s flag {rule}: {reason}" },
  task: { zh: "完成逾期任务「{title}」(逾期 {days} 天)", en: "Finish the overdue task \"{title}\" ({days} days late)" },
  followUp: { zh: "跟进你布置的逾期任务「{title}」(逾期 {days} 天)", en: "Follow up the overdue task you assigned, \"{title}\" ({days} days late)" },
  logOwn: { zh: "补填 {weeks} 周的活动记录", en: "Log your activities for {weeks} week(s) without any" },
  logPeople: { zh: "{name} 有 {weeks} 周没有活动记录", en: "{name} logged no activity in {weeks} week(s)" },
  file: { zh: "更新 {count} 份过期的客户档案", en: "Update {count} stale customer file(s)" },
  standard: { zh: "本月新客户 {count} 家,低于标准 {min} 家", en: "{count} new customer(s) this month, below the standard of {min}" },
} as const;

export interface ActionInputs {
  readonly reader: ReportPerson;
  readonly scope: ReportScope;
  readonly month: string;
  readonly signerRole: string;
  /** The month's results in the reader's scope. */
  readonly results: readonly PersonResult[];
  /** Every waiting request (unscoped: the reader's own are picked here). */
  readonly approvals: readonly PendingApproval[];
  readonly tasks: readonly OverdueTask[];
  /** Standards lines in the reader's scope. */
  readonly standards: readonly StandardsLine[];
  /** Stale files in the reader's scope. */
  readonly staleFiles: readonly StaleFile[];
  readonly monthlyNewCustomers: number;
}

export function readerActions(input: ActionInputs): ActionItem[] {
  const { reader, scope } = input;
  const out: ActionItem[] = [];
  const unsigned = input.results.filter((r) => r.state === "closed" || r.state === "stale").length;
  if (scope.kind === "department" && reader.role === input.signerRole && unsigned > 0) {
    out.push({ kind: "sign", rule: "SC-57", text: format(T.sign, { month: input.month, count: unsigned }) });
  }
  for (const a of input.approvals) {
    if (!samePerson(a.holderEmail, reader.email)) continue;
    const text = a.status === "pending" ? T.decide : T.fix;
    out.push({ kind: "decide", rule: "WF-GEN", text: format(text, { id: a.requestId, title: a.title, days: a.ageDays }) });
  }
  const decidesFlags = (scope.kind === "department" && FLAG_DECIDERS.has(reader.role)) || scope.kind === "region";
  if (decidesFlags) {
    for (const r of input.results) {
      for (const f of r.flags) if (DECISION_FLAG_RULES.has(f.rule)) out.push({ kind: "flag", rule: f.rule, text: format(T.flag, { name: r.name, rule: f.rule, reason: f.reason }) });
    }
  }
  for (const t of input.tasks) if (samePerson(t.ownerEmail, reader.email)) out.push({ kind: "task", rule: "SC-21", text: format(T.task, { title: t.title, days: t.daysLate }) });
  for (const t of input.tasks) {
    if (samePerson(t.assignerEmail, reader.email) && !samePerson(t.ownerEmail, reader.email)) out.push({ kind: "follow_up", rule: "SC-21", text: format(T.followUp, { title: t.title, days: t.daysLate }) });
  }
  for (const s of input.standards) {
    if (s.missingLogWeeks.length === 0) continue;
    if (samePerson(s.email, reader.email)) out.push({ kind: "log", rule: "KPI-07", text: format(T.logOwn, { weeks: s.missingLogWeeks.length }) });
    else if (scope.kind === "region") out.push({ kind: "log", rule: "KPI-07", text: format(T.logPeople, { name: s.name, weeks: s.missingLogWeeks.length }) });
  }
  const files = input.staleFiles.filter((f) => samePerson(f.ownerEmail, reader.email) || scope.kind === "region").length;
  if (files > 0) out.push({ kind: "file", rule: "KPI-10", text: format(T.file, { count: files }) });
  const own = input.standards.find((s) => samePerson(s.email, reader.email));
  if (own && !own.newCustomersMet) out.push({ kind: "standard", rule: "KPI-08", text: format(T.standard, { count: own.newCustomers, min: input.monthlyNewCustomers }) });
  return out;
}
