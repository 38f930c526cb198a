/**
 * `npm run local -- <command>`: MarketOps on the local host, from the shell. Every command opens the
 * workbook named by `--workbook` (default out/workbook.xlsx) with its sidecar, does one thing as a
 * person or a trigger would, saves, and says what happened (issue 11 §4): the request a submit
 * created and who was emailed, an edit's outcome or refusal, what install created, what the timers
 * did while the clock moved. An error is one bilingual line (a stack trace only with `--debug`).
 * `runCli` is the whole command line, with its output going to `io`, so tests call it in-process.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { both, type Bilingual } from "../core/i18n";
import { isRequestType, REQUEST_TYPES } from "../core/approvals/request-types";
import { DATA_FORM_KINDS, isDataFormKind } from "../core/imports/data-forms";
import { sheetTemplate } from "../core/templates/catalog";
import { FormRejectedError, type Answers } from "./forms";
import { LocalHost } from "./host";
import { exportValues } from "./export";
import { importCsvFile } from "./import-command";
import { changesSince, describeChanges, observe, oneLine, recipientsOf, requestRows, type Changes, type Observation } from "./observe";
import { missingWorkbook, WorkbookFileError } from "./persistence";
import { EditRejectedError, PROTECTED_MESSAGE } from "./spreadsheet/workbook";
import type { WebRequestLine } from "./webapp";

export const USAGE = `usage: npm run local -- <command> [options]

commands:
  install                         create the workbook from the templates (or upgrade it); says what it created
  status [--json]                 a summary: sheets, requests by status, triggers, forms, mail, clock (--json: everything)
  menu                            the 市场部 MarketOps menu as a user sees it
  run <function>                  run a top-level function of dist/Code.js
  submit <form> <answers.json>    submit a form (request type key such as stock_transfer, actuals or activities for the data-entry forms, id or title) with answers
                                  by question title; prints the request, its status and who was emailed
  edit <sheet> <A1> <value>       edit a cell as a user; fires onEdit triggers; prints the outcome or the refusal
  advance <ISO>                   move the clock, firing time-driven triggers on the way; prints what they did
  import <table> <file.csv>       import a CSV into actuals or activities: preview, then one write
  serve                           serve the web app (doGet/doPost) on 127.0.0.1, one log line per request
                                  (--as: the signed-in visitor)
  export [--values FILE]          write a values-only copy (every formula replaced by its computed value)
                                  that opens cleanly in LibreOffice or Excel (default: out/workbook-values.xlsx
                                  beside the workbook); the workbook itself is unchanged

options:
  --workbook PATH   workbook file (default out/workbook.xlsx, what npm start leaves; its sidecar is
                    the same name ending .host.json)
  --as EMAIL        who acts (default: the spreadsheet owner)
  --now ISO         set the clock before the command (never backwards)
  --args JSON       arguments for run, as a JSON array
  --json            status: the full object as JSON
  --port N          the web app's port, for serve and for links in mail (default 8787)
  --wait SECONDS    how long to wait for another process using the workbook (default 60)
  --bundle PATH     the built script (default dist/Code.js; appsscript.json beside it)
  --debug           print stack traces and the script's own log lines

Every command holds the workbook's lock (PATH.busy) from load to save; serve takes it for each
request and reloads what other processes saved. Only install creates a workbook.`;

/** Where the CLI writes: standard output for what happened, standard error for what went wrong. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A mistake in the command line or its input, said in both languages; exit code 2 for usage, else 1. */
export class CliError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly exitCode = 1,
  ) {
    super(both(text));
    this.name = "CliError";
  }
}

const usage = (text: Bilingual): CliError =>
  new CliError({ zh: `${text.zh}(npm run local -- --help 列出命令)`, en: `${text.en} (npm run local -- --help lists the commands)` }, 2);

/** Runs one command line; resolves with the process's exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    return await main(argv, io, debug);
  } catch (error) {
    io.err(errorLine(error, debug));
    if (error instanceof CliError) return error.exitCode;
    return error instanceof WorkbookFileError && error.kind === "busy" ? 75 : 1;
  }
}

/** An error as one line: its bilingual message, or the script's message under a bilingual label; the stack with --debug. */
export function errorLine(error: unknown, debug: boolean): string {
  // An error thrown in the script's realm is not an `instanceof Error` here: read its fields.
  const fields = error !== null && typeof error === "object" ? (error as { message?: unknown; stack?: unknown }) : {};
  const message = typeof fields.message === "string" ? fields.message : String(error);
  if (debug && typeof fields.stack === "string") return fields.stack;
  const line = oneLine(message);
  if (error instanceof CliError || error instanceof WorkbookFileError || /[\u4e00-\u9fff]/.test(line)) return line;
  return `出错 / error: ${line}`;
}

