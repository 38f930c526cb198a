/**
 * Issue 10 at a real department's size, the pure parts: a comment longer than the link page
 * allows is refused by the engine (the link page and the sheet decision go through it), a
 * request's state cell stays bounded however long its history, and a Requests sheet whose
 * "Approval state" header was cleared is refused like any other missing column.
 */
import { describe, expect, it } from "vitest";
import { decide } from "../../../src/core/approvals/machine";
import { COMMENT_MAX_CHARS } from "../../../src/core/approvals/model";
import type { RequestState } from "../../../src/core/approvals/model";
import { stateFromJson, stateToJson } from "../../../src/core/approvals/records";
import { usedTokenIds } from "../../../src/core/approvals/token";
import { UserError } from "../../../src/core/i18n";
import { sheetTemplate } from "../../../src/core/templates/catalog";
import { headerText } from "../../../src/core/templates/columns";
import { tableLayout } from "../../../src/core/templates/table";
import { ANSWERS, at, decision, E, must, person, submit, CONTEXT } from "./fixtures";

/** The cell bound this project keeps a request's state under (a Google cell holds 50,000). */
const STATE_CELL_BOUND = 20_000;

function pendingStockTransfer(): RequestState {
  return must(submit("stock_transfer", E.salesEast, at("2026-11-02")).state);
}

describe("issue 10.5: a comment longer than 2,000 characters is refused, the same way everywhere", () => {
  it("the limit lives in the core: 2,000 characters, as the link page's text box allows", () => {
    expect(COMMENT_MAX_CHARS).toBe(2000);
  });

  it("a decision with a 100 KB comment is refused with a bilingual reason and changes nothing", () => {
    const state = pendingStockTransfer();
    const approver = state.steps[0]?.slots[0]?.assignee.email ?? "";
    const t = decision(state, "reject", approver, at("2026-11-02", "10:00"), "x".repeat(100_000));
    expect(t.outcome.kind).toBe("refused");
    if (t.outcome.kind !== "refused") return;
    expect(t.outcome.code).toBe("COMMENT_TOO_LONG");
    expect(t.outcome.text.zh).toContain("2000");
    expect(t.outcome.text.en).toContain("2000");
    expect(t.state).toEqual(state);
  });

  it("exactly 2,000 characters is accepted", () => {
    const state = pendingStockTransfer();
    const approver = state.steps[0]?.slots[0]?.assignee.email ?? "";
    const t = decision(state, "reject", approver, at("2026-11-02", "10:00"), "y".repeat(2000));
    expect(t.outcome.kind).toBe("applied");
  });

  it("a withdrawal with an over-long comment is refused the same way", () => {
    const state = pendingStockTransfer();
    const t = decide(state, { type: "withdraw", requestId: state.id, actor: person(E.salesEast), comment: "z".repeat(2001), channel: "sheet" }, at("2026-11-02", "10:00"), CONTEXT);
    expect(t.outcome.kind).toBe("refused");
    if (t.outcome.kind === "refused") expect(t.outcome.code).toBe("COMMENT_TOO_LONG");
  });
});

describe("issue 10.5: the state cell stays bounded; history lives in Approvals / Audit rows", () => {
  it(`after 200 events with 2,000-character comments the state cell stays under ${STATE_CELL_BOUND} characters and still knows what was decided`, () => {
    let state = pendingStockTransfer();
    let now = at("2026-11-02", "10:00");
    let events = 1;
    while (events < 200) {
      // Remind, then return with a long comment, then resubmit: three events a cycle.
      const step = state.steps[state.current ?? 0];
      const approver = step?.slots[0]?.assignee.email ?? "";
      now += 3600_000;
      const reminded = decide(state, { type: "remind", requestId: state.id, revision: state.revision, step: step?.step ?? 1, round: step?.round ?? 1, assignee: approver, nth: 1, actor: "timer@example.com", channel: "trigger" }, now, CONTEXT);
      state = must(reminded.state);
      events += 1;
      now += 3600_000;
      state = must(decision(state, "return", approver, now, "退".repeat(COMMENT_MAX_CHARS)).state);
      events += 1;
      now += 3600_000;
      state = must(submit("stock_transfer", E.salesEast, now, { state, existing: [state.id], answers: { ...ANSWERS.stock_transfer, revises: state.id }, responseId: `resp-cycle-${events}` }).state);
      events += 1;
    }
    const cell = stateToJson(state);
    // The whole state with its history (what the cell held before) is far past a cell's 50,000.
    expect(JSON.stringify(state).length).toBeGreaterThan(50_000);
    expect(cell.length).toBeLessThan(STATE_CELL_BOUND);
    expect(state.revision).toBeGreaterThan(60);
    const back = must(stateFromJson(cell));
    expect(back.revision).toBe(state.revision);
    expect(back.status).toBe("pending");
    // Decisions of the open revision are kept whole (a replayed link or sheet decision is still caught).
    const approver = back.steps[0]?.slots[0]?.assignee.email ?? "";
    const approved = must(decision(back, "approve", approver, now + 1000, "同意").state);
    const again = must(stateFromJson(stateToJson(approved)));
    expect(usedTokenIds(again).size).toBeGreaterThan(0);
    expect(decision(again, "approve", approver, now + 2000, "同意").outcome.kind).not.toBe("applied");
  });
});

describe("§5: clearing the Requests 'Approval state' header", () => {
  it("raises the same clear MISSING_COLUMN error other missing required columns raise", () => {
    const requests = sheetTemplate("requests");
    const header = requests.columns.map((c) => (c.key === "state" ? "" : headerText(c)));
    let error: unknown = null;
    try {
      tableLayout(requests, header);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe("MISSING_COLUMN");
    expect(String((error as Error).message)).toContain("Approval state");
  });
});
