/**
 * The command line says what happened (issue 11 §4): `npm run local -- <command>` on a scratch
 * workbook of the built bundle, through `runCli` in-process (what src/local/cli.ts runs), and once
 * as a process for `serve`. Each command's output is what a person reads in the terminal.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { templateCatalog } from "../../src/core/templates/catalog";
import { runCli } from "../../src/local/commands";
import { LocalHost } from "../../src/local/host";
import { requestRows } from "../../src/local/observe";
import { scratchDir } from "./helpers";

const ROOT = resolve(import.meta.dirname, "../..");
/** A stack trace line as node prints one. */
const STACK_LINE = /^\s+at .+[:(]/m;
const EXAMPLE = join(ROOT, "examples/stock-transfer.json");
const REQUESTER = "wang.jianguo@example.com";

interface Ran {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

async function cli(...argv: string[]): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, "--workbook", workbookPath], { out: (l) => out.push(...l.split("\n")), err: (l) => err.push(...l.split("\n")) });
  return { code, out, err };
}

let dir: string;
let workbookPath: string;

beforeAll(() => {
  dir = scratchDir();
  workbookPath = join(dir, "workbook.xlsx");
});

describe("npm run local on a new workbook", () => {
  it("install says which sheets it created and the template version it installed", async () => {
    const ran = await cli("install", "--now", "2026-11-02T09:00:00+08:00");
    expect(ran.code, ran.err.join("\n")).toBe(0);
    const version = templateCatalog().workbook.templateVersion;
    expect(ran.out.some((l) => new RegExp(`^模板版本 0 → ${version},\\d+ 项更改 / template version 0 → ${version}, \\d+ changes$`).test(l))).toBe(true);
    const created = ran.out.find((l) => l.startsWith("新建工作表 / created sheets"));
    expect(created).toContain("申请 Requests");
    expect(created).toContain("人员 People");
    expect(ran.out.at(-1)).toBe(`已保存 / saved ${workbookPath}`);

    // Again: nothing to do, and it says so.
    const again = await cli("install");
    expect(again.out.some((l) => l.includes("nothing to change"))).toBe(true);
    expect(again.out.some((l) => l.startsWith("新建工作表"))).toBe(false);
  }, 120_000);

  it("run with an unknown name lists the functions that exist, in one bilingual line, exit 1", async () => {
    const ran = await cli("run", "buildForm");
    expect(ran.code).toBe(1);
    expect(ran.out).toEqual([]);
    expect(ran.err).toHaveLength(1);
    expect(ran.err[0]).toMatch(/^脚本中没有函数 "buildForm";可运行的有:.*buildForms.* \/ the script has no function "buildForm"; these exist: .*buildForms/);
    expect(ran.err[0]).toContain("installOrUpgrade");
  }, 60_000);

  it("errors are one bilingual line without a stack trace; --debug prints the stack", async () => {
    const backwards = await cli("advance", "2026-01-01T00:00:00Z");
    expect(backwards.code).toBe(1);
    expect(backwards.err).toHaveLength(1);
    expect(backwards.err[0]).toMatch(/^时钟已在 2026-11-02T01:00:00\.\d{3}Z,不能倒回到 2026-01-01T00:00:00\.000Z \/ the clock is at 2026-11-02T01:00:00\.\d{3}Z; it does not run backwards to 2026-01-01T00:00:00\.000Z$/);
    const badArgs = await cli("run", "buildForms", "--args", "{not json");
    expect(badArgs.code).toBe(2);
    expect(badArgs.err).toHaveLength(1);
    expect(badArgs.err[0]).toContain("--args 应为 JSON 数组");
    expect(badArgs.err[0]).toContain("--args must be a JSON array");
    const unknown = await cli("frobnicate");
    expect(unknown.err).toEqual(['没有命令 "frobnicate"(npm run local -- --help 列出命令) / unknown command "frobnicate" (npm run local -- --help lists the commands)']);
    const debug = await cli("advance", "2026-01-01T00:00:00Z", "--debug");
    expect(debug.err.join("\n")).toMatch(STACK_LINE);
  }, 60_000);

  it("status is a readable summary, --json the full object, and a missing workbook is an error", async () => {
    const ran = await cli("status");
    expect(ran.code).toBe(0);
    expect(ran.out[0]).toBe(`工作簿 / workbook  ${workbookPath}`);
    expect(ran.out).toContain("  申请 Requests: 0 行 / rows");
    expect(ran.out.some((l) => l.startsWith("邮件 / mail") && l.includes("0 sent"))).toBe(true);
    expect(ran.out.join("\n")).not.toContain("{");

    const json = await cli("status", "--json");
    const parsed = JSON.parse(json.out.join("\n")) as { workbook: string; sheets: { name: string }[]; mail: { sent: number } };
    expect(parsed.workbook).toBe(workbookPath);
    expect(parsed.sheets.map((s) => s.name)).toContain("申请 Requests");
    expect(parsed.mail.sent).toBe(0);

    const missing = join(dir, "none.xlsx");
    const code = await runCli(["status", "--workbook", missing], { out: () => undefined, err: () => undefined });
    expect(code).toBe(1);
    expect(existsSync(missing)).toBe(false);
  }, 60_000);
});

