import { describe, expect, it } from "vitest";
import { personalEmailOn, planPublish } from "../../../src/core/close/publish";
import type { ResultRecord } from "../../../src/core/close/publish";
import { renderResultEmail } from "../../../src/render/close/result-email";

const NOW = Date.parse("2026-11-09T08:30:00+08:00");
const ZONE = "Asia/Shanghai";

function row(n: number, email: string, revision: number, state: string, extra: Record<string, string | number> = {}): ResultRecord {
  return { row: n, values: { id: `2026-10#${email}#${revision}`, month: "2026-10", employee_email: email, employee_name: email.split("@")[0] ?? "", revision, state, sign_request_id: "MA-2026-0001", grade: "B", perf_pay: 1200, final_score: 81.25, ...extra } };
}

const base = { month: "2026-10", emailed: new Set<string>(), now: NOW, timeZone: ZONE, appealDays: 7, emailPersonal: true, quota: 100 };

describe("planPublish", () => {
  it("SC-57: a month with an unsigned or stale latest row is refused, naming the pending request and the stale person; superseded rows do not count", () => {
    const plan = planPublish({ ...base, rows: [row(2, "a@x", 1, "superseded"), row(3, "a@x", 2, "signed"), row(4, "b@x", 1, "closed", { sign_request_id: "MA-2026-0002" }), row(5, "c@x", 1, "stale")] });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.message.en).toContain("sign-off pending: MA-2026-0002");
    expect(plan.message.en).toContain("close again first: c");
    expect(plan.message.zh).toContain("MA-2026-0002");
  });

  it("SC-54 / SC-27: a signed month publishes each latest row with appeal_until = today + APPEAL_DAYS (workbook zone) and emails within the quota, skipping those emailed", () => {
    const rows = [row(2, "a@x", 1, "superseded"), row(3, "a@x", 2, "signed"), row(4, "b@x", 1, "signed"), row(5, "c@x", 1, "signed")];
    const plan = planPublish({ ...base, rows, emailed: new Set(["2026-10#b@x#1"]), quota: 1, appealDays: 3 });
    if (!plan.ok) throw new Error("refused");
    expect(plan.updates.map((u) => u.row)).toEqual([3, 4, 5]);
    expect(plan.updates[0]?.values).toEqual({ state: "published", published_at: "2026-11-09T08:30:00", appeal_until: "2026-11-12" });
    expect(plan.toEmail.map((r) => r.employee_email)).toEqual(["a@x"]);
    expect(plan.waiting).toBe(1);
  });

  it("SC-27: a month not closed is refused; PUBLISH_EMAIL_PERSONAL blank means on, FALSE means off", () => {
    expect(planPublish({ ...base, rows: [] }).ok).toBe(false);
    expect(personalEmailOn({})).toBe(true);
    expect(personalEmailOn({ PUBLISH_EMAIL_PERSONAL: false })).toBe(false);
    expect(personalEmailOn({ PUBLISH_EMAIL_PERSONAL: "FALSE" })).toBe(false);
  });
});

describe("renderResultEmail", () => {
  it("WF-26: escapes what a person typed, uses no external resources, has a plain-text part, and puts the reader's language first", () => {
    const mail = renderResultEmail({ row: row(2, "a@x", 1, "published", { employee_name: "<script>x</script>", flags: "SC-44 <b>demotion</b>" }).values, language: "en", appealUntil: "2026-11-16", sheetUrl: "https://docs.google.com/spreadsheets/d/1" });
    expect(mail.htmlBody).not.toContain("<script>x");
    expect(mail.htmlBody).toContain("&lt;script&gt;");
    expect(mail.htmlBody).toContain('<html lang="en">');
    expect(mail.htmlBody).not.toMatch(/<img|<link|<style|src=/);
    expect(mail.textBody).toContain("2026-11-16");
    expect(mail.textBody).toContain("81.3");
    expect(mail.textBody).toContain("1,200.00");
    expect(mail.textBody.indexOf("your appraisal result")).toBeLessThan(mail.textBody.indexOf("考核结果已经"));
  });
});
