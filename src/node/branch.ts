/**
 * One branch workbook's job on Google's APIs: read the spreadsheet in two `spreadsheets.get` (the
 * rows in use, then those rows in full: sheets-model.ts `rangesOf`), run
 * the built bundle's own top-level function (closeMonth) on the local host over that workbook
 * model — the same dist/Code.js Apps Script runs, so every job has one implementation — then write
 * what the run changed in one `spreadsheets.batchUpdate` and send the mail it sent through Gmail.
 *
 * The seam (issue 12): all I/O happens before and after the synchronous run, never during it. The
 * bundle calls SpreadsheetApp synchronously thousands of times; `gas-fakes` makes each such call
 * synchronous over the REST API by blocking on a worker thread (Atomics.wait on a SharedArrayBuffer,
 * formerly a child process), which costs one API request per call. Here the run's calls are served
 * by the in-memory model with its formula engine, so a close costs the same few requests whatever
 * it reads, and quotas stay far away.
 *
 * Idempotence: the write is one atomic batchUpdate of absolute cells, and it carries this host's
 * state for the branch (developer metadata, key `marketops.node-host`) stamped with a write id. A
 * retry after a failure without an answer first reads that metadata: if the id is there, the first
 * attempt took effect and nothing is written again. Mail goes after the write (a failed write sends
 * nothing), each message once (mail.ts).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { gmail_v1, sheets_v4 } from "googleapis";
import { sheetTemplate } from "../core/templates/catalog";
import { readRows, tableLayout } from "../core/templates/table";
import type { TableRecord } from "../core/templates/table";
import type { BranchRef, BranchRows } from "../core/hq/consolidate";
import { LocalHost } from "../local/host";
import type { OutboxMessage } from "../local/services/mail";
import type { Workbook } from "../local/spreadsheet/workbook";
import { messageIdOf, sendOnce } from "./mail";
import type { Mail, SentMail } from "./mail";
import type { ApiBudget } from "./quota";
import { baselineOf, EXTENT_FIELDS, extentsOf, rangesOf, READ_FIELDS, workbookIn, writeBackOf } from "./sheets-model";

/** The developer-metadata key of this host's state in a branch spreadsheet. */
export const HOST_STATE_KEY = "marketops.node-host";

/** What the Node host keeps per branch between runs (what Apps Script keeps in the project). */
export interface HostState {
  readonly version: 1;
  /** Script, document and user properties, as the local host exports them. */
  readonly properties: unknown;
  /** The last write this host made, for a retry to recognise. */
  readonly writeId: string;
  readonly lastRun: { readonly job: string; readonly at: number; readonly month: string | null; readonly outcome: string | null; readonly written: number; readonly mails: number } | null;
}

export interface GoogleClients {
  readonly sheets: sheets_v4.Sheets;
  readonly gmail: gmail_v1.Gmail;
}

export interface BranchJobOptions {
  /** The bundle's top-level function and its arguments. */
  readonly job: string;
  readonly args: readonly unknown[];
  /** Who runs it: the account the job acts as (domain-wide delegation's subject), the spreadsheet's owner to the script. */
  readonly actor: string;
  readonly now: number;
  readonly dryRun: boolean;
  readonly bundlePath?: string;
  /** Gmail's daily sending limit for the account, the quota MailApp.getRemainingDailyQuota reports to the script. */
  readonly mailQuota: number;
}

export interface BranchJobResult {
  readonly branch: BranchRef;
  /** What the bundle's function returned. */
  readonly value: unknown;
  /** The rows consolidation reads, from the workbook as the run left it (no second read; the model itself is let go). */
  readonly rows: BranchRows;
  /** Sheet names by id, to say where a dry run would write. */
  readonly sheetNames: ReadonlyMap<number, string>;
  readonly requests: sheets_v4.Schema$Request[];
  readonly cellsWritten: number;
  readonly mails: readonly (Mail & { readonly messageId: string })[];
  readonly sent: readonly SentMail[];
  /** True when a retried write found its first attempt had taken effect. */
  readonly writeFoundApplied: boolean;
}

function parseState(value: string | undefined): HostState | null {
  if (value === undefined) return null;
  try {
    const parsed = JSON.parse(value) as Partial<HostState>;
    return parsed.version === 1 ? (parsed as HostState) : null;
  } catch {
    return null;
  }
}

function mailOf(m: OutboxMessage): Mail {
  return { from: m.from, fromName: m.fromName, to: m.to, cc: m.cc, bcc: m.bcc, replyTo: m.replyTo, subject: m.subject, text: m.text, html: m.html, sentAt: m.sentAt };
}

