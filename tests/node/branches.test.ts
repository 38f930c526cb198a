/**
 * Issue 12: headquarters closes the month in 50 branch workbooks through the real `googleapis`
 * client, over loopback, against a server speaking the Sheets v4 and Gmail v1 subset the Node host
 * uses (fake-google.ts), each spreadsheet a workbook of the local host's model. The server answers
 * some requests 429 and 503 and drops connections mid-write and mid-send. Each branch must end
 * exactly as the Apps Script run (the local host running dist/Code.js on the same data) leaves it,
 * cell for cell, and the mail Gmail received must be the mail that run sent, once each.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HQ_BRANCHES_TAB, HQ_FLAGS_TAB } from "../../src/core/hq/consolidate";
import { LocalHost } from "../../src/local/host";
import type { OutboxMessage } from "../../src/local/services/mail";
import { Workbook } from "../../src/local/spreadsheet/workbook";
import { runBranchesCli } from "../../src/node/commands";
import type { CloseMonthOutcome } from "../../src/node/commands";
import { connectGoogle } from "../../src/node/commands";
import { DEMO_NOW, scratchDir } from "../bundle/helpers";
import { BRANCH_MONTH as MONTH, BRANCH_OWNER as OWNER, branchId, branchWorkbook as branchOf, enrolment, makeBranchTemplate } from "./branch-fixture";
import type { BranchTemplate } from "./branch-fixture";
import { FakeGoogle } from "./fake-google";
import { parseMail } from "./mime";

// The suite closes 8 branches, enough for every planned fault to fire, within a few minutes on two
// cores; MARKETOPS_TEST_BRANCHES=50 runs the 50 (each branch is a local close and its
// Apps Script twin: about 20 s a branch on a loaded machine, too slow for the suite).
const BRANCHES = Number(process.env.MARKETOPS_TEST_BRANCHES ?? 8);
const PEOPLE = 4;

let dir: string;
let template: BranchTemplate;
let fake: FakeGoogle;
let outcome: CloseMonthOutcome | undefined;
const lines: string[] = [];
const errors: string[] = [];
let exitCode: number;

const branchWorkbook = (i: number): Workbook => branchOf(template, i);

/**
 * Where two workbooks differ, read from the models: each sheet's size and state, then every cell
 * (constant or formula, format, note, validation, style, links). Empty when
 * they are the same; otherwise one line per difference, naming sheet, row and column.
 */
function differences(expected: Workbook, actual: Workbook): string[] {
  const out: string[] = [];
  const names = (b: Workbook): string[] => b.sheets.map((s) => s.name);
  if (JSON.stringify(names(expected)) !== JSON.stringify(names(actual))) return [`sheets: ${names(expected).join("|")} ≠ ${names(actual).join("|")}`];
  for (const want of expected.sheets) {
    const got = actual.requireSheet(want.name);
    const state = (s: typeof want): string => JSON.stringify([s.maxRows, s.maxColumns, s.hidden, s.frozenRows, s.frozenColumns]);
    if (state(want) !== state(got)) out.push(`${want.name}: size/state ${state(want)} ≠ ${state(got)}`);
    const rows = Math.max(want.rows.length, got.rows.length, 1);
    const columns = Math.max(...[...want.rows, ...got.rows].map((r) => r?.length ?? 0), 1);
    for (let r = 1; r <= rows; r++) {
      for (let c = 1; c <= columns; c++) {
        const x = JSON.stringify(want.cell(r, c) ?? null);
        const y = JSON.stringify(got.cell(r, c) ?? null);
        if (x !== y) out.push(`${want.name}!R${r}C${c} ${x} ≠ ${y}`);
      }
    }
  }
  return out.slice(0, 40);
}

