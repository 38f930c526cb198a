/**
 * The local host keeps what it writes (issue 10 §5): a save killed at any instant leaves a pair
 * that opens, a torn pair is reported naming the files, damaged or missing files give a clear
 * bilingual error without a stack trace, and several processes on one workbook (CLI commands and
 * the web app) never lose each other's writes.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalHost } from "../../src/local/host";
import { previousPairOf, sidecarPathOf, WorkbookFileError } from "../../src/local/persistence";
import { scratchDir } from "../bundle/helpers";

const ROOT = resolve(import.meta.dirname, "../..");
const bundlePath = join(import.meta.dirname, "../fixtures/keeper/Code.js");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const START = Date.parse("2026-03-02T08:30:00+08:00");
const hosts: LocalHost[] = [];

async function keeper(workbookPath?: string): Promise<LocalHost> {
  const host = await LocalHost.open({ bundlePath, now: START, owner: "owner@example.com", outDir: scratchDir(), ...(workbookPath ? { workbookPath } : {}) });
  hosts.push(host);
  return host;
}

afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
});

interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[]): Promise<ChildResult> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [join(ROOT, "src/local/cli.ts"), ...args, "--bundle", bundlePath], { cwd: ROOT, env: { ...process.env, TZ: "UTC" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

async function installedKeeper(): Promise<string> {
  const workbookPath = join(scratchDir(), "keeper.xlsx");
  const host = await keeper(workbookPath);
  await host.run("setUp");
  await host.save();
  host.close();
  return workbookPath;
}

function logDetails(host: LocalHost): string[] {
  return host.spreadsheet.read("Log", "A2:B200").filter((r) => r[0] !== "").map((r) => `${String(r[0])}:${String(r[1])}`);
}

/** A stack trace line as node prints one. */
const STACK_LINE = /^\s+at .+[:(]/m;

describe("a save killed at any instant", () => {
  it("kill -9 during a save of a large workbook leaves a pair that opens with the last reported save", async () => {
    const dir = scratchDir();
    const workbookPath = join(dir, "bulk.xlsx");
    // After the first save, kill at the n-th change the next save makes in the directory: as it
    // opens the first file, while it writes, around the renames.
    for (const nth of [1, 3, 8, 20]) {
      // node itself with tsx's loader (not the tsx CLI, which runs the script in a grandchild the kill would miss).
      const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "children/save-loop.ts"), workbookPath, "4000"], { cwd: ROOT });
      let lastSaved = 0;
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const closed = new Promise<void>((done) => child.on("close", () => done()));
      let watcher: FSWatcher | undefined;
      await new Promise<void>((done, fail) => {
        child.stdout.on("data", (d: Buffer) => {
          for (const m of d.toString().matchAll(/saved (\d+)/g)) {
            if (lastSaved === 0) {
              let seen = 0;
              watcher = watch(dir, () => {
                if (++seen === nth) {
                  child.kill("SIGKILL");
                  done();
                }
              });
            }
            lastSaved = Number(m[1]);
          }
        });
        child.on("close", (code) => (code !== null ? fail(new Error(`save-loop ended by itself (${code}): ${stderr}`)) : undefined));
      });
      await closed;
      watcher?.close();
      expect(lastSaved).toBeGreaterThan(0);
      const host = await keeper(workbookPath);
      const round = Number(host.spreadsheet.read("Bulk", "A1")[0]?.[0]);
      // Every save the child reported is on disk; at most the one it was killed in is not.
      expect(round).toBeGreaterThanOrEqual(lastSaved);
      expect(host.spreadsheet.read("Bulk", "A4001")).toEqual([["行 3999 列 0 text"]]);
      host.close();
    }
  }, 280_000);

  it("a torn pair (sidecar of one save, workbook of another) is reported naming both files and the previous pair, which still opens", async () => {
    const workbookPath = join(scratchDir(), "torn.xlsx");
    const host = await keeper(workbookPath);
    await host.run("setUp");
    await host.save();
    const firstSidecar = `${workbookPath}.first.json`;
    copyFileSync(sidecarPathOf(workbookPath), firstSidecar);
    await host.run("writeText", [10]);
    await host.save();
    host.close();
    // As a crash between the two renames would leave it: a sidecar and a workbook of different saves.
    copyFileSync(firstSidecar, sidecarPathOf(workbookPath));

    const opened = keeper(workbookPath);
    await expect(opened).rejects.toBeInstanceOf(WorkbookFileError);
    const error = (await opened.catch((e: unknown) => e)) as WorkbookFileError;
    expect(error.kind).toBe("torn");
    const prev = previousPairOf(workbookPath);
    expect(error.files).toEqual([workbookPath, sidecarPathOf(workbookPath), prev.workbook, prev.sidecar]);
    expect(error.message).toContain("不是同一次保存写的");
    expect(error.message).toContain("were not written by the same save");
    expect(error.message).toContain(prev.workbook);

    // The previous good pair (the first save) opens as it was.
    const restored = await keeper(prev.workbook);
    expect(restored.spreadsheet.read("Log", "A1:B1")).toEqual([["event", "detail"]]);
    expect(restored.spreadsheet.read("Log", "C1")).toEqual([[""]]);
  });
});

