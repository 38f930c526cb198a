/**
 * The mail queue's pure part: which approval emails a run sends within the daily quota and which
 * wait (oldest first, never overtaken), and the queue stored as Script Properties values under the
 * 9 KB per-value limit, read back exactly.
 */
import { describe, expect, it } from "vitest";
import type { QueuedMail } from "../../../src/core/approvals/mail-queue";
import { chunkUtf8, planMail, QUEUE_CHUNK_BYTES, QUEUE_KEY, queueFromProperties, queueProperties, utf8Length } from "../../../src/core/approvals/mail-queue";
import type { EmailMessage } from "../../../src/core/approvals/model";
import { E, at, decision, emails, must, submit } from "./fixtures";

const MON = "2026-11-02";

/** Real messages from the engine: a stock transfer's approval request, then its decision notice. */
function messages(): EmailMessage[] {
  const submitted = submit("stock_transfer", E.salesEast, at(MON));
  const decided = decision(must(submitted.state), "approve", E.manager, at(MON, "10:00"), "同意");
  return [...emails(submitted), ...emails(decided)];
}

describe("planMail", () => {
  it("sends queued mail first, then this run's, while the quota lasts; the rest waits in order", () => {
    const [a, b, c] = messages();
    if (!a || !b || !c) throw new Error("expected three emails");
    const queued: QueuedMail[] = [{ queuedAt: 1, message: a }];
    const plan = planMail(queued, [b, c], 2, 99);
    expect(plan.send.map((q) => q.message)).toEqual([a, b]);
    expect(plan.keep.map((q) => q.message)).toEqual([c]);
    expect(plan.newlyQueued).toEqual([{ queuedAt: 99, message: c }]);
  });

  it("a message that does not fit stops the run: a smaller later one does not overtake it", () => {
    const [a, b] = messages();
    if (!a || !b) throw new Error("expected two emails");
    const big = { ...a, cc: ["x@example.com", "y@example.com"] };
    const plan = planMail([], [big, b], 2, 5);
    expect(plan.send).toEqual([]);
    expect(plan.keep.map((q) => q.message)).toEqual([big, b]);
    expect(plan.newlyQueued).toHaveLength(2);
  });

  it("with no quota left everything waits; a message without a To recipient is dropped", () => {
    const [a] = messages();
    if (!a) throw new Error("expected an email");
    const plan = planMail([], [a, { ...a, to: [] }], 0, 5);
    expect(plan.keep.map((q) => q.message)).toEqual([a]);
  });
});

describe("the queue in Script Properties", () => {
  it("chunks stay under the per-value limit in UTF-8 bytes and never split a character", () => {
    const text = "审批😀a".repeat(3000);
    const chunks = chunkUtf8(text, QUEUE_CHUNK_BYTES);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe(text);
    for (const c of chunks) expect(utf8Length(c)).toBeLessThanOrEqual(QUEUE_CHUNK_BYTES);
    expect(utf8Length("a审😀")).toBe(1 + 3 + 4);
  });

  it("a queue written and read back is the same queue; a shorter queue deletes the chunks it no longer needs", () => {
    const queue: QueuedMail[] = [];
    for (let i = 0; i < 12; i += 1) for (const m of messages()) queue.push({ queuedAt: i, message: m });
    const first = queueProperties(queue, {});
    expect(Number(first.set[QUEUE_KEY])).toBeGreaterThan(1);
    expect(queueFromProperties(first.set)).toEqual(JSON.parse(JSON.stringify(queue)));

    const shorter = queueProperties(queue.slice(0, 1), first.set);
    expect(shorter.set[QUEUE_KEY]).toBe("1");
    expect(shorter.remove).toContain(`${QUEUE_KEY}_1`);
    const emptied = queueProperties([], first.set);
    expect(emptied.set).toEqual({});
    expect(emptied.remove).toContain(QUEUE_KEY);
    expect(queueFromProperties({ OTHER: "x" })).toEqual([]);
  });

  it("a damaged queue is an error, not silently empty", () => {
    expect(() => queueFromProperties({ [QUEUE_KEY]: "2", [`${QUEUE_KEY}_0`]: "[" })).toThrow(/missing/);
    expect(() => queueFromProperties({ [QUEUE_KEY]: "1", [`${QUEUE_KEY}_0`]: "[{}]" })).toThrow(/queued messages/);
  });
});