beforeAll(async () => {
  dir = scratchDir();
  template = await makeBranchTemplate(dir, PEOPLE);
  fake = new FakeGoogle();
  const rootUrl = await fake.start();
  // Enrolment: each branch's Script Properties (the decision links' secret) travel with it.
  for (let i = 1; i <= BRANCHES; i++) fake.addSpreadsheet(branchWorkbook(i), enrolment(template));
  fake.addSpreadsheet(new Workbook({ id: "hq", name: "总部 HQ", timeZone: "Asia/Shanghai" }));
  const list = ["id,name,region", ...Array.from({ length: BRANCHES }, (_, i) => `${branchId(i + 1)},分店 Branch ${i + 1},${i % 2 === 0 ? "华东 East" : "华南 South"}`)].join("\n");
  writeFileSync(join(dir, "branches.csv"), `${list}\n`);
  // Quotas are exercised by the fake's refusals; the test does not wait minutes for real backoff.
  fake.fault = ({ method, n }) => {
    if (method === "sheets.get" && n % 9 === 4) return { status: 429 };
    if (method === "sheets.batchUpdate" && n === 3) return "drop-after";
    if (method === "sheets.batchUpdate" && n === 6) return "drop-before";
    if (method === "sheets.batchUpdate" && n === 5) return { status: 503 };
    if (method === "gmail.send" && n === 2) return "drop-after";
    if (method === "gmail.send" && n === 5) return { status: 503 };
    if (method === "gmail.list" && n === 1) return { status: 429 };
    return null;
  };
  exitCode = await runBranchesCli(
    ["close-month", "--spreadsheets", join(dir, "branches.csv"), "--month", MONTH, "--as", OWNER, "--now", new Date(DEMO_NOW).toISOString(), "--hq", "hq", "--hq-to", "ceo@marketops.example", "--root-url", rootUrl],
    { out: (l) => lines.push(l), err: (l) => errors.push(l) },
    { connect: connectGoogle, budget: { baseDelayMs: 1, maxDelayMs: 4, perMinute: { "sheets-read": 10_000, "sheets-write": 10_000, gmail: 10_000 } }, onCloseMonth: (o) => (outcome = o) },
  );
}, 900_000);

afterAll(async () => {
  await fake?.close();
});

