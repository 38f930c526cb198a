/**
 * LockService for the local host, with real mutual exclusion. A lock is held by an execution (one
 * run of a bundle function; the host names it with `locks.beginExecution(id)`) and excludes other
 * executions in this process and, through a lock file next to the workbook, other processes using
 * the same workbook (the `serve` web app and a `submit` CLI run at the same time).
 *
 * Apps Script's Lock API is synchronous, so waits are synchronous too: the thread polls the lock
 * file, sleeping with `Atomics.wait`. A lock file is created atomically (`open(..., "wx")`) and
 * records its holder; one left by a dead process, or held longer than the 6-minute execution limit
 * (https://developers.google.com/apps-script/guides/services/quotas), is taken over. Locks are
 * "released automatically when the script terminates"
 * (https://developers.google.com/apps-script/reference/lock/lock#releaseLock()): the host calls
 * `locks.releaseAllHeldBy(executionId)` when each execution ends. Time spent waiting moves the
 * simulated clock forward by the same amount, as a blocked execution would see in Apps Script.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { emulated } from "../emulation";
import type { ServiceEnv } from "./env";
import { requireNumber } from "./values";

export interface LockServiceOptions {
  /**
   * The script lock's file, e.g. `<workbook>.lock`. The document lock uses `<file>.document` and each
   * user lock `<file>.user-<hash of the email>`. Without a path, locks exclude executions of this
   * process only.
   */
  readonly lockFilePath?: string;
  /** Whether the script is bound to a document; unbound scripts get `null` from getDocumentLock. Default true. */
  readonly containerBound?: boolean;
  /** Age after which another holder's lock file is considered abandoned. Default 6 min 30 s. */
  readonly staleAfterMs?: number;
  /** Real milliseconds between attempts while another process holds the lock. Default 25. */
  readonly pollMs?: number;
}

export interface LockHandle {
  hasLock(): boolean;
  releaseLock(): void;
  tryLock(timeoutInMillis: unknown): boolean;
  waitLock(timeoutInMillis: unknown): void;
}

export interface LockServiceGlobal {
  getDocumentLock(): LockHandle | null;
  getScriptLock(): LockHandle;
  getUserLock(): LockHandle;
}

export interface HeldLock {
  readonly lock: string;
  readonly executionId: string;
  readonly file: string | null;
}

export interface LockController {
  /** Names the execution whose calls follow; locks it acquires are held in its name. */
  beginExecution(executionId: string): void;
  currentExecution(): string;
  /** Releases every lock the execution still holds (Apps Script does this when a script terminates). */
  releaseAllHeldBy(executionId: string): void;
  /** Releases every lock held by this process (on shutdown). */
  releaseAll(): void;
  held(): HeldLock[];
}

/** What a lock file records about its holder. */
interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly executionId: string;
  /** Real epoch ms (lock files are shared with other processes, which do not share the simulated clock). */
  readonly acquiredAt: number;
}

/** https://developers.google.com/apps-script/reference/lock/lock#waitLock(Integer) throws this when the wait times out. */
export const LOCK_TIMEOUT_MESSAGE = "Lock timeout: another process was holding the lock for too long.";
const DEFAULT_STALE_AFTER_MS = 6.5 * 60_000;
const DEFAULT_POLL_MS = 25;

