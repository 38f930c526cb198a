/**
 * Appraisal appeals (考核申诉, WF-26, SC-54, AMB-34) under the local host, as an employee and HR live
 * them: the appeal form, HR's answer by the emailed link, the escalation to the GM office meeting
 * that names the first appeal and has its own window from HR's answer, and HR's reply deadline
 * (Settings `APPEAL_HR_REPLY_DAYS`) driving the reminder of the hourly approval timer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import { dayKey } from "../../src/core/time";
import type { LocalHost } from "../../src/local/host";
import { openHost } from "./helpers";
import { AUDIT, decideByLink, formAnswers, formTitle, linkIn, mailsTo, newestRequest, request, rowsOf } from "./approvals-helpers";

const SALES = "kong.linghui@example.com";
const HR = "han.dongmei@example.com";
const GM = "qian.zhengming@example.com";
const SETTINGS = "设置 Settings";
const ZONE = "Asia/Shanghai";
const DAY = 24 * 3600_000;

let host: LocalHost;
let server: { url: string; close(): Promise<void> };

async function appeal(overrides: Record<string, string>): Promise<string> {
  await host.submitForm(formTitle("appeal"), formAnswers(host, "appeal", { ...ANSWERS.appeal, ...overrides }), { as: SALES });
  return String(newestRequest(host, SALES)["Request ID"]);
}

function linkFor(id: string, who: string): string {
  const mails = mailsTo(host, who).filter((m) => m.html.includes(id) && /exec\?t=/.test(m.html));
  const last = mails[mails.length - 1];
  if (!last) throw new Error(`no link for ${id} to ${who}`);
  return linkIn(last);
}

async function setSetting(key: string, value: string): Promise<void> {
  const values = host.spreadsheet.read(SETTINGS, "A1:B300");
  const row = values.findIndex((r) => r[0] === key) + 1;
  expect(row, `Settings row ${key}`).toBeGreaterThan(1);
  await host.editAsUser(SETTINGS, `B${row}`, value);
}

const daysAgo = (n: number): string => dayKey(host.clock.now() - n * DAY, ZONE);

beforeAll(async () => {
  host = await openHost();
  host.services.controllers.outbox.setDailyQuota(1500);
  server = await host.serve(0);
  await host.clickMenu("installOrUpgrade");
  await host.run("buildForms");
  await host.clickMenu("loadDemoData");
  await host.run("buildForms");
}, 120_000);

afterAll(async () => {
  await server.close();
  host.close();
});

describe("WF-26 escalation to the GM office meeting", () => {
  it("WF-26 / AMB-34: HR answers on day 9 after publication; the employee escalates two days later naming the first appeal, and the GM office gets it, linked in Requests and Audit", async () => {
    const published = daysAgo(3);
    const first = await appeal({ title: "10月考核申诉", published_on: published });
    expect(request(host, first).Status).toBe("pending");
    host.clock.set(host.clock.now() + 6 * DAY); // HR answers on day 9, after the publication's week (the link lasts 7 days)
    expect(await decideByLink(server.url, linkFor(first, HR), "reject", "回款记录已核对,维持原评分")).toContain("result-done");
    expect(request(host, first).Status).toBe("rejected");

    host.clock.set(host.clock.now() + 2 * DAY);
    const escalation = await appeal({ title: "10月考核申诉仲裁", published_on: published, escalated: "是 / Yes", first_appeal: first });
    const row = request(host, escalation);
    expect(row.Status).toBe("pending");
    expect(String(row["Current approver"])).toBe(GM);
    expect(row["First appeal"]).toBe(first);
    const audit = rowsOf(host, AUDIT).find((r) => r["Object ID"] === escalation && r.Action === "request.submitted");
    expect(String(audit?.Comment)).toContain(`首次申诉 ${first}`);
    expect(String(audit?.Comment)).toContain(`of the first appeal ${first}`);
    const onFirst = rowsOf(host, AUDIT).filter((r) => r["Object ID"] === first && r.Action === "appeal.escalated");
    expect(onFirst.map((r) => String(r.Comment))).toEqual([`已提请总经理办公会仲裁,仲裁申请 ${escalation} / Escalated to the GM office meeting as ${escalation}`]);
    expect(mailsTo(host, GM, "approval-request").some((m) => m.html.includes(escalation))).toBe(true);
  });

  it("WF-26: an escalation naming an appeal HR has not answered, or none, waits on the employee with a bilingual reason", async () => {
    const pending = await appeal({ title: "11月申诉", published_on: daysAgo(1) });
    const early = await appeal({ title: "仲裁", published_on: daysAgo(1), escalated: "是 / Yes", first_appeal: pending });
    expect(request(host, early).Status).toBe("needs_fixing");
    expect(String(request(host, early)["Status reason"])).toContain(`人事部尚未答复 ${pending}`);
    expect(String(request(host, early)["Status reason"])).toContain(`HR has not answered ${pending} yet`);
    const none = await appeal({ title: "仲裁", published_on: daysAgo(1), escalated: "是 / Yes" });
    expect(request(host, none).Status).toBe("needs_fixing");
    expect(String(request(host, none)["Status reason"])).toContain("must give the request ID of the first appeal HR answered");
    expect(mailsTo(host, SALES, "needs-fixing").some((m) => m.html.includes(none))).toBe(true);
  });
});

describe("WF-26.2 HR's reply deadline (APPEAL_HR_REPLY_DAYS, AMB-34)", () => {
  it("WF-26 / AMB-34: with APPEAL_HR_REPLY_DAYS = 2 the hourly timer reminds HR two calendar days after the appeal, not before; with 7 it would still wait", async () => {
    await setSetting("APPEAL_HR_REPLY_DAYS", "2");
    const id = await appeal({ title: "申诉:回款未计入", published_on: daysAgo(1) });
    const submitted = host.clock.now();
    const reminded = (): boolean => mailsTo(host, HR).some((m) => (m.kind === "reminder" || m.kind === "reminder-digest") && m.html.includes(id));
    host.clock.set(submitted + 2 * DAY - 3600_000);
    await host.run("approvalTimers");
    expect(reminded()).toBe(false);
    host.clock.set(submitted + 2 * DAY + 60_000);
    await host.run("approvalTimers");
    expect(reminded()).toBe(true);

    await setSetting("APPEAL_HR_REPLY_DAYS", "7");
    const later = await appeal({ title: "申诉:拜访记录", published_on: daysAgo(1) });
    host.clock.set(host.clock.now() + 3 * DAY);
    await host.run("approvalTimers");
    expect(mailsTo(host, HR).some((m) => (m.kind === "reminder" || m.kind === "reminder-digest") && m.html.includes(later))).toBe(false);
  });
});
