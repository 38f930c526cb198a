/**
 * Issue 10 under the local host, at volume: the mail queue lives in the hidden Mail queue sheet
 * (not Script Properties, whose 9 KB per value / 500 KB per store a busy day overflowed), a mail run
 * sends under its time budget and continues on a one-off trigger, a run killed mid-way sends
 * nothing twice, and a response whose trigger died before writing anything (a lock timeout) is
 * found and applied by the retry and by the next submission. History is written straight into the
 * sheets through the host's model (copies of a real response), not by submitting hundreds of forms.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import type { RequestTypeKey } from "../../src/core/approvals/model";
import type { LocalHost } from "../../src/local/host";
import { openHost } from "./helpers";
import { AUDIT, formAnswers, formTitle, MAIL_QUEUE, newestRequest, outbox, REQUESTS } from "./approvals-helpers";

const SALES = "kong.linghui@example.com";
const SETTINGS = "设置 Settings";

let host: LocalHost;
/** Simulated ms each counted service call takes (0 while setting up). */
let latency = 0;
/**
 * When set: a run is killed (as Google stops an execution) after this instant, at its next
 * Script Properties write — the worst moment for a mail run, right after a send and before the
 * send is recorded. (A throw inside MailApp would be a failed send, which a run may catch; a kill
 * cannot be caught.)
 */
let killAfter: number | null = null;
/** When true: `waitLock` times out (another job held the lock for 30 s). */
let lockTimeout = false;

async function submit(type: RequestTypeKey, as: string): Promise<string> {
  await host.submitForm(formTitle(type), formAnswers(host, type, ANSWERS[type]), { as });
  return String(newestRequest(host, as)["Request ID"]);
}

function sheetModel(name: string) {
  const sheet = host.spreadsheet.workbook.sheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Every data row of a sheet as objects keyed by the English part of each header (no row limit). */
function rows(name: string): Record<string, unknown>[] {
  const book = host.spreadsheet.workbook;
  const sheet = sheetModel(name);
  const values = book.readValues(sheet, { row: 1, column: 1, numRows: Math.max(1, book.lastRow(sheet)), numColumns: Math.max(1, book.lastColumn(sheet)) });
  const headers = (values[0] ?? []).map((h) => String(h).split(" / ").pop() ?? "");
  return values.slice(1).filter((r) => r.some((v) => v !== "" && v !== false && v !== null)).map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]])));
}

/** Writes a grid at (row, 1) through the host's model, growing the sheet when needed. */
function writeRows(name: string, row: number, grid: readonly (readonly unknown[])[]): void {
  const book = host.spreadsheet.workbook;
  const sheet = sheetModel(name);
  const need = row + grid.length - 1;
  if (sheet.maxRows < need) book.insertRows(sheet, sheet.maxRows, need - sheet.maxRows);
  book.writeValues(sheet, { row, column: 1, numRows: grid.length, numColumns: grid[0]?.length ?? 1 }, grid);
}

function setSetting(key: string, value: unknown): void {
  const book = host.spreadsheet.workbook;
  const sheet = sheetModel(SETTINGS);
  const keys = book.readValues(sheet, { row: 1, column: 1, numRows: book.lastRow(sheet), numColumns: 1 });
  const at = keys.findIndex((r) => r[0] === key);
  if (at < 0) throw new Error(`no setting ${key}`);
  book.writeValues(sheet, { row: at + 1, column: 2, numRows: 1, numColumns: 1 }, [[value]]);
}

/**
 * `n` copies of a real stock-transfer response in its responses tab, each with a Requests row
 * of status `error` pointing at it (as a failed trigger leaves them): the menu's retry applies
 * them all in one run, and each asks the Manager to decide. Returns the request IDs.
 */