describe("issue 12: close-month across branch workbooks on the Sheets and Gmail APIs", () => {
  it(`closes all ${BRANCHES} branches through the real googleapis client over loopback, riding out 429, 503 and dropped connections`, () => {
    expect(errors).toEqual([]);
    expect(exitCode).toBe(0);
    expect(outcome?.results).toHaveLength(BRANCHES);
    expect(outcome?.failures).toEqual([]);
    const kinds = new Set(fake.faultsDone.map((f) => `${f.method} ${f.fault}`));
    for (const k of ["sheets.get 429", "sheets.batchUpdate drop-after", "sheets.batchUpdate drop-before", "sheets.batchUpdate 503", "gmail.send drop-after", "gmail.send 503", "gmail.list 429"]) expect(kinds).toContain(k);
    expect(outcome?.results.some((r) => r.writeFoundApplied)).toBe(true);
    expect(outcome?.results.flatMap((r) => r.sent).some((s) => s.alreadySent)).toBe(true);
  });

  it("each branch ends as the Apps Script run leaves it on the same data, cell for cell, and Gmail got that run's mail once each", async () => {
    const expectedMail: string[] = [];
    for (let i = 1; i <= BRANCHES; i++) {
      const reference = await LocalHost.open({ workbook: branchWorkbook(i), servicesState: { properties: template.properties }, outDir: scratchDir(), now: DEMO_NOW, owner: OWNER });
      const run = await reference.run("closeMonth", [MONTH], { as: OWNER });
      expect((run.value as { written: number }).written, branchId(i)).toBeGreaterThan(0);
      // Every stored cell and sheet state: with the same engine and clock, equal cells compute equal values.
      expect(differences(reference.spreadsheet.workbook, fake.workbook(branchId(i))), branchId(i)).toEqual([]);
      expectedMail.push(...reference.services.controllers.outbox.messages().map(mailKey));
      reference.close();
    }
    const received = fake.sent.map((s) => parseMail(s.raw)).filter((m) => !m.subject.includes("总部月度汇总"));
    expect(received.map((m) => JSON.stringify([m.to, m.cc, m.bcc, m.subject, m.text, m.html])).sort()).toEqual(expectedMail.sort());
    expect(new Set(fake.sent.map((s) => s.messageId)).size).toBe(fake.sent.length);
  }, 600_000);

  it("the HQ workbook holds one row per branch (plan vs actual, grades, flags, pending) and the HQ report went out once", () => {
    const hq = fake.workbook("hq");
    const branches = hq.requireSheet(HQ_BRANCHES_TAB);
    const rows = hq.readValues(branches, { row: 1, column: 1, numRows: hq.lastRow(branches), numColumns: hq.lastColumn(branches) });
    expect(rows).toHaveLength(BRANCHES + 1);
    expect(rows[1]?.slice(0, 3)).toEqual(["分店 Branch 1", "华东 East", MONTH]);
    for (const s of outcome?.summaries ?? []) expect(s.people).toBeGreaterThan(0);
    expect(hq.sheet(HQ_FLAGS_TAB)).toBeDefined();
    const reports = fake.sent.map((s) => parseMail(s.raw)).filter((m) => m.subject.includes("总部月度汇总"));
    expect(reports).toHaveLength(1);
    expect(reports[0]?.to).toEqual(["ceo@marketops.example"]);
    expect(reports[0]?.html).toContain(`分店 Branch ${BRANCHES}`);
  });

  it("status reads each branch's last close in one values.batchGet per branch", async () => {
    const out: string[] = [];
    const before = fake.calls.get("sheets.values.batchGet") ?? 0;
    const code = await runBranchesCli(["status", "--spreadsheets", join(dir, "branches.csv"), "--as", OWNER, "--root-url", fake.url], { out: (l) => out.push(l), err: (l) => out.push(l) }, { budget: { baseDelayMs: 1, perMinute: { "sheets-read": 10_000 } } });
    expect(code).toBe(0);
    expect(out).toHaveLength(BRANCHES);
    for (const line of out) expect(line).toMatch(/最近关账 last closed 2026-10 · \d+ 人 people · 已签字 signed 0 · 待签字 pending \d+/);
    expect((fake.calls.get("sheets.values.batchGet") ?? 0) - before).toBe(BRANCHES);
  });

  it("--dry-run reads and runs the close, prints what it would write and send, and writes and sends nothing", async () => {
    fake.addSpreadsheet(branchWorkbook(99), enrolment(template));
    writeFileSync(join(dir, "dry.csv"), `id,name,region\n${branchId(99)},分店 Branch 99,华北 North\n`);
    const out: string[] = [];
    const sent = fake.sent.length;
    const writes = fake.calls.get("sheets.batchUpdate") ?? 0;
    fake.fault = () => null;
    const code = await runBranchesCli(["close-month", "--dry-run", "--spreadsheets", join(dir, "dry.csv"), "--month", MONTH, "--as", OWNER, "--now", new Date(DEMO_NOW).toISOString(), "--root-url", fake.url], { out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(code).toBe(0);
    expect(out.join("\n")).toMatch(/将写入 would write \d+ 格 cells, 将发送 would send 1 封 emails/);
    expect(out.join("\n")).toContain("邮件 / mail →");
    expect([fake.sent.length, fake.calls.get("sheets.batchUpdate") ?? 0]).toEqual([sent, writes]);
    expect(differences(branchWorkbook(99), fake.workbook(branchId(99)))).toEqual([]);
  });
});

function mailKey(m: OutboxMessage): string {
  return JSON.stringify([m.to, m.cc, m.bcc, m.subject, m.text.replace(/\r\n/g, "\n"), m.html?.replace(/\r\n/g, "\n") ?? null]);
}
