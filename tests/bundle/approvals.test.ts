/**
 * The approval flow under the local host, as people live it: the demo department installed, the
 * request forms built from the menu, requests filled in as forms, decisions taken through the
 * emailed link (the local web app) and in the Requests sheet, reminders and escalation on the
 * simulated clock. One host for the file (installing and building forms is the slow part); each
 * test works on its own requests. Spec: WF-GEN.1-3, WF-02, WF-04..WF-10, WF-19, WF-26.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import type { RequestTypeKey } from "../../src/core/approvals/model";
import { columnLetters } from "../../src/core/templates/formulas";
import type { LocalHost } from "../../src/local/host";
import { openHost } from "./helpers";
import {
  APPROVALS,
  AUDIT,
  decideByLink,
  formAnswers,
  formTitle,
  linkIn,
  MAIL_QUEUE,
  mailsTo,
  newestRequest,
  outbox,
  post,
  request,
  requestRowNumber,
  REQUESTS,
  rowsOf,
  tokenOf,
} from "./approvals-helpers";

const SALES = "kong.linghui@example.com";
const MANAGER = "zhou.haitao@example.com";
const DEPUTY = "wu.xiaoyan@example.com";
const DIRECTOR = "sun.lixin@example.com";

let host: LocalHost;
let server: { url: string; close(): Promise<void> };

async function submit(type: RequestTypeKey, as: string, overrides: Record<string, string> = {}): Promise<string> {
  await host.submitForm(formTitle(type), formAnswers(host, type, { ...ANSWERS[type], ...overrides }), { as });
  return String(newestRequest(host, as)["Request ID"]);
}

/** The newest decision link emailed to `who` for request `id`. */
function linkFor(id: string, who: string): string {
  const mails = mailsTo(host, who).filter((m) => m.html.includes(id) && /exec\?t=/.test(m.html));
  const last = mails[mails.length - 1];
  if (!last) throw new Error(`no link for ${id} to ${who}`);
  return linkIn(last);
}

function approverOf(id: string): string {
  return String(request(host, id)["Current approver"]).split(";")[0]?.trim() ?? "";
}