export function createLockService(
  env: ServiceEnv,
  options: LockServiceOptions = {},
): { LockService: LockServiceGlobal; locks: LockController } {
  const containerBound = options.containerBound ?? true;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const hostname = os.hostname();
  /** Lock name -> the execution of this process holding it. */
  const holders = new Map<string, string>();
  let execution = "main";

  function fileFor(lockName: string): string | null {
    const base = options.lockFilePath;
    if (!base) return null;
    if (lockName === "script") return base;
    if (lockName === "document") return `${base}.document`;
    return `${base}.user-${createHash("sha256").update(lockName).digest("hex").slice(0, 12)}`;
  }

  function acquire(lockName: string, timeoutMs: number): boolean {
    const holder = holders.get(lockName);
    if (holder === execution) return true;
    if (holder !== undefined) {
      // Another execution of this process holds it; nothing can release it while this thread blocks.
      env.clock.advance(timeoutMs);
      return false;
    }
    const file = fileFor(lockName);
    if (file === null) {
      holders.set(lockName, execution);
      return true;
    }
    const started = Date.now();
    for (;;) {
      if (createLockFile(file) || (takeOverIfStale(file) && createLockFile(file))) {
        holders.set(lockName, execution);
        env.clock.advance(Date.now() - started);
        return true;
      }
      const remaining = started + timeoutMs - Date.now();
      if (remaining <= 0) {
        env.clock.advance(Date.now() - started);
        return false;
      }
      sleepSync(Math.min(pollMs, remaining));
    }
  }

  function createLockFile(file: string): boolean {
    const record: LockRecord = { pid: process.pid, host: hostname, executionId: execution, acquiredAt: Date.now() };
    let fd: number;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fd = fs.openSync(file, "wx");
    } catch (error) {
      if (isErrno(error, "EEXIST")) return false;
      throw error;
    }
    try {
      fs.writeSync(fd, JSON.stringify(record));
    } finally {
      fs.closeSync(fd);
    }
    return true;
  }

  /** Removes `file` if its holder is gone or over the time limit; true if it was removed. */
  function takeOverIfStale(file: string): boolean {
    const seen = readLockFile(file);
    if (seen === undefined || !isStale(file, seen)) return false;
    // Move the file aside first so two processes recovering at once cannot delete a fresh lock.
    const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      fs.renameSync(file, aside);
    } catch (error) {
      if (isErrno(error, "ENOENT")) return true;
      throw error;
    }
    const moved = readLockFile(aside);
    if (moved !== undefined && moved.text !== seen.text) {
      // Someone replaced the stale lock before we moved it: put theirs back.
      try {
        fs.linkSync(aside, file);
      } catch (error) {
        if (!isErrno(error, "EEXIST")) throw error;
      }
      fs.rmSync(aside, { force: true });
      return false;
    }
    fs.rmSync(aside, { force: true });
    return true;
  }

  function isStale(file: string, seen: { text: string; record: LockRecord | null }): boolean {
    if (seen.record === null) {
      // Created but never written (its holder died in between), or not ours to read: go by age.
      const age = Date.now() - statMtime(file);
      return age > Math.min(staleAfterMs, 5_000);
    }
    if (Date.now() - seen.record.acquiredAt > staleAfterMs) return true;
    return seen.record.host === hostname && !processAlive(seen.record.pid);
  }

  function release(lockName: string, executionId: string): void {
    if (holders.get(lockName) !== executionId) return;
    holders.delete(lockName);
    const file = fileFor(lockName);
    if (file === null) return;
    const seen = readLockFile(file);
    if (seen?.record && seen.record.pid === process.pid && seen.record.executionId === executionId) {
      fs.rmSync(file, { force: true });
    }
  }

  function lockHandle(lockName: string): LockHandle {
    /** The execution in whose name this Lock object acquired, if it did. */
    let acquiredBy: string | null = null;
    const held = (): boolean => acquiredBy !== null && holders.get(lockName) === acquiredBy;
    return emulated(
      "Lock",
      {
        // https://developers.google.com/apps-script/reference/lock/lock#hasLock()
        hasLock: (): boolean => held(),
        // https://developers.google.com/apps-script/reference/lock/lock#releaseLock()
        // "has no effect if the lock has not been acquired".
        releaseLock(): void {
          if (acquiredBy !== null) release(lockName, acquiredBy);
          acquiredBy = null;
        },
        // https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)
        tryLock(timeoutInMillis: unknown): boolean {
          const timeout = Math.max(0, requireNumber(timeoutInMillis, "timeoutInMillis"));
          if (!acquire(lockName, timeout)) return false;
          acquiredBy = execution;
          return true;
        },
        // https://developers.google.com/apps-script/reference/lock/lock#waitLock(Integer)
        waitLock(timeoutInMillis: unknown): void {
          const timeout = Math.max(0, requireNumber(timeoutInMillis, "timeoutInMillis"));
          if (!acquire(lockName, timeout)) throw new Error(LOCK_TIMEOUT_MESSAGE);
          acquiredBy = execution;
        },
      },
      env.counter,
    );
  }

  const LockService: LockServiceGlobal = emulated(
    "LockService",
    {
      // https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()
      getDocumentLock: (): LockHandle | null => (containerBound ? lockHandle("document") : null),
      // https://developers.google.com/apps-script/reference/lock/lock-service#getScriptLock()
      getScriptLock: (): LockHandle => lockHandle("script"),
      // https://developers.google.com/apps-script/reference/lock/lock-service#getUserLock()
      getUserLock: (): LockHandle => lockHandle(`user:${env.session.effectiveUserEmail}`),
    },
    env.counter,
  );

  const locks: LockController = {
    beginExecution(executionId: string): void {
      execution = executionId;
    },
    currentExecution: () => execution,
    releaseAllHeldBy(executionId: string): void {
      for (const [lockName, holder] of [...holders]) if (holder === executionId) release(lockName, holder);
    },
    releaseAll(): void {
      for (const [lockName, holder] of [...holders]) release(lockName, holder);
    },
    held: () => [...holders].map(([lock, executionId]) => ({ lock, executionId, file: fileFor(lock) })),
  };

  return { LockService, locks };
}

function readLockFile(file: string): { text: string; record: LockRecord | null } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (isErrno(error, "ENOENT")) return undefined;
    throw error;
  }
  return { text, record: parseRecord(text) };
}

function parseRecord(text: string): LockRecord | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== "object") return null;
    const r = value as Record<string, unknown>;
    if (typeof r.pid !== "number" || typeof r.host !== "string" || typeof r.executionId !== "string" || typeof r.acquiredAt !== "number") {
      return null;
    }
    return { pid: r.pid, host: r.host, executionId: r.executionId, acquiredAt: r.acquiredAt };
  } catch {
    return null;
  }
}

function statMtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isErrno(error, "ESRCH");
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` real milliseconds (the Lock API is synchronous). */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
