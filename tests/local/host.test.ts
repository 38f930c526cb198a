/**
 * The local host running a small Apps Script project (tests/fixtures/probe) the way Google would:
 * executions as a user on a simulated clock, a form whose submission lands in the linked sheet and
 * fires the form-submit trigger with the documented event, time-driven and edit triggers, mail to
 * the outbox, a custom function evaluated by the formula engine, the web app on 127.0.0.1, state
 * kept across a save and reopen, and a loud failure for anything not modelled.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FormRejectedError } from "../../src/local/forms";
import { LocalHost } from "../../src/local/host";
import { scratchDir } from "../bundle/helpers";

const bundlePath = join(import.meta.dirname, "../fixtures/probe/Code.js");
const START = Date.parse("2026-03-02T08:30:00+08:00"); // a Monday morning in Shanghai
const hosts: LocalHost[] = [];

async function probe(workbookPath?: string): Promise<LocalHost> {
  const host = await LocalHost.open({ bundlePath, outDir: workbookPath ? join(workbookPath, "..") : scratchDir(), now: START, owner: "owner@example.com", ...(workbookPath ? { workbookPath } : {}) });
  hosts.push(host);
  return host;
}

async function setUp(host: LocalHost): Promise<void> {
  await host.openSpreadsheet();
  await host.clickMenu("Set up");
}

function logRows(host: LocalHost): unknown[][] {
  return host.spreadsheet.read("Log", "A2:B50").filter((r) => r[0] !== "");
}

afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
});

describe("executions", () => {
  it("run as the given user, with the owner as effective user, on the simulated clock, with the context's own Date", async () => {
    const host = await probe();
    const { value } = await host.run<[string, string, string, boolean]>("whoAmI", [], { as: "li.wei@example.com" });
    expect(value).toEqual(["li.wei@example.com", "owner@example.com", new Date(START).toISOString(), true]);
  });

  it("let simulated time pass per service call when given a latency, so time budgets can run out", async () => {
    const host = await LocalHost.open({ bundlePath, outDir: scratchDir(), now: START, owner: "owner@example.com", callLatencyMs: 250 });
    hosts.push(host);
    const before = host.clock.now();
    const { value } = await host.run<[string, string, string, boolean]>("whoAmI");
    const calls = host.counter.total();
    expect(calls).toBeGreaterThan(0);
    expect(host.clock.now() - before).toBe(calls * 250);
    expect(Date.parse(value[2])).toBeGreaterThan(before);
  });

  it("fail loudly on what the host does not model", async () => {
    const host = await probe();
    await expect(host.run("notModelled")).rejects.toThrow("not emulated: Sheet.getImages");
  });

  it("name a missing function with Apps Script's wording", async () => {
    const host = await probe();
    await expect(host.run("noSuchFunction")).rejects.toThrow("Script function not found: noSuchFunction");
  });
});

describe("a form submission", () => {
  it("lands in the linked responses sheet and fires the form-submit trigger with values, namedValues and range", async () => {
    const host = await probe();
    await setUp(host);
    const form = host.forms.find("Leave request");
    expect(form?.destination?.sheetName).toBe("Form Responses 1");
    expect(host.spreadsheet.read("Form Responses 1", "A1:E1")[0]).toEqual(["Timestamp", "Name", "Days", "Type", "From"]);

    host.clock.advance(60_000);
    await host.submitForm("Leave request", { Name: "王芳", Days: "3", Type: "annual", From: "2026-03-09" }, { as: "wang.fang@example.com" });
    const row = host.spreadsheet.read("Form Responses 1", "A2:E2")[0] ?? [];
    expect(row.slice(1, 4)).toEqual(["王芳", 3, "annual"]);
    expect(row[0]).toBeInstanceOf(Date);

    const [event, detail] = logRows(host)[0] ?? [];
    expect(event).toBe("submit");
    const e = JSON.parse(String(detail)) as { values: string[]; named: Record<string, string[]>; row: number; uid: string; auth: string };
    expect(e.row).toBe(2);
    expect(e.values).toEqual(["3/2/2026 8:31:00", "王芳", "3", "annual", "2026-03-09"]);
    expect(e.named).toEqual({ Timestamp: ["3/2/2026 8:31:00"], Name: ["王芳"], Days: ["3"], Type: ["annual"], From: ["2026-03-09"] });
    expect(e.auth).toBe("FULL");
    expect(host.services.controllers.triggers.spreadsheetTriggers("ON_FORM_SUBMIT").map((t) => t.uid)).toContain(e.uid);
  });

  it("that breaks the form's own rules is refused by the form, and nothing reaches the sheet", async () => {
    const host = await probe();
    await setUp(host);
    const attempt = host.submitForm("Leave request", { Days: "three", Type: "maternity" });
    await expect(attempt).rejects.toBeInstanceOf(FormRejectedError);
    await expect(attempt).rejects.toThrow(/"Name" is required.*"Days": a number.*"maternity" is not one of the choices/);
    expect(host.spreadsheet.read("Form Responses 1", "A2:A2")[0]?.[0]).toBe("");
    expect(logRows(host)).toEqual([]);
  });

  it("sends mail that lands in the outbox as a numbered .eml and .html of its kind", async () => {
    const host = await probe();
    await setUp(host);
    await host.submitForm("Leave request", { Name: "王芳", Days: "3" });
    const [message] = host.services.controllers.outbox.messages();
    expect(message?.kind).toBe("leave-request");
    expect(message?.emlPath).toMatch(/0001-leave-request-hr\.eml$/);
    const eml = readFileSync(message?.emlPath ?? "", "utf8");
    expect(eml).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(eml).toMatch(/multipart\/alternative/);
    expect(readFileSync(message?.htmlPath ?? "", "utf8")).toContain("请假");
  });
});

describe("triggers", () => {
  it("fire a daily 09:00 Shanghai trigger once a day as the clock advances", async () => {
    const host = await probe();
    await setUp(host);
    const { fired } = await host.advanceTo(Date.parse("2026-03-05T12:00:00+08:00"));
    expect(fired.map((f) => new Date(f.at).toISOString())).toEqual(["2026-03-02T01:00:00.000Z", "2026-03-03T01:00:00.000Z", "2026-03-04T01:00:00.000Z", "2026-03-05T01:00:00.000Z"]);
    expect(logRows(host).filter((r) => r[0] === "daily").map((r) => String(r[1]).split(" ").slice(0, 2).join(" "))).toEqual(Array(4).fill("9 Asia/Shanghai"));
  });

  it("fire the installable edit trigger when a person edits a cell, with the editor and the new value", async () => {
    const host = await probe();
    await setUp(host);
    await host.editAsUser("Log", "D1", "note", { as: "zhang.min@example.com" });
    expect(logRows(host)).toContainEqual(["edit", "D1=note by zhang.min@example.com"]);
  });
});

describe("custom functions", () => {
  it("are the bundle's own functions, evaluated by the formula engine, and spill", async () => {
    const host = await probe();
    await setUp(host);
    for (const [a1, v] of [["A2", "1"], ["A3", "2.5"], ["A4", "4"]] as const) await host.editAsUser("Log", `F${a1.slice(1)}`, v);
    await host.editAsUser("Log", "G2", "=DOUBLE(F2:F4)");
    expect(host.spreadsheet.read("Log", "G2:G4")).toEqual([[2], [5], [8]]);
  });
});

describe("the web app", () => {
  it("serves doGet and doPost on 127.0.0.1 with the documented event object", async () => {
    const host = await probe();
    const server = await host.serve(0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/exec$/);
      const page = await (await fetch(`${server.url}?name=%E6%9D%8E`)).text();
      expect(page).toContain("hello 李");
      const reply = await fetch(server.url, { method: "POST", body: "x=42", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(await reply.json()).toEqual({ got: "42" });
    } finally {
      await server.close();
    }
  });
});

describe("state across runs", () => {
  it("keeps forms, triggers, properties and the clock through a save and reopen", async () => {
    const dir = scratchDir();
    const workbookPath = join(dir, "probe.xlsx");
    const first = await probe(workbookPath);
    await setUp(first);
    await first.submitForm("Leave request", { Name: "王芳", Days: "3" });
    await first.save();
    first.close();

    const again = await probe(workbookPath);
    expect(again.clock.now()).toBe(first.clock.now());
    expect(again.services.controllers.properties.snapshot("script")).toEqual({ formId: first.forms.find("Leave request")?.id });
    await again.submitForm("Leave request", { Name: "李伟", Days: "1" });
    expect(again.spreadsheet.read("Form Responses 1", "B2:B3")).toEqual([["王芳"], ["李伟"]]);
    expect(again.services.controllers.outbox.messages().map((m) => m.seq)).toEqual([1, 2]);
  });
});
