/**
 * Mail and pages that say what to do (issue 11 §2), through the built bundle on the local host: a
 * stock transfer (调货申请单) approved to the end by emailed links — each result page names what
 * happens next, every email replies to someone who can act (MailApp `replyTo`, recorded as the
 * `.eml`'s Reply-To), the Warehouse gets its follow-up (WF-05.7) as a task email, and once the
 * simulated clock passes the due date the hourly timer reminds the Warehouse once.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import type { LocalHost } from "../../src/local/host";
import { openHost } from "./helpers";
import { AUDIT, decideByLink, formAnswers, formTitle, linkIn, mailsTo, newestRequest, rowsOf } from "./approvals-helpers";

const SALES = "kong.linghui@example.com";
const MANAGER = "zhou.haitao@example.com";
const DIRECTOR = "sun.lixin@example.com";
const WAREHOUSE = "qin.haibo@example.com";
const TASKS = "任务 Tasks";

let host: LocalHost;
let server: { url: string; close(): Promise<void> };

function linkFor(id: string, who: string): string {
  const mails = mailsTo(host, who).filter((m) => m.html.includes(id) && /exec\?t=/.test(m.html));
  const last = mails[mails.length - 1];
  if (!last) throw new Error(`no link for ${id} to ${who}`);
  return linkIn(last);
}

/** The sent messages (subject, To, Reply-To, .eml path) about a request or task. */
function sent(about: string, kind?: string) {
  return host.services.controllers.outbox.messages().filter((m) => (m.html ?? m.text).includes(about) && (kind === undefined || (m.html ?? "").includes(`content="${kind}"`)));
}

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

describe("issue 11 §2: a stock transfer approved to the end (WF-05, WF-05.7)", () => {
  let id = "";

  it("the approval request's subject reads 【待审批】… · Approval needed, and a reply goes to the requester", async () => {
    await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", ANSWERS.stock_transfer), { as: SALES });
    id = String(newestRequest(host, SALES)["Request ID"]);
    const [request] = sent(id, "approval-request");
    expect(request?.to).toEqual([MANAGER]);
    expect(request?.subject).toBe(`【待审批】调货申请单 ${id} 华东补货 · Approval needed`);
    expect(request?.replyTo).toBe(SALES);
    await host.services.controllers.outbox.flush();
    expect(readFileSync(request?.emlPath ?? "", "utf8")).toMatch(new RegExp(`^Reply-To: ${SALES.replace(/\./g, "\\.")}`, "m"));
  });

  it("the Manager's result page names who decides now: the Director, at step 2 of 2, in both languages", async () => {
    const page = await decideByLink(server.url, linkFor(id, MANAGER), "approve", "同意");
    expect(page).toContain("result-done");
    expect(page).toContain('id="next-step"');
    expect(page).toContain("接下来:由 孙立新(营销总监)在第 2/2 步");
    expect(page).toContain("Next: 孙立新 (Marketing Director) decides at step 2 of 2");
    // The requester's progress notice replies to the Manager who decided.
    expect(sent(id, "decision-notice").find((m) => m.to.includes(SALES))?.replyTo).toBe(MANAGER);
  });

  it("the Director's result page says it is final; the Warehouse gets a task email (who, what, due, how to mark it done) replying to the Director", async () => {
    const page = await decideByLink(server.url, linkFor(id, DIRECTOR), "approve", "");
    expect(page).toContain("这是最终结果:申请已批准");
    expect(page).toContain("This is final: the request is approved");
    expect(page).toContain("后续任务已交给 秦海波");
    const task = rowsOf(host, TASKS).find((r) => r["Task ID"] === `${id}-F1`);
    expect(task).toMatchObject({ Owner: WAREHOUSE, "Assigned by": DIRECTOR });
    // Two working days after the approval day (Mon 2 Nov), as a date cell.
    expect(new Date(task?.["Due on"] as Date).getTime()).toBe(Date.parse("2026-11-04T00:00:00+08:00"));
    const mails = sent(id).filter((m) => m.to.includes(WAREHOUSE));
    expect(mails.map((m) => /marketops-kind" content="([^"]+)"/.exec(m.html ?? "")?.[1])).toEqual(["task-assigned"]);
    const [mail] = mails;
    expect(mail?.subject).toBe(`【新任务】调货申请单 ${id} 华东补货 · Task for you`);
    expect(mail?.replyTo).toBe(DIRECTOR);
    expect(mail?.text).toContain(`孙立新 批准了申请 ${id},并把以下任务交给您负责。`);
    expect(mail?.text).toContain(`任务编号 / Task ID: ${id}-F1; 交办人 / Assigned by: 孙立新; 截止日期 / Due: 2026-11-04`);
    expect(mail?.text).toContain(`「任务 Tasks」表中任务编号为 ${id}-F1 的一行填写「完成日期 Done on」列`);
    expect(sent(id, "final-approved").find((m) => m.to.includes(SALES))?.replyTo).toBe(DIRECTOR);
  });

  it("WF-17: past the due date the hourly timer reminds the Warehouse of the task once (Reminders sent 1, an Audit row), not again the same day", async () => {
    const taskId = `${id}-F1`;
    const reminders = () => sent(taskId, "task-reminder").filter((m) => m.to.includes(WAREHOUSE));
    await host.advanceTo(Date.parse("2026-11-04T18:00:00+08:00"));
    expect(reminders()).toHaveLength(0);
    await host.advanceTo(Date.parse("2026-11-05T09:30:00+08:00"));
    expect(reminders()).toHaveLength(1);
    const [reminder] = reminders();
    expect(reminder?.subject).toMatch(/^【任务逾期】\d+ 项任务已过截止日期 · Overdue task$/);
    expect(reminder?.text).toContain(`任务编号 / Task ID: ${taskId}; 交办人 / Assigned by: 孙立新; 截止日期 / Due: 2026-11-04`);
    expect(rowsOf(host, TASKS).find((r) => r["Task ID"] === taskId)?.["Reminders sent"]).toBe(1);
    expect(rowsOf(host, AUDIT).filter((r) => r.Action === "task.remind" && r["Object ID"] === taskId)).toHaveLength(1);
    await host.advanceTo(Date.parse("2026-11-05T17:30:00+08:00"));
    expect(reminders()).toHaveLength(1);
  }, 120_000);

  it("a task marked done (Done on filled in) is never reminded again", async () => {
    const taskId = `${id}-F1`;
    const values = host.spreadsheet.read(TASKS, "A1:Z400");
    const header = (values[0] ?? []).map((h) => String(h).split(" / ").pop() ?? "");
    const row = values.findIndex((r) => r[0] === taskId) + 1;
    await host.editAsUser(TASKS, `${String.fromCharCode(65 + header.indexOf("Done on"))}${row}`, "2026-11-05");
    // Past the next reminder day (Tue 10 Nov, three working days after Thu 5).
    await host.advanceTo(Date.parse("2026-11-10T10:30:00+08:00"));
    expect(sent(taskId, "task-reminder")).toHaveLength(1);
  }, 120_000);
});
