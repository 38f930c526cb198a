/**
 * The monthly close on the demo workbook, run by the built dist/Code.js under the local host on a
 * simulated clock: the daily trigger (SC-27), the frozen snapshot against the live scorecard
 * (WF-24, SC-29..SC-39), duplicate runs, stale inputs and the re-close. One host serves the file;
 * the tests run in order and build on each other, as the month does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sheetTemplate } from "../../src/core/templates/catalog";
import { tableLayout } from "../../src/core/templates/table";
import type { LocalHost } from "../../src/local/host";
import { decideByLink, linkIn, mailsTo } from "./approvals-helpers";
import { openHost } from "./helpers";

const MONTH = "2026-10";
const PENDING = "待签字 / pending signature";
let host: LocalHost;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  host = await openHost();
  server = await host.serve(0);
  await host.clickMenu("installOrUpgrade");
  await host.run("buildForms");
  await host.clickMenu("loadDemoData");
  // Build forms again once People is loaded: it protects the Requests Decision column for the
  // people the Routes can give a step to (the GM signs in the sheet below), as approvals.test does.
  await host.run("buildForms");
}, 180_000);

afterAll(async () => {
  await server.close();
  host.close();
});

type Row = Readonly<Record<string, unknown>>;

function sheetOf(sheetKey: string) {
  const sheet = host.spreadsheet.workbook.sheet(sheetTemplate(sheetKey).tabName);
  if (!sheet) throw new Error(`no tab for ${sheetKey}`);
  return sheet;
}

/** A template sheet's data rows as computed, by column key, with their sheet row. */
function rowsOf(sheetKey: string): (Row & { _row: number })[] {
  const book = host.spreadsheet.workbook;
  const sheet = sheetOf(sheetKey);
  const values = book.readValues(sheet, { row: 1, column: 1, numRows: Math.max(1, book.lastRow(sheet)), numColumns: Math.max(1, book.lastColumn(sheet)) });
  const layout = tableLayout(sheetTemplate(sheetKey), values[0] ?? []);
  return values
    .slice(1)
    .map((cells, i) => ({ ...Object.fromEntries([...layout.columns].map(([key, at]) => [key, cells[at]])), _row: i + 2 }))
    .filter((r) => Object.entries(r).some(([k, v]: [string, unknown]) => k !== "_row" && v !== "" && v !== null && v !== undefined && v !== false));
}

function letterOf(sheetKey: string, columnKey: string): string {
  const book = host.spreadsheet.workbook;
  const sheet = sheetOf(sheetKey);
  const header = book.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: book.lastColumn(sheet) })[0] ?? [];
  const at = tableLayout(sheetTemplate(sheetKey), header).columns.get(columnKey);
  if (at === undefined) throw new Error(`${sheetKey} has no ${columnKey}`);
  let n = at + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const results = (): (Row & { _row: number })[] => rowsOf("monthly_results").filter((r) => r.month === MONTH);
const audits = (action: string): Row[] => rowsOf("audit").filter((r) => r.action === action);
const cents = (v: unknown): unknown => (typeof v === "number" ? Math.round(v * 100) : v);
const at = (iso: string): number => Date.parse(iso);
const outboxCount = (): number => host.services.controllers.outbox.messages().length;
const resultMails = () => host.services.controllers.outbox.messages().filter((m) => m.kind === "monthly-result");

describe("SC-27 the daily monthly job", () => {
  it("SC-27: installing the daily job twice makes one trigger, daily at MONTHLY_JOB_HOUR in the workbook zone, and Audit says who installed it", async () => {
    await host.clickMenu("安装每日月度作业 / Install the daily monthly job");
    const second = await host.run<{ created: number }>("installMonthlyJob");
    expect(second.value.created).toBe(0);
    const triggers = host.services.controllers.triggers.all().filter((t) => t.handler === "monthlyJob");
    expect(triggers).toHaveLength(1);
    expect(triggers[0]?.schedule).toMatchObject({ type: "days", every: 1, hour: 8, minute: 30 });
    const installed = audits("monthly_job.installed");
    expect(installed).toHaveLength(1);
    expect(installed[0]?.actor_email).toBe("director@marketops.example");
  });

  it("SC-27: a Holidays-sheet holiday on the due day (Thu 5 Nov) moves the close to Fri 6 Nov; the days before do nothing", async () => {
    const holidays = rowsOf("holidays");
    const row = (holidays.at(-1)?._row ?? 1) + 1;
    const tab = sheetTemplate("holidays").tabName;
    await host.editAsUser(tab, `${letterOf("holidays", "date")}${row}`, "2026-11-05");
    await host.editAsUser(tab, `${letterOf("holidays", "name")}${row}`, "Company day");
    await host.editAsUser(tab, `${letterOf("holidays", "kind")}${row}`, "holiday");

    const quiet = await host.advanceTo(at("2026-11-05T12:00:00+08:00"));
    expect(quiet.fired.map((f) => f.handler).filter((h) => h !== "approvalTimers")).toEqual(["monthlyJob", "monthlyJob", "monthlyJob"]);
    expect(results()).toHaveLength(0);

    const due = await host.advanceTo(at("2026-11-06T12:00:00+08:00"));
    expect(due.fired.filter((f) => f.handler === "monthlyJob")).toHaveLength(1);
    const rows = results();
    expect(rows).toHaveLength(rowsOf("scorecard_objective").filter((r) => r.month === MONTH).length);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(["closed"]));
    expect(rows.every((r) => r.closed_at !== "" && r.revision === 1)).toBe(true);
    expect(audits("month.closed")).toHaveLength(1);
  }, 60_000);
});

