/**
 * Properties of the state machine over random event sequences (fast-check): whoever sends
 * whatever in whatever order, no step is approved twice by the same place (nor twice at all in an
 * "any of" step), nothing is approved after a rejection, a refused or repeated event changes
 * nothing, the same event applied twice is never applied the second time, and every applied
 * transition writes the request's row first and exactly one Audit row.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ApprovalEvent } from "../../../src/core/approvals/machine";
import { decide } from "../../../src/core/approvals/machine";
import type { RequestState, RequestTypeKey, Transition } from "../../../src/core/approvals/model";
import { routeRowsFrom } from "../../../src/core/approvals/routes";
import type { RouteTable } from "../../../src/core/approvals/routes";
import { submissionEvent } from "../../../src/core/approvals/submission";
import { dueTimerEvents } from "../../../src/core/approvals/timers";
import { ANSWERS, CONTEXT, E, PEOPLE, SETTINGS, at, defaultRouteRows, directory, must, person, submit } from "./fixtures";

const PEOPLE_PLUS = [
  ...PEOPLE.map((p) => (p.email === E.director ? { ...p, delegate: E.deputy, from: "2026-11-04", to: "2026-11-06" } : p)),
  { email: "finance2@example.com", name: "财务二", role: "finance", manager: E.gm },
];
const DIR = directory(PEOPLE_PLUS);
/** The default routes plus an "all of" Finance step on the rebate policy, so both modes are exercised. */
const ROUTES_PLUS: RouteTable = routeRowsFrom([
  ...defaultRouteRows(),
  { row: 99, values: { request_type: "rebate_policy", step: 2, name_zh: "财务会签", name_en: "Finance co-signs", role: "finance", action: "verify", mode: "all", active: true } },
]);
const ACTORS = [E.salesEast, E.manager, E.director, E.deputy, E.president, E.finance, "finance2@example.com", E.clerk, E.gm];
const TYPES: readonly RequestTypeKey[] = ["stock_transfer", "rebate_calc", "exchange", "rebate_policy", "regional_plan", "return"];

type Action =
  | { kind: "decide"; type: "approve" | "reject" | "return"; actor: number; step: number; revision: number; round: number | null; reason: boolean; channel: "link" | "sheet" }
  | { kind: "withdraw"; actor: number }
  | { kind: "resubmit" }
  | { kind: "timers" }
  | { kind: "current"; type: "approve" | "reject"; slot: number; reason: boolean };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("current" as const), type: fc.constantFrom("approve" as const, "approve" as const, "reject" as const), slot: fc.nat(3), reason: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("decide" as const),
      type: fc.constantFrom("approve" as const, "reject" as const, "return" as const),
      actor: fc.nat(ACTORS.length - 1),
      step: fc.integer({ min: 1, max: 4 }),
      revision: fc.integer({ min: 1, max: 3 }),
      round: fc.option(fc.integer({ min: 1, max: 3 })),
      reason: fc.boolean(),
      channel: fc.constantFrom("link" as const, "sheet" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), actor: fc.nat(ACTORS.length - 1) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "resubmit" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "timers" as const }) },
);

function eventsFor(a: Action, s: RequestState, type: RequestTypeKey, now: number, n: number): ApprovalEvent[] {
  switch (a.kind) {
    case "decide":
      return [{ type: a.type, requestId: s.id, revision: a.revision, step: a.step, ...(a.round === null ? {} : { round: a.round }), actor: person(ACTORS[a.actor] ?? E.clerk, DIR), comment: a.reason ? "理由" : "", channel: a.channel }];
    case "current": {
      const step = s.current === null ? undefined : s.steps[s.current];
      const slot = step?.slots[a.slot % Math.max(1, step.slots.length)];
      if (!step || !slot) return [];
      return [{ type: a.type, requestId: s.id, revision: s.revision, step: step.step, round: step.round, actor: slot.assignee, comment: a.reason ? "理由" : "", channel: "link" }];
    }
    case "withdraw":
      return [{ type: "withdraw", requestId: s.id, actor: person(ACTORS[a.actor] ?? E.clerk, DIR), comment: "", channel: "menu" }];
    case "resubmit":
      return [
        submissionEvent({ type, answers: { ...ANSWERS[type], revises: s.id }, respondent: E.salesEast, responseId: `r-${n}`, existingIds: [s.id], routes: ROUTES_PLUS, directory: DIR, settings: SETTINGS, now }),
      ];
    case "timers":
      return dueTimerEvents(s, now, CONTEXT.calendar, SETTINGS, { directory: DIR, actor: "owner@example.com" });
  }
}

const DECIDED = new Set(["approve", "comment"]);

function checkInvariants(s: RequestState): void {
  // No place of a step is approved twice, and an "any of" step is approved once.
  const seen = new Map<string, number>();
  for (const h of s.history) {
    if (!DECIDED.has(h.what) || h.step === null) continue;
    const place = `${h.revision}/${h.step}/${h.round}/${h.onBehalfOf?.email ?? h.actor.email}`;
    expect(seen.has(place), `two approvals of ${place}`).toBe(false);
    seen.set(place, 1);
  }
  for (const step of s.steps) {
    if (step.mode !== "any") continue;
    const approvals = s.history.filter((h) => h.revision === s.revision && h.step === step.step && h.round === step.round && DECIDED.has(h.what));
    expect(approvals.length).toBeLessThanOrEqual(1);
  }
  // Within a revision nothing is approved after a rejection that ended it.
  for (let i = 0; i < s.history.length; i += 1) {
    const h = s.history[i];
    if (!h || (h.what !== "reject" && h.what !== "return")) continue;
    const ended = s.history.slice(i + 1).find((x) => x.revision === h.revision && DECIDED.has(x.what) && x.step === h.step && x.round === h.round);
    expect(ended, "an approval of a step after its rejection in the same round").toBeUndefined();
  }
  if (s.status === "pending") expect(s.current).not.toBeNull();
  else expect(s.current).toBeNull();
}

function checkTransition(before: RequestState, t: Transition): void {
  if (t.outcome.kind === "applied") {
    expect(t.effects[0]?.kind).toBe("upsert-request");
    expect(t.effects.filter((e) => e.kind === "append-audit").length).toBe(1);
  } else {
    // Refused or repeated: the state is the very same object; at most the attempt is audited.
    expect(t.state).toBe(before);
    expect(t.effects.every((e) => e.kind === "append-audit" || e.kind === "upsert-request")).toBe(true);
  }
  if (before.status !== "pending" && ["approve", "reject", "return"].some((k) => t.effects.some((e) => e.kind === "upsert-approvals" && e.records.some((r) => r.decision === k)))) {
    throw new Error(`a decision was recorded on a ${before.status} request`);
  }
}

describe("random event sequences (fast-check)", () => {
  it("never approve a step twice, never approve after rejection, never apply the same event twice", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), fc.array(action, { minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 30, maxLength: 30 }), (type, actions, hours) => {
        let now = at("2026-11-02", "09:00");
        let s = must(submit(type, E.salesEast, now, { dir: DIR, routes: ROUTES_PLUS }).state);
        actions.forEach((a, n) => {
          now += (hours[n] ?? 1) * 3_600_000;
          for (const event of eventsFor(a, s, type, now, n)) {
            const t = decide(s, event, now, CONTEXT);
            checkTransition(s, t);
            const next = must(t.state);
            const twice = decide(next, event, now, CONTEXT);
            expect(twice.outcome.kind, `${event.type} applied twice`).not.toBe("applied");
            expect(twice.state).toBe(next);
            s = next;
            checkInvariants(s);
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});