describe("npm run local on the demo data", () => {
  beforeAll(async () => {
    for (const step of [["run", "loadDemoData"], ["run", "buildForms"]]) {
      const ran = await cli(...step);
      expect(ran.code, ran.err.join("\n")).toBe(0);
    }
  }, 240_000);

  it("submit stock_transfer (the form's key) prints the new request's id, its status and who was emailed", async () => {
    const ran = await cli("submit", "stock_transfer", EXAMPLE, "--as", REQUESTER);
    expect(ran.code, ran.err.join("\n")).toBe(0);
    expect(ran.out[0]).toMatch(/^已记录回答 \/ response recorded in "Form Responses \d+" row 2$/);
    const request = ran.out[1] ?? "";
    expect(request).toMatch(/^申请 \/ request ST-2026-\d{4} — 审批中 \/ Pending · 审批人 \/ approver: \S+@example\.com$/);
    const approver = /approver: (\S+)$/.exec(request)?.[1];
    expect(ran.out).toContain(`已发邮件 / emailed (1): ${approver}`);
  }, 60_000);

  it("a submission the engine refuses prints its status and why, in both languages", async () => {
    const answers = JSON.parse(readFileSync(EXAMPLE, "utf8")) as Record<string, string>;
    const same = join(dir, "same-place.json");
    writeFileSync(same, JSON.stringify({ ...answers, "调入地 / To": answers["调出地 / From"] }));
    const ran = await cli("submit", "stock_transfer", same, "--as", REQUESTER);
    expect(ran.code, ran.err.join("\n")).toBe(0);
    expect(ran.out[1]).toMatch(/^未通过 \/ refused ST-2026-\d{4} — 待更正 \/ Needs fixing/);
    const reason = ran.out[2] ?? "";
    expect(reason).toMatch(/^ {2}原因 \/ reason: /);
    expect(reason).toMatch(/[\u4e00-\u9fff]/);
    expect(reason).toMatch(/[A-Za-z]{4,}/);
    expect(ran.out.some((l) => l.startsWith("已发邮件 / emailed (1): wang.jianguo@example.com"))).toBe(true);
  }, 60_000);

  it("a submission the form refuses is one bilingual error line naming the question", async () => {
    const answers = JSON.parse(readFileSync(EXAMPLE, "utf8")) as Record<string, string>;
    const bad = join(dir, "bad-quantity.json");
    writeFileSync(bad, JSON.stringify({ ...answers, "申请调货数量 / Quantity to transfer": "lots" }));
    const ran = await cli("submit", "stock_transfer", bad, "--as", REQUESTER);
    expect(ran.code).toBe(1);
    expect(ran.err).toHaveLength(1);
    expect(ran.err[0]).toMatch(/^表单未接受这份回答:"申请调货数量 \/ Quantity to transfer".* \/ the form refused this response: "申请调货数量 \/ Quantity to transfer"/);
    expect(ran.err[0]).not.toMatch(STACK_LINE);

    const unknown = await cli("submit", "no_such_form", bad);
    expect(unknown.err[0]).toContain("stock_transfer (调货申请单 / Stock transfer)");
  }, 60_000);

  it("submit actuals (the data-entry form's key) says the response was recorded in Actuals; a refused one says why, in both languages", async () => {
    const entry = join(ROOT, "examples/actuals-entry.json");
    const ran = await cli("submit", "actuals", entry, "--as", "kong.linghui@example.com");
    expect(ran.code, ran.err.join("\n")).toBe(0);
    expect(ran.out[1]).toBe("已记入 / recorded in 实绩 Actuals");
    const answers = JSON.parse(readFileSync(entry, "utf8")) as Record<string, string>;
    const bad = join(dir, "refunds-on-sales.json");
    writeFileSync(bad, JSON.stringify({ ...answers, "指标 / Metric": "销售额 / Sales revenue" }));
    const refused = await cli("submit", "actuals", bad, "--as", "kong.linghui@example.com");
    expect(refused.code, refused.err.join("\n")).toBe(0);
    expect(refused.out[1]).toMatch(/^未记入 \/ not recorded: .*退货退款从回款中扣除.*return refunds are deducted from collections/);
    expect(refused.out.some((l) => l.startsWith("已发邮件 / emailed (1): kong.linghui@example.com"))).toBe(true);
  }, 60_000);

  it("edit: a decision the engine refuses is not applied and says why; a protected cell is one bilingual error", async () => {
    const cell = await pendingDecisionCell();
    // The owner may edit the Decision column, but is not this request's approver.
    const ran = await cli("edit", "申请 Requests", cell, "approve");
    expect(ran.code, ran.err.join("\n")).toBe(0);
    expect(ran.out[0]).toMatch(new RegExp(`^未生效 / not applied: 申请 Requests!${cell} `));
    expect(ran.out.some((l) => l.startsWith("提示 / toast: 决定未生效 / Decision not applied: "))).toBe(true);

    // The requester may not edit it at all: Sheets refuses, nothing is saved.
    const refused = await cli("edit", "申请 Requests", cell, "approve", "--as", REQUESTER);
    expect(refused.code).toBe(1);
    expect(refused.out).toEqual([]);
    expect(refused.err).toEqual([expect.stringMatching(new RegExp(`^未生效:申请 Requests!${cell} 受保护,${REQUESTER} 不能编辑.* / not applied: 申请 Requests!${cell} is protected; ${REQUESTER} may not edit it`))]);
  }, 60_000);

  it("advance sums up each trigger's firings and what they did, not one line per hour", async () => {
    const ran = await cli("advance", "2026-11-06T09:00:00+08:00");
    expect(ran.code, ran.err.join("\n")).toBe(0);
    expect(ran.out[0]).toMatch(/^时钟 \/ clock 2026-11-02T01:00:00\.\d{3}Z → 2026-11-06T01:00:00\.\d{3}Z: \d+ 次触发 \/ trigger runs$/);
    const timers = ran.out.find((l) => l.startsWith("approvalTimers: "));
    expect(timers).toMatch(/ran (\d+)×, (\d+) did something, (\d+) emails/);
    const [, runs = "0", busy = "0", emails = "0"] = /ran (\d+)×, (\d+) did something, (\d+) emails/.exec(timers ?? "") ?? [];
    expect(Number(runs)).toBeGreaterThanOrEqual(90); // hourly over four days
    expect(Number(busy)).toBeLessThan(Number(runs));
    expect(Number(emails)).toBeGreaterThan(0); // reminders to the approver who has not decided
    expect(timers).toMatch(/emails \(.*reminder \d+/);
    expect(ran.out.some((l) => /^ {4}已发邮件 \/ emailed/.test(l))).toBe(true);
    expect(ran.out.length).toBeLessThan(Number(runs));
  }, 120_000);
});

/** The Decision cell (A1) of a pending request, read from the saved workbook. */
async function pendingDecisionCell(): Promise<string> {
  const host = await LocalHost.open({ workbookPath });
  try {
    const pending = [...requestRows(host).values()].find((r) => r.statusCode === "pending");
    if (!pending) throw new Error("no pending request in the workbook");
    const header = host.spreadsheet.read("申请 Requests", "A1:AZ1")[0] ?? [];
    const column = header.findIndex((h) => String(h).includes("Decision") && !String(h).includes("comment"));
    expect(column).toBeGreaterThanOrEqual(0);
    return `${String.fromCharCode(65 + column)}${pending.row}`;
  } finally {
    host.close();
  }
}

describe("npm run local -- serve", () => {
  it("logs one line per request: method, path without the query's values, outcome", async () => {
    // node with tsx's loader (not the tsx CLI, which runs the script in a grandchild the signal would miss).
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/local/cli.ts"), "serve", "--workbook", workbookPath, "--port", "0"], { cwd: ROOT });
    try {
      let stdout = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      const until = async (test: () => boolean): Promise<void> => {
        for (let i = 0; i < 600 && !test(); i++) await new Promise((r) => setTimeout(r, 100));
      };
      await until(() => /web app on (\S+)/.test(stdout));
      const url = /web app on (\S+)/.exec(stdout)?.[1] ?? "";
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/exec$/);
      const reply = await fetch(`${url}?t=secret-token-value&d=approve`);
      expect(reply.status).toBe(200);
      const missing = await fetch(url.replace(/\/exec$/, "/nowhere"));
      expect(missing.status).toBe(404);
      await until(() => stdout.includes("/nowhere"));
      const lines = stdout.split("\n").filter((l) => / (GET|POST) /.test(l));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z GET \/exec\?t=…&d=… → 200 \(\d+ ms\)$/);
      expect(lines[1]).toMatch(/ GET \/nowhere → 404 \(\d+ ms\)$/);
      expect(stdout).not.toContain("secret-token-value");
    } finally {
      child.kill("SIGINT");
      await new Promise((done) => child.once("close", done));
    }
  }, 120_000);
});
