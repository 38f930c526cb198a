/**
 * The vocabulary of the approval engine (审批), shared by its modules: request types, people as the
 * engine sees them, the planned route, the state of a request, the events that move it and the
 * effects it asks a host to carry out. Everything here is plain, JSON-serialisable data: times are
 * epoch milliseconds, days are ISO `YYYY-MM-DD` on the workbook's calendar, so a request's state
 * can be stored in a cell and read back, and tests can compare it with `toEqual`.
 * Spec: WF-GEN.1-3 (every approval logged, every step owned, every task with an owner and a
 * deadline), the ⚑ steps of WF-01, WF-02, WF-04..WF-10, WF-19 and WF-26.
 */
import type { Bilingual, CellLocation, Language } from "../i18n";
import type { RecordValue } from "../templates/table";

/**
 * The request types (申请类型), spelled as in the Routes and Requests sheets:
 * regional marketing plan (区域营销计划, WF-01), promotion plan (促销计划书, WF-02), promotion summary
 * report (促销总结报告, WF-04), stock transfer (调货申请单, WF-05), exchange (换货, WF-06), return and
 * refund (退货退款, WF-07), annual rebate policy (年度返利政策, WF-08.1-2), rebate calculation and
 * settlement (返利计算, WF-08.3-5), expense budget (营销费用预算, WF-09), target dealer (目标经销商,
 * WF-10.4), distribution agreement (经销协议, WF-10.6), process change (流程变更, WF-19),
 * appraisal appeal (考核申诉, WF-26) and the GM's sign-off of the annual appraisal (年度考核签字,
 * WF-25, SC-57; started by closeYear, no form).
 */
export type RequestTypeKey =
  | "regional_plan"
  | "promotion_plan"
  | "promotion_summary"
  | "stock_transfer"
  | "exchange"
  | "return"
  | "rebate_policy"
  | "rebate_calc"
  | "expense_budget"
  | "dealer_target"
  | "distribution_agreement"
  | "process_change"
  | "appeal"
  | "monthly_appraisal"
  | "annual_appraisal"
  | "annual_plan";

/**
 * How a change reached MarketOps: the Audit and Approvals sheets' channel column. `queue`: the
 * 我的待办 My pending approvals page (the sidebar, or the web app opened without a link).
 */
export type Channel = "form" | "link" | "sheet" | "trigger" | "menu" | "queue";

/** What a step asks of its approver (Routes `action`); `advise` may only comment (WF-01.5). */
export type StepAction = "approve" | "advise" | "verify" | "accept" | "confirm";
/** With several people in the step's role: any one decides, or all must approve (Routes `mode`). */
export type StepMode = "any" | "all";
/** Where a rejection goes (Routes `on_reject`, default Settings `DEFAULT_REJECT_ACTION`, WF-GEN.1). */
export type RejectAction = "return_to_initiator" | "back_to_step" | "close";

/**
 * Where a request stands. `needs_fixing`: the answers break a rule and the requester must fix them;
 * `failed`: MarketOps could not route it (say, nobody holds a role in People) and an administrator
 * must fix the workbook, then re-run it from the menu; `returned`: an approver sent it back for
 * revision; `rejected`: refused (the requester may revise and resubmit unless the step closes it).
 */
export type RequestStatus = "pending" | "needs_fixing" | "failed" | "returned" | "rejected" | "approved" | "withdrawn";

/** A decision as the Approvals sheet records it. */
export type Decision = "approve" | "reject" | "return" | "comment";

/** The emails the engine sends; the name is the `marketops-kind` of the rendered HTML. */
export type EmailKind =
  | "approval-request"
  | "decision-notice"
  | "reminder"
  | "escalation"
  | "final-approved"
  | "final-rejected"
  | "needs-fixing"
  | "cc-notice"
  | "task-assigned";

/** A typed answer: text, a number, a yes/no, an ISO day, or nothing. */
export type FieldValue = string | number | boolean | null;

/** Someone the engine writes to or names: email (lower case), display name and mail language. */
export interface PersonRef {
  readonly email: string;
  readonly name: string;
  readonly language: Language;
}

/** A problem a person can fix, with the question (form) or the sheet cell it concerns. */
export interface Problem {
  readonly code: string;
  readonly text: Bilingual;
  /** The question key, when the problem is an answer. */
  readonly question?: string;
  readonly at?: CellLocation;
}

/** A form submission parsed: every answer kept (bad ones as null), with its problems. */
export interface RequestDraft {
  readonly type: RequestTypeKey;
  readonly title: string;
  readonly region: string | null;
  /** Typed answers by question key (dates as `YYYY-MM-DD`). */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** The answers as the person gave them, by question key, for emails and for fixing. */
  readonly typed: Readonly<Record<string, string>>;
  /** The request's amount in yuan, when its type has one (conditions such as `amount > 50000`). */
  readonly amount: number | null;
  /** The request ID this submission revises (a returned, rejected or needs-fixing request). */
  readonly revises: string | null;
}

