/**
 * `npm run branches -- <command>`: headquarters runs MarketOps jobs across branch workbooks on the
 * Google Sheets and Gmail APIs (issue 12). `runBranchesCli` is the whole command line with its
 * output going to `io` and its Google clients from `connect`, so tests run it in-process against
 * a loopback server. Errors are one bilingual line; the exit code says what happened.
 */
import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { sheets_v4 } from "googleapis";
import { isMonthKey } from "../core/close/cadence";
import { branchSummary, hqTables, HQ_BRANCHES_TAB, HQ_FLAGS_TAB } from "../core/hq/consolidate";
import type { BranchRef, BranchSummary } from "../core/hq/consolidate";
import { latestResults } from "../core/reports/results";
import { sheetTemplate } from "../core/templates/catalog";
import { readRows, tableLayout } from "../core/templates/table";
import { renderHqReport } from "../render/hq-report";
import { runBranchJob } from "./branch";
import type { BranchJobResult, GoogleClients } from "./branch";
import { messageIdOf, sendOnce } from "./mail";
import { ApiBudget } from "./quota";
import type { BudgetOptions } from "./quota";

export const USAGE = `usage: npm run branches -- <command> [options]

commands:
  close-month --spreadsheets FILE   close the month in every branch workbook listed (closeMonth of dist/Code.js),
                                    then write the consolidated HQ workbook (--hq) and send the HQ report (--hq-to)
  status --spreadsheets FILE        each branch's last closed month: people, signed, pending, flags, pending requests

options:
  --spreadsheets FILE  the branches: a CSV with the header id,name,region (or a JSON list of {id, name, region})
  --month YYYY-MM      the month to close (default: the latest whose close due day has come, as closeMonth decides)
  --hq ID              the HQ spreadsheet the consolidated tables are written to
  --hq-to EMAILS       who gets the HQ report (comma-separated)
  --as EMAIL           the account the job acts as: with a service account key, the user it impersonates
                       (domain-wide delegation); the script sees it as the person running the close
  --key FILE           a service account key (JSON); default: Application Default Credentials
  --now ISO            the instant the close runs at (default: now)
  --dry-run            read and run everything, print what would be written and sent, write and send nothing
  --root-url URL       the APIs' root (default Google's; tests point it at a local server)
  --bundle PATH        the built script (default dist/Code.js)`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** The Sheets and Gmail clients, authenticated as `subject` (or ADC), at `rootUrl` when given. */
export type Connect = (options: { readonly subject: string | undefined; readonly keyFile: string | undefined; readonly rootUrl: string | undefined }) => Promise<GoogleClients>;

/** The OAuth scopes the job asks for: the branch spreadsheets, sending mail, and finding a sent message by its Message-ID. */
export const SCOPES = ["https://www.googleapis.com/auth/spreadsheets", "https://www.googleapis.com/auth/gmail.send", "https://www.googleapis.com/auth/gmail.readonly"] as const;

/** The real clients: googleapis with ADC, or a service account key with domain-wide delegation to `subject`. */
export const connectGoogle: Connect = async ({ subject, keyFile, rootUrl }) => {
  const { google } = await import("googleapis");
  // A --root-url is a server of one's own (tests, an emulator on loopback): no Google credentials go to it.
  const auth = rootUrl && !keyFile
    ? undefined
    : keyFile
      ? new google.auth.JWT({ keyFile, scopes: [...SCOPES], ...(subject ? { subject } : {}) })
      : new google.auth.GoogleAuth({ scopes: [...SCOPES], ...(subject ? { clientOptions: { subject } } : {}) });
  // Retries are ApiBudget's (quota.ts), so the client's own are off.
  const common = { ...(auth ? { auth } : {}), retry: false, ...(rootUrl ? { rootUrl } : {}) };
  return { sheets: google.sheets({ version: "v4", ...common }), gmail: google.gmail({ version: "v1", ...common }) };
};

class CliError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly exitCode = 1,
  ) {
    super(`${zh} / ${en}`);
  }
}

