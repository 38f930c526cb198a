/**
 * sendMonthlyReports under the local host (RP-28): every report of the month goes out exactly once
 * — under a re-run, a duplicate trigger and a run that finds another holding the script lock —
 * mail over the day's quota waits and goes on a later run, a run past its time budget continues on
 * a one-off trigger, and the Reports log says what happened to each. Also the preview dialog and
 * "send to me only".
 */
import { afterEach, describe, expect, it } from "vitest";
import type { LocalHost } from "../../src/local/host";
import { AUDIT, rowsOf } from "./approvals-helpers";
import { DEMO_PACKS, DEMO_REPORTS, LOG_TAB, logRows, reportHost, reportMails, writeRows } from "./reports-helpers";

let host: LocalHost | undefined;
afterEach(() => {
  host?.close();
  host = undefined;
});

function duplicates(host: LocalHost): string[] {
  const seen = new Map<string, number>();
  for (const m of reportMails(host)) {
    const subject = /<title>([^<]*)<\/title>/.exec(m.html)?.[1] ?? "";
    const key = `${m.to}|${subject}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}

describe("sendMonthlyReports (RP-28)", { timeout: 120_000 }, () => {
  it("RP-28: sends each report of the latest published month once; a re-run and a duplicate trigger send nothing more", async () => {
    host = await reportHost();
    const first = await host.clickMenu("sendMonthlyReports");
    expect(first.value).toMatchObject({ month: "2026-10", sent: DEMO_REPORTS, failed: 0, queued: 0, stoppedBy: "done" });
    await host.run("sendMonthlyReports", ["2026-10"]);
    await host.run("continueMonthlyReports", [{ authMode: "FULL", triggerUid: "dup" }]);
    await host.run("sendMonthlyReports", [{ authMode: "FULL", triggerUid: "daily" }]);
    const mails = reportMails(host);
    expect(mails).toHaveLength(DEMO_REPORTS);
    expect(duplicates(host)).toEqual([]);
    expect(mails.every((m) => /^\d{4}-report-/.test(m.file))).toBe(true);
    expect(new Set(mails.map((m) => m.kind))).toEqual(new Set(["report-monthly-pack", "report-appraisal-results"]));
    const log = logRows(host);
    expect(log).toHaveLength(DEMO_REPORTS);
    expect(log.every((r) => r.Status === "sent" && r["Sent at"] !== "")).toBe(true);
    expect(log.filter((r) => r.Scope === "ALL").map((r) => r.Recipient)).toHaveLength(5);
    expect(rowsOf(host, AUDIT).filter((r) => r.Action === "reports.sent")).toHaveLength(4);
  });

  it("RP-12 / RP-28: with PUBLISH_EMAIL_PERSONAL on (the default) the publication's result email is each person's one email of the month: the job sends the 10 packs, no personal scorecard, and says why", async () => {
    host = await reportHost({}, "published", true);
    const first = await host.run<{ sent: number; message: string }>("sendMonthlyReports", ["2026-10"]);
    expect(first.value).toMatchObject({ sent: DEMO_PACKS, failed: 0, queued: 0 });
    expect(first.value.message).toContain("PUBLISH_EMAIL_PERSONAL");
    expect(new Set(reportMails(host).map((m) => m.kind))).toEqual(new Set(["report-monthly-pack"]));
    expect(logRows(host).filter((r) => r.Scope === "SELF")).toEqual([]);
    expect(logRows(host)).toHaveLength(DEMO_PACKS);
    await host.run("sendMonthlyReports", ["2026-10"]);
    expect(reportMails(host)).toHaveLength(DEMO_PACKS);
  });

  it("RP-28: a run that finds another holding the script lock sends nothing; the rows go out once", async () => {
    host = await reportHost();
    const locks = host.services.controllers.locks;
    locks.beginExecution("another-run");
    host.services.globals.LockService.getScriptLock().waitLock(1000);
    const blocked = await host.run("sendMonthlyReports");
    expect(blocked.value).toMatchObject({ sent: 0, stoppedBy: "busy" });
    expect(reportMails(host)).toHaveLength(0);
    locks.releaseAllHeldBy("another-run");
    await host.run("sendMonthlyReports");
    await host.run("sendMonthlyReports");
    expect(reportMails(host)).toHaveLength(DEMO_REPORTS);
    expect(duplicates(host)).toEqual([]);
  });

  it("RP-28: a row an earlier run claimed but never marked is failed with the reason, never resent", async () => {
    host = await reportHost();
    writeRows(host, "reports_log", [
      { id: "2026-10#monthly_pack#ALL#qian.zhengming@example.com", period: "2026-10", report: "monthly_pack", recipient_email: "qian.zhengming@example.com", scope: "ALL", status: "queued", error: "sending since 2026-11-02T09:00:00" },
    ]);
    const result = await host.run("sendMonthlyReports");
    expect(result.value).toMatchObject({ sent: DEMO_REPORTS - 1, failed: 1 });
    expect(reportMails(host).filter((m) => m.to.includes("qian.zhengming@example.com"))).toHaveLength(0);
    const gm = logRows(host).find((r) => r.Recipient === "qian.zhengming@example.com" && r.Scope === "ALL");
    expect(gm?.Status).toBe("failed");
    expect(String(gm?.Error)).toContain("Interrupted while sending");
  });

  it("conventions: mail over the day's quota stays queued and goes out on the next run, once", async () => {
    host = await reportHost({ mailQuota: 20 });
    const first = await host.run("sendMonthlyReports");
    expect(first.value).toMatchObject({ sent: 20, queued: DEMO_REPORTS - 20, stoppedBy: "quota" });
    expect(logRows(host).filter((r) => r.Status === "queued")).toHaveLength(DEMO_REPORTS - 20);
    const handlers = host.services.controllers.triggers.all().map((t) => t.handler);
    expect(handlers).toContain("continueMonthlyReports");
    await host.advanceTo(host.clock.now() + 26 * 3600_000);
    expect(reportMails(host)).toHaveLength(DEMO_REPORTS);
    expect(duplicates(host)).toEqual([]);
    expect(logRows(host).every((r) => r.Status === "sent")).toBe(true);
    expect(host.services.controllers.triggers.all().map((t) => t.handler)).not.toContain("continueMonthlyReports");
  }, 240_000);

  it("JOB_TIME_BUDGET_S: a run stops before its time budget and continues from the log on a one-off trigger", async () => {
    host = await reportHost({ callLatencyMs: (name) => (name.startsWith("MailApp.sendEmail") ? 12_000 : 0) });
    const first = await host.run("sendMonthlyReports");
    const report = first.value as { sent: number; queued: number; stoppedBy: string };
    expect(report.stoppedBy).toBe("budget");
    expect(report.sent).toBeGreaterThan(0);
    expect(report.sent).toBeLessThan(DEMO_REPORTS);
    expect(host.services.controllers.triggers.all().map((t) => t.handler)).toEqual(expect.arrayContaining(["continueMonthlyReports"]));
    const { fired } = await host.advanceTo(host.clock.now() + 60 * 60_000);
    expect(fired.map((f) => f.handler).every((h) => h === "continueMonthlyReports")).toBe(true);
    expect(fired.length).toBeGreaterThan(0);
    expect(reportMails(host)).toHaveLength(DEMO_REPORTS);
    expect(duplicates(host)).toEqual([]);
    expect(logRows(host).every((r) => r.Status === "sent")).toBe(true);
  }, 180_000);
});

describe("preview and send to me only", { timeout: 120_000 }, () => {
  it("previewReport opens a dialog that asks reportPreview for exactly the email the reader gets; non-editors are refused", async () => {
    host = await reportHost();
    await host.clickMenu("previewReport");
    const dialog = host.spreadsheet.dialogs.at(-1);
    expect(dialog?.html).toContain("google.script.run");
    expect(dialog?.html).toContain(".reportPreview(month, key)");
    const choices = (await host.run("reportPreviewChoices")).value as { months: string[]; readers: Record<string, { key: string }[]> };
    expect(choices.months[0]).toBe("2026-10");
    const key = choices.readers["2026-10"]?.find((c) => c.key.includes("#EAST#"))?.key ?? "";
    const preview = (await host.run("reportPreview", ["2026-10", key])).value as { subject: string; html: string };
    await host.run("sendMonthlyReports");
    const sent = reportMails(host).find((m) => m.to.includes("xu.wenhua@example.com") && m.kind === "report-monthly-pack");
    const body = preview.html.slice(preview.html.indexOf("<h1"), preview.html.indexOf("</body>"));
    expect(body.length).toBeGreaterThan(1000);
    expect(sent?.html).toContain(body);
    await expect(host.run("reportPreview", ["2026-10", key], { as: "kong.linghui@example.com", effectiveAs: "kong.linghui@example.com" })).rejects.toThrow(/owner or editors/);
  });

  it("sendMyReport sends the caller's own report to the caller only, outside the Reports log", async () => {
    host = await reportHost();
    await host.run("sendMyReport", [], { as: "xu.wenhua@example.com", effectiveAs: "xu.wenhua@example.com" });
    const mails = reportMails(host);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toContain("xu.wenhua@example.com");
    expect(mails[0]?.kind).toBe("report-monthly-pack");
    expect(logRows(host)).toHaveLength(0);
    expect(rowsOf(host, AUDIT).some((r) => r.Action === "reports.sent_to_self")).toBe(true);
    expect(LOG_TAB).toContain("Reports log");
  });
});