beforeAll(async () => {
  host = await openHost();
  // A Google Workspace account's daily recipients (the quotas page); this file sends more than a
  // consumer account's 100. The quota test below sets its own.
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

describe("forms (建立/更新表单)", () => {
  it("builds one form per request type, collecting the respondent's email, with dropdowns from the sheets; a second run creates nothing", async () => {
    const titles = host.forms.forms().map((f) => f.title);
    // 14 request forms and the 2 data-entry forms (actuals, activity: tests/bundle/data-forms.test.ts).
    expect(titles).toHaveLength(16);
    expect(titles).toContain("实绩填报 / Actuals entry");
    expect(titles).toContain("调货申请单 / Stock transfer");
    const form = host.forms.find("调货申请单 / Stock transfer");
    expect(form?.collectEmail).toBe(true);
    expect(form?.items.find((i) => i.title === "区域 / Region")?.choices).toContain("EAST · 华东 East");
    const again = await host.run<{ created: string[]; triggersCreated: number }>("buildForms");
    expect(again.value.created).toEqual([]);
    expect(again.value.triggersCreated).toBe(0);
    expect(host.forms.forms()).toHaveLength(16);
  });
});

describe("every request type's default route, decided by emailed link (WF-02, WF-04..WF-10, WF-19, WF-26)", () => {
  const types: RequestTypeKey[] = ["promotion_plan", "promotion_summary", "stock_transfer", "exchange", "return", "rebate_policy", "rebate_calc", "expense_budget", "dealer_target", "distribution_agreement", "process_change", "appeal"];
  const expectedFirst: Partial<Record<RequestTypeKey, string>> = { stock_transfer: MANAGER, return: MANAGER, exchange: MANAGER, process_change: MANAGER, promotion_plan: DIRECTOR, rebate_calc: DIRECTOR, appeal: "han.dongmei@example.com" };
  it.each(types)("%s: submitted, approved step by step, the requester told", async (type) => {
    // A summary names a promotion: the approved plan created it; refresh the dropdowns from the menu.
    if (type === "promotion_summary") await host.run("buildForms");
    // A dealer request names a demo dealer at the stage before (WF-10: a stage cannot be skipped): D-03 is vetted, D-07 an approved target.
    const overrides: Partial<Record<RequestTypeKey, Record<string, string>>> = { rebate_calc: { purchase_total: "1250000" }, dealer_target: { dealer_id: "D-03" }, distribution_agreement: { dealer_id: "D-07" } };
    const id = await submit(type, SALES, overrides[type] ?? {});
    expect(request(host, id).Status).toBe("pending");
    const first = expectedFirst[type];
    if (first) expect(approverOf(id)).toBe(first);
    for (let guard = 0; request(host, id).Status === "pending" && guard < 6; guard += 1) {
      const page = await decideByLink(server.url, linkFor(id, approverOf(id)), "approve", "同意");
      expect(page).toContain("result-done");
    }
    expect(request(host, id).Status).toBe("approved");
    expect(mailsTo(host, SALES, "final-approved").some((m) => m.html.includes(id))).toBe(true);
  });
});

describe("decisions by link: the token", () => {
  it("opening the link (GET) decides nothing; a tampered, a replayed and an expired token change nothing", async () => {
    const id = await submit("stock_transfer", SALES);
    const link = linkFor(id, MANAGER);
    const shown = await (await fetch(link)).text();
    expect(shown).toContain("decision-page");
    expect(request(host, id)["Current step"]).toBe(1);

    const token = tokenOf(link);
    const tampered = `${token.slice(0, -2)}${token.endsWith("A") ? "B" : "A"}${token.slice(-1)}`;
    const beforeAudit = rowsOf(host, AUDIT).length;
    expect(await post(server.url, tampered, "approve")).toContain("result-tampered");
    expect(rowsOf(host, AUDIT).length).toBe(beforeAudit);

    expect(await post(server.url, token, "approve", "同意")).toContain("result-done");
    expect(request(host, id)["Current step"]).toBe(2);
    const mails = outbox(host).length;
    const replay = await post(server.url, token, "approve");
    expect(replay).toContain("result-replayed");
    expect(request(host, id)["Current step"]).toBe(2);
    expect(outbox(host).length).toBe(mails);
  });

  it("a rejection without a reason is asked again; with one, the requester is told and may resubmit a new revision", async () => {
    const id = await submit("stock_transfer", SALES);
    const link = linkFor(id, MANAGER);
    const again = await decideByLink(server.url, link, "reject", "");
    expect(again).toContain("decision-page");
    expect(request(host, id).Status).toBe("pending");
    expect(await decideByLink(server.url, link, "reject", "请补充=安全库存依据")).toContain("result-done");
    const row = request(host, id);
    expect(row.Status).toBe("rejected");
    expect(row["Status reason"]).toBe("请补充=安全库存依据");
    expect(mailsTo(host, SALES, "final-rejected").some((m) => m.html.includes(id))).toBe(true);

    await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", { ...ANSWERS.stock_transfer, revises: id, reason: "补充:安全库存 500" }), { as: SALES });
    const revised = request(host, id);
    expect(revised.Status).toBe("pending");
    expect(revised.Revision).toBe(2);
    expect(rowsOf(host, REQUESTS).filter((r) => r["Request ID"] === id)).toHaveLength(1);
  });
});

describe("decisions by link: who is visiting", () => {
  it("a signed-in visitor who is not the link's approver is refused and nothing changes; the approver decides", async () => {
    const id = await submit("stock_transfer", SALES);
    const link = linkFor(id, MANAGER);
    const webAppPort = Number(new URL(server.url).port);
    const signedIn = await host.serve(0, { visitor: (r) => String(r.headers["x-visitor"] ?? "") });
    try {
      const as = (visitor: string) => fetch(signedIn.url, {
        method: "POST",
        body: new URLSearchParams({ t: tokenOf(link), decision: "approve", comment: "" }),
        headers: { "content-type": "application/x-www-form-urlencoded", "x-visitor": visitor },
      }).then((r) => r.text());
      const refused = await as(DIRECTOR);
      expect(refused).toContain(`this link was sent to`);
      expect(refused).toContain(DIRECTOR);
      expect(request(host, id)["Current approver"]).toContain(MANAGER);
      await as(MANAGER);
      expect(request(host, id)["Current approver"]).toContain(DIRECTOR);
    } finally {
      await signedIn.close();
      host.services.controllers.triggers.setWebAppPort(webAppPort);
    }
  });
});

describe("form-submit trigger discipline", () => {
  it("the same submission delivered twice is applied once", async () => {
    const submitted = await host.submitForm(formTitle("expense_budget"), formAnswers(host, "expense_budget", ANSWERS.expense_budget), { as: SALES });
    const rows = rowsOf(host, REQUESTS).length;
    const mails = outbox(host).length;
    await host.run("onFormSubmit", [host.spreadsheet.formSubmitEvent(submitted, "duplicate-delivery")]);
    expect(rowsOf(host, REQUESTS).length).toBe(rows);
    expect(outbox(host).length).toBe(mails);
  });

  it("bad answers: needs fixing, the reason in Requests, an email saying what to fix, the raw response untouched; text stays text", async () => {
    const submitted = await host.submitForm(
      formTitle("stock_transfer"),
      formAnswers(host, "stock_transfer", { ...ANSWERS.stock_transfer, title: "=1+1", on_hand_qty: "5000" }),
      { as: SALES },
    );
    const row = newestRequest(host, SALES);
    expect(row.Status).toBe("needs_fixing");
    // Written as text, not computed (the local host keeps the leading apostrophe Sheets would hide).
    expect(String(row.Title).replace(/^'/, "")).toBe("=1+1");
    expect(String(row["Status reason"])).toContain("现有库存");
    const fix = mailsTo(host, SALES, "needs-fixing");
    expect(fix[fix.length - 1]?.html).toContain(String(row["Request ID"]));
    const raw = host.spreadsheet.read(submitted.sheetName ?? "", `A${submitted.row}:Z${submitted.row}`);
    expect(raw[0]?.map(String)).toContain("5000");
  });
});

describe("in-sheet decisions (Requests Decision column)", () => {
  it("the approver's choice applies; someone else's is cleared and recorded in Audit", async () => {
    const id = await submit("process_change", SALES, { cross_department: "否 / No" });
    const cell = (column: string) => `${column}${requestRowNumber(host, id)}`;
    const decisionColumn = String.fromCharCode(65 + Object.keys(request(host, id)).indexOf("Decision"));
    await host.editAsUser(REQUESTS, cell(decisionColumn), "approve", { as: DIRECTOR });
    expect(request(host, id).Status).toBe("pending");
    expect(request(host, id).Decision).toBe("");
    expect(rowsOf(host, AUDIT).some((a) => a["Object ID"] === id && String(a.Action).endsWith(".refused") && a.Actor === DIRECTOR)).toBe(true);

    await expect(host.editAsUser(REQUESTS, cell(decisionColumn), "approve", { as: "stranger@elsewhere.example" })).rejects.toThrow(/protected/);

    await host.editAsUser(REQUESTS, cell(decisionColumn), "approve", { as: MANAGER });
    expect(request(host, id).Status).toBe("approved");
    expect(rowsOf(host, APPROVALS).some((a) => a["Request ID"] === id && a.Channel === "sheet" && a.Approver === MANAGER)).toBe(true);
  });
});

describe("withdrawing a request (Requests Withdraw column; an approver may also pick 撤回申请 Withdraw in Decision)", () => {
  it("only the requester withdraws their pending request; anyone else's choice is cleared, recorded and shown; the approver is told", async () => {
    const id = await submit("stock_transfer", SALES);
    const cell = (header: string) => `${columnLetters(Object.keys(request(host, id)).indexOf(header) + 1)}${requestRowNumber(host, id)}`;
    const toasts = host.spreadsheet.toasts.length;
    await host.editAsUser(REQUESTS, cell("Decision"), "withdraw", { as: MANAGER });
    expect(request(host, id).Status).toBe("pending");
    expect(request(host, id).Decision).toBe("");
    const refused = rowsOf(host, AUDIT).filter((a) => a["Object ID"] === id && a.Action === "request.withdraw.refused");
    expect(refused).toHaveLength(1);
    expect(refused[0]?.Actor).toBe(MANAGER);
    expect(String(refused[0]?.Comment)).toContain("only the requester");
    expect(host.spreadsheet.toasts.slice(toasts).some((t) => t.message.includes(id) && t.message.includes("only the requester"))).toBe(true);

    const since = outbox(host).length;
    await host.editAsUser(REQUESTS, cell("Decision comment"), "客户取消了订单", { as: SALES });
    // The Decision column is the approvers' (a sales rep approves nothing); the requester ticks Withdraw.
    await expect(host.editAsUser(REQUESTS, cell("Decision"), "withdraw", { as: SALES })).rejects.toThrow(/protected/);
    await host.editAsUser(REQUESTS, cell("Withdraw"), true, { as: SALES });
    const row = request(host, id);
    expect(row.Status).toBe("withdrawn");
    expect(row.Decision).toBe("");
    expect(row.Withdraw).toBe(false);
    expect(row["Current approver"]).toBe("");
    expect(rowsOf(host, AUDIT).some((a) => a["Object ID"] === id && a.Action === "request.withdraw" && a.Actor === SALES && a.Channel === "sheet")).toBe(true);
    const told = mailsTo(host, MANAGER, "decision-notice", since).filter((m) => m.html.includes(id));
    expect(told).toHaveLength(1);
    expect(told[0]?.html).toContain("客户取消了订单");
    // The link the approver holds no longer decides anything.
    expect(await decideByLink(server.url, linkFor(id, MANAGER), "approve")).not.toContain("result-done");
    expect(request(host, id).Status).toBe("withdrawn");
  });
});

describe("delegation, reminders and escalation (hourly trigger on the simulated clock)", () => {
  it("a delegate in People receives the step and decides on the approver's behalf", async () => {
    const people = rowsOf(host, "人员 People");
    const row = people.findIndex((p) => p.Email === MANAGER) + 2;
    await host.editAsUser("人员 People", `H${row}`, DEPUTY);
    await host.editAsUser("人员 People", `I${row}`, "2026-11-01");
    await host.editAsUser("人员 People", `J${row}`, "2026-11-30");
    const id = await submit("stock_transfer", SALES);
    expect(await decideByLink(server.url, linkFor(id, DEPUTY), "approve", "代批")).toContain("result-done");
    expect(rowsOf(host, APPROVALS).some((a) => a["Request ID"] === id && a.Approver === DEPUTY && a["On behalf of"] === MANAGER)).toBe(true);
    await host.editAsUser("人员 People", `H${row}`, "");
  });

  it("reminds after the working hours in Settings, then escalates to the approver's manager", async () => {
    const settings = rowsOf(host, "设置 Settings").length + 2;
    await host.editAsUser("设置 Settings", `A${settings}`, "APPROVAL_REMIND_HOURS");
    await host.editAsUser("设置 Settings", `B${settings}`, "2");
    const id = await submit("rebate_policy", SALES);
    expect(approverOf(id)).toBe(DIRECTOR);
    const start = host.clock.now();
    await host.advanceTo(start + 2.5 * 3600_000);
    // Alone, a reminder; with the Director's other waiting requests, one digest that lists it (issue 10 §3).
    expect(mailsTo(host, DIRECTOR).some((m) => (m.kind === "reminder" || m.kind === "reminder-digest") && m.html.includes(id))).toBe(true);
    await host.advanceTo(start + 6.5 * 3600_000);
    const gm = "qian.zhengming@example.com";
    expect(mailsTo(host, gm, "escalation").some((m) => m.html.includes(id))).toBe(true);
    expect(await decideByLink(server.url, linkFor(id, gm), "approve", "已阅")).toContain("result-done");
    expect(request(host, id).Status).toBe("approved");
  });

  it("a link past its expiry changes nothing", async () => {
    const id = await submit("dealer_target", SALES, { dealer_id: "D-04" });
    const link = linkFor(id, DIRECTOR);
    host.clock.set(host.clock.now() + 8 * 24 * 3600_000);
    expect(await decideByLink(server.url, link, "approve")).toContain("result-expired");
    expect(request(host, id).Status).toBe("pending");
  });
});

describe("retry from the menu", () => {
  it("a request nobody can approve fails with the reason, and is routed once People is fixed", async () => {
    const people = rowsOf(host, "人员 People");
    const row = people.findIndex((p) => p.Email === "han.dongmei@example.com") + 2;
    const roleColumn = "C";
    await host.editAsUser("人员 People", `${roleColumn}${row}`, "admin");
    const id = await submit("appeal", SALES, { published_on: "2026-11-10" });
    expect(request(host, id).Status).toBe("error");
    expect(String(request(host, id)["Status reason"])).toMatch(/人事部|HR/);
    await host.editAsUser("人员 People", `${roleColumn}${row}`, "hr");
    const retried = await host.run<{ retried: string[] }>("retryFailedRequests");
    expect(retried.value.retried).toContain(id);
    expect(request(host, id).Status).toBe("pending");
  });
});

describe("mail beyond the daily quota: queued in order, sent once on later runs", () => {
  it("emails that do not fit wait in the hidden Mail queue sheet with an Audit row each, and go out oldest first once the quota window resets", async () => {
    const mail = host.services.controllers.outbox;
    host.clock.set(host.clock.now() + 25 * 3600_000); // any earlier quota window is over
    mail.setDailyQuota(1);
    const a = await submit("stock_transfer", SALES);
    const opened = host.clock.now(); // the window opens with the first send and resets 24 h later
    const b = await submit("stock_transfer", SALES);
    const c = await submit("stock_transfer", SALES);
    const asked = (id: string) => mailsTo(host, MANAGER, "approval-request").filter((m) => m.html.includes(id));
    expect(asked(a)).toHaveLength(1);
    expect(asked(b)).toHaveLength(0);
    expect(asked(c)).toHaveLength(0);
    for (const id of [b, c]) {
      const rows = rowsOf(host, AUDIT).filter((r) => r["Object ID"] === id && r.Action === "mail.queued");
      expect(rows).toHaveLength(1);
      expect(String(rows[0]?.Comment)).toContain(`approval-request → ${MANAGER}`);
    }
    expect(rowsOf(host, MAIL_QUEUE).filter((r) => r["Request ID"] === b || r["Request ID"] === c)).toHaveLength(2);

    // Hourly runs inside the window: the quota is spent, the queue waits.
    await host.advanceTo(opened + 2 * 3600_000);
    expect(asked(b)).toHaveLength(0);

    // The first run after the reset sends the oldest queued email; the next one waits for quota.
    host.clock.set(opened + 23 * 3600_000);
    await host.advanceTo(opened + 25.5 * 3600_000);
    expect(asked(b)).toHaveLength(1);
    expect(asked(c)).toHaveLength(0);

    mail.setDailyQuota(100);
    await host.advanceTo(host.clock.now() + 3600_000);
    for (const id of [a, b, c]) expect(asked(id)).toHaveLength(1);
    const files = outbox(host).map((m) => m.file);
    expect(files.indexOf(asked(b)[0]?.file ?? "")).toBeLessThan(files.indexOf(asked(c)[0]?.file ?? ""));
    // (Reminders of the waiting requests were queued and sent meanwhile too; they have their own rows.)
    for (const id of [b, c]) expect(rowsOf(host, AUDIT).filter((r) => r["Object ID"] === id && r.Action === "mail.sent_from_queue" && String(r.Comment).includes("approval-request"))).toHaveLength(1);
    expect(rowsOf(host, MAIL_QUEUE)).toHaveLength(0);
    // The emailed link still decides.
    expect(await decideByLink(server.url, linkFor(c, MANAGER), "approve", "同意")).toContain("result-done");
  });
});

// Last: it adds and removes a person in People, which other tests route through.
describe("the Decision column's protection", () => {
  it("keeps the Decision column's editors in step with People and Routes on every run: an approver's role opens it, a People row alone does not", async () => {
    const decisionEditors = () => host.spreadsheet.workbook.protections.find((p) => p.description.includes("MarketOps: Decision"))?.editors ?? [];
    const withdrawEditors = () => host.spreadsheet.workbook.protections.find((p) => p.description.includes("MarketOps: Withdraw"))?.editors ?? [];
    expect(decisionEditors()).toContain(MANAGER);
    expect(decisionEditors()).not.toContain(SALES);
    expect(withdrawEditors()).toContain(SALES);
    const people = "人员 People";
    const header = (host.spreadsheet.read(people, "A1:Z1")[0] ?? []).map(String);
    const at = (en: string) => columnLetters(header.findIndex((h) => h.endsWith(`/ ${en}`)) + 1);
    const newRow = host.spreadsheet.workbook.lastRow(host.spreadsheet.workbook.sheet(people)!) + 1;
    await host.editAsUser(people, `${at("Email")}${newRow}`, "new.hire@example.com");
    await host.run("buildForms");
    expect(decisionEditors()).not.toContain("new.hire@example.com");
    expect(withdrawEditors()).toContain("new.hire@example.com");
    // Finance approves rebates (Routes): the new hire in Finance may decide in the sheet.
    await host.editAsUser(people, `${at("Role")}${newRow}`, "finance");
    await host.run("buildForms");
    expect(decisionEditors()).toContain("new.hire@example.com");
    await host.editAsUser(people, `${at("Role")}${newRow}`, "");
    await host.editAsUser(people, `${at("Email")}${newRow}`, "");
    await host.run("buildForms");
    expect(decisionEditors()).not.toContain("new.hire@example.com");
    expect(withdrawEditors()).not.toContain("new.hire@example.com");
    expect(decisionEditors()).toContain(MANAGER);
  });
});