/** The branch list: CSV (id,name,region) or JSON; every row needs an id and a name. */
export function readBranches(path: string): BranchRef[] {
  if (!existsSync(path)) throw new CliError(`没有分店清单 ${path}`, `there is no branch list at ${path}`);
  const textOf = readFileSync(path, "utf8");
  let rows: Record<string, string>[];
  if (/^\s*[[{]/.test(textOf)) {
    const parsed = JSON.parse(textOf) as unknown;
    const list = Array.isArray(parsed) ? parsed : [];
    rows = list.map((r) => Object.fromEntries(Object.entries((r ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === "string" || typeof v === "number" ? String(v) : ""])));
  } else {
    const [header, ...body] = csvRows(textOf);
    const keys = (header ?? []).map((h) => h.trim().toLowerCase());
    rows = body.filter((r) => r.some((c) => c.trim() !== "")).map((r) => Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? "").trim()])));
  }
  const out = rows.map((r, i) => {
    const id = (r.id ?? r.spreadsheetid ?? "").trim();
    const name = (r.name ?? "").trim();
    if (id === "" || name === "") throw new CliError(`分店清单 ${path} 第 ${i + 2} 行缺少 id 或 name`, `branch list ${path} row ${i + 2} lacks an id or a name`);
    return { spreadsheetId: id, name, region: (r.region ?? "").trim() };
  });
  if (out.length === 0) throw new CliError(`分店清单 ${path} 是空的`, `the branch list ${path} is empty`);
  return out;
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function csvRows(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface CloseMonthOutcome {
  readonly results: readonly BranchJobResult[];
  readonly failures: readonly { readonly branch: BranchRef; readonly reason: string }[];
  readonly summaries: readonly BranchSummary[];
  readonly budget: ApiBudget;
}

export interface CliDeps {
  readonly connect?: Connect;
  readonly budget?: BudgetOptions;
  /** Receives the close's outcome (tests read it). */
  readonly onCloseMonth?: (outcome: CloseMonthOutcome) => void;
}

export async function runBranchesCli(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  try {
    return await main(argv, io, deps);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(`出错 / error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function main(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        spreadsheets: { type: "string" },
        month: { type: "string" },
        hq: { type: "string" },
        "hq-to": { type: "string" },
        as: { type: "string" },
        key: { type: "string" },
        now: { type: "string" },
        "dry-run": { type: "boolean" },
        "root-url": { type: "string" },
        bundle: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new CliError(`命令行有误:${error instanceof Error ? error.message : String(error)}`, `bad command line: ${error instanceof Error ? error.message : String(error)}`, 2);
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command !== "close-month" && command !== "status") throw new CliError(`没有命令 "${command}"`, `unknown command "${command}"`, 2);
  if (!values.spreadsheets) throw new CliError(`${command} 需要 --spreadsheets FILE`, `${command} needs --spreadsheets FILE`, 2);
  const branches = readBranches(resolve(values.spreadsheets));
  const month = values.month;
  if (month !== undefined && !isMonthKey(month)) throw new CliError(`--month 须写作 2026-10(现为「${month}」)`, `--month must look like 2026-10 (got "${month}")`, 2);
  const now = values.now !== undefined ? Date.parse(values.now) : Date.now();
  if (Number.isNaN(now)) throw new CliError(`--now 不是 ISO 时间:${values.now}`, `--now is not an ISO date-time: ${values.now}`, 2);
  const actor = values.as ?? process.env.MARKETOPS_ACTOR ?? "";
  if (actor === "") throw new CliError("需要 --as EMAIL(或环境变量 MARKETOPS_ACTOR):作业以谁的身份运行", "needs --as EMAIL (or MARKETOPS_ACTOR): the account the job acts as", 2);
  const connect = deps.connect ?? connectGoogle;
  const google = await connect({ subject: actor, keyFile: values.key, rootUrl: values["root-url"] });
  const budget = new ApiBudget(deps.budget);
  if (command === "status") return status(google, budget, branches, io);

  const dryRun = values["dry-run"] === true;
  const results: BranchJobResult[] = [];
  const failures: { branch: BranchRef; reason: string }[] = [];
  for (const branch of branches) {
    try {
      const result = await runBranchJob(google, budget, branch, {
        job: "closeMonth",
        args: month ? [month] : [],
        actor,
        now,
        dryRun,
        mailQuota: GMAIL_DAILY_RECIPIENTS,
        ...(values.bundle ? { bundlePath: resolve(values.bundle) } : {}),
      });
      results.push(result);
      io.out(branchLine(result, dryRun));
      if (dryRun) for (const line of dryRunLines(result)) io.out(`  ${line}`);
    } catch (error) {
      // One branch's failure (a missing sheet, a refused write) does not stop the others; HQ hears of it.
      const reason = error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
      failures.push({ branch, reason });
      io.err(`✗ ${branch.name} (${branch.spreadsheetId}): ${reason}`);
    }
  }
  const closedMonth = results.map((r) => (r.value as { month?: unknown }).month).find((m): m is string => typeof m === "string") ?? month ?? "";
  const summaries = results.map((r) =>
    branchSummary(r.branch, typeof (r.value as { month?: unknown }).month === "string" ? String((r.value as { month: string }).month) : closedMonth, r.rows),
  );
  const tables = hqTables(summaries);
  if (values.hq) {
    if (dryRun) io.out(`总部汇总表 / HQ workbook ${values.hq}: 将写入 would write ${tables.branches.rows.length} 行分店 branch rows, ${tables.flags.rows.length} 行标记 flag rows`);
    else {
      await writeHqWorkbook(google, budget, values.hq, tables);
      io.out(`已写入总部汇总表 / wrote the HQ workbook ${values.hq}: ${tables.branches.rows.length} 家分店 branches, ${tables.flags.rows.length} 条标记 flags`);
    }
  }
  const to = (values["hq-to"] ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (to.length > 0) {
    const rendered = renderHqReport({ month: closedMonth, to, summaries, failures: failures.map((f) => ({ name: f.branch.name, reason: f.reason })), hqUrl: values.hq ? `https://docs.google.com/spreadsheets/d/${values.hq}/edit` : null });
    const mail = { from: actor, fromName: null, to, cc: [], bcc: [], replyTo: null, subject: rendered.subject, text: rendered.textBody, html: rendered.htmlBody, sentAt: now };
    if (dryRun) io.out(`总部报告 / HQ report: 将发送 would send "${rendered.subject}" → ${to.join(", ")}`);
    else {
      await sendOnce(google.gmail, budget, mail, messageIdOf(values.hq ?? "hq", mail));
      io.out(`已发送总部报告 / sent the HQ report → ${to.join(", ")}`);
    }
  }
  const counts = budget.counts;
  io.out(
    `API 请求 / API requests: Sheets 读 reads ${counts["sheets-read"].requests}, 写 writes ${counts["sheets-write"].requests}, Gmail ${counts.gmail.requests}; 重试 retries ${counts["sheets-read"].retries + counts["sheets-write"].retries + counts.gmail.retries}`,
  );
  deps.onCloseMonth?.({ results, failures, summaries, budget });
  return failures.length > 0 ? 1 : 0;
}

/** Gmail's daily sending limit for a Workspace user, recipients counted: https://support.google.com/a/answer/166852 */
const GMAIL_DAILY_RECIPIENTS = 2000;

function branchLine(r: BranchJobResult, dryRun: boolean): string {
  const v = (r.value ?? {}) as { month?: unknown; outcome?: unknown; written?: unknown; message?: unknown };
  const message = typeof v.message === "string" ? v.message.split("\n")[0] : "";
  const what = dryRun ? `将写入 would write ${r.cellsWritten} 格 cells, 将发送 would send ${r.mails.length} 封 emails` : `写入 wrote ${r.cellsWritten} 格 cells, 发送 sent ${r.sent.filter((s) => !s.alreadySent).length} 封 emails`;
  return `✓ ${r.branch.name} ${typeof v.month === "string" ? v.month : ""}: ${message} — ${what}`;
}

function dryRunLines(r: BranchJobResult): string[] {
  const lines: string[] = [];
  for (const q of r.requests) {
    if (q.updateCells) {
      const rows = q.updateCells.rows?.length ?? 0;
      const sheet = r.sheetNames.get(q.updateCells.start?.sheetId ?? -1) ?? "?";
      lines.push(`${sheet}: 第 ${(q.updateCells.start?.rowIndex ?? 0) + 1} 行起 ${rows} 行 / ${rows} rows from row ${(q.updateCells.start?.rowIndex ?? 0) + 1} (${q.updateCells.fields ?? ""})`);
    } else if (q.updateSheetProperties) {
      lines.push(`${r.sheetNames.get(q.updateSheetProperties.properties?.sheetId ?? -1) ?? "?"}: ${q.updateSheetProperties.fields ?? ""}`);
    }
  }
  for (const m of r.mails) lines.push(`邮件 / mail → ${m.to.join(", ")}: ${m.subject}`);
  return lines;
}

/** Writes the two HQ tables: each tab made once, then every cell of it in one absolute write (rows beyond cleared). */
export async function writeHqWorkbook(google: GoogleClients, budget: ApiBudget, spreadsheetId: string, tables: ReturnType<typeof hqTables>): Promise<void> {
  const tabs = async (): Promise<sheets_v4.Schema$SheetProperties[]> =>
    ((await budget.call("sheets-read", `spreadsheets.get ${spreadsheetId}`, async () => (await google.sheets.spreadsheets.get({ spreadsheetId, fields: "sheets.properties(sheetId,title,gridProperties(rowCount,columnCount))" })).data, { idempotent: true })).sheets ?? []).map((s) => s.properties ?? {});
  let known = await tabs();
  const wanted = [
    { title: HQ_BRANCHES_TAB, table: tables.branches },
    { title: HQ_FLAGS_TAB, table: tables.flags },
  ];
  const missing = wanted.filter((w) => !known.some((k) => k.title === w.title));
  if (missing.length > 0) {
    const addSheets = missing.map((w) => ({ addSheet: { properties: { title: w.title, gridProperties: { rowCount: Math.max(1000, w.table.rows.length + 1), columnCount: Math.max(26, w.table.header.length), frozenRowCount: 1 } } } }));
    await budget.call("sheets-write", `spreadsheets.batchUpdate ${spreadsheetId} (addSheet)`, async () => (await google.sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: addSheets } })).data, {
      idempotent: false,
      beforeRetry: async () => {
        known = await tabs();
        return missing.every((w) => known.some((k) => k.title === w.title)) ? { done: null } : null;
      },
    });
    known = await tabs();
  }
  const requests: sheets_v4.Schema$Request[] = [];
  for (const w of wanted) {
    const props = known.find((k) => k.title === w.title);
    if (props?.sheetId === undefined || props.sheetId === null) throw new Error(`the HQ workbook has no tab "${w.title}"`);
    const needed = w.table.rows.length + 1;
    if ((props.gridProperties?.rowCount ?? 0) < needed) requests.push({ updateSheetProperties: { properties: { sheetId: props.sheetId, gridProperties: { rowCount: needed } }, fields: "gridProperties.rowCount" } });
    const cell = (v: string | number): sheets_v4.Schema$CellData => ({ userEnteredValue: typeof v === "number" ? { numberValue: v } : { stringValue: v } });
    requests.push({
      updateCells: {
        range: { sheetId: props.sheetId },
        rows: [{ values: w.table.header.map(cell) }, ...w.table.rows.map((r) => ({ values: r.map(cell) }))],
        fields: "userEnteredValue",
      },
    });
  }
  await budget.call("sheets-write", `spreadsheets.batchUpdate ${spreadsheetId}`, async () => (await google.sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } })).data, { idempotent: true });
}