async function main(argv: readonly string[], io: CliIo, debug: boolean): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        workbook: { type: "string", default: "out/workbook.xlsx" },
        as: { type: "string" },
        now: { type: "string" },
        args: { type: "string" },
        json: { type: "boolean" },
        port: { type: "string", default: "8787" },
        wait: { type: "string", default: "60" },
        bundle: { type: "string" },
        values: { type: "string" },
        debug: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw usage({ zh: `命令行有误:${text}`, en: `bad command line: ${text}` });
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  const workbookPath = resolve(values.workbook);
  const waitSeconds = Number(values.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw usage({ zh: `--wait 应为秒数,而不是 "${values.wait}"`, en: `--wait must be a number of seconds, not "${values.wait}"` });
  const lock = { waitMs: waitSeconds * 1000 };
  const bundlePath = values.bundle ? resolve(values.bundle) : undefined;
  if (bundlePath && !existsSync(bundlePath)) throw new CliError({ zh: `没有脚本文件 ${bundlePath}:先运行 npm run build`, en: `there is no script at ${bundlePath}: run npm run build first` });
  // The web app's URL exists whether or not `serve` is running (as a deployment's does), so mail
  // sent by any command carries links that work once `npm run local -- serve` is started.
  const options = { workbookPath, webAppPort: Number(values.port), ...(bundlePath ? { bundlePath } : {}) };
  const as = values.as !== undefined ? { as: values.as } : {};
  const now = values.now !== undefined ? parseInstant(values.now) : undefined;
  if (!["install", "status", "menu", "run", "submit", "edit", "advance", "import", "serve", "export"].includes(command)) {
    throw usage({ zh: `没有命令 "${command}"`, en: `unknown command "${command}"` });
  }
  if (command === "serve") {
    if (!existsSync(workbookPath)) throw missingWorkbook(workbookPath);
    // The lock is taken per request (LocalHost.serve), so other commands can run while serving.
    const host = await LocalHost.open(options);
    try {
      // --as: every visitor is signed in as that person (default: anonymous to the script).
      const visitor = values.as;
      const server = await host.serve(Number(values.port), {
        ...(visitor !== undefined ? { visitor: () => visitor } : {}),
        lock,
        onRequest: (line) => io.out(requestLine(line)),
      });
      io.out(`网页应用 / web app on ${server.url} — Ctrl-C 停止 / to stop`);
      await new Promise<void>((done) => process.once("SIGINT", () => void server.close().then(done)));
    } finally {
      host.close();
    }
    return 0;
  }
  return LocalHost.withWorkbook(options, command, async (host) => {
    // Only install creates a workbook; every other command needs one (checked under the lock).
    if (command !== "install" && host.generation === undefined && !existsSync(workbookPath)) throw missingWorkbook(workbookPath);
    const printLog = (): void => {
      // The script's console lines: warnings and errors always, the rest with --debug.
      for (const entry of host.log.splice(0)) if (debug || entry.level === "warn" || entry.level === "error") io.out(`[${entry.level}] ${entry.message}`);
    };
    if (now !== undefined) {
      for (const line of await advance(host, now)) io.out(line);
    }
    switch (command) {
      case "install": {
        const before = observe(host);
        const result = await host.clickMenu("installOrUpgrade", as);
        printLog();
        for (const line of installReport(host, before, result.value)) io.out(line);
        break;
      }
      case "export": {
        const target = resolve(values.values ?? workbookPath.replace(/(\.xlsx)?$/i, "-values.xlsx"));
        if (target === workbookPath) throw usage({ zh: "--values 不能是工作簿本身", en: "--values must not be the workbook itself" });
        const done = await exportValues(host.spreadsheet.workbook, target);
        io.out(`已写出只含数值的副本 / wrote a values-only copy: ${done.path} (${done.sheets} 张表 sheets, ${done.formulas} 个公式换成了计算结果 formulas replaced by their values)`);
        if (now === undefined) return 0; // the workbook did not change: nothing to save
        break;
      }
      case "status":
        printLog();
        if (values.json) io.out(JSON.stringify(statusObject(host), null, 2));
        else for (const line of statusSummary(host)) io.out(line);
        if (now === undefined) return 0; // nothing changed: nothing to save
        break;
      case "menu":
        for (const menu of await host.openSpreadsheet(as)) {
          io.out(menu.name);
          for (const item of menu.items) io.out(`  ${item.caption}  → ${item.functionName}()`);
        }
        return 0;
      case "run": {
        const [fn] = rest;
        if (!fn) throw usage({ zh: "run 需要一个函数名", en: "run needs a function name" });
        const functions = host.functionNames().sort();
        if (!functions.includes(fn)) {
          throw new CliError({ zh: `脚本中没有函数 "${fn}";可运行的有:${functions.join(", ")}`, en: `the script has no function "${fn}"; these exist: ${functions.join(", ")}` });
        }
        let args: unknown;
        try {
          args = values.args ? (JSON.parse(values.args) as unknown) : [];
        } catch {
          args = undefined;
        }
        if (!Array.isArray(args)) throw usage({ zh: "--args 应为 JSON 数组,如 '[\"2026-10\"]'", en: "--args must be a JSON array, e.g. '[\"2026-10\"]'" });
        const before = observe(host);
        const result = await host.run(fn, args, as);
        printLog();
        if (result.value !== undefined) io.out(JSON.stringify(result.value, null, 2));
        for (const line of describeChanges(changesSince(host, before))) io.out(line);
        break;
      }
      case "submit": {
        const [form, file] = rest;
        if (!form || !file) throw usage({ zh: "submit 需要 <表单> <answers.json>", en: "submit needs <form> <answers.json>" });
        const answers = readAnswers(file);
        const target = formOf(host, form);
        const before = observe(host);
        let submitted;
        try {
          submitted = await host.submitForm(target, answers, as);
        } catch (error) {
          if (error instanceof FormRejectedError) throw formRefusal(error);
          throw error;
        }
        printLog();
        for (const line of submitReport(host, before, submitted)) io.out(line);
        break;
      }
      case "edit": {
        const [sheet, a1, value] = rest;
        if (!sheet || !a1 || value === undefined) throw usage({ zh: "edit 需要 <工作表> <A1> <值>", en: "edit needs <sheet> <A1> <value>" });
        if (!host.spreadsheet.workbook.sheet(sheet)) {
          const names = host.spreadsheet.sheetSummary().map((s) => s.name);
          throw new CliError({ zh: `没有工作表 "${sheet}";有:${names.join(", ")}`, en: `there is no sheet "${sheet}"; the workbook has: ${names.join(", ")}` });
        }
        const before = observe(host);
        const old = displayOf(host, sheet, a1);
        try {
          await host.editAsUser(sheet, a1, value, as);
        } catch (error) {
          if (!(error instanceof EditRejectedError)) throw error;
          // Sheets refuses the edit itself (a protected cell, an input its validation rejects): nothing changed, nothing to save.
          const who = values.as ?? host.owner;
          const protectedCell = error.message === PROTECTED_MESSAGE;
          throw new CliError({
            zh: `未生效:${sheet}!${a1} ${protectedCell ? `受保护,${who} 不能编辑` : "的输入被数据验证拒绝"}(${error.message})`,
            en: `not applied: ${sheet}!${a1} ${protectedCell ? `is protected; ${who} may not edit it` : "was rejected by its data validation"} (${error.message})`,
          });
        }
        printLog();
        const after = displayOf(host, sheet, a1);
        const changes = changesSince(host, before);
        io.out(editOutcome(sheet, a1, old, value, after, changes));
        for (const line of describeChanges(changes)) io.out(line);
        break;
      }
      case "advance": {
        const [to] = rest;
        if (!to) throw usage({ zh: "advance 需要一个 ISO 时间,如 2026-11-03T09:00:00+08:00", en: "advance needs an ISO date-time, e.g. 2026-11-03T09:00:00+08:00" });
        for (const line of await advance(host, parseInstant(to))) io.out(line);
        printLog();
        break;
      }
      case "import": {
        const [table, file] = rest;
        if (!table || !file) throw usage({ zh: "import 需要 <表> <file.csv>(表:actuals 或 activities)", en: "import needs <table> <file.csv> (table: actuals or activities)" });
        if (!existsSync(resolve(file))) throw new CliError({ zh: `没有文件 ${resolve(file)}`, en: `there is no file at ${resolve(file)}` });
        await importCsvFile(host, table, resolve(file), as);
        printLog();
        break;
      }
    }
    const saved = await host.save();
    io.out(`已保存 / saved ${saved.workbook}`);
    return 0;
  }, lock);
}

