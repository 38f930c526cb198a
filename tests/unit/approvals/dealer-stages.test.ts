/**
 * WF-10 dealer development through the approval engine: a stage cannot be skipped (the form's
 * answers are refused with a bilingual reason naming the dealer's stage), each request is linked to
 * its dealer's row on submission, approval moves the stage on, and a rejection or a withdrawal puts
 * the dealer back (WF-10.4 re-vet, AMB-43 back to negotiation) and clears only its own link.
 */
import { describe, expect, it } from "vitest";
import type { DealerStageRecord, DealerStages } from "../../../src/core/approvals/dealer-stages";
import { DEALER_STAGES, handEditProblem, stageProblem } from "../../../src/core/approvals/dealer-stages";
import { decide } from "../../../src/core/approvals/machine";
import type { Transition } from "../../../src/core/approvals/model";
import { submissionEvent } from "../../../src/core/approvals/submission";
import { ANSWERS, CONTEXT, E, ROUTES, SETTINGS, approveAll, at, decision, directory, effectsOf, must, person } from "./fixtures";

const MON = "2026-11-02";

function dealers(stage: string, links: Partial<Omit<DealerStageRecord, "stage">> = {}): DealerStages {
  return new Map([["D-007", { stage, targetRequest: links.targetRequest ?? null, agreementRequest: links.agreementRequest ?? null }]]);
}

let n = 0;
function submitWith(type: "dealer_target" | "distribution_agreement", stages: DealerStages, answers: Readonly<Record<string, string>> = {}): Transition {
  n += 1;
  const event = submissionEvent({
    type,
    answers: { ...ANSWERS[type], ...answers },
    respondent: E.salesEast,
    responseId: `dealer-${n}`,
    existingIds: [],
    routes: ROUTES,
    directory: directory(),
    settings: SETTINGS,
    now: at(MON),
    dealers: stages,
    at: { sheet: "经销商目标 responses", row: 7 },
  });
  return decide(null, event, at(MON), CONTEXT);
}

describe("WF-10 a dealer's stage cannot be skipped", () => {
  it("WF-10.3-4: only a vetted dealer (or a target one, revising its own request) goes to the Director as a target dealer", () => {
    const allowed = DEALER_STAGES.filter((s) => stageProblem("dealer_target", { dealer_id: "D-007", revises: null }, dealers(s)) === null);
    expect(allowed).toEqual(["vetted", "target"]);
    expect(stageProblem("dealer_target", { dealer_id: "D-007", revises: null }, dealers("target", { targetRequest: "DT-2026-0001" }))?.code).toBe("DEALER_TARGET_PENDING");
    expect(stageProblem("dealer_target", { dealer_id: "D-007", revises: "dt-2026-0001" }, dealers("target", { targetRequest: "DT-2026-0001" }))).toBeNull();
  });

  it("WF-10.6: only a dealer the Director approved as a target signs an agreement, one agreement request at a time", () => {
    const allowed = DEALER_STAGES.filter((s) => stageProblem("distribution_agreement", { dealer_id: "D-007", revises: null }, dealers(s)) === null);
    expect(allowed).toEqual(["approved"]);
    expect(stageProblem("distribution_agreement", { dealer_id: "D-007", revises: null }, dealers("approved", { agreementRequest: "DA-2026-0003" }))?.code).toBe("DEALER_AGREEMENT_PENDING");
    expect(stageProblem("distribution_agreement", { dealer_id: "D-009", revises: null }, dealers("approved"))?.code).toBe("DEALER_UNKNOWN");
    expect(stageProblem("distribution_agreement", { dealer_id: "D-007", revises: null }, undefined)).toBeNull();
  });

  it("WF-10: an agreement for a candidate dealer needs fixing, with the dealer's stage and what comes first, naming the response's sheet, row and question", () => {
    const t = submitWith("distribution_agreement", dealers("candidate"));
    expect(t.state?.status).toBe("needs_fixing");
    const problem = t.state?.problems[0];
    expect(problem?.code).toBe("DEALER_NOT_APPROVED_TARGET");
    expect(problem?.text).toEqual({
      zh: "「经销商」D-007 目前为「备选」:须先经总监批准为目标经销商(目标经销商审批,WF-10.4),洽谈成功后才能报经销协议(WF-10.5-6)",
      en: "\"Dealer\": D-007 is at \"Candidate\": the Director must approve it as a target dealer first (target-dealer request, WF-10.4), and the agreement follows the negotiation (WF-10.5-6)",
    });
    expect(problem?.at).toEqual({ sheet: "经销商目标 responses", row: 7, column: "经销商 / Dealer" });
    expect(effectsOf(t, "update-record")).toEqual([]);
  });

  it("WF-10.3: a target-dealer request for a dealer not yet vetted says to vet it first", () => {
    const t = submitWith("dealer_target", dealers("candidate"));
    expect(t.state?.status).toBe("needs_fixing");
    expect(t.state?.problems[0]?.text.en).toContain("is at \"Candidate\": vet it first");
  });
});

