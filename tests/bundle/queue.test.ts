/**
 * 我的待办 My pending approvals (issue 11 §3), as approvers use it: opened from the MarketOps menu
 * as a sidebar, or from the web app without a link by a signed-in person; decided through
 * `google.script.run` (the host runs the sidebar's calls as the person who opened it, the web app's
 * as the owner with the visitor at the keyboard). The decisions go through the same engine checks
 * as an emailed link: these tests hold the queue to the link's outcomes and refusals. The Marketing
 * Manager owns this workbook, so their sidebar may write the protected approval sheets; the
 * Director's may not, and sends them to the web app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import { columnLetters } from "../../src/core/templates/formulas";
import type { LocalHost } from "../../src/local/host";
import { openHost } from "./helpers";
import { APPROVALS, AUDIT, decideByLink, formAnswers, formTitle, linkIn, mailsTo, newestRequest, request, requestRowNumber, REQUESTS, rowsOf } from "./approvals-helpers";

const SALES = "kong.linghui@example.com";
const MANAGER = "zhou.haitao@example.com";
const DIRECTOR = "sun.lixin@example.com";
const TASKS = "任务 Tasks";

interface QueueReply {
  readonly kind: string;
  readonly notice: string;
  readonly list: string;
}

let host: LocalHost;
let server: { url: string; close(): Promise<void> };
/** Who the web app's visitor is signed in as (Google knows; the host is told). */
let signedIn = "";

async function submit(): Promise<string> {
  await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", ANSWERS.stock_transfer), { as: SALES });
  return String(newestRequest(host, SALES)["Request ID"]);
}

/** The request IDs of the page's approval cards, in page order. */
function cards(html: string): string[] {
  return [...html.matchAll(/class="queue-item" data-request="([^"]+)"/g)].map((m) => m[1] ?? "");
}

/** The hidden fields of one card's decision form, as the page's script sends them. */
function cardForm(html: string, id: string): { requestId: string; revision: number; step: number; round: number } {
  const at = html.indexOf(`data-request="${id}"`);
  expect(at, `card ${id}`).toBeGreaterThan(-1);
  const card = html.slice(at, html.indexOf("</article>", at));
  const field = (name: string): string => new RegExp(`name="${name}" value="([^"]*)"`).exec(card)?.[1] ?? "";
  return { requestId: field("requestId"), revision: Number(field("revision")), step: Number(field("step")), round: Number(field("round")) };
}

async function openSidebar(as: string): Promise<string> {
  await host.clickMenu("showMyQueue", { as });
  const sidebar = host.spreadsheet.sidebars.at(-1);
  expect(sidebar?.title).toBe("我的待办 / My pending approvals");
  return sidebar?.html ?? "";
}

async function decideInWebApp(visitor: string, form: Record<string, unknown>): Promise<QueueReply> {
  return (await host.scriptRun<QueueReply>("decideFromQueue", [form], { visitor })).value;
}

async function decideInSidebar(as: string, form: Record<string, unknown>): Promise<QueueReply> {
  return (await host.sidebarRun<QueueReply>("decideFromQueue", [form], { as })).value;
}

/** Requests whose Current approver cell names `email` while pending (what the sidebar must list). */
function pendingOn(email: string): string[] {
  return rowsOf(host, REQUESTS)
    .filter((r) => r.Status === "pending" && String(r["Current approver"]).split(";").map((s) => s.trim()).includes(email))
    .map((r) => String(r["Request ID"]));
}

beforeAll(async () => {
  host = await openHost({ owner: MANAGER });
  host.services.controllers.outbox.setDailyQuota(1500);
  server = await host.serve(0, { visitor: () => signedIn });
  await host.clickMenu("installOrUpgrade");
  await host.run("buildForms");
  await host.clickMenu("loadDemoData");
  await host.run("buildForms");
}, 120_000);

afterAll(async () => {
  await server.close();
  host.close();
});