function parseInstant(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw usage({ zh: `"${text}" 不是 ISO 时间(如 2026-02-05T09:00:00+08:00)`, en: `"${text}" is not an ISO date-time (e.g. 2026-02-05T09:00:00+08:00)` });
  return ms;
}

function readAnswers(file: string): Answers {
  const path = resolve(file);
  if (!existsSync(path)) throw new CliError({ zh: `没有答案文件 ${path}`, en: `there is no answers file at ${path}` });
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CliError({ zh: `答案文件 ${path} 不是有效的 JSON:${why}`, en: `the answers file ${path} is not valid JSON: ${why}` });
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new CliError({ zh: `答案文件 ${path} 应为一个对象:{"问题标题": "答案", …}`, en: `the answers file ${path} must be an object: {"question title": "answer", …}` });
  }
  return parsed as Answers;
}

/**
 * The form a `submit` names: a request type's key (`stock_transfer`, the form Build forms made for
 * it, found by the id it recorded), else a form id or title.
 */
function formOf(host: LocalHost, name: string): string {
  const properties = { ...host.services.controllers.properties.snapshot("script"), ...host.services.controllers.properties.snapshot("document") };
  const keyed = (key: string): string | undefined => properties[`APPROVAL_FORM_${key}`] ?? properties[`DATA_FORM_${key}`];
  const byKey = keyed(name);
  if (byKey && host.forms.find(byKey)) return byKey;
  if (host.forms.find(name)) return name;
  if (isRequestType(name) || isDataFormKind(name)) {
    throw new CliError({ zh: `${name} 还没有表单:先运行 npm run local -- run buildForms`, en: `${name} has no form yet: run npm run local -- run buildForms first` });
  }
  const known = host.forms.forms().map((f) => {
    const type = [...REQUEST_TYPES.map((t) => t.key), ...DATA_FORM_KINDS].find((key) => keyed(key) === f.id);
    return type ? `${type} (${f.title})` : `"${f.title}"`;
  });
  throw new CliError({
    zh: `没有表单 "${name}";可提交的有:${known.join(", ") || "(无)"}`,
    en: `there is no form "${name}"; these exist: ${known.join(", ") || "none"}`,
  });
}