/** `status`: one values.batchGet per branch (Monthly results and Requests), read by the core's readers. */
async function status(google: GoogleClients, budget: ApiBudget, branches: readonly BranchRef[], io: CliIo): Promise<number> {
  const resultsTab = sheetTemplate("monthly_results").tabName;
  const requestsTab = sheetTemplate("requests").tabName;
  let failed = 0;
  for (const branch of branches) {
    try {
      const data = await budget.call("sheets-read", `values.batchGet ${branch.spreadsheetId}`, async () => (await google.sheets.spreadsheets.values.batchGet({ spreadsheetId: branch.spreadsheetId, ranges: [`'${resultsTab}'`, `'${requestsTab}'`], valueRenderOption: "UNFORMATTED_VALUE", dateTimeRenderOption: "FORMATTED_STRING" })).data, { idempotent: true });
      const [results, requests] = (data.valueRanges ?? []).map((v) => (v.values ?? []) as unknown[][]);
      const rowsOf = (key: string, values: unknown[][] | undefined) => readRows(tableLayout(sheetTemplate(key), values?.[0] ?? []), values ?? [], "Etc/GMT").map((r) => r.values);
      const latest = [...latestResults(rowsOf("monthly_results", results)).values()];
      const month = latest.reduce<string | null>((m, r) => (m === null || r.month > m ? r.month : m), null);
      const ofMonth = latest.filter((r) => r.month === month);
      const pendingRequests = rowsOf("requests", requests).filter((r) => r.status === "pending").length;
      io.out(
        month === null
          ? `${branch.name}: 尚未关账 / never closed · 待审批 pending requests ${pendingRequests}`
          : `${branch.name}: 最近关账 last closed ${month} · ${ofMonth.length} 人 people · 已签字 signed ${ofMonth.filter((r) => r.grade !== null).length} · 待签字 pending ${ofMonth.filter((r) => r.grade === null).length} · 标记 flags ${ofMonth.reduce((n, r) => n + r.flags.length, 0)} · 待审批 pending requests ${pendingRequests}`,
      );
    } catch (error) {
      failed += 1;
      io.err(`✗ ${branch.name} (${branch.spreadsheetId}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}