/** A delegation (代理) from People: who decides for someone, from when until when (epoch ms). */
export interface DelegateWindow {
  readonly person: PersonRef;
  /** First instant of the delegation (start of `delegate_from`), null = open-ended. */
  readonly from: number | null;
  /** First instant after it (the day after `delegate_to`), null = open-ended. */
  readonly until: number | null;
}

/** Someone a step is assigned to, with the manager escalations go to and their delegation. */
export interface Assignee extends PersonRef {
  readonly manager: PersonRef | null;
  readonly delegate: DelegateWindow | null;
}

/** One step of a planned route, its role resolved to people (routeFor). */
export interface PlannedStep {
  /** The step number of the Routes row. */
  readonly step: number;
  readonly name: Bilingual;
  readonly role: string;
  readonly roleLabel: Bilingual;
  readonly action: StepAction;
  readonly mode: StepMode;
  readonly onReject: RejectAction;
  readonly rejectToStep: number | null;
  /** Spec rule and §7 decision the Routes row cites. */
  readonly rule: string;
  readonly decisionRef: string;
  readonly assignees: readonly Assignee[];
  /** People told when the step is approved (抄送). */
  readonly cc: readonly PersonRef[];
  /** Why the step did not go to the role itself (the requester holds it, so their superior decides). */
  readonly note: Bilingual | null;
}

/** A follow-up task (后续任务) created when a request is approved: owner, deadline, spec step. */
export interface FollowUpPlan {
  readonly key: string;
  readonly title: Bilingual;
  readonly owner: PersonRef;
  /** Working days after the approval day, or after the day in `fromField` (and `months` after it). */
  readonly workingDays: number;
  /** Calendar months before the working days are counted; absent (requests planned before it existed) = 0. */
  readonly months?: number;
  readonly fromField: string | null;
  readonly rule: string;
}

