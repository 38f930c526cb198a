/**
 * Issue 10 §3 under the local host: every approval job reads the Requests sheet whole, so closed
 * requests leave it. The hourly timer moves a request closed for more than `REQUESTS_ARCHIVE_DAYS`
 * to the archive sheet of its year, once, even when a run dies half-way; new IDs never repeat an
 * archived one; and a decision picked in a row the archive moved up still reaches its request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import type { LocalHost } from "../../src/local/host";
import { openHost } from "./helpers";
import { formAnswers, formTitle, newestRequest, request, REQUESTS, requestRowNumber, rowsOf } from "./approvals-helpers";

const SALES = "kong.linghui@example.com";
const MANAGER = "zhou.haitao@example.com";
const ARCHIVE = "申请归档 2026 Requests archive";
const SETTINGS = "设置 Settings";
const DAY = 86_400_000;
/** REQUESTS_ARCHIVE_DAYS in these tests (a short one keeps the clock within 2026), and a wait just past it. */
const DAYS = 2;
const PAST = (DAYS + 1) * DAY;

let host: LocalHost;
/** When set, the next call of this service method fails as a killed execution would. */
let killAt: string | null = null;

async function submit(): Promise<string> {
  await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", ANSWERS.stock_transfer), { as: SALES });
  return String(newestRequest(host, SALES)["Request ID"]);
}

function cell(id: string, header: string): string {
  return `${String.fromCharCode(65 + Object.keys(request(host, id)).indexOf(header))}${requestRowNumber(host, id)}`;
}

async function withdraw(id: string): Promise<void> {
  await host.editAsUser(REQUESTS, cell(id, "Decision"), "withdraw", { as: SALES });
  expect(request(host, id).Status).toBe("withdrawn");
}

function ids(sheet: string): string[] {
  return rowsOf(host, sheet).map((r) => String(r["Request ID"]));
}

function setSetting(key: string, value: unknown): void {
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(SETTINGS);
  const keys = book.readValues(sheet, { row: 1, column: 1, numRows: book.lastRow(sheet), numColumns: 1 });
  const at = keys.findIndex((r) => r[0] === key);
  if (at < 0) throw new Error(`no setting ${key}`);
  book.writeValues(sheet, { row: at + 1, column: 2, numRows: 1, numColumns: 1 }, [[value]]);
}

beforeAll(async () => {
  host = await openHost({
    callLatencyMs: (name) => {
      if (killAt === name) {
        killAt = null;
        throw new Error("Exceeded maximum execution time");
      }
      return 0;
    },
  });
  host.services.controllers.outbox.setDailyQuota(1500);
  await host.clickMenu("installOrUpgrade");
  await host.run("buildForms");
  await host.clickMenu("loadDemoData");
  await host.run("buildForms");
  setSetting("REQUESTS_ARCHIVE_DAYS", DAYS);
}, 180_000);

afterAll(() => host.close());

