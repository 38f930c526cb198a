/**
 * Dealer development stages (经销商开发管理), spec WF-10, seed `002_4238edd8052b20c0.txt` L90-102:
 * candidate (备选经销商, WF-10.2) → vetted (论证, WF-10.3: operating status, credit, suitability) →
 * target dealer submitted to the Director (目标经销商, WF-10.4) → approved, the final target dealer
 * that negotiation starts from (WF-10.5) → signed distribution agreement (《经销协议》, WF-10.6, the
 * Director approves it). The Dealers sheet's Status column holds the stage; the two approvals are
 * the request types `dealer_target` and `distribution_agreement` (request-types.ts), which record
 * their request ID on the dealer's row when submitted, move it on when approved, and put it back
 * when they end without approval: a rejected target dealer is vetted again (WF-10.4 "re-vet"), a
 * rejected agreement goes back to negotiation (AMB-43). A stage cannot be skipped: a request for a
 * dealer not at the stage before is refused, with the stage it is at and what to do first; and a
 * Status cell typed over one of the approvals' stages is put back (`handEditProblem`), while the
 * marketing department moves a dealer between candidate and vetted by hand (WF-10.2-3).
 */
import type { Bilingual } from "../i18n";
import { format } from "../i18n";
import { sheetTemplate } from "../templates/catalog";
import type { FieldValue } from "./model";

export const DEALER_STAGES = ["candidate", "vetted", "target", "approved", "signed"] as const;
export type DealerStage = (typeof DEALER_STAGES)[number];

/** What a stage check needs of one Dealers row. */
export interface DealerStageRecord {
  /** The Status cell as it is (a stage key, or whatever a person typed). */
  readonly stage: string;
  /** The target-dealer request recorded on the row, or null. */
  readonly targetRequest: string | null;
  /** The distribution-agreement request recorded on the row, or null. */
  readonly agreementRequest: string | null;
}

/** Dealers by ID (upper case), as read from the Dealers sheet. */
export type DealerStages = ReadonlyMap<string, DealerStageRecord>;

/** The Dealers sheet's words for a stage (its Status dropdown). */
export function dealerStageLabel(stage: string): Bilingual {
  const column = sheetTemplate("dealers").columns.find((c) => c.key === "status");
  const option = column?.validation?.kind === "enum" ? column.validation.values.find((v) => v.value === stage) : undefined;
  return option ? option.label : { zh: stage === "" ? "(空)" : stage, en: stage === "" ? "(blank)" : stage };
}

export interface StageProblem {
  readonly code: string;
  readonly text: Bilingual;
  readonly values: Readonly<Record<string, string | number>>;
}

const M = {
  unknown: { zh: "「{q}」{dealer} 不在经销商表中", en: "\"{q}\": {dealer} is not on the Dealers sheet" },
  notVetted: {
    zh: "「{q}」{dealer} 目前为「{stage}」:须先论证(在经销商表填写经营状况、企业信用、适合度评分与论证日期,状态改为「已论证」),再报总监确定为目标经销商(WF-10.3-4)",
    en: "\"{q}\": {dealer} is at \"{stageEn}\": vet it first (enter the operating, credit and suitability scores and the vetting date on Dealers, status Vetted), then submit it to the Director as a target dealer (WF-10.3-4)",
  },
  targetPending: {
    zh: "「{q}」{dealer} 的目标经销商审批 {request} 尚未结束;修改该申请请在「修改的申请编号」填写 {request}(WF-10.4)",
    en: "\"{q}\": {dealer}'s target-dealer request {request} is still open; to revise it, give {request} as the request being revised (WF-10.4)",
  },
  alreadyTarget: {
    zh: "「{q}」{dealer} 已是「{stage}」,无需再报目标经销商(WF-10.4)",
    en: "\"{q}\": {dealer} is already \"{stageEn}\"; it needs no second target-dealer approval (WF-10.4)",
  },
  notApprovedTarget: {
    zh: "「{q}」{dealer} 目前为「{stage}」:须先经总监批准为目标经销商(目标经销商审批,WF-10.4),洽谈成功后才能报经销协议(WF-10.5-6)",
    en: "\"{q}\": {dealer} is at \"{stageEn}\": the Director must approve it as a target dealer first (target-dealer request, WF-10.4), and the agreement follows the negotiation (WF-10.5-6)",
  },
  agreementPending: {
    zh: "「{q}」{dealer} 的经销协议审批 {request} 尚未结束;修改该申请请在「修改的申请编号」填写 {request}(WF-10.6)",
    en: "\"{q}\": {dealer}'s agreement request {request} is still open; to revise it, give {request} as the request being revised (WF-10.6)",
  },
  alreadySigned: {
    zh: "「{q}」{dealer} 已签经销协议(申请 {request}),无需再报(WF-10.6)",
    en: "\"{q}\": {dealer} has already signed its distribution agreement (request {request}) (WF-10.6)",
  },
} as const;