describe("issue 11 §3: the 我的待办 My pending approvals sidebar", () => {
  it("lists exactly the steps waiting on me, oldest first, each with type, ID, requester, waiting since and due, and the decision buttons", async () => {
    const first = await submit();
    await host.advanceTo(host.clock.now() + 30 * 60_000);
    const second = await submit();
    const html = await openSidebar(MANAGER);
    const listed = cards(html);
    expect([...listed].sort()).toEqual(pendingOn(MANAGER).sort());
    expect(listed.indexOf(first)).toBeLessThan(listed.indexOf(second));
    expect(listed.at(-1)).toBe(second);
    expect(html).toContain("调货申请单");
    expect(html).toContain("孔令辉");
    expect(html).toMatch(/等待自.*Waiting since/s);
    expect(html).toMatch(/期限.*Due/s);
    expect(html).toContain('value="return"');
    // Nothing of someone else's: the Director's sidebar holds neither request yet.
    const director = cards(await openSidebar(DIRECTOR));
    expect(director).not.toContain(first);
    expect([...director].sort()).toEqual(pendingOn(DIRECTOR).sort());
  });

  it("approving from the sidebar advances the request as the link does: the Director is asked, Approvals and Audit record it (channel queue)", async () => {
    const id = await submit();
    const form = cardForm(await openSidebar(MANAGER), id);
    const since = mailsTo(host, DIRECTOR).length;
    const reply = await decideInSidebar(MANAGER, { ...form, decision: "approve", comment: "同意 <调货>" });
    expect(reply.kind).toBe("done");
    expect(reply.notice).toContain(id);
    expect(reply.notice).toMatch(/接下来.*孙立新/s);
    expect(cards(reply.list)).not.toContain(id);
    const row = request(host, id);
    expect(row.Status).toBe("pending");
    expect(row["Current approver"]).toBe(DIRECTOR);
    expect(mailsTo(host, DIRECTOR, "approval-request").slice(since).some((m) => m.html.includes(id))).toBe(true);
    expect(rowsOf(host, APPROVALS).some((a) => a["Request ID"] === id && a.Channel === "queue")).toBe(true);
    expect(rowsOf(host, AUDIT).some((a) => a["Object ID"] === id && a.Action === "step.approve" && a.Actor === MANAGER && a.Channel === "queue")).toBe(true);

    // The Director's sidebar lists it, but cannot write the owner's protected sheets: no buttons, a
    // link to the web app, and a call from it is refused before anything is written.
    const sidebar = await openSidebar(DIRECTOR);
    expect(cards(sidebar)).toContain(id);
    expect(sidebar).not.toContain('class="queue-decision"');
    expect(sidebar).toContain(`href="${server.url}"`);
    const fromSidebar = await decideInSidebar(DIRECTOR, { ...form, step: 2, decision: "approve", comment: "" });
    expect(fromSidebar.kind).toBe("refused");
    expect(fromSidebar.notice).toMatch(/审批记录受保护.*only the web app writes them/s);
    expect(request(host, id)["Current approver"]).toBe(DIRECTOR);

    // The Director finishes it on the web app's queue page; the request is approved.
    signedIn = DIRECTOR;
    const page = await (await fetch(server.url)).text();
    signedIn = "";
    const last = cardForm(page, id);
    expect(last.step).toBe(2);
    expect((await decideInWebApp(DIRECTOR, { ...last, decision: "approve", comment: "" })).kind).toBe("done");
    expect(request(host, id).Status).toBe("approved");
  });

  it("refuses what the link refuses, in both languages, and changes nothing: someone else, a parameter naming the approver, a comment over 2,000 characters, a step already decided, a withdrawn request", async () => {
    const id = await submit();
    const form = cardForm(await openSidebar(MANAGER), id);
    const before = request(host, id);

    // Someone else, even naming the approver in the form: the caller is the signed-in person, never a parameter.
    const stranger = await decideInWebApp(DIRECTOR, { ...form, decision: "approve", approver: MANAGER, actor: MANAGER });
    expect(stranger.kind).toBe("refused");
    expect(stranger.notice).toMatch(/不是申请.*审批人.*is not the approver/s);
    expect(rowsOf(host, AUDIT).some((a) => a["Object ID"] === id && a.Action === "step.approve.refused" && a.Actor === DIRECTOR && a.Channel === "queue")).toBe(true);

    // Too long: the link's page refuses the same comment with the same words.
    const long = "长".repeat(2001);
    const byLink = await decideByLink(server.url, linkIn(mailsTo(host, MANAGER, "approval-request").filter((m) => m.html.includes(id)).at(-1) ?? { file: "", kind: "", to: "", html: "" }), "approve", long);
    expect(byLink).toContain("意见过长:最多 2000 个字符,现有 2001 个");
    const tooLong = await decideInSidebar(MANAGER, { ...form, decision: "approve", comment: long });
    expect(tooLong.kind).toBe("refused");
    expect(tooLong.notice).toContain("意见过长:最多 2000 个字符,现有 2001 个");
    expect(tooLong.notice).toContain("the comment is too long: at most 2000 characters, this one has 2001");
    // A rejection needs a reason, as on the link.
    expect((await decideInSidebar(MANAGER, { ...form, decision: "reject", comment: "" })).notice).toMatch(/驳回或退回须写明理由.*needs a reason/s);
    expect(request(host, id)).toEqual(before);

    // Decided once; the page left open sends again: already recorded, and a different choice refused.
    expect((await decideInSidebar(MANAGER, { ...form, decision: "approve", comment: "" })).kind).toBe("done");
    const again = await decideInSidebar(MANAGER, { ...form, decision: "approve", comment: "" });
    expect(again.kind).toBe("unchanged");
    expect(again.notice).toMatch(/此操作已记录.*already recorded/s);
    const changed = await decideInSidebar(MANAGER, { ...form, decision: "reject", comment: "改主意" });
    expect(changed.kind).toBe("refused");
    expect(changed.notice).toMatch(/您已对此步骤作出决定.*you already decided this step/s);
    expect(request(host, id)["Current approver"]).toBe(DIRECTOR);

    // Withdrawn by the requester while the Director's page was open.
    signedIn = DIRECTOR;
    const open = cardForm(await (await fetch(server.url)).text(), id);
    signedIn = "";
    const cell = (header: string): string => `${columnLetters(Object.keys(request(host, id)).indexOf(header) + 1)}${requestRowNumber(host, id)}`;
    await host.editAsUser(REQUESTS, cell("Withdraw"), true, { as: SALES });
    expect(request(host, id).Status).toBe("withdrawn");
    const late = await decideInWebApp(DIRECTOR, { ...open, decision: "approve", comment: "" });
    expect(late.kind).toBe("refused");
    expect(late.notice).toMatch(/已不在审批中.*no longer waiting for decisions/s);
    expect(cards(late.list)).not.toContain(id);
    expect(request(host, id).Status).toBe("withdrawn");
  });

  it("lists my open tasks; marking one done fills its Done on date; another person's task is refused", async () => {
    const tasks = rowsOf(host, TASKS);
    const pending = new Set(rowsOf(host, REQUESTS).filter((r) => r.Status === "pending").map((r) => String(r["Request ID"])));
    const open = tasks.find((t) => t["Done on"] === "" && t.Owner !== "" && !pending.has(String(t.Request)));
    expect(open, "an open task in the demo").toBeDefined();
    const owner = String(open?.Owner);
    const id = String(open?.["Task ID"]);
    const html = await openSidebar(owner);
    expect(html).toContain(`data-task="${id}"`);
    const other = owner === MANAGER ? DIRECTOR : MANAGER;
    const refused = (await host.scriptRun<QueueReply>("markTaskDoneFromQueue", [{ taskId: id }], { visitor: other })).value;
    expect(refused.kind).toBe("refused");
    expect(refused.notice).toMatch(/只有责任人可以标记完成.*only its owner may mark it done/s);
    const done = (await host.scriptRun<QueueReply>("markTaskDoneFromQueue", [{ taskId: id }], { visitor: owner })).value;
    expect(done.kind).toBe("done");
    expect(done.list).not.toContain(`data-task="${id}"`);
    const row = rowsOf(host, TASKS).find((t) => t["Task ID"] === id);
    expect(row?.["Done on"]).not.toBe("");
    expect(rowsOf(host, AUDIT).some((a) => a["Object ID"] === id && a.Action === "task.done" && a.Actor === owner)).toBe(true);
  });
});

