/**
 * Who may type in the Requests Decision column (issue 10 item 11): everyone the Routes could give a
 * step to — whatever the requester — and their delegates and superiors; not every People row.
 */
import { describe, expect, it } from "vitest";
import type { RequestTypeKey } from "../../../src/core/approvals/model";
import { REQUEST_TYPES } from "../../../src/core/approvals/request-types";
import { routeFor, routeRowsFrom } from "../../../src/core/approvals/routes";
import { decisionEditors } from "../../../src/core/approvals/sheet-editors";
import { parseSubmission } from "../../../src/core/approvals/submission";
import { ANSWERS, E, PEOPLE, ROUTES, SETTINGS, at, defaultRouteRows, directory } from "./fixtures";

describe("the Decision column's editors (WF-GEN.1)", () => {
  it("WF-GEN.1: every approver any default route assigns, for any requester, may decide in the sheet, with the superior a step escalates to", () => {
    const dir = directory();
    const editors = new Set(decisionEditors(ROUTES.rows, dir));
    const types = REQUEST_TYPES.map((t) => t.key).filter((k): k is RequestTypeKey => k in ANSWERS);
    let checked = 0;
    for (const type of types) {
      for (const requester of PEOPLE.map((p) => p.email)) {
        const { draft } = parseSubmission(type, ANSWERS[type], { now: at("2026-11-02"), timeZone: SETTINGS.timeZone, appealDays: 7 });
        const result = routeFor({ type, requester, region: draft.region, amount: draft.amount, fields: draft.fields }, ROUTES.rows, dir, SETTINGS);
        if (!result.ok) continue;
        for (const step of result.steps) {
          if (step.role === "requester") continue;
          for (const a of step.assignees) {
            expect(editors.has(a.email), `${type} by ${requester}: step ${step.step} ${a.email}`).toBe(true);
            if (a.manager) expect(editors.has(a.manager.email), `${type}: escalation to ${a.manager.email}`).toBe(true);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("WF-GEN.1: a sales rep, a clerk, customer service and quality approve nothing by default and may not type in the Decision column", () => {
    const editors = decisionEditors(ROUTES.rows, directory());
    for (const who of [E.salesEast, E.salesSouth, E.clerk, E.cs, E.quality]) expect(editors, who).not.toContain(who);
    expect(editors).toEqual(expect.arrayContaining([E.director, E.manager, E.regionalEast, E.regionalSouth, E.finance, E.hr, E.gm, E.president, E.assistant]));
  });

  it("WF-GEN.1: a delegate is an editor as soon as People names them; a role the Routes stop using, or a person who left, is not", () => {
    const people = PEOPLE.map((p) => (p.email === E.manager ? { ...p, delegate: E.clerk, from: "2026-12-01", to: "2026-12-05" } : p.email === E.finance ? { ...p, active: false } : p));
    const editors = decisionEditors(ROUTES.rows, directory(people));
    expect(editors).toContain(E.clerk);
    expect(editors).not.toContain(E.finance);
    const withoutHr = routeRowsFrom(defaultRouteRows().filter((r) => r.values.role !== "hr")).rows;
    expect(decisionEditors(withoutHr, directory())).not.toContain(E.hr);
    const inactiveHr = ROUTES.rows.map((r) => (r.role === "hr" ? { ...r, active: false } : r));
    expect(decisionEditors(inactiveHr, directory())).not.toContain(E.hr);
  });

  it("WF-GEN.1: a route step for the requester's direct superior opens the column to every active person's superior", () => {
    const first = ROUTES.rows[0];
    if (!first) throw new Error("no default route rows");
    const editors = decisionEditors([{ ...first, role: "direct_superior" }], directory());
    // Superiors (and, for escalation, theirs): the regional managers of the reps, the marketing manager of the assistant and clerk, …
    expect(editors).toEqual(expect.arrayContaining([E.regionalEast, E.regionalSouth, E.manager, E.director, E.gm, E.president]));
    // … and nobody who is no one's superior.
    for (const who of [E.salesEast, E.salesSouth, E.clerk, E.assistant, E.cs, E.quality, E.finance]) expect(editors, who).not.toContain(who);
  });

  it("WF-GEN.1: with no web app to link to, a route with a step for the requester (confirming a refund) opens the column to every active person", () => {
    const editors = decisionEditors(ROUTES.rows, directory(), { linksWork: false });
    for (const who of [E.salesEast, E.salesSouth, E.clerk, E.director]) expect(editors, who).toContain(who);
    const noRequesterStep = ROUTES.rows.filter((r) => r.role !== "requester");
    expect(decisionEditors(noRequesterStep, directory(), { linksWork: false })).not.toContain(E.salesEast);
  });
});
