/**
 * `npm start`: a month of a demo department on the local host, through the built bundle, as a
 * person would drive it: open the spreadsheet, pick 安装/升级 Install / upgrade, load the demo
 * department, let the month run. Leaves out/workbook.xlsx (+ sidecar), out/mail/ and
 * out/summary.json, and prints where they are. Later issues extend the same run.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LocalHost } from "../src/local/host";

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
  const host = await LocalHost.open({ workbookPath, outDir, now: DEMO_START, owner: "director@marketops.example" });
  try {
    const menus = await host.openSpreadsheet();
    console.log(`menu: ${menus.map((m) => `${m.name} (${m.items.length} items)`).join(", ")}`);
    await host.clickMenu("installOrUpgrade");
    await host.clickMenu("loadDemoData");
    const saved = await host.save();

    const messages = host.services.controllers.outbox.messages();
    const summary = {
      generatedAt: new Date(host.clock.now()).toISOString(),
      workbook: { file: relative(root, saved.workbook), sheets: host.spreadsheet.sheetSummary() },
      emails: { total: messages.length, byKind: countBy(messages, (m) => m.kind) },
      triggers: host.services.controllers.triggers.all().map((t) => ({ handler: t.handler, event: t.eventType })),
      serviceCalls: { total: host.counter.total(), byMethod: host.counter.snapshot() },
    };
    writeFileSync(join(outDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
    for (const entry of host.log) console.log(`[${entry.level}] ${entry.message}`);
    console.log(`
MarketOps demo month done.
  workbook   ${relative(root, saved.workbook)}   (open in LibreOffice/Excel, or import into Google Sheets)
  sidecar    ${relative(root, saved.sidecar)}
  mail       ${relative(root, join(outDir, "mail"))}/   (${messages.length} messages, .eml + .html)
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