describe("issue 10 §3: closed requests move to the yearly archive (REQUESTS_ARCHIVE_DAYS)", () => {
  it("a request closed more than REQUESTS_ARCHIVE_DAYS ago moves to 申请归档 2026 once, with its cells; open and recently closed requests stay", async () => {
    const old = await submit();
    const open = await submit();
    await withdraw(old);
    const before = request(host, old);
    host.clock.set(host.clock.now() + PAST);
    const recent = await submit();
    await withdraw(recent);

    const report = (await host.run<{ archived: number }>("approvalTimers")).value;
    expect(report.archived).toBe(1);
    expect(ids(REQUESTS)).not.toContain(old);
    expect(ids(REQUESTS)).toEqual(expect.arrayContaining([open, recent]));
    const archived = rowsOf(host, ARCHIVE).find((r) => r["Request ID"] === old);
    expect(archived?.Title).toBe(before.Title);
    expect(archived?.Status).toBe("withdrawn");
    expect(archived?.Requester).toBe(SALES);
    expect(host.spreadsheet.workbook.requireSheet(ARCHIVE).frozenRows).toBe(1);

    // A second run finds nothing more to move.
    expect((await host.run<{ archived: number }>("approvalTimers")).value.archived).toBe(0);
    expect(ids(ARCHIVE).filter((id) => id === old)).toHaveLength(1);
  });

  it("a new request after every request of its type was archived takes the next number, never an archived one", async () => {
    for (const id of ids(REQUESTS).filter((i) => i.startsWith("ST-") && request(host, i).Status === "pending")) await withdraw(id);
    host.clock.set(host.clock.now() + PAST);
    await host.run("approvalTimers");
    const archived = ids(ARCHIVE).filter((i) => i.startsWith("ST-2026-"));
    expect(ids(REQUESTS).filter((i) => i.startsWith("ST-2026-"))).toEqual([]);
    const next = await submit();
    const highest = Math.max(...archived.map((i) => Number(i.slice("ST-2026-".length))));
    expect(next).toBe(`ST-2026-${String(highest + 1).padStart(4, "0")}`);
  });

  it("a run killed after the archive append and before the delete doubles nothing: the next run only deletes", async () => {
    const id = ids(REQUESTS).find((i) => i.startsWith("ST-2026-") && request(host, i).Status === "pending") ?? (await submit());
    await withdraw(id);
    host.clock.set(host.clock.now() + PAST);
    killAt = "Sheet.deleteRows";
    await expect(host.run("approvalTimers")).rejects.toThrow(/maximum execution time/);
    expect(ids(ARCHIVE).filter((i) => i === id)).toHaveLength(1);
    expect(ids(REQUESTS)).toContain(id);
    await host.run("approvalTimers");
    expect(ids(ARCHIVE).filter((i) => i === id)).toHaveLength(1);
    expect(ids(REQUESTS)).not.toContain(id);
  });

  it("REQUESTS_ARCHIVE_DAYS NONE keeps every request; a value that is not a number of days is reported and moves nothing", async () => {
    const id = await submit();
    await withdraw(id);
    host.clock.set(host.clock.now() + PAST);
    setSetting("REQUESTS_ARCHIVE_DAYS", "NONE");
    expect((await host.run<{ archived: number }>("approvalTimers")).value.archived).toBe(0);
    setSetting("REQUESTS_ARCHIVE_DAYS", "a month");
    const report = (await host.run<{ archived: number; archiveProblem?: string }>("approvalTimers")).value;
    expect(report.archived).toBe(0);
    expect(report.archiveProblem).toContain("REQUESTS_ARCHIVE_DAYS");
    expect(ids(REQUESTS)).toContain(id);
    setSetting("REQUESTS_ARCHIVE_DAYS", 2 * DAYS + 2);
    expect((await host.run<{ archived: number }>("approvalTimers")).value.archived).toBe(0);
    host.clock.set(host.clock.now() + 4 * DAY);
    expect((await host.run<{ archived: number }>("approvalTimers")).value.archived).toBe(1);
    setSetting("REQUESTS_ARCHIVE_DAYS", DAYS);
  });

  it("a decision picked in a row the archive has since moved up is applied to the request it was picked for", async () => {
    const closed = await submit();
    const pending = await submit();
    await withdraw(closed);
    host.clock.set(host.clock.now() + PAST);
    // The approver picks in the pending request's row; before the edit trigger runs, the hourly
    // timer holds the lock and the archive moves the closed row above it out.
    const picked = cell(pending, "Decision");
    await host.editAsUser(REQUESTS, picked, "approve", { as: MANAGER, beforeTriggers: () => host.run("approvalTimers") });
    expect(requestRowNumber(host, pending)).toBe(Number(picked.slice(1)) - 1);
    expect(request(host, pending)["Current step"]).toBe(2);
    expect(request(host, pending).Decision).toBe("");
  });
});
