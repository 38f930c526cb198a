/**
 * How the local host keeps a workbook on disk: the `.xlsx` and its sidecar `<name>.host.json` are
 * one pair, written so that a crash at any instant (even `kill -9`) leaves a readable pair, and
 * guarded by a workbook lock so two processes never both load, change and save the same pair.
 *
 * - **Atomic pair.** A save writes both files to temporaries, fsyncs them, keeps the current pair
 *   as `<name>.prev.xlsx` / `<name>.prev.host.json` (hard links, so no copy), then renames the
 *   sidecar and then the `.xlsx` into place and fsyncs the directory. Both carry the same
 *   generation id (the sidecar's `generation`, the `.xlsx`'s keywords property), so a pair torn by
 *   a crash between the two renames is detected on load and reported, naming the files and the
 *   previous good pair.
 * - **Workbook lock.** `<workbook>.busy` is created atomically (`open(…, "wx")`) and names its
 *   holder's pid; a CLI command holds it from load to save, the web app for each request. A lock
 *   left by a dead process is taken over. A second process waits a bounded time, then gets a
 *   bilingual "busy, retry".
 * - **Clear errors.** A missing, truncated or wrong-shaped file is a `WorkbookFileError` naming the
 *   file, in both languages; the CLI prints it without a stack trace.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { both, type Bilingual } from "../core/i18n";

/** A problem with the files of a workbook that a person can act on; the message names the files, in zh and en. */
export class WorkbookFileError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly files: readonly string[],
    readonly kind: "missing" | "unreadable" | "torn" | "busy",
  ) {
    super(both(text));
    this.name = "WorkbookFileError";
  }
}

export function sidecarPathOf(workbookPath: string): string {
  return `${workbookPath.replace(/\.xlsx$/i, "")}.host.json`;
}

/** The previous good pair a save keeps: `<name>.prev.xlsx` and `<name>.prev.host.json`. */
export function previousPairOf(workbookPath: string): { workbook: string; sidecar: string } {
  const base = workbookPath.replace(/\.xlsx$/i, "");
  return { workbook: `${base}.prev.xlsx`, sidecar: `${base}.prev.host.json` };
}

export function newGeneration(): string {
  return `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
}

/** What the `.xlsx`'s keywords property holds: the pair's generation id. */
const GENERATION_PREFIX = "marketops-generation:";

export function generationKeywords(generation: string): string {
  return `${GENERATION_PREFIX}${generation}`;
}

export function generationOfKeywords(keywords: string | undefined): string | undefined {
  if (!keywords) return undefined;
  const found = keywords.split(/[\s,;]+/).find((k) => k.startsWith(GENERATION_PREFIX));
  return found?.slice(GENERATION_PREFIX.length);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Reads and parses a sidecar; a file that is not JSON (truncated, empty) is a WorkbookFileError naming it. */
export function readSidecarJson(sidecarPath: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(sidecarPath, "utf8");
  } catch (error) {
    throw new WorkbookFileError(
      { zh: `无法读取附属文件 ${sidecarPath}：${errorText(error)}`, en: `cannot read the sidecar ${sidecarPath}: ${errorText(error)}` },
      [sidecarPath],
      "unreadable",
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WorkbookFileError(
      {
        zh: `附属文件 ${sidecarPath} 已损坏（${text.length === 0 ? "空文件" : "不是完整的 JSON"}：${errorText(error)}）。${restoreHintZh(sidecarPath)}`,
        en: `the sidecar ${sidecarPath} is damaged (${text.length === 0 ? "empty" : "not complete JSON"}: ${errorText(error)}). ${restoreHintEn(sidecarPath)}`,
      },
      [sidecarPath],
      "unreadable",
    );
  }
}

/** A sidecar whose shape is wrong: names the file and the first field that is wrong. */
export function wrongShape(sidecarPath: string, problem: string): WorkbookFileError {
  return new WorkbookFileError(
    {
      zh: `附属文件 ${sidecarPath} 的内容不是本地主机写的格式（${problem}）。${restoreHintZh(sidecarPath)}`,
      en: `the sidecar ${sidecarPath} is not in the shape the local host writes (${problem}). ${restoreHintEn(sidecarPath)}`,
    },
    [sidecarPath],
    "unreadable",
  );
}

export function unreadableWorkbook(workbookPath: string, error: unknown, sidecarPath?: string): WorkbookFileError {
  const size = fileSize(workbookPath);
  const why = size === 0 ? { zh: "0 字节，空文件", en: "0 bytes, an empty file" } : { zh: errorText(error), en: errorText(error) };
  const withSidecar = sidecarPath !== undefined && size !== 0;
  return new WorkbookFileError(
    {
      zh: `工作簿 ${workbookPath}${withSidecar ? `（及其附属文件 ${sidecarPath}）` : ""} 无法读取（${why.zh}）。${restoreHintZh(workbookPath)}`,
      en: `the workbook ${workbookPath}${withSidecar ? ` (with its sidecar ${sidecarPath})` : ""} cannot be read (${why.en}). ${restoreHintEn(workbookPath)}`,
    },
    [workbookPath, ...(withSidecar ? [sidecarPath] : [])],
    "unreadable",
  );
}

export function missingWorkbook(workbookPath: string): WorkbookFileError {
  return new WorkbookFileError(
    {
      zh: `没有工作簿 ${workbookPath}：请先运行 \`npm run local -- install --workbook ${workbookPath}\`，或用 --workbook 指定已有的工作簿`,
      en: `there is no workbook at ${workbookPath}: run \`npm run local -- install --workbook ${workbookPath}\` first, or name an existing one with --workbook`,
    },
    [workbookPath],
    "missing",
  );
}