/** A refusal by the form itself (a required answer missing, a choice not in the list): each problem, both languages. */
function formRefusal(error: FormRejectedError): CliError {
  return new CliError({ zh: `表单未接受这份回答:${error.problemsZh.join(";")}`, en: `the form refused this response: ${error.problems.join("; ")}` });
}

/** Statuses under which a submission did not go ahead: its answers break a rule, or it could not be routed or processed. */
const REFUSED = new Set(["needs_fixing", "failed", "error"]);

function submitReport(host: LocalHost, before: Observation, submitted: { sheetName?: string; row?: number }): string[] {
  const lines: string[] = [];
  lines.push(submitted.sheetName ? `已记录回答 / response recorded in "${submitted.sheetName}" row ${submitted.row}` : "已记录回答 / response recorded");
  const changes = changesSince(host, before);
  const ref = submitted.sheetName ? `${submitted.sheetName}!${submitted.row}` : undefined;
  // The request this response made (its response_ref), first; any other the submission touched after.
  const ordered = [...changes.requests].sort((a, b) => Number(b.request.responseRef === ref) - Number(a.request.responseRef === ref));
  const main = ordered[0]?.request;
  if (main) {
    const refused = REFUSED.has(main.statusCode);
    lines.push(`${refused ? "未通过 / refused" : "申请 / request"} ${main.id} — ${main.status}${main.approver ? ` · 审批人 / approver: ${main.approver}` : ""}`);
    if (main.statusReason) lines.push(`  原因 / reason: ${oneLine(main.statusReason)}`);
  } else if (ref && submitted.sheetName && dataFormTab(host, submitted.sheetName)) {
    // A data-entry form: recorded in Actuals / Activities, or refused with the reasons on the row's note.
    const note = host.spreadsheet.workbook.requireSheet(submitted.sheetName).cell(submitted.row ?? 0, 1)?.note ?? "";
    lines.push(note ? `未记入 / not recorded: ${oneLine(note)}` : `已记入 / recorded in ${dataFormTab(host, submitted.sheetName)}`);
  } else if (ref && requestRows(host).size > 0) {
    lines.push("这份回答没有产生申请 / this response made no request (is the form-submit trigger installed? run buildForms)");
  }
  const rest = describeChanges({ ...changes, requests: ordered.slice(1) });
  lines.push(...rest);
  if (changes.mail.length === 0 && main) lines.push("没有发出邮件 / nobody was emailed");
  return lines;
}