const requestsOf = (): (Row & { _row: number })[] => rowsOf("requests");
const gmEmail = (): string => String(rowsOf("people").find((p) => p.role === "gm")?.email);

describe("SC-57 the GM's sign-off", () => {
  it("SC-57: closing starts one monthly_appraisal request for the month, routed to APPRAISAL_SIGNER_ROLE (the GM), and until it is signed grade and pay read pending", () => {
    const signs = requestsOf().filter((r) => r.type === "monthly_appraisal");
    expect(signs).toHaveLength(1);
    expect(signs[0]).toMatchObject({ id: "MA-2026-0001", status: "pending" });
    expect(String(signs[0]?.current_approver_email)).toContain(gmEmail());
    for (const r of results()) expect([r.grade, r.perf_pay, r.sign_request_id, r.state]).toEqual([PENDING, PENDING, "MA-2026-0001", "closed"]);
    expect(mailsTo(host, gmEmail()).some((m) => m.html.includes("MA-2026-0001"))).toBe(true);
  });

  it("SC-57 / SC-27: publishing before the GM has signed is refused, naming the sign-off request still pending, and publishes nothing", async () => {
    const before = JSON.stringify(results());
    const sent = outboxCount();
    await expect(host.run("publishMonth", [MONTH])).rejects.toThrow(/sign-off pending: MA-2026-0001/);
    expect(JSON.stringify(results())).toBe(before);
    expect(outboxCount()).toBe(sent);
    expect(results().some((r) => r.state === "published")).toBe(false);
  });

  it("SC-57: the GM approves in the Requests sheet; every row of the month becomes signed, with who and when, through the engine's update-record effect", async () => {
    const row = requestsOf().find((r) => r.id === "MA-2026-0001")?._row ?? 0;
    await host.editAsUser(sheetTemplate("requests").tabName, `${letterOf("requests", "decision")}${row}`, "approve", { as: gmEmail() });
    expect(requestsOf().find((r) => r.id === "MA-2026-0001")?.status).toBe("approved");
    for (const r of results()) {
      expect(r.state).toBe("signed");
      expect(r.signed_by).toBe(gmEmail());
      expect(r.signed_at instanceof Date ? r.signed_at.getTime() : r.signed_at).toBe(Date.parse("2026-11-06T00:00:00+08:00"));
    }
  });
});

describe("WF-24 / SC-29..SC-39 the frozen snapshot", () => {
  it("WF-24 / SC-36 / SC-37: every person's work, behaviour, company points, final score, grade, pay and flags equal the live scorecard cells, to the cent", () => {
    const live = new Map(rowsOf("scorecard_objective").filter((r) => r.month === MONTH).map((r) => [r.employee_email, r]));
    const people = new Map(rowsOf("people").map((p) => [p.email, p]));
    for (const r of results()) {
      const cell = live.get(r.employee_email);
      expect(cell, String(r.employee_email)).toBeDefined();
      for (const key of ["work_points", "behaviour_points", "company_points", "final_score", "grade", "perf_pay"]) {
        expect(cents(r[key]), `${String(r.employee_email)} ${key}`).toEqual(cents(cell?.[key]));
      }
      expect(String(r.flags).split("\n").filter(Boolean).join("; "), String(r.employee_email)).toBe(typeof cell?.flags === "string" ? cell.flags : "");
      expect(r.employee_name).toBe(people.get(r.employee_email)?.name);
      expect(r.region).toBe(people.get(r.employee_email)?.region);
      expect(String(r.readings)).toContain(`OBJ_WEIGHT_MODE=${String(cell?.reading)}`);
      expect(String(r.inputs_revision)).toMatch(/^[0-9a-f]{16}$/);
    }
    const flagged = results().filter((r) => r.flags !== "");
    expect(flagged.length).toBeGreaterThan(0);
    for (const r of flagged) for (const line of String(r.flags).split("\n")) expect(line).toMatch(/^SC-\d+ /);
  });

  it("SC-27: closing an already-closed month again, or a duplicate daily run, changes nothing", async () => {
    const before = JSON.stringify(rowsOf("monthly_results"));
    const auditRows = rowsOf("audit").length;
    const again = await host.run<{ outcome: string }>("closeMonth", [MONTH]);
    expect(again.value.outcome).toBe("unchanged");
    await host.run("monthlyJob");
    expect(JSON.stringify(rowsOf("monthly_results"))).toBe(before);
    expect(rowsOf("audit").length).toBe(auditRows);
  });
});

