/**
 * `npm start`: a month of a demo department on the local host, through the built bundle, as a
 * person would drive it: open the spreadsheet, pick 安装/升级 Install / upgrade, load the demo
 * department, build the request forms, serve the approval web app, and let November's requests
 * run through the approval flow (scripts/demo-requests.ts). Leaves out/workbook.xlsx (+ sidecar),
 * out/mail/ and out/summary.json (sheets, requests by type and status, emails by kind, triggers,
 * service calls), and prints one line per request and where the files are.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { exportValues } from "../src/local/export";
import { LocalHost } from "../src/local/host";
import { runOctoberClose } from "./demo-close";
import { runReportStep } from "./demo-reports";
import { requestCounts, runRequestMonth } from "./demo-requests";

const LOCAL_WEB_APP_PORT = 8787;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "out");
/** The run starts on Monday 2 November 2026 (Asia/Shanghai); the demo loads the month before, October. */
const DEMO_START = Date.parse("2026-11-02T09:00:00+08:00");

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

async function main(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const workbookPath = join(outDir, "workbook.xlsx");
  // In memory until the end: the web app would otherwise save the workbook after every decision.
  // A Google Workspace account's daily recipients (1,500, Apps Script quotas page): October's
  // personal result emails and November's approval emails go out the same day.
  // https://developers.google.com/apps-script/guides/services/quotas
  const host = await LocalHost.open({ outDir, now: DEMO_START, owner: "director@marketops.example", mailQuota: 1500 });
  try {
    const menus = await host.openSpreadsheet();
    console.log(`menu: ${menus.map((m) => `${m.name} (${m.items.length} items)`).join(", ")}`);
    await host.clickMenu("installOrUpgrade");
    await host.clickMenu("loadDemoData");
    await host.clickMenu("buildForms");
    // Before any request is submitted, so the approval emails carry links to the web app.
    // The port `npm run local -- serve` uses, so the links in out/mail work after the run; any
    // free port if it is taken (the links then name that port).
    const server = await host.serve(LOCAL_WEB_APP_PORT).catch(() => host.serve(0));
    // October's close, sign-off and publication (issue 8), then November's requests.
    const close = await runOctoberClose(host, server.url).catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    const lines = await runRequestMonth(host, server.url).finally(() => server.close());
    // Issue 9 §4-5: the demo month's budgets tracked against its spending, and last year's rebate settlement.
    await host.run("trackBudgets", ["2026-10"]);
    await host.clickMenu("computeRebates");
    // After October is published: its reports, once each, with screenshots under out/reports/.
    const reports = await runReportStep(host, outDir);
    const saved = await host.save(workbookPath);
    const values = await exportValues(host.spreadsheet.workbook, join(outDir, "workbook-values.xlsx"));

    const messages = host.services.controllers.outbox.messages();
    const summary = {
      generatedAt: new Date(host.clock.now()).toISOString(),
      workbook: { file: relative(root, saved.workbook), sheets: host.spreadsheet.sheetSummary() },
      requests: requestCounts(host),
      monthlyResults: { month: close.month, signRequestId: close.signRequestId, byState: close.byState, emailed: close.emailed },
      emails: { total: messages.length, byKind: countBy(messages, (m) => m.kind) },
      reports: { sent: reports.sent, recipients: reports.recipients, byKind: reports.byKind, ...(reports.skipped ? { skipped: reports.skipped } : {}) },
      triggers: host.services.controllers.triggers.all().map((t) => ({ handler: t.handler, event: t.eventType })),
      serviceCalls: { total: host.counter.total(), byMethod: host.counter.snapshot() },
    };
    writeFileSync(join(outDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
    for (const entry of host.log) console.log(`[${entry.level}] ${entry.message}`);
    console.log("\nrequests (November 2026):");
    for (const line of lines) console.log(`  ${line.id.padEnd(13)} ${line.type.padEnd(22)} ${line.requester.padEnd(26)} ${line.status.padEnd(12)} ${line.story}`);
    console.log(`
MarketOps demo month done.
  workbook   ${relative(root, saved.workbook)}   (MarketOps's workbook with its formulas: npm run local, or import into Google Sheets)
  values     ${relative(root, values.path)}   (values only: opens cleanly in LibreOffice or Excel)
  sidecar    ${relative(root, saved.sidecar)}
  mail       ${relative(root, join(outDir, "mail"))}/   (${messages.length} messages, .eml + .html)
  reports    ${reports.skipped ?? `${reports.sent} sent, screenshots in ${relative(root, join(outDir, "reports"))}/`}
  summary    ${relative(root, join(outDir, "summary.json"))}
Try: npm run local -- status`);
  } finally {
    host.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