/** The table a data-entry form's responses tab feeds ("实绩 Actuals"), or "" for any other tab. */
function dataFormTab(host: LocalHost, sheetName: string): string {
  const document = host.services.controllers.properties.snapshot("document");
  let map: Record<string, unknown> = {};
  try {
    map = JSON.parse(document.DATA_FORM_SHEETS ?? "{}") as Record<string, unknown>;
  } catch {
    return "";
  }
  const sheet = host.spreadsheet.workbook.sheets.find((s) => s.name === sheetName);
  const kind = sheet ? map[String(sheet.sheetId)] : undefined;
  return isDataFormKind(kind) ? sheetTemplate(kind).tabName : "";
}

function displayOf(host: LocalHost, sheet: string, a1: string): string {
  try {
    return host.spreadsheet.display(sheet, a1)[0]?.[0] ?? "";
  } catch {
    return "";
  }
}

/** The edit as the sheet shows it afterwards: kept, changed by a trigger, or put back (refused). */
function editOutcome(sheet: string, a1: string, old: string, typed: string, after: string, changes: Changes): string {
  const where = `${sheet}!${a1}`;
  const refusal = changes.toasts.find((t) => /未生效|not applied|拒绝|refused/i.test(`${t.title} ${t.message}`));
  if (after === old && typed !== old) {
    return `未生效 / not applied: ${where} 仍为 / is still "${after}"${refusal ? ` — ${oneLine(refusal.message)}` : ""}`;
  }
  if (refusal) return `未生效 / not applied: ${where} — ${oneLine(refusal.message)}`;
  if (after !== typed) return `已编辑 / edited ${where}: "${old}" → "${after}" (输入 / typed "${typed}")`;
  return `已编辑 / edited ${where}: "${old}" → "${after}"`;
}

function installReport(host: LocalHost, before: Observation, value: unknown): string[] {
  const lines: string[] = [];
  const report = value !== null && typeof value === "object" ? (value as { fromVersion?: unknown; toVersion?: unknown; operations?: unknown; summary?: unknown }) : {};
  // With nothing to change the installer's own summary says so; otherwise the versions and the count first.
  const ops = typeof report.operations === "number" ? report.operations : 0;
  if (ops > 0 && typeof report.fromVersion === "number" && typeof report.toVersion === "number") {
    lines.push(`模板版本 ${report.fromVersion} → ${report.toVersion},${ops} 项更改 / template version ${report.fromVersion} → ${report.toVersion}, ${ops} changes`);
  }
  if (typeof report.summary === "string") for (const l of report.summary.split("\n")) if (l.trim()) lines.push(`  ${l.trim()}`);
  const was = new Map(before.sheets.map((s) => [s.name, s]));
  const now = host.spreadsheet.sheetSummary();
  const created = now.filter((s) => !was.has(s.name)).map((s) => s.name);
  const widened = now.filter((s) => (was.get(s.name)?.columns ?? s.columns) < s.columns).map((s) => `${s.name} +${s.columns - (was.get(s.name)?.columns ?? 0)}`);
  if (created.length) lines.push(`新建工作表 / created sheets (${created.length}): ${created.join(", ")}`);
  if (widened.length) lines.push(`新增列 / added columns: ${widened.join(", ")}`);
  return lines;
}