/** Runs one job of the bundle for one branch workbook (see the file comment). */
export async function runBranchJob(google: GoogleClients, budget: ApiBudget, branch: BranchRef, options: BranchJobOptions): Promise<BranchJobResult> {
  const spreadsheetId = branch.spreadsheetId;
  // Two reads: the rows in use, then those rows and the empty row below them in full (rangesOf).
  const shape = await budget.call("sheets-read", `spreadsheets.get ${spreadsheetId} (rows in use)`, async () => (await google.sheets.spreadsheets.get({ spreadsheetId, includeGridData: true, fields: EXTENT_FIELDS })).data, { idempotent: true });
  const ranges = rangesOf(extentsOf(shape));
  const read = await budget.call("sheets-read", `spreadsheets.get ${spreadsheetId}`, async () => (await google.sheets.spreadsheets.get({ spreadsheetId, includeGridData: true, ranges, fields: READ_FIELDS })).data, { idempotent: true });
  const { workbook, metadata } = workbookIn(read, options.actor);
  const stored = metadata.get(HOST_STATE_KEY);
  const state = parseState(stored?.value);
  const baseline = baselineOf(workbook);
  const outDir = mkdtempSync(join(tmpdir(), "marketops-node-"));
  let host: LocalHost | undefined;
  try {
    host = await LocalHost.open({
      workbook,
      owner: options.actor,
      now: options.now,
      outDir,
      mailQuota: options.mailQuota,
      ...(options.bundlePath ? { bundlePath: options.bundlePath } : {}),
      ...(state ? { servicesState: { properties: state.properties } } : {}),
    });
    const result = await host.run(options.job, options.args, { as: options.actor });
    const change = writeBackOf(baseline, workbook);
    const messages = host.services.controllers.outbox.messages();
    const mails = messages.map((m) => {
      const mail = mailOf(m);
      return { ...mail, messageId: messageIdOf(spreadsheetId, mail) };
    });
    const report = (result.value ?? {}) as { month?: unknown; outcome?: unknown };
    const requests = [...change.requests];
    const writeId = createHash("sha256").update(JSON.stringify([spreadsheetId, options.now, requests, mails.map((m) => m.messageId)])).digest("hex").slice(0, 24);
    const next: HostState = {
      version: 1,
      properties: host.services.exportState().properties,
      writeId,
      lastRun: { job: options.job, at: options.now, month: typeof report.month === "string" ? report.month : null, outcome: typeof report.outcome === "string" ? report.outcome : null, written: change.cells, mails: mails.length },
    };
    requests.push(
      stored
        ? { updateDeveloperMetadata: { dataFilters: [{ developerMetadataLookup: { metadataId: stored.id } }], developerMetadata: { metadataValue: JSON.stringify(next) }, fields: "metadataValue" } }
        : { createDeveloperMetadata: { developerMetadata: { metadataKey: HOST_STATE_KEY, metadataValue: JSON.stringify(next), location: { spreadsheet: true }, visibility: "PROJECT" } } },
    );
    let writeFoundApplied = false;
    const sent: SentMail[] = [];
    if (!options.dryRun) {
      await budget.call(
        "sheets-write",
        `spreadsheets.batchUpdate ${spreadsheetId}`,
        async () => {
          await google.sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } });
          return true;
        },
        {
          idempotent: false,
          // The batch is atomic: either its write id is in the spreadsheet now, or nothing of it is.
          beforeRetry: async () => {
            const now = await budget.call("sheets-read", `spreadsheets.get ${spreadsheetId} (developerMetadata)`, async () => (await google.sheets.spreadsheets.get({ spreadsheetId, fields: "developerMetadata(metadataId,metadataKey,metadataValue)" })).data, { idempotent: true });
            const current = parseState((now.developerMetadata ?? []).find((m) => m.metadataKey === HOST_STATE_KEY)?.metadataValue ?? undefined);
            if (current?.writeId !== writeId) return null;
            writeFoundApplied = true;
            return { done: true };
          },
        },
      );
      for (const mail of mails) sent.push(await sendOnce(google.gmail, budget, mail, mail.messageId));
    }
    const rows: BranchRows = { results: modelRows(workbook, "monthly_results"), plans: modelRows(workbook, "plans"), actuals: modelRows(workbook, "actuals"), requests: modelRows(workbook, "requests") };
    const sheetNames = new Map(workbook.sheets.map((s) => [s.sheetId, s.name]));
    return { branch, value: result.value, rows, sheetNames, requests, cellsWritten: change.cells, mails, sent, writeFoundApplied };
  } finally {
    host?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** A template sheet's rows (by column key) from a workbook model, as the gas table adapter reads them; [] when the tab is missing. */
export function modelRows(workbook: Workbook, sheetKey: string): TableRecord[] {
  const sheet = workbook.sheet(sheetTemplate(sheetKey).tabName);
  if (!sheet) return [];
  const values = workbook.readValues(sheet, { row: 1, column: 1, numRows: Math.max(1, workbook.lastRow(sheet)), numColumns: Math.max(1, workbook.lastColumn(sheet)) });
  const layout = tableLayout(sheetTemplate(sheetKey), values[0] ?? []);
  return readRows(layout, values, workbook.timeZone).map((r) => r.values);
}
