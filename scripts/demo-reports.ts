/**
 * The demo's report step (`npm start`, issue 8 §6): once October is published — its Monthly
 * results rows exist (the close, sign-off and publication are another step of the demo) — send
 * October's monthly reports through the bundle (市场部 MarketOps → 发送月度报表), screenshot a
 * department pack, a regional pack and a scorecard at 375 and 800 px under out/reports/, and count
 * what went out for out/summary.json. Without October's rows it says so and does nothing.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sheetTemplate } from "../src/core/templates/catalog";
import type { LocalHost } from "../src/local/host";
import { CHROMIUM, screenshotReports } from "./report-screenshots";

export const DEMO_REPORT_MONTH = "2026-10";

export interface ReportStep {
  readonly skipped: string | null;
  readonly sent: number;
  readonly recipients: number;
  readonly byKind: Record<string, number>;
  readonly screenshots: readonly string[];
}

/** Whether the Monthly results sheet holds rows of `month` (column B, Month). */
function monthHasResults(host: LocalHost, month: string): boolean {
  const tab = sheetTemplate("monthly_results").tabName;
  if (!host.spreadsheet.workbook.sheet(tab)) return false;
  return host.spreadsheet.read(tab, "A1:C2000").slice(1).some((r) => r.some((v) => v === month));
}

export async function runReportStep(host: LocalHost, outDir: string): Promise<ReportStep> {
  if (!monthHasResults(host, DEMO_REPORT_MONTH)) {
    return { skipped: `no Monthly results rows for ${DEMO_REPORT_MONTH} yet (close and publish October first)`, sent: 0, recipients: 0, byKind: {}, screenshots: [] };
  }
  const before = host.services.controllers.outbox.messages().length;
  await host.run("sendMonthlyReports", [DEMO_REPORT_MONTH]);
  const reports = host.services.controllers.outbox.messages().slice(before).filter((m) => m.kind.startsWith("report-"));
  const byKind: Record<string, number> = {};
  for (const m of reports) byKind[m.kind] = (byKind[m.kind] ?? 0) + 1;
  const pick = (kind: string, language?: string) => reports.find((m) => m.kind === kind && (language === undefined || (m.html ?? "").includes(`<html lang="${language}"`)));
  // One email per person per month (RP-12): with PUBLISH_EMAIL_PERSONAL on, a person's is the
  // publication's result email, so that is the personal email screenshotted.
  const results = host.services.controllers.outbox.messages().filter((m) => m.kind === "monthly-result");
  const personal = (language: string) => pick("report-appraisal-results", language) ?? results.find((m) => (m.html ?? "").includes(`<html lang="${language}"`));
  const chosen = [
    ["department-pack", reports.find((m) => m.kind === "report-monthly-pack" && /Marketing monthly report/.test(m.subject))],
    ["regional-pack", reports.find((m) => m.kind === "report-monthly-pack" && /Regional monthly report/.test(m.subject))],
    ["scorecard-en", personal("en")],
    ["scorecard-zh", personal("zh-CN")],
  ] as const;
  const pages = chosen.flatMap(([name, m]) => (m?.html ? [{ name, html: m.html }] : []));
  const screenshots = existsSync(CHROMIUM) ? (await screenshotReports(pages, join(outDir, "reports"))).map((s) => s.file) : [];
  return { skipped: null, sent: reports.length, recipients: new Set(reports.flatMap((m) => m.to)).size, byKind, screenshots };
}