function failedResponses(n: number, firstId: number): string[] {
  const [tab, rowText] = String(rows(REQUESTS).find((r) => typeof r["Form response"] === "string" && String(r["Form response"]).includes("!"))?.["Form response"]).split("!");
  const book = host.spreadsheet.workbook;
  const responses = sheetModel(tab ?? "");
  const width = book.lastColumn(responses);
  const source = book.readValues(responses, { row: Number(rowText), column: 1, numRows: 1, numColumns: width })[0] ?? [];
  const start = book.lastRow(responses) + 1;
  writeRows(tab ?? "", start, Array.from({ length: n }, () => [...source]));
  const requests = sheetModel(REQUESTS);
  const header = (book.readValues(requests, { row: 1, column: 1, numRows: 1, numColumns: book.lastColumn(requests) })[0] ?? []).map((h) => String(h).split(" / ").pop() ?? "");
  const ids = Array.from({ length: n }, (_, i) => `ST-2026-${String(firstId + i).padStart(4, "0")}`);
  const grid = ids.map((id, i) =>
    header.map((h) => ({ "Request ID": id, Type: "stock_transfer", Title: `bulk ${id}`, Requester: SALES, "Submitted at": "2026-11-02 09:00:00", Status: "error", "Status reason": "lost", "Form response": `${tab}!${start + i}`, Revision: 1 })[h] ?? ""),
  );
  writeRows(REQUESTS, book.lastRow(requests) + 1, grid);
  return ids;
}