export function sidecarWithoutWorkbook(workbookPath: string, sidecarPath: string): WorkbookFileError {
  return new WorkbookFileError(
    {
      zh: `附属文件 ${sidecarPath} 存在，但工作簿 ${workbookPath} 不存在（保存被中断？）。${restoreHintZh(workbookPath)}`,
      en: `the sidecar ${sidecarPath} exists but the workbook ${workbookPath} does not (an interrupted save?). ${restoreHintEn(workbookPath)}`,
    },
    [workbookPath, sidecarPath],
    "torn",
  );
}

export function tornPair(workbookPath: string, sidecarPath: string, workbookGeneration: string, sidecarGeneration: string): WorkbookFileError {
  const prev = previousPairOf(workbookPath);
  const kept = fs.existsSync(prev.workbook) && fs.existsSync(prev.sidecar);
  return new WorkbookFileError(
    {
      zh:
        `工作簿 ${workbookPath}（版本 ${workbookGeneration}）与附属文件 ${sidecarPath}（版本 ${sidecarGeneration}）不是同一次保存写的：保存在两次改名之间被中断。` +
        (kept ? `上一对完好的文件保留为 ${prev.workbook} 和 ${prev.sidecar}；把它们改回原名即可恢复。` : "没有保留上一对文件。"),
      en:
        `the workbook ${workbookPath} (generation ${workbookGeneration}) and the sidecar ${sidecarPath} (generation ${sidecarGeneration}) were not written by the same save: a save was interrupted between its two renames. ` +
        (kept ? `The previous good pair is kept as ${prev.workbook} and ${prev.sidecar}; rename them back to restore it.` : "No previous pair was kept."),
    },
    [workbookPath, sidecarPath, ...(kept ? [prev.workbook, prev.sidecar] : [])],
    "torn",
  );
}

function restoreHintZh(file: string): string {
  const prev = previousPairOf(file.endsWith(".host.json") ? `${file.slice(0, -".host.json".length)}.xlsx` : file);
  return fs.existsSync(prev.workbook) && fs.existsSync(prev.sidecar) ? `上一次保存的文件保留为 ${prev.workbook} 和 ${prev.sidecar}。` : "";
}

function restoreHintEn(file: string): string {
  const prev = previousPairOf(file.endsWith(".host.json") ? `${file.slice(0, -".host.json".length)}.xlsx` : file);
  return fs.existsSync(prev.workbook) && fs.existsSync(prev.sidecar) ? `The previous save is kept as ${prev.workbook} and ${prev.sidecar}.` : "";
}

