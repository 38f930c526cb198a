/**
 * LockService gives real mutual exclusion: between executions of one host, and between processes
 * sharing a workbook through its lock file (a `serve` web app and a `submit` CLI run at once).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/local/clock";
import { Realm, ServiceCounter } from "../../src/local/emulation";
import type { ServiceEnv } from "../../src/local/services/env";
import { createLockService } from "../../src/local/services/lock";

const START = Date.UTC(2024, 4, 1, 1, 0);
const TIMEOUT_TEXT = "Lock timeout: another process was holding the lock for too long.";

function makeEnv(): ServiceEnv {
  return {
    counter: new ServiceCounter(),
    realm: new Realm(vm.createContext({})),
    clock: new SimulatedClock(START),
    scriptTimeZone: "Asia/Shanghai",
    session: { activeUserEmail: "li.wei@example.com", effectiveUserEmail: "owner@example.com" },
    outDir: fs.mkdtempSync(path.join(os.tmpdir(), "mo-lock-")),
  };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
});

/** A separate process that holds `file` the way another local host would, until its stdin closes. */
function holdInAnotherProcess(file: string): Promise<ChildProcess> {
  const script = `
    const fs = require("node:fs");
    const fd = fs.openSync(${JSON.stringify(file)}, "wx");
    fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: require("node:os").hostname(), executionId: "submit-cli", acquiredAt: Date.now() }));
    fs.closeSync(fd);
    process.stdout.write("locked\\n");
    process.stdin.on("end", () => { fs.rmSync(${JSON.stringify(file)}, { force: true }); process.exit(0); });
    process.stdin.resume();
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", () => resolve(child));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

describe("LockService", () => {
  it("makes another execution's tryLock fail and its waitLock throw while the script lock is held, until the holder's execution ends", () => {
    const env = makeEnv();
    const { LockService, locks } = createLockService(env);

    locks.beginExecution("onFormSubmit#1");
    const first = LockService.getScriptLock();
    expect(first.tryLock(1000)).toBe(true);
    expect(first.hasLock()).toBe(true);

    locks.beginExecution("doPost#2");
    const second = LockService.getScriptLock();
    expect(second.tryLock(500)).toBe(false);
    expect(second.hasLock()).toBe(false);
    expect(() => second.waitLock(30_000)).toThrow(TIMEOUT_TEXT);
    // The blocked execution saw its wait pass on the simulated clock.
    expect(env.clock.now()).toBe(START + 500 + 30_000);

    locks.releaseAllHeldBy("onFormSubmit#1");
    expect(first.hasLock()).toBe(false);
    expect(second.tryLock(0)).toBe(true);
    expect(locks.held()).toEqual([{ lock: "script", executionId: "doPost#2", file: null }]);
  });

  it("keeps script, document and per-user locks apart, and releaseLock only frees what it acquired", () => {
    const env = makeEnv();
    const { LockService, locks } = createLockService(env);
    locks.beginExecution("a");
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
    locks.beginExecution("b");
    expect(LockService.getDocumentLock()?.tryLock(0)).toBe(true);
    expect(LockService.getUserLock().tryLock(0)).toBe(true);
    env.session.effectiveUserEmail = "someone.else@example.com";
    locks.beginExecution("c");
    expect(LockService.getUserLock().tryLock(0)).toBe(true);
    const notMine = LockService.getScriptLock();
    notMine.releaseLock();
    expect(notMine.tryLock(0)).toBe(false);
  });

  it("excludes another process holding the workbook's lock file, then acquires once that process lets go", async () => {
    const env = makeEnv();
    const lockFile = path.join(env.outDir, "book.xlsx.lock");
    const { LockService, locks } = createLockService(env, { lockFilePath: lockFile, pollMs: 10 });

    const other = await holdInAnotherProcess(lockFile);
    locks.beginExecution("serve#1");
    const lock = LockService.getScriptLock();
    expect(lock.tryLock(60)).toBe(false);
    expect(() => lock.waitLock(40)).toThrow(TIMEOUT_TEXT);

    const exited = new Promise((resolve) => other.once("exit", resolve));
    other.stdin?.end();
    await exited;
    expect(lock.tryLock(1000)).toBe(true);
    expect(JSON.parse(fs.readFileSync(lockFile, "utf8"))).toMatchObject({ pid: process.pid, executionId: "serve#1" });

    locks.releaseAllHeldBy("serve#1");
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it("takes over a lock file left by a process that died", () => {
    const env = makeEnv();
    const lockFile = path.join(env.outDir, "book.xlsx.lock");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    fs.writeFileSync(lockFile, JSON.stringify({ pid: Number(dead.stdout), host: os.hostname(), executionId: "crashed", acquiredAt: Date.now() }));

    const { LockService } = createLockService(env, { lockFilePath: lockFile });
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(JSON.parse(fs.readFileSync(lockFile, "utf8"))).toMatchObject({ pid: process.pid });
  });
});