describe("damaged or missing files", () => {
  it("a truncated sidecar gives a bilingual error naming it, exit 1, no stack trace (--debug shows one)", async () => {
    const workbookPath = await installedKeeper();
    const sidecarPath = sidecarPathOf(workbookPath);
    const text = readFileSync(sidecarPath, "utf8");
    writeFileSync(sidecarPath, text.slice(0, Math.floor(text.length / 2)));

    const result = await cli(["status", "--workbook", workbookPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(sidecarPath);
    expect(result.stderr).toContain("附属文件");
    expect(result.stderr).toContain("is damaged (not complete JSON");
    expect(result.stderr).not.toMatch(STACK_LINE);

    const debug = await cli(["status", "--workbook", workbookPath, "--debug"]);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(STACK_LINE);
  }, 60_000);

  it("a wrong-shaped sidecar (valid JSON, wrong fields) names the file and the field", async () => {
    const workbookPath = await installedKeeper();
    const sidecarPath = sidecarPathOf(workbookPath);
    const sidecar = JSON.parse(readFileSync(sidecarPath, "utf8")) as { spreadsheet: { sheets: { maxRows: unknown }[] } };
    const first = sidecar.spreadsheet.sheets[0];
    if (first) first.maxRows = "many";
    writeFileSync(sidecarPath, JSON.stringify(sidecar));
    const error = (await keeper(workbookPath).catch((e: unknown) => e)) as WorkbookFileError;
    expect(error).toBeInstanceOf(WorkbookFileError);
    expect(error.message).toContain(sidecarPath);
    expect(error.message).toContain("spreadsheet.sheets[0].maxRows is not a number");

    writeFileSync(sidecarPath, "[1, 2, 3]");
    const result = await cli(["status", "--workbook", workbookPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the sidecar ${sidecarPath} is not in the shape the local host writes (not a JSON object)`);
    expect(result.stderr).not.toMatch(STACK_LINE);
  }, 60_000);

  it("a zero-length workbook is reported by name, with the previous pair", async () => {
    const workbookPath = await installedKeeper();
    const again = await keeper(workbookPath);
    await again.save();
    again.close();
    writeFileSync(workbookPath, "");
    const error = (await keeper(workbookPath).catch((e: unknown) => e)) as WorkbookFileError;
    expect(error).toBeInstanceOf(WorkbookFileError);
    expect(error.message).toContain(`the workbook ${workbookPath} cannot be read (0 bytes, an empty file)`);
    expect(error.message).toContain(previousPairOf(workbookPath).workbook);
  });

  it("status on a missing workbook path refuses, names the path, and creates nothing", async () => {
    const workbookPath = join(scratchDir(), "nowhere", "missing.xlsx");
    const result = await cli(["status", "--workbook", workbookPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`没有工作簿 ${workbookPath}`);
    expect(result.stderr).toContain(`there is no workbook at ${workbookPath}`);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout).toBe("");
    expect(existsSync(workbookPath)).toBe(false);
    expect(existsSync(sidecarPathOf(workbookPath))).toBe(false);
  }, 60_000);
});

describe("several processes on one workbook", () => {
  it("6 parallel CLI submits on one workbook: every reported success survives", async () => {
    const workbookPath = await installedKeeper();
    const dir = resolve(workbookPath, "..");
    const names = Array.from({ length: 6 }, (_, i) => `申请人${i + 1}`);
    const results = await Promise.all(
      names.map((name, i) => {
        const answers = join(dir, `answers-${i}.json`);
        writeFileSync(answers, JSON.stringify({ Name: name }));
        return cli(["submit", "Note", answers, "--workbook", workbookPath, "--wait", "200"]).then((r) => ({ name, ...r }));
      }),
    );
    const succeeded = results.filter((r) => r.code === 0 && r.stdout.includes("response recorded")).map((r) => r.name);
    const busy = results.filter((r) => r.code === 75);
    for (const r of busy) expect(r.stderr).toContain("is busy");
    expect(succeeded.length + busy.length, results.map((r) => r.stderr).join("\n")).toBe(6);
    expect(succeeded.length).toBeGreaterThan(0);

    const host = await keeper(workbookPath);
    const submitted = logDetails(host).filter((d) => d.startsWith("submit:")).map((d) => d.slice("submit:".length));
    expect(submitted.sort()).toEqual([...succeeded].sort());
    expect(host.spreadsheet.read("Form Responses 1", "B2:B20").flat().filter((v) => v !== "").sort()).toEqual([...succeeded].sort());
  }, 300_000);

  it("a busy workbook gets a bilingual busy, retry after a bounded wait", async () => {
    const workbookPath = await installedKeeper();
    const held = await LocalHost.withWorkbook({ bundlePath, workbookPath }, "test", async () => cli(["status", "--workbook", workbookPath, "--wait", "1"]));
    expect(held.code).toBe(75);
    expect(held.stderr).toContain("正被另一个进程使用");
    expect(held.stderr).toContain(`the workbook ${workbookPath} is busy`);
    expect(held.stderr).toContain("retry");
    expect(held.stderr).not.toMatch(STACK_LINE);
  }, 60_000);

  it("serve does not overwrite a submit another process saved while it runs", async () => {
    const workbookPath = await installedKeeper();
    const host = await keeper(workbookPath);
    const server = await host.serve(0);
    try {
      const post = (x: string) => fetch(server.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `x=${x}` });
      expect((await post("first")).status).toBe(200);
      const dir = resolve(workbookPath, "..");
      writeFileSync(join(dir, "a.json"), JSON.stringify({ Name: "王芳" }));
      const submitted = await cli(["submit", "Note", join(dir, "a.json"), "--workbook", workbookPath]);
      expect(submitted.code, submitted.stderr).toBe(0);
      expect((await post("second")).status).toBe(200);
    } finally {
      await server.close();
      server.host().close();
    }
    const reopened = await keeper(workbookPath);
    expect(logDetails(reopened)).toEqual(["web:first", "submit:王芳", "web:second"]);
  }, 120_000);
});