function fileSize(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch {
    return undefined;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Temporary names in the same directory (rename is atomic only within one file system). */
export function temporaryPathsOf(workbookPath: string, generation: string): { workbook: string; sidecar: string } {
  const dir = path.dirname(workbookPath);
  const base = path.basename(workbookPath).replace(/\.xlsx$/i, "");
  return { workbook: path.join(dir, `.${base}.${generation}.saving.xlsx`), sidecar: path.join(dir, `.${base}.${generation}.saving.host.json`) };
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the renames are still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Puts a fully written, fsynced pair of temporaries in place: keeps the current pair as the
 * previous one (hard links, or copies where links are refused), then renames the sidecar and then
 * the workbook, and fsyncs the directory. A crash before the first rename leaves the old pair; one
 * between the renames leaves a torn pair that load reports, with the previous pair beside it.
 */
export function commitPair(workbookPath: string, sidecarPath: string, temporary: { workbook: string; sidecar: string }): void {
  const prev = previousPairOf(workbookPath);
  if (fs.existsSync(workbookPath) && fs.existsSync(sidecarPath)) {
    for (const [from, to] of [[workbookPath, prev.workbook], [sidecarPath, prev.sidecar]] as const) {
      fs.rmSync(to, { force: true });
      try {
        fs.linkSync(from, to);
      } catch {
        fs.copyFileSync(from, to);
      }
    }
  }
  fs.renameSync(temporary.sidecar, sidecarPath);
  fs.renameSync(temporary.workbook, workbookPath);
  fsyncDirectory(path.dirname(workbookPath));
}

/** Removes temporaries a killed save left behind (never those of a save still running elsewhere: the lock excludes that). */
export function removeStaleTemporaries(workbookPath: string): void {
  const dir = path.dirname(workbookPath);
  const base = path.basename(workbookPath).replace(/\.xlsx$/i, "");
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(`.${base}.`) && /\.saving\.(xlsx|host\.json)$/.test(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The workbook lock

export interface WorkbookLock {
  readonly file: string;
  release(): void;
}

export interface WorkbookLockOptions {
  /** How long to wait for another process to finish, in real ms. Default 60 000. */
  readonly waitMs?: number;
  /** Real ms between attempts. Default 50. */
  readonly pollMs?: number;
}

interface BusyRecord {
  readonly pid: number;
  readonly host: string;
  readonly since: number;
  readonly command: string;
}

export function workbookLockPathOf(workbookPath: string): string {
  return `${workbookPath}.busy`;
}

/**
 * Takes the workbook lock, waiting up to `waitMs` for another process to release it; a lock whose
 * holder is dead is taken over. Throws a bilingual "busy, retry" WorkbookFileError when the wait
 * runs out.
 */
export async function acquireWorkbookLock(workbookPath: string, command: string, options: WorkbookLockOptions = {}): Promise<WorkbookLock> {
  const file = workbookLockPathOf(workbookPath);
  const waitMs = options.waitMs ?? 60_000;
  const pollMs = options.pollMs ?? 50;
  const started = Date.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    if (tryCreate(file, command) || (takeOverIfAbandoned(file) && tryCreate(file, command))) {
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          const record = readBusy(file);
          if (record?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    }
    if (Date.now() - started >= waitMs) {
      const holder = readBusy(file);
      const who = holder ? `pid ${holder.pid}, ${holder.command}` : "?";
      throw new WorkbookFileError(
        {
          zh: `工作簿 ${workbookPath} 正被另一个进程使用（${who}），等待 ${Math.round(waitMs / 1000)} 秒后仍未释放；请稍后重试`,
          en: `the workbook ${workbookPath} is busy: another process is using it (${who}) and did not finish within ${Math.round(waitMs / 1000)} s; retry shortly`,
        },
        [workbookPath, file],
        "busy",
      );
    }
    await new Promise((done) => setTimeout(done, pollMs + Math.floor(Math.random() * pollMs)));
  }
}

function tryCreate(file: string, command: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, "wx");
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    const record: BusyRecord = { pid: process.pid, host: os.hostname(), since: Date.now(), command };
    fs.writeSync(fd, JSON.stringify(record));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readBusy(file: string): BusyRecord | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<BusyRecord>;
    return typeof value.pid === "number" && typeof value.host === "string" ? (value as BusyRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the lock file if its holder is a dead process on this machine (or it was never written and is old). */
function takeOverIfAbandoned(file: string): boolean {
  const record = readBusy(file);
  let abandoned: boolean;
  if (record === undefined) {
    let age = 0;
    try {
      age = Date.now() - fs.statSync(file).mtimeMs;
    } catch {
      return true;
    }
    abandoned = age > 5_000;
  } else {
    abandoned = record.host === os.hostname() && record.pid !== process.pid && !alive(record.pid);
  }
  if (!abandoned) return false;
  // Move it aside first, so two processes recovering at once cannot remove a fresh lock.
  const aside = `${file}.abandoned-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return true;
  }
  const moved = readBusy(aside);
  if (record && moved && moved.pid !== record.pid) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // someone else holds it now
    }
    fs.rmSync(aside, { force: true });
    return false;
  }
  fs.rmSync(aside, { force: true });
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !(error instanceof Error && (error as NodeJS.ErrnoException).code === "ESRCH");
  }
}