describe("issue 11 §3: the web app without a link", () => {
  it("shows the signed-in visitor their queue and decides through the same server function; an anonymous visitor is told to use the link or sign in", async () => {
    const id = await submit();
    signedIn = MANAGER;
    try {
      const page = await (await fetch(server.url)).text();
      expect(page).toContain('content="queue-page"');
      expect(page).toContain("我的待办");
      expect([...cards(page)].sort()).toEqual(pendingOn(MANAGER).sort());
      // The page carries google.script.run, as Google serves it.
      expect(page).toContain("google.script.run=");
      const form = cardForm(page, id);
      const reply = (await host.scriptRun<QueueReply>("decideFromQueue", [{ ...form, decision: "approve", comment: "手机上审批" }], { visitor: MANAGER })).value;
      expect(reply.kind).toBe("done");
      expect(request(host, id)["Current approver"]).toBe(DIRECTOR);
      expect(rowsOf(host, AUDIT).some((a) => a["Object ID"] === id && a.Action === "step.approve" && a.Actor === MANAGER && a.Channel === "queue")).toBe(true);
    } finally {
      signedIn = "";
    }
    const anonymous = await (await fetch(server.url)).text();
    expect(anonymous).not.toContain('content="queue-page"');
    expect(anonymous).toContain("请从审批邮件中的链接打开此页");
    // A call with no signed-in visitor decides nothing.
    const nobody = (await host.scriptRun<QueueReply>("decideFromQueue", [{ requestId: id, revision: 1, step: 2, round: 1, decision: "approve", comment: "" }], { visitor: "" })).value;
    expect(nobody.kind).toBe("error");
    expect(nobody.notice).toMatch(/无法确认您是谁.*Cannot tell who you are/s);
    expect(request(host, id)["Current approver"]).toBe(DIRECTOR);
  });
});