/** Approval-request emails per request ID, from the outbox. */
function requestMailCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of outbox(host)) {
    if (m.kind !== "approval-request") continue;
    const id = /ST-2026-\d{4}/.exec(m.html)?.[0];
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function scriptProperties(): Record<string, string> {
  return host.services.controllers.properties.snapshot("script");
}

beforeAll(async () => {
  host = await openHost({
    callLatencyMs: (name) => {
      if (killAfter !== null && host.clock.now() > killAfter && name === "Properties.setProperty") {
        killAfter = null;
        throw new Error("Exceeded maximum execution time");
      }
      if (lockTimeout && name === "Lock.waitLock") throw new Error("Lock timeout: another process was holding the lock for too long.");
      return latency;
    },
  });
  host.services.controllers.outbox.setDailyQuota(100_000);
  await host.clickMenu("installOrUpgrade");
  await host.run("buildForms");
  await host.clickMenu("loadDemoData");
  await host.run("buildForms");
  await submit("stock_transfer", SALES);
}, 180_000);

afterAll(() => host.close());

describe("issue 10.3: the mail queue lives in the hidden Mail queue sheet, not Script Properties", () => {
  it("520 emails over the quota wait in the Mail queue sheet (hidden), Script Properties stay a few bytes, and each goes out exactly once", async () => {
    const ids = failedResponses(520, 5001);
    host.services.controllers.outbox.setDailyQuota(0);
    const sentBefore = outbox(host).length;
    const retried = await host.run<{ retried: string[] }>("retryFailedRequests");
    expect(retried.value.retried).toHaveLength(520);
    expect(outbox(host).length).toBe(sentBefore);
    const queued = rows(MAIL_QUEUE);
    expect(queued.filter((r) => ids.includes(String(r["Request ID"])))).toHaveLength(520);
    expect(sheetModel(MAIL_QUEUE).hidden).toBe(true);
    // Nothing of the queue in Script Properties: every value far under 9 KB, the store far under 500 KB.
    const props = scriptProperties();
    for (const value of Object.values(props)) expect(value.length).toBeLessThan(1024);
    expect(JSON.stringify(props).length).toBeLessThan(10_000);
    expect(rows(AUDIT).filter((r) => r.Action === "mail.queued" && ids.includes(String(r["Object ID"])))).toHaveLength(520);

    host.services.controllers.outbox.setDailyQuota(100_000);
    await host.run("approvalTimers");
    const counts = requestMailCounts();
    for (const id of ids) expect(counts.get(id)).toBe(1);
    expect(rows(MAIL_QUEUE)).toHaveLength(0);
    // A second run sends nothing again.
    const after = outbox(host).length;
    await host.run("approvalTimers");
    expect(outbox(host).filter((m) => m.kind === "approval-request").length).toBe(outbox(host).slice(0, after).filter((m) => m.kind === "approval-request").length);
  }, 300_000);
});

describe("issue 10.4: a mail run sends under its time budget, continues on a one-off trigger, and a killed run sends nothing twice", () => {
  it("200 queued emails, 250 ms per service call: a run killed at 100 s, then runs of at most the budget until all are out; no email twice", async () => {
    const ids = failedResponses(200, 6001);
    host.services.controllers.outbox.setDailyQuota(0);
    await host.run("retryFailedRequests");
    expect(rows(MAIL_QUEUE).filter((r) => ids.includes(String(r["Request ID"])))).toHaveLength(200);
    host.services.controllers.outbox.setDailyQuota(100_000);

    // A run Google stops mid-way (here at 100 s, the budget allowing more): the next runs go on from where it was.
    setSetting("JOB_TIME_BUDGET_S", 330);
    latency = 250;
    let started = host.clock.now();
    killAfter = started + 100_000;
    await expect(host.run("approvalTimers")).rejects.toThrow("Exceeded maximum execution time");
    const afterKill = requestMailCounts();
    const sentBeforeKill = ids.filter((id) => afterKill.has(id)).length;
    expect(sentBeforeKill).toBeGreaterThan(5);
    expect(sentBeforeKill).toBeLessThan(200);

    setSetting("JOB_TIME_BUDGET_S", 60);
    const durations: number[] = [];
    for (let run = 0; run < 30; run += 1) {
      started = host.clock.now();
      await host.run("approvalTimers");
      durations.push(host.clock.now() - started);
      if (rows(MAIL_QUEUE).length === 0) break;
      // It stopped at its budget: a one-off continuation trigger of approvalTimers is waiting.
      expect(host.services.controllers.triggers.all().filter((t) => t.handler === "approvalTimers" && t.schedule?.type === "once")).toHaveLength(1);
      host.clock.set(host.clock.now() + 61_000);
    }
    latency = 0;
    expect(rows(MAIL_QUEUE)).toHaveLength(0);
    // At least one continuation: the budget, not the queue's end, stopped the first of these runs.
    expect(durations.length).toBeGreaterThanOrEqual(2);
    // Each run stays within its 60 s budget plus the last send and the final writes.
    for (const d of durations) expect(d).toBeLessThan(75_000);
    const counts = requestMailCounts();
    for (const id of ids) expect(counts.get(id) ?? 0).toBeLessThanOrEqual(1);
    // At most the one send under way when the run was killed is in doubt: named in Audit, not repeated.
    const uncertain = rows(AUDIT).filter((r) => r.Action === "mail.uncertain");
    expect(uncertain.length).toBeLessThanOrEqual(1);
    expect(ids.filter((id) => counts.get(id) === 1).length).toBeGreaterThanOrEqual(200 - uncertain.length);
  }, 600_000);
});

describe("issue 10.2: a response whose trigger timed out on the lock is not lost", () => {
  async function submitTitled(title: string): Promise<void> {
    await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", { ...ANSWERS.stock_transfer, title }), { as: SALES });
  }
  const titled = (title: string) => rows(REQUESTS).filter((r) => r.Title === title);

  it("the menu's retry applies a response whose onFormSubmit died on waitLock, once", async () => {
    lockTimeout = true;
    await expect(submitTitled("lost on the lock 1")).rejects.toThrow(/Lock timeout/);
    lockTimeout = false;
    expect(titled("lost on the lock 1")).toHaveLength(0);
    const retried = await host.run<{ retried: string[] }>("retryFailedRequests");
    const found = titled("lost on the lock 1");
    expect(found).toHaveLength(1);
    expect(found[0]?.Status).toBe("pending");
    expect(retried.value.retried).toContain(found[0]?.["Request ID"]);
    // Run again: nothing new.
    await host.run("retryFailedRequests");
    expect(titled("lost on the lock 1")).toHaveLength(1);
  }, 120_000);

  it("the next submission of the same form applies the lost one first; a re-delivered event changes nothing", async () => {
    lockTimeout = true;
    await expect(submitTitled("lost on the lock 2")).rejects.toThrow(/Lock timeout/);
    lockTimeout = false;
    await submitTitled("submitted after it");
    const lost = titled("lost on the lock 2");
    const next = titled("submitted after it");
    expect(lost).toHaveLength(1);
    expect(next).toHaveLength(1);
    expect(String(lost[0]?.["Request ID"]) < String(next[0]?.["Request ID"])).toBe(true);
    await host.run("retryFailedRequests");
    expect(titled("lost on the lock 2")).toHaveLength(1);
    expect(titled("submitted after it")).toHaveLength(1);
  }, 120_000);
});
