import { describe, expect, it } from "vitest";
import { decide } from "../../../src/core/approvals/machine";
import { requestTypeSpec } from "../../../src/core/approvals/request-types";
import { PENDING_SIGNATURE, signerRole, signOff } from "../../../src/core/close/sign-off";
import { both } from "../../../src/core/i18n";
import { approvalSettings } from "../../../src/core/approvals/settings";
import { at, CONTEXT, decision, directory, E, effectsOf, HOLIDAYS, ROUTES, SETTINGS } from "../approvals/fixtures";
import { workCalendar } from "../../../src/core/approvals/calendar";

const rows = [
  { id: "2026-10#a@x#1", grade: "A", perf_pay: 1900 },
  { id: "2026-10#b@x#1", grade: "C", perf_pay: 1210.5 },
];
const base = { month: "2026-10", rows, actor: E.hr, directory: directory(), routes: ROUTES, settings: SETTINGS, existingIds: ["MA-2026-0001"], now: at("2026-11-05"), channel: "trigger" as const };

describe("SC-57 / AMB-36 the monthly appraisal sign-off", () => {
  it("SC-57: one monthly_appraisal request per close, routed to the APPRAISAL_SIGNER_ROLE (default the GM), rows pending until signed", () => {
    const sign = signOff({ ...base, signerRole: signerRole({}) });
    expect(sign.requestId).toBe("MA-2026-0002");
    expect(sign.event.route?.ok).toBe(true);
    expect(sign.event.route?.ok === true ? sign.event.route.steps.map((s) => s.assignees.map((p) => p.email)) : []).toEqual([[E.gm]]);
    expect(sign.rows.map((r) => [r.grade, r.perf_pay, r.sign_request_id])).toEqual([
      [both(PENDING_SIGNATURE), both(PENDING_SIGNATURE), "MA-2026-0002"],
      [both(PENDING_SIGNATURE), both(PENDING_SIGNATURE), "MA-2026-0002"],
    ]);
  });

  it("AMB-36: APPRAISAL_SIGNER_ROLE = president routes the sign-off to the president", () => {
    const sign = signOff({ ...base, signerRole: signerRole({ APPRAISAL_SIGNER_ROLE: "president" }) });
    expect(sign.event.route?.ok === true ? sign.event.route.steps.map((s) => s.assignees.map((p) => p.email)) : []).toEqual([[E.president]]);
  });

  it("SC-57: approval writes signed, who, when, and the real grade and pay back to each row (update-record effects)", () => {
    const sign = signOff({ ...base, signerRole: "gm" });
    const context = { calendar: workCalendar("Asia/Shanghai", HOLIDAYS), settings: SETTINGS };
    const submitted = decide(null, sign.event, at("2026-11-05"), context);
    expect(submitted.state?.status).toBe("pending");
    const spec = requestTypeSpec("monthly_appraisal");
    const updates = spec.onApproved({ id: sign.requestId, title: "", requester: E.hr, fields: sign.event.draft.fields, approvedOn: "2026-11-06", approvedBy: E.gm });
    expect(updates).toEqual([
      { sheet: "monthly_results", keyColumn: "id", key: "2026-10#a@x#1", createIfMissing: false, values: { state: "signed", grade: "A", perf_pay: 1900, signed_at: "2026-11-06", signed_by: E.gm, sign_request_id: "MA-2026-0002" } },
      { sheet: "monthly_results", keyColumn: "id", key: "2026-10#b@x#1", createIfMissing: false, values: { state: "signed", grade: "C", perf_pay: 1210.5, signed_at: "2026-11-06", signed_by: E.gm, sign_request_id: "MA-2026-0002" } },
    ]);
  });

  /** The tasks the GM's signature creates, as [notes (rule), owner, due, title in English]. */
  function followUpTasks(settings = SETTINGS): unknown[][] {
    const sign = signOff({ ...base, signerRole: "gm", settings });
    const submitted = decide(null, sign.event, at("2026-11-05"), CONTEXT);
    if (!submitted.state) throw new Error("not submitted");
    const signed = decision(submitted.state, "approve", E.gm, at("2026-11-06", "10:00"));
    return effectsOf(signed, "create-task").map((e) => [e.record.notes, e.record.owner_email, e.record.due_on, String(e.record.title).split(" / ")[1] ?? e.record.title]);
  }

  it("WF-24.8 / SC-58: the signature gives HR the month's follow-up (goals for the next 6–12 months) and a check of those goals when the horizon ends", () => {
    const tasks = followUpTasks();
    expect(tasks.map(([rule, owner, due]) => [rule, owner, due])).toEqual([
      ["WF-24.8", E.hr, "2026-11-13"],
      // 12 months after Friday 6 Nov 2026 is a Saturday: the next working day.
      ["SC-58", E.hr, "2027-11-08"],
    ]);
    expect(String(tasks[0]?.[3])).toContain("goals for the next 6–12 months");
  });

  it("FOLLOWUP_HORIZON (WF-24.8, SC-58): 3..6 asks for 3–6-month goals and checks them 6 months on", () => {
    const tasks = followUpTasks(approvalSettings({ TIME_ZONE: SETTINGS.timeZone, FOLLOWUP_HORIZON: "3..6" }));
    expect(tasks.map(([rule, , due]) => [rule, due])).toEqual([
      ["WF-24.8", "2026-11-13"],
      ["SC-58", "2027-05-06"],
    ]);
    expect(String(tasks[0]?.[3])).toContain("goals for the next 3–6 months");
    expect(String(tasks[1]?.[3])).toContain("3–6-month goals");
    // A reversed or unreadable horizon keeps the default.
    expect(followUpTasks(approvalSettings({ TIME_ZONE: SETTINGS.timeZone, FOLLOWUP_HORIZON: "12..6" }))[1]?.[2]).toBe("2027-11-08");
  });
});