describe("WF-10 each stage linked to its approval request", () => {
  it("WF-10.4: submitted, the vetted dealer becomes a target dealer linked to the request; approved, the final target dealer", () => {
    const t = submitWith("dealer_target", dealers("vetted"));
    const id = must(t.state).id;
    expect(effectsOf(t, "update-record")).toEqual([{ kind: "update-record", sheet: "dealers", keyColumn: "id", key: "D-007", createIfMissing: false, values: { status: "target", target_request_id: id } }]);
    const approved = approveAll(must(t.state), at(MON, "10:00"));
    expect(approved.state.status).toBe("approved");
    const last = approved.transitions[approved.transitions.length - 1];
    expect(last && effectsOf(last, "update-record")).toEqual([
      expect.objectContaining({ sheet: "dealers", keyColumn: "id", key: "D-007", values: expect.objectContaining({ status: "approved", target_request_id: id }) as unknown }),
    ]);
  });

  it("WF-10.4: rejected by the Director, the dealer is vetted again and only the row linked to this request is touched", () => {
    const t = submitWith("dealer_target", dealers("vetted"));
    const state = must(t.state);
    const step = state.steps[state.current ?? 0];
    const approver = step?.slots[0]?.assignee.email ?? "";
    const rejected = decision(state, "reject", approver, at(MON, "11:00"), "信用资料不全,补充后重新论证");
    expect(rejected.state?.status).toBe("rejected");
    expect(effectsOf(rejected, "update-record")).toEqual([
      { kind: "update-record", sheet: "dealers", keyColumn: "target_request_id", key: state.id, createIfMissing: false, values: { status: "vetted", target_request_id: null } },
    ]);
  });

  it("WF-10.6 / AMB-43: the agreement links the approved dealer; approved, signed with the request recorded; withdrawn, the link is cleared and the dealer stays approved", () => {
    const t = submitWith("distribution_agreement", dealers("approved", { targetRequest: "DT-2026-0001" }));
    const id = must(t.state).id;
    expect(effectsOf(t, "update-record")).toEqual([{ kind: "update-record", sheet: "dealers", keyColumn: "id", key: "D-007", createIfMissing: false, values: { agreement_request_id: id } }]);
    const signed = approveAll(must(t.state), at(MON, "10:00"));
    const last = signed.transitions[signed.transitions.length - 1];
    expect(last && effectsOf(last, "update-record")[0]?.values).toMatchObject({ status: "signed", agreement_request_id: id, agreement_version: "2026-v2" });

    const other = submitWith("distribution_agreement", dealers("approved"));
    const withdrawn = decide(must(other.state), { type: "withdraw", requestId: must(other.state).id, actor: person(E.salesEast), comment: "条款再谈", channel: "menu" }, at(MON, "12:00"), CONTEXT);
    expect(withdrawn.state?.status).toBe("withdrawn");
    expect(effectsOf(withdrawn, "update-record")).toEqual([
      { kind: "update-record", sheet: "dealers", keyColumn: "agreement_request_id", key: must(other.state).id, createIfMissing: false, values: { agreement_request_id: null } },
    ]);
  });
});

describe("WF-10 a stage typed by hand", () => {
  it("WF-10.2-3: the marketing department moves a dealer between candidate and vetted; a new row may start anywhere; the approvals' stages cannot be typed or typed away", () => {
    expect(handEditProblem("candidate", "vetted", 4)).toBeNull();
    expect(handEditProblem("vetted", "candidate", 4)).toBeNull();
    expect(handEditProblem("", "signed", 4)).toBeNull();
    expect(handEditProblem("vetted", "vetted", 4)).toBeNull();
    for (const [from, to] of [["candidate", "signed"], ["vetted", "target"], ["vetted", "approved"], ["target", "approved"], ["approved", "signed"], ["signed", "vetted"], ["approved", ""]] as const) {
      expect(handEditProblem(from, to, 4), `${from} → ${to}`).not.toBeNull();
    }
    expect(handEditProblem("candidate", "signed", 5)).toEqual({
      zh: "经销商表第5行「状态」:不能手工从「备选」改为「已签经销协议」。「目标经销商」「总监已批准」「已签经销协议」由总监审批推进(目标经销商审批、经销协议审批,WF-10.4、WF-10.6),阶段不能跳过;已恢复为「备选」",
      en: "Dealers row 5, Status: it cannot be changed by hand from \"Candidate\" to \"Signed\". Target, Approved and Signed follow the Director's approvals (target-dealer and agreement requests, WF-10.4, WF-10.6) and no stage is skipped; it is back to \"Candidate\"",
    });
  });
});
