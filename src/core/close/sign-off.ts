/**
 * The sign-off of a month's appraisals (月度考核签字), spec SC-57 / AMB-36: an appraisal the top boss
 * (老总; Settings `APPRAISAL_SIGNER_ROLE`, default the GM) has not signed is invalid, so until the
 * month's `monthly_appraisal` request is approved its grades and pay read as pending, and they are
 * never published. The close starts one request for the rows it writes, through the approval
 * engine like every other request (decided by emailed link or in the Requests sheet); its
 * `results` field lists each row as `id<TAB>grade<TAB>pay`, which approval writes back to those
 * rows with the `update-record` effect (request-types.ts). Pure: builds the engine's `submitted`
 * event and the rows as written.
 */
import { activePerson, holdersOf, refFor } from "../approvals/directory";
import type { Directory } from "../approvals/directory";
import type { SubmittedEvent } from "../approvals/machine";
import type { Channel } from "../approvals/model";
import type { RouteTable } from "../approvals/routes";
import { routeFor } from "../approvals/routes";
import type { ApprovalSettings } from "../approvals/settings";
import { nextRequestId } from "../approvals/submission";
import { both } from "../i18n";
import type { Bilingual } from "../i18n";
import type { TableRecord } from "../templates/table";

export const SIGN_OFF_TYPE = "monthly_appraisal" as const;
export const SIGNER_ROLE_KEY = "APPRAISAL_SIGNER_ROLE";
export const DEFAULT_SIGNER_ROLE = "gm";

/** What an unsigned grade or pay reads (SC-57). */
export const PENDING_SIGNATURE: Bilingual = { zh: "待签字", en: "pending signature" };

/** The signer's People role from Settings; blank means the GM. */
export function signerRole(settings: Readonly<Record<string, unknown>>): string {
  const v = settings[SIGNER_ROLE_KEY];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : DEFAULT_SIGNER_ROLE;
}

export interface SignOffInput {
  readonly month: string;
  /** The Monthly results rows the close is about to append, with their real grades and pay. */
  readonly rows: readonly TableRecord[];
  readonly actor: string;
  readonly directory: Directory;
  readonly routes: RouteTable;
  readonly settings: ApprovalSettings;
  readonly signerRole: string;
  readonly existingIds: readonly string[];
  readonly now: number;
  readonly channel: Channel;
}

export interface SignOff {
  readonly requestId: string;
  readonly event: SubmittedEvent;
  /** The rows to append: grade and pay pending, the request named. */
  readonly rows: readonly TableRecord[];
}

function cell(v: unknown): string {
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

/**
 * The month's sign-off request and the rows as the close writes them.
 * @example signOff({ month: "2026-10", rows: [24 rows], … }) → MA-2026-0001 routed to the GM; every row's grade "待签字 / pending signature"
 */
export function signOff(input: SignOffInput): SignOff {
  const requestId = nextRequestId(SIGN_OFF_TYPE, input.existingIds, input.now, input.settings.timeZone);
  // The requester is who closed the month; a trigger's account outside People hands it to HR.
  const requesterEmail = activePerson(input.directory, input.actor)?.email ?? holdersOf(input.directory, "hr", null)[0]?.email ?? input.actor;
  const requester = refFor(input.directory, requesterEmail);
  const routeRows = input.routes.rows.map((r) => (r.requestType === SIGN_OFF_TYPE ? { ...r, role: input.signerRole } : r));
  const results = input.rows.map((r) => `${cell(r.id)}\t${cell(r.grade)}\t${cell(r.perf_pay)}`).join("\n");
  const title = `${input.month} ${both({ zh: "月度考核签字", en: "monthly appraisal sign-off" })}`;
  const grades = new Map<string, number>();
  for (const r of input.rows) grades.set(cell(r.grade) || "—", (grades.get(cell(r.grade) || "—") ?? 0) + 1);
  const details = both({
    zh: `${input.rows.length} 人;等级 ${[...grades].map(([g, n]) => `${g}×${n}`).join("、")}`,
    en: `${input.rows.length} people; grades ${[...grades].map(([g, n]) => `${g}×${n}`).join(", ")}`,
  });
  const fields = { title, period: input.month, results, details };
  const broken = input.routes.problems.filter((p) => p.requestType === SIGN_OFF_TYPE);
  const route = broken.length
    ? { ok: false as const, problems: broken }
    : routeFor({ type: SIGN_OFF_TYPE, requester: requester.email, region: null, amount: null, fields }, routeRows, input.directory, input.settings);
  const event: SubmittedEvent = {
    type: "submitted",
    requestId,
    responseId: `close:${input.month}:${requestId}`,
    requester,
    draft: { type: SIGN_OFF_TYPE, title, region: null, fields, typed: {}, amount: null, revises: null },
    problems: [],
    route,
    channel: input.channel,
  };
  const pending = both(PENDING_SIGNATURE);
  return { requestId, event, rows: input.rows.map((r) => ({ ...r, grade: pending, perf_pay: pending, sign_request_id: requestId })) };
}