/** Moves the clock to `to` and sums up what the time-driven triggers did: by handler, and each firing that did something. */
async function advance(host: LocalHost, to: number): Promise<string[]> {
  if (to < host.clock.now()) {
    const at = new Date(host.clock.now()).toISOString();
    throw new CliError({ zh: `时钟已在 ${at},不能倒回到 ${new Date(to).toISOString()}`, en: `the clock is at ${at}; it does not run backwards to ${new Date(to).toISOString()}` });
  }
  const from = host.clock.now();
  const firings: { handler: string; at: number; error?: string; lines: string[]; mail: readonly string[]; requests: number }[] = [];
  let before = observe(host);
  await host.advanceTo(to, {
    afterEach: (fired) => {
      const changes = changesSince(host, before);
      before = observe(host);
      firings.push({ ...fired, lines: describeChanges(changes), mail: changes.mail.map((m) => m.kind), requests: changes.requests.length });
    },
  });
  const span = `${new Date(from).toISOString()} → ${new Date(host.clock.now()).toISOString()}`;
  if (firings.length === 0) return [`时钟 / clock ${span}: 没有触发器到期 / no trigger was due`];
  const lines = [`时钟 / clock ${span}: ${firings.length} 次触发 / trigger runs`];
  const handlers = [...new Set(firings.map((f) => f.handler))];
  for (const handler of handlers) {
    const mine = firings.filter((f) => f.handler === handler);
    const busy = mine.filter((f) => f.lines.length > 0 || f.error);
    const kinds = new Map<string, number>();
    for (const kind of mine.flatMap((f) => f.mail)) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const mail = [...kinds.values()].reduce((a, b) => a + b, 0);
    const byKind = kinds.size ? ` (${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")})` : "";
    const requests = mine.reduce((n, f) => n + f.requests, 0);
    lines.push(
      `${handler}: ${mine.length} 次,${busy.length} 次有动作,发信 ${mail} 封,申请变化 ${requests} 项 / ran ${mine.length}×, ${busy.length} did something, ${mail} emails${byKind}, ${requests} request changes`,
    );
    for (const f of busy) {
      lines.push(`  ${new Date(f.at).toISOString()}${f.error ? ` 失败 / failed: ${oneLine(f.error)}` : ""}`);
      for (const l of f.lines) lines.push(`    ${l}`);
    }
  }
  return lines;
}

function requestLine(line: WebRequestLine): string {
  return `${new Date().toISOString()} ${line.method} ${line.path} → ${line.status} (${line.ms} ms)`;
}

function statusObject(host: LocalHost): Record<string, unknown> {
  return {
    workbook: host.workbookPath,
    clock: new Date(host.clock.now()).toISOString(),
    owner: host.owner,
    sheets: host.spreadsheet.sheetSummary(),
    triggers: host.services.controllers.triggers.all().map((t) => ({ handler: t.handler, event: t.eventType, source: t.source })),
    forms: host.forms.forms().map((f) => ({ id: f.id, title: f.title, items: f.items.length, responses: f.responses.length })),
    requests: Object.fromEntries(requestsByStatus(host)),
    mail: { sent: host.services.controllers.outbox.messages().length, remainingQuota: host.services.controllers.outbox.remainingQuota() },
  };
}

function requestsByStatus(host: LocalHost): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requestRows(host).values()) counts.set(r.status || "?", (counts.get(r.status || "?") ?? 0) + 1);
  return counts;
}

/** `status` as a person reads it: one line per topic, the sheets with their rows. */
function statusSummary(host: LocalHost): string[] {
  const sheets = host.spreadsheet.sheetSummary();
  const triggers = host.services.controllers.triggers.all();
  const forms = host.forms.forms();
  const messages = host.services.controllers.outbox.messages();
  const byStatus = requestsByStatus(host);
  const lines = [
    `工作簿 / workbook  ${host.workbookPath ?? "(内存 / in memory)"}`,
    `时钟 / clock       ${new Date(host.clock.now()).toISOString()} (${host.spreadsheet.workbook.timeZone})`,
    `所有者 / owner     ${host.owner}`,
    `工作表 / sheets    ${sheets.length}`,
  ];
  // The form responses tabs (one per form) in one line; every other sheet on its own.
  const responses = sheets.filter((s) => /^Form Responses \d+$/.test(s.name));
  for (const s of sheets) if (!responses.includes(s)) lines.push(`  ${s.name}: ${s.dataRows} 行 / rows`);
  if (responses.length) lines.push(`  Form Responses ×${responses.length}: ${responses.reduce((n, s) => n + s.dataRows, 0)} 行 / rows`);
  const requests = [...byStatus.values()].reduce((a, b) => a + b, 0);
  lines.push(`申请 / requests    ${requests}${requests ? `: ${[...byStatus].map(([s, n]) => `${s} ${n}`).join(", ")}` : ""}`);
  const triggerText = triggers.map((t) => `${t.handler} (${t.eventType})`);
  lines.push(`触发器 / triggers  ${triggers.length}${triggers.length ? `: ${triggerText.join(", ")}` : ""}`);
  const answered = forms.reduce((n, f) => n + f.responses.length, 0);
  lines.push(`表单 / forms       ${forms.length}, ${answered} 份回答 / responses`);
  lines.push(`邮件 / mail        已发 ${messages.length} 封,今日余额 ${host.services.controllers.outbox.remainingQuota()} / ${messages.length} sent, ${host.services.controllers.outbox.remainingQuota()} left in today's quota${messages.length ? ` (${recipientsOf(messages).length} recipients)` : ""}`);
  lines.push("完整内容 / everything: status --json");
  return lines;
}