export type RouteResult =
  | { readonly ok: true; readonly steps: readonly PlannedStep[]; readonly followUps: readonly FollowUpPlan[]; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** A decision taken on one assignee's place in a step. */
export interface SlotDecision {
  readonly decision: Decision;
  readonly by: PersonRef;
  /** The assignee a delegate or the escalation manager decided for. */
  readonly onBehalfOf: PersonRef | null;
  readonly at: number;
  readonly comment: string;
  readonly channel: Channel;
}

/** One assignee's place in a step: delegation, escalation, reminders, decision. */
export interface Slot {
  readonly assignee: Assignee;
  readonly delegatedTo: DelegateWindow | null;
  readonly escalatedTo: PersonRef | null;
  readonly reminders: number;
  /** When the assignee (or delegate) was last asked: the request, a reminder or an escalation. */
  readonly notifiedAt: number | null;
  readonly decision: SlotDecision | null;
}

export type StepStatus = "waiting" | "active" | "approved" | "rejected" | "returned" | "cancelled";

export interface StepState extends PlannedStep {
  /** How many times the step has been opened in this revision (a rejection back to it opens it again). */
  readonly round: number;
  readonly status: StepStatus;
  readonly activatedAt: number | null;
  readonly slots: readonly Slot[];
  /** The Tasks row of a `confirm` step (a task with an owner and a deadline, WF-GEN.2). */
  readonly taskId: string | null;
}

/**
 * The longest comment a decision or a withdrawal may carry (issue 10.5): what the link page's text
 * box allows (src/render/approvals/pages.ts), and what the engine, the link page and the sheet
 * decision all refuse beyond. The full comment is kept in its Approvals and Audit rows.
 */
export const COMMENT_MAX_CHARS = 2000;

/** What happened, for the history in emails and for the Audit sheet. */
export type HistoryWhat =
  | "submitted"
  | "resubmitted"
  | "needs_fixing"
  | "failed"
  | "retried"
  | "approve"
  | "comment"
  | "reject"
  | "return"
  | "withdraw"
  | "remind"
  | "escalate"
  | "delegate"
  | "approved";

export interface HistoryEntry {
  readonly at: number;
  readonly actor: PersonRef;
  readonly onBehalfOf: PersonRef | null;
  readonly revision: number;
  readonly step: number | null;
  /** The step's round (a step opened again after a rejection back to it counts a new round). */
  readonly round: number | null;
  readonly stepName: Bilingual | null;
  readonly what: HistoryWhat;
  readonly comment: string;
  readonly channel: Channel;
}

/** The whole state of one request: what the Requests row shows, and everything behind it. */
export interface RequestState {
  readonly id: string;
  readonly type: RequestTypeKey;
  readonly title: string;
  readonly requester: PersonRef;
  readonly revision: number;
  readonly status: RequestStatus;
  /** Whether the requester may revise and resubmit (returned, needs fixing, rejected back to them). */
  readonly canResubmit: boolean;
  readonly submittedAt: number;
  readonly updatedAt: number;
  readonly region: string | null;
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly typed: Readonly<Record<string, string>>;
  readonly amount: number | null;
  /** What the requester (needs_fixing) or an administrator (failed) must fix. */
  readonly problems: readonly Problem[];
  /** Form responses already applied: a response delivered twice changes nothing the second time. */
  readonly responseIds: readonly string[];
  readonly steps: readonly StepState[];
  /** Index in `steps` of the step waiting for a decision, or null. */
  readonly current: number | null;
  readonly followUps: readonly FollowUpPlan[];
  readonly history: readonly HistoryEntry[];
}

/** The signed link's contents: bound to request, revision, step (and its round), approver, expiry. */
export interface DecisionLink {
  readonly requestId: string;
  readonly revision: number;
  readonly step: number;
  readonly round: number;
  readonly approver: string;
  readonly expiresAt: number;
}

/** One line of a request's summary: the question's label and the answer as shown. */
export interface SummaryField {
  readonly key: string;
  readonly label: Bilingual;
  readonly value: string;
  readonly money: boolean;
}

/** Everything an email shows about the request; built from the state, rendered by src/render. */
export interface RequestSummary {
  readonly id: string;
  readonly revision: number;
  readonly type: RequestTypeKey;
  readonly typeLabel: Bilingual;
  readonly title: string;
  readonly requester: PersonRef;
  readonly submittedAt: number;
  readonly status: RequestStatus;
  readonly amount: number | null;
  readonly fields: readonly SummaryField[];
  readonly timeZone: string;
}

/** One line of history as an email shows it. */
export interface HistoryLine {
  readonly at: number;
  readonly actor: string;
  readonly onBehalfOf: string | null;
  readonly step: number | null;
  readonly stepName: Bilingual | null;
  readonly what: HistoryWhat;
  readonly comment: string;
}

/** A step as an email names it. */
export interface StepSummary {
  readonly step: number;
  readonly of: number;
  readonly name: Bilingual;
  readonly roleLabel: Bilingual;
  readonly action: StepAction;
  readonly people: readonly string[];
}

/** A follow-up task as an email lists it. */
export interface TaskSummary {
  /** The Tasks row's ID (任务编号), where the owner marks it done. */
  readonly id: string;
  readonly title: Bilingual;
  /** Who assigned it (交办人), by name. */
  readonly assigner: string;
  readonly owner: string;
  readonly dueOn: string;
  readonly rule: string;
}

/** An email to send: the data; src/render/approvals turns it into subject, HTML and text. */
export interface EmailMessage {
  readonly kind: EmailKind;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  /** The language shown first (the recipient's, else the workbook's). */
  readonly language: Language;
  readonly recipientName: string;
  readonly request: RequestSummary;
  readonly history: readonly HistoryLine[];
  /** The step the email is about (to decide, decided, or reminded of). */
  readonly step: StepSummary | null;
  /** The next step, when a decision moved the request on. */
  readonly nextStep: StepSummary | null;
  /** The decision being announced, or the reason of a rejection. */
  readonly decision: { readonly what: HistoryWhat; readonly by: string; readonly comment: string } | null;
  /** Present when the email carries a decision link; the host signs it (token.ts). */
  readonly link: DecisionLink | null;
  /** The assignee a delegate or manager is asked to decide for. */
  readonly onBehalfOf: string | null;
  readonly reminderNumber: number | null;
  readonly problems: readonly Problem[];
  readonly tasks: readonly TaskSummary[];
  /** Whether the requester may revise and resubmit with the request ID. */
  readonly canResubmit: boolean;
  /** Where replies go: someone who can act on them (the requester, the decider, the assigner); null = the sender. */
  readonly replyTo?: string | null;
}

/** A row keyed by template column keys (see src/core/templates/table). */
export type SheetRecord = Readonly<Record<string, RecordValue>>;

/** What a transition asks the host to do, in order. */
export type Effect =
  | { readonly kind: "send-email"; readonly message: EmailMessage }
  | { readonly kind: "append-audit"; readonly record: SheetRecord }
  | { readonly kind: "upsert-request"; readonly id: string; readonly record: SheetRecord; readonly state: RequestState }
  | { readonly kind: "upsert-approvals"; readonly records: readonly SheetRecord[] }
  | { readonly kind: "create-task"; readonly record: SheetRecord }
  | { readonly kind: "complete-task"; readonly id: string; readonly doneOn: string; readonly outcome: "done" | "cancelled" }
  | {
      readonly kind: "update-record";
      /** `annual_results`: every row whose key column holds the key (the year's snapshot rows). */
      readonly sheet: "dealers" | "promotions" | "monthly_results" | "annual_results" | "plans";
      readonly keyColumn: string;
      readonly key: string;
      readonly values: SheetRecord;
      /** Append the row when no row has the key (a new promotion). */
      readonly createIfMissing: boolean;
    };

/** The outcome a host shows: applied, nothing to do (a duplicate), or refused with a reason. */
export type Outcome =
  | { readonly kind: "applied" }
  | { readonly kind: "unchanged"; readonly code: string; readonly text: Bilingual }
  | { readonly kind: "refused"; readonly code: string; readonly text: Bilingual };

export interface Transition {
  readonly state: RequestState | null;
  readonly effects: readonly Effect[];
  readonly outcome: Outcome;
}