function text(v: FieldValue | undefined): string | null {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

const same = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.toUpperCase() === b.toUpperCase();

/**
 * Why a request of `type` may not be made for the dealer its answers name, or null when the dealer
 * is at the stage before. `dealers` absent: the sheet was not read, so nothing is checked.
 * @example stageProblem("distribution_agreement", { dealer_id: "D-01" }, { D-01 at vetted }) → NOT_APPROVED_TARGET
 */
export function stageProblem(type: "dealer_target" | "distribution_agreement", fields: Readonly<Record<string, FieldValue>>, dealers: DealerStages | undefined): StageProblem | null {
  const id = text(fields.dealer_id);
  if (!dealers || id === null) return null;
  const revises = text(fields.revises);
  const dealer = dealers.get(id.toUpperCase());
  if (!dealer) return { code: "DEALER_UNKNOWN", text: M.unknown, values: { dealer: id } };
  const label = dealerStageLabel(dealer.stage);
  const values = { dealer: id, stage: label.zh, stageEn: label.en };
  const stage = dealer.stage.trim().toLowerCase();
  if (type === "dealer_target") {
    if (stage === "vetted") return null;
    if (stage === "target") {
      if (dealer.targetRequest === null || same(dealer.targetRequest, revises)) return null;
      return { code: "DEALER_TARGET_PENDING", text: M.targetPending, values: { ...values, request: dealer.targetRequest } };
    }
    if (stage === "approved" || stage === "signed") return { code: "DEALER_ALREADY_TARGET", text: M.alreadyTarget, values };
    return { code: "DEALER_NOT_VETTED", text: M.notVetted, values };
  }
  if (stage === "signed") return { code: "DEALER_ALREADY_SIGNED", text: M.alreadySigned, values: { ...values, request: dealer.agreementRequest ?? "—" } };
  if (stage !== "approved") return { code: "DEALER_NOT_APPROVED_TARGET", text: M.notApprovedTarget, values };
  if (dealer.agreementRequest !== null && !same(dealer.agreementRequest, revises)) {
    return { code: "DEALER_AGREEMENT_PENDING", text: M.agreementPending, values: { ...values, request: dealer.agreementRequest } };
  }
  return null;
}

const HAND = {
  refused: {
    zh: "经销商表第{row}行「状态」:不能手工从「{from}」改为「{to}」。「目标经销商」「总监已批准」「已签经销协议」由总监审批推进(目标经销商审批、经销协议审批,WF-10.4、WF-10.6),阶段不能跳过;已恢复为「{from}」",
    en: "Dealers row {row}, Status: it cannot be changed by hand from \"{fromEn}\" to \"{toEn}\". Target, Approved and Signed follow the Director's approvals (target-dealer and agreement requests, WF-10.4, WF-10.6) and no stage is skipped; it is back to \"{fromEn}\"",
  },
} as const;

/** The stages a person sets on the sheet; the others follow the approvals. */
const BY_HAND: ReadonlySet<string> = new Set(["candidate", "vetted"]);

/**
 * WF-10: whether a person may change a dealer's Status cell from `from` to `to` by hand: a new row
 * (blank before) may start at any stage (a dealer signed before MarketOps), and the marketing
 * department moves a dealer between candidate and vetted (WF-10.2-3); every other change is the
 * approvals' (dealer_target, distribution_agreement), so it is refused with the reason, or null.
 * @example handEditProblem("vetted", "signed", 5) → "Dealers row 5, Status: it cannot be changed by hand …"
 */
export function handEditProblem(from: string, to: string, row: number): Bilingual | null {
  const before = from.trim().toLowerCase();
  const after = to.trim().toLowerCase();
  if (before === "" || before === after) return null;
  if (BY_HAND.has(before) && BY_HAND.has(after)) return null;
  const a = dealerStageLabel(before);
  const b = dealerStageLabel(after);
  return format(HAND.refused, { row, from: a.zh, to: b.zh, fromEn: a.en, toEn: b.en });
}