describe("WF-24 stale inputs and the re-close", () => {
  let email = "";
  let oldFinal: unknown;

  it("WF-24: changing an input of a closed month marks that person's row stale, naming the sheet and column in both languages, without recomputing", async () => {
    const target = rowsOf("scorecard_objective").find((r) => r.month === MONTH && r.attendance !== 1);
    if (!target) throw new Error("no row to edit");
    email = String(target.employee_email);
    oldFinal = results().find((r) => r.employee_email === email)?.final_score;
    await host.editAsUser(sheetTemplate("scorecard_objective").tabName, `${letterOf("scorecard_objective", "attendance")}${target._row}`, 1);
    await host.run("monthlyJob");
    const mine = results().filter((r) => r.employee_email === email);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.state).toBe("stale");
    expect(mine[0]?.final_score).toBe(oldFinal);
    expect(String(mine[0]?.stale_reason)).toContain("目标管理考核 · 作息考勤");
    expect(String(mine[0]?.stale_reason)).toContain("Objective appraisal · Attendance");
    expect(String(mine[0]?.stale_reason)).toContain(`→ 1`);
    expect(results().filter((r) => r.state === "stale")).toHaveLength(1);
    expect(audits("month.stale")).toHaveLength(1);
    // Running the check again adds nothing.
    await host.run("closeMonth", [MONTH]);
    expect(audits("month.stale")).toHaveLength(1);
  });

  it("WF-24: closeMonth(month, reason) writes a new revision for the changed person, supersedes the old row, and Audit says who and why", async () => {
    const report = await host.run<{ outcome: string; written: number }>("closeMonth", [MONTH, "HR corrected the attendance"], { as: "director@marketops.example" });
    expect(report.value).toMatchObject({ outcome: "reclosed", written: 1 });
    const mine = results().filter((r) => r.employee_email === email);
    expect(mine.map((r) => [r.revision, r.state])).toEqual([
      [1, "superseded"],
      [2, "closed"],
    ]);
    const live = rowsOf("scorecard_objective").find((r) => r.month === MONTH && r.employee_email === email);
    expect(cents(mine[1]?.final_score)).toEqual(cents(live?.final_score));
    expect(mine[1]?.id).toBe(`${MONTH}#${email}#2`);
    const reclosed = audits("month.reclosed");
    expect(reclosed).toHaveLength(1);
    expect(reclosed[0]?.actor_email).toBe("director@marketops.example");
    expect(String(reclosed[0]?.comment)).toContain("HR corrected the attendance");
    const again = await host.run<{ outcome: string }>("closeMonth", [MONTH, "again"]);
    expect(again.value.outcome).toBe("unchanged");
  });

  it("SC-57: the re-closed revision waits for its own sign-off, which the GM gives by the emailed link", async () => {
    const mine = (): (Row & { _row: number }) | undefined => results().find((r) => r.employee_email === email && r.revision === 2);
    expect(mine()).toMatchObject({ grade: PENDING, perf_pay: PENDING, sign_request_id: "MA-2026-0002" });
    const mail = mailsTo(host, gmEmail()).find((m) => m.html.includes("MA-2026-0002"));
    if (!mail) throw new Error("no sign-off email");
    await decideByLink(server.url, linkIn(mail), "approve");
    const live = rowsOf("scorecard_objective").find((r) => r.month === MONTH && r.employee_email === email);
    expect(mine()?.state).toBe("signed");
    expect(mine()?.grade).toBe(live?.grade);
    expect(cents(mine()?.perf_pay)).toBe(cents(live?.perf_pay));
    expect(results().filter((r) => r.employee_email === email && r.revision === 1)[0]?.state).toBe("superseded");
  });
});

