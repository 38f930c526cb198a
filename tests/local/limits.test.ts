/**
 * The local host enforces what Google enforces (issue 10 §5), each limit driven past its edge on
 * the keeper fixture: 50,000 characters per cell and 10 million cells per spreadsheet
 * (https://support.google.com/drive/answer/37603); 6 minutes per execution, 30 s per custom
 * function, 9 KB per property value, 500 KB per store and the daily trigger runtime
 * (https://developers.google.com/apps-script/guides/services/quotas).
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalHost, type HostOptions } from "../../src/local/host";
import { CUSTOM_FUNCTION_TIMEOUT, EXCEEDED_EXECUTION_TIME, ExecutionLimitError, TOO_MUCH_COMPUTER_TIME } from "../../src/local/limits";
import { CELL_TOO_LONG, TOO_MANY_CELLS } from "../../src/local/spreadsheet/workbook";
import { scratchDir } from "../bundle/helpers";

const bundlePath = join(import.meta.dirname, "../fixtures/keeper/Code.js");
const START = Date.parse("2026-03-02T08:30:00+08:00");
const hosts: LocalHost[] = [];

async function keeper(options: HostOptions = {}): Promise<LocalHost> {
  const host = await LocalHost.open({ bundlePath, now: START, owner: "owner@example.com", outDir: scratchDir(), ...options });
  hosts.push(host);
  await host.run("setUp");
  return host;
}

afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
});

function logEvents(host: LocalHost): string[] {
  return host.spreadsheet.read("Log", "A2:A400").flat().filter((v) => v !== "").map(String);
}

describe("Sheets' size limits", () => {
  it("a write of more than 50,000 characters to one cell throws Sheets' error and writes nothing", async () => {
    const host = await keeper();
    expect((await host.run("writeText", [50_000])).value).toBe(50_000);
    await expect(host.run("writeText", [50_001])).rejects.toThrow(CELL_TOO_LONG);
    // A block write with one over-long value is refused whole.
    await expect(host.run("writeTextRows", [50_001])).rejects.toThrow(CELL_TOO_LONG);
    expect(String(host.spreadsheet.read("Log", "C1")[0]?.[0]).length).toBe(50_000);
    expect(host.spreadsheet.read("Log", "C2")).toEqual([[""]]);
  });

  it("growing a spreadsheet past 10 million cells is refused with Sheets' error", async () => {
    const host = await keeper();
    const book = host.spreadsheet.workbook;
    const before = book.cellCount();
    await host.run("growSheet", ["Big", 380_000, 26]);
    expect(book.cellCount()).toBe(before + 380_000 * 26);
    expect(book.cellCount()).toBeLessThanOrEqual(10_000_000);
    await expect(host.run("growSheet", ["Bigger", 5_000, 26])).rejects.toThrow(TOO_MANY_CELLS);
    expect(book.cellCount()).toBeLessThanOrEqual(10_000_000);
  });
});

describe("run time", () => {
  it("a run past the script runtime in real time is killed with Google's error (node:vm timeout)", async () => {
    const host = await keeper({ limits: { executionMs: 300 } });
    const run = host.run("spinForever");
    await expect(run).rejects.toBeInstanceOf(ExecutionLimitError);
    await expect(run).rejects.toThrow(EXCEEDED_EXECUTION_TIME);
  });

  it("a run past 6 minutes of simulated time is killed at its next service call, even when it catches the error", async () => {
    const host = await keeper({ callLatencyMs: 1_000 });
    const started = host.clock.now();
    await expect(host.run("spinCatching")).rejects.toThrow(EXCEEDED_EXECUTION_TIME);
    // Its catch block tried to write a row: that call failed too, as the run was over.
    expect(logEvents(host)).toEqual([]);
    expect(host.clock.now() - started).toBeGreaterThan(6 * 60_000);
    expect(host.clock.now() - started).toBeLessThan(6 * 60_000 + 5_000);
    // The next execution starts afresh.
    expect((await host.run("calls", [10])).value).toBe(10);
  });

  it("a custom function past 30 s shows #ERROR! with the note Sheets shows", async () => {
    const host = await keeper({ limits: { customFunctionMs: 200 } });
    const book = host.spreadsheet.workbook;
    const sheet = book.requireSheet("Log");
    book.writeValues(sheet, { row: 1, column: 5, numRows: 1, numColumns: 1 }, [["=FOREVER(1)"]]);
    book.flush();
    expect(host.spreadsheet.display("Log", "E1")).toEqual([["#ERROR!"]]);
    expect(book.errorMessage(sheet, 1, 5)).toBe(CUSTOM_FUNCTION_TIMEOUT);
  });
});

describe("property stores", () => {
  it("a property value over 9 KB and a store over 500 KB throw Apps Script's quota error", async () => {
    const host = await keeper();
    const quota = "You have exceeded the property storage quota. Please remove some properties and try again.";
    await host.run("setProperty", [9 * 1024 - 10]);
    await expect(host.run("setProperty", [9 * 1024 + 1])).rejects.toThrow(quota);
    await expect(host.run("fillProperties", [60, 9_000])).rejects.toThrow(quota);
    const stored = host.services.controllers.properties.snapshot("script");
    expect(Object.values(stored).reduce((n, v) => n + v.length, 0)).toBeLessThanOrEqual(500 * 1024);
  });
});

describe("the daily trigger runtime", () => {
  async function hourlyWork(options: HostOptions): Promise<{ host: LocalHost; fired: { handler: string; at: number; error?: string }[] }> {
    const host = await keeper({ callLatencyMs: 1_000, ...options });
    await host.run("hourly");
    const { fired } = await host.advanceTo(host.clock.now() + 23 * 3_600_000);
    return { host, fired };
  }

  it("consumer (the default): 90 minutes a day of simulated trigger time, then the run is stopped and later ones refused with Google's error", async () => {
    const { host, fired } = await hourlyWork({});
    expect(fired).toHaveLength(23);
    const ok = fired.filter((f) => f.error === undefined).length;
    // Each run is 300 service calls at 1 s: 5 minutes; 90 minutes hold 18 of them, minus what setting up took.
    expect(ok).toBeGreaterThanOrEqual(16);
    expect(ok).toBeLessThanOrEqual(18);
    expect(fired.slice(0, ok).every((f) => f.error === undefined)).toBe(true);
    expect(fired.slice(ok).every((f) => f.error === TOO_MUCH_COMPUTER_TIME)).toBe(true);
    expect(logEvents(host).filter((e) => e === "work")).toHaveLength(ok);
    expect(host.triggerRuntime.used(host.clock.now())).toBeGreaterThanOrEqual(90 * 60_000);
    expect(host.log.filter((l) => l.level === "error" && l.message === `work: ${TOO_MUCH_COMPUTER_TIME}`)).toHaveLength(23 - ok);

    // 24 hours after the first run the quota is fresh again.
    const next = await host.advanceTo(host.clock.now() + 2 * 3_600_000);
    expect(next.fired.at(-1)?.error).toBeUndefined();
  });

  it("a Workspace account gets 6 hours a day: the same day runs through", async () => {
    const { fired } = await hourlyWork({ account: "workspace" });
    expect(fired).toHaveLength(23);
    expect(fired.filter((f) => f.error !== undefined)).toEqual([]);
  });

  it("the day's trigger time used is kept through a save and reopen", async () => {
    const workbookPath = join(scratchDir(), "quota.xlsx");
    const { host } = await hourlyWork({ workbookPath });
    const used = host.triggerRuntime.used(host.clock.now());
    await host.save();
    host.close();
    const again = await LocalHost.open({ bundlePath, workbookPath, callLatencyMs: 1_000 });
    hosts.push(again);
    expect(again.triggerRuntime.used(again.clock.now())).toBe(used);
    const { fired } = await again.advanceTo(again.clock.now() + 30 * 60_000);
    expect(fired.every((f) => f.error === TOO_MUCH_COMPUTER_TIME)).toBe(true);
  });
});
