/**
 * `npm run local -- <command>`: MarketOps on the local host, from the shell. Every command opens the
 * workbook named by `--workbook` (default out/workbook.xlsx) with its sidecar, does one thing as a
 * person or a trigger would, and saves. Commands are thin: parse, call the host, print.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { LocalHost } from "./host";
import { importCsvFile } from "./import-command";
import { missingWorkbook, WorkbookFileError } from "./persistence";

const USAGE = `usage: npm run local -- <command> [options]

commands:
  install                         create the workbook from the templates (or upgrade it)
  status                          sheets and row counts, triggers, forms, outbox, clock
  menu                            the 市场部 MarketOps menu as a user sees it
  run <function>                  run a top-level function of dist/Code.js
  submit <form> <answers.json>    submit a form (id or title) with answers by question title
  edit <sheet> <A1> <value>       edit a cell as a user; fires onEdit triggers
  advance <ISO>                   move the clock, firing time-driven triggers on the way
  import <table> <file.csv>       import a CSV into actuals or activities: preview, then one write
  serve                           serve the web app (doGet/doPost) on 127.0.0.1 (--as: the signed-in visitor)

options:
  --workbook PATH   workbook file (default out/workbook.xlsx; its sidecar is PATH.host.json)
  --as EMAIL        who acts (default: the spreadsheet owner)
  --now ISO         set the clock before the command (never backwards)
  --args JSON       arguments for run, as a JSON array
  --port N          the web app's port, for serve and for links in mail (default 8787)
  --wait SECONDS    how long to wait for another process using the workbook (default 60)
  --bundle PATH     the built script (default dist/Code.js; appsscript.json beside it)
  --debug           print stack traces

Every command holds the workbook's lock (PATH.busy) from load to save; serve takes it for each
request and reloads what other processes saved. Only install creates a workbook.`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      workbook: { type: "string", default: "out/workbook.xlsx" },
      as: { type: "string" },
      now: { type: "string" },
      args: { type: "string" },
      port: { type: "string", default: "8787" },
      wait: { type: "string", default: "60" },
      bundle: { type: "string" },
      debug: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const workbookPath = resolve(values.workbook);
  const waitSeconds = Number(values.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new UsageError(`--wait must be a number of seconds, not "${values.wait}"`);
  const lock = { waitMs: waitSeconds * 1000 };
  // The web app's URL exists whether or not `serve` is running (as a deployment's does), so mail
  // sent by any command carries links that work once `npm run local -- serve` is started.
  const options = { workbookPath, webAppPort: Number(values.port), ...(values.bundle ? { bundlePath: resolve(values.bundle) } : {}) };
  const as = values.as !== undefined ? { as: values.as } : {};
  if (command === "serve") {
    if (!existsSync(workbookPath)) throw missingWorkbook(workbookPath);
    // The lock is taken per request (LocalHost.serve), so other commands can run while serving.
    const host = await LocalHost.open(options);
    try {
      // --as: every visitor is signed in as that person (default: anonymous to the script).
      const visitor = values.as;
      const server = await host.serve(Number(values.port), { ...(visitor !== undefined ? { visitor: () => visitor } : {}), lock });
      console.log(`web app on ${server.url} — Ctrl-C to stop`);
      await new Promise<void>((done) => process.once("SIGINT", () => void server.close().then(done)));
    } finally {
      host.close();
    }
    return 0;
  }
  return LocalHost.withWorkbook(options, command, async (host) => {
    // Only install creates a workbook; every other command needs one (checked under the lock).
    if (command !== "install" && host.generation === undefined && !existsSync(workbookPath)) throw missingWorkbook(workbookPath);
    if (values.now) {
      const { fired } = await host.advanceTo(parseInstant(values.now));
      for (const f of fired) console.log(`fired ${f.handler} at ${new Date(f.at).toISOString()}`);
    }
    switch (command) {
      case "install": {
        await host.clickMenu("installOrUpgrade", as);
        printLog(host);
        break;
      }
      case "status":
        console.log(JSON.stringify(status(host), null, 2));
        return 0;
      case "menu":
        for (const menu of await host.openSpreadsheet(as)) {
          console.log(menu.name);
          for (const item of menu.items) console.log(`  ${item.caption}  → ${item.functionName}()`);
        }
        return 0;
      case "run": {
        const [fn] = rest;
        if (!fn) throw new UsageError("run needs a function name");
        const args = values.args ? (JSON.parse(values.args) as unknown) : [];
        if (!Array.isArray(args)) throw new UsageError("--args must be a JSON array");
        const result = await host.run(fn, args, as);
        printLog(host);
        if (result.value !== undefined) console.log(JSON.stringify(result.value, null, 2));
        break;
      }
      case "submit": {
        const [form, file] = rest;
        if (!form || !file) throw new UsageError("submit needs <form> <answers.json>");
        const answers = JSON.parse(readFileSync(resolve(file), "utf8")) as Record<string, string>;
        const submitted = await host.submitForm(form, answers, as);
        console.log(`response recorded${submitted.sheetName ? ` in "${submitted.sheetName}" row ${submitted.row}` : ""}`);
        printLog(host);
        break;
      }
      case "edit": {
        const [sheet, a1, value] = rest;
        if (!sheet || !a1 || value === undefined) throw new UsageError("edit needs <sheet> <A1> <value>");
        await host.editAsUser(sheet, a1, value, as);
        printLog(host);
        break;
      }
      case "advance": {
        const [to] = rest;
        if (!to) throw new UsageError("advance needs an ISO date-time");
        const { fired } = await host.advanceTo(parseInstant(to));
        for (const f of fired) console.log(`fired ${f.handler} at ${new Date(f.at).toISOString()}`);
        printLog(host);
        break;
      }
      case "import": {
        const [table, file] = rest;
        if (!table || !file) throw new UsageError("import needs <table> <file.csv> (table: actuals or activities)");
        await importCsvFile(host, table, resolve(file), as);
        printLog(host);
        break;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
    const saved = await host.save();
    console.log(`saved ${saved.workbook}`);
    return 0;
  }, lock);
}

class UsageError extends Error {}

function parseInstant(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`"${text}" is not an ISO date-time (e.g. 2026-02-05T09:00:00+08:00)`);
  return ms;
}

function printLog(host: LocalHost): void {
  for (const entry of host.log.splice(0)) console.log(`[${entry.level}] ${entry.message}`);
}

function status(host: LocalHost): Record<string, unknown> {
  return {
    workbook: host.workbookPath,
    clock: new Date(host.clock.now()).toISOString(),
    owner: host.owner,
    sheets: host.spreadsheet.sheetSummary(),
    triggers: host.services.controllers.triggers.all().map((t) => ({ handler: t.handler, event: t.eventType, source: t.source })),
    forms: host.forms.forms().map((f) => ({ id: f.id, title: f.title, items: f.items.length, responses: f.responses.length })),
    mail: { sent: host.services.controllers.outbox.messages().length, remainingQuota: host.services.controllers.outbox.remainingQuota() },
  };
}

const debug = process.argv.includes("--debug");
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (debug) console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    // A problem with the workbook's files, or an error the script threw: its message, no stack trace (--debug shows it).
    else console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof UsageError ? 2 : error instanceof WorkbookFileError && error.kind === "busy" ? 75 : 1);
  },
);