describe("SC-27 / SC-54 / WF-26 publication and the personal result emails", () => {
  const latest = () => results().filter((r) => r.state !== "superseded");

  it("SC-27 / SC-54: on PUBLISH_DUE_DAY (Sat 7 Nov moves to Mon 9 Nov) the daily job publishes every signed latest row with appeal_until = publication day + APPEAL_DAYS, and emails within the day's quota", async () => {
    const quiet = await host.advanceTo(at("2026-11-09T08:00:00+08:00"));
    expect(quiet.fired.some((f) => f.handler === "monthlyJob")).toBe(true);
    expect(results().some((r) => r.state === "published")).toBe(false);
    host.services.controllers.outbox.setDailyQuota(5);
    await host.advanceTo(at("2026-11-09T08:45:00+08:00"));
    const rows = latest();
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.state).toBe("published");
      expect(r.published_at instanceof Date ? r.published_at.getTime() : r.published_at).toBe(at("2026-11-09T08:30:00+08:00"));
      expect(r.appeal_until instanceof Date ? r.appeal_until.getTime() : r.appeal_until).toBe(at("2026-11-16T00:00:00+08:00"));
    }
    expect(results().filter((r) => r.state === "superseded").every((r) => r.published_at === "" || r.published_at === null || r.published_at === undefined)).toBe(true);
    expect(audits("month.published")).toHaveLength(1);
    const sent = resultMails();
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThanOrEqual(5);
    expect(audits("result.emailed")).toHaveLength(sent.length);
  }, 60_000);

  it("WF-26: the rest go out on the next run once quota is back; each person gets exactly one email, with only their own result, in their People.language, with the appeal deadline", async () => {
    const again = await host.run<{ emailed: number; published: number }>("publishMonth", [MONTH]);
    expect(again.value).toMatchObject({ emailed: 0, published: 0 });
    host.services.controllers.outbox.setDailyQuota(1500);
    await host.run("publishMonth", [MONTH]);
    const rows = latest();
    const mails = resultMails();
    expect(mails).toHaveLength(rows.length);
    const people = new Map(rowsOf("people").map((p) => [String(p.email), p]));
    for (const r of rows) {
      const mine = mails.filter((m) => m.to.includes(String(r.employee_email)));
      expect(mine, String(r.employee_email)).toHaveLength(1);
      const html = mine[0]?.html ?? "";
      const lang = people.get(String(r.employee_email))?.language === "en" ? "en" : "zh-CN";
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain("2026-11-16");
      expect(html).toContain(String(r.grade));
      expect(mine[0]?.text).toContain(typeof r.final_score === "number" ? r.final_score.toFixed(1) : String(r.final_score));
      for (const other of rows) {
        if (other.employee_email === r.employee_email || String(r.employee_name).includes(String(other.employee_name))) continue;
        expect(html, `${String(r.employee_email)} sees ${String(other.employee_name)}`).not.toContain(String(other.employee_name));
      }
    }
    expect(new Set(mails.map((m) => (m.html ?? "").match(/<html lang="([^"]+)"/)?.[1]))).toEqual(new Set(["en", "zh-CN"]));
  });

  it("SC-57 / WF-26: publishing again, or the job on the same day, publishes and sends nothing new", async () => {
    const before = JSON.stringify(results());
    // The month's reports (RP-28) may still be owed from a day whose quota ran out; the daily job
    // sends those once. Nothing else goes out, and nothing twice.
    const notReports = (): number => host.services.controllers.outbox.messages().filter((m) => !m.kind.startsWith("report")).length;
    const count = notReports();
    const report = await host.run<{ emailed: number; published: number }>("publishMonth", [MONTH]);
    expect(report.value).toMatchObject({ emailed: 0, published: 0 });
    await host.run("monthlyJob");
    expect(JSON.stringify(results())).toBe(before);
    expect(resultMails()).toHaveLength(latest().length);
    expect(notReports()).toBe(count);
    const reports = host.services.controllers.outbox.messages().filter((m) => m.kind.startsWith("report"));
    const sentTwice = reports.filter((m, i) => reports.findIndex((o) => o.subject === m.subject && o.to.join() === m.to.join()) !== i);
    expect(sentTwice).toEqual([]);
    const reportCount = reports.length;
    await host.run("monthlyJob");
    expect(outboxCount()).toBe(count + reportCount);
    expect(audits("month.published")).toHaveLength(1);
  });

  it("RP-12 / RP-28: one email per person for the month: with PUBLISH_EMAIL_PERSONAL on, the result email with the appeal deadline, and no personal scorecard from the reports job", () => {
    const messages = host.services.controllers.outbox.messages();
    expect(messages.filter((m) => m.kind === "report-monthly-pack").length).toBeGreaterThan(0);
    expect(messages.filter((m) => m.kind === "report-appraisal-results")).toEqual([]);
    for (const r of latest()) {
      const personal = messages.filter((m) => (m.kind === "monthly-result" || m.kind === "report-appraisal-results") && m.to.includes(String(r.employee_email)));
      expect(personal, String(r.employee_email)).toHaveLength(1);
    }
  });
});
