/**
 * A loopback HTTP server speaking the subset of the Google Sheets API v4 and Gmail API v1 the Node
 * host uses, so the real `googleapis` client (pointed here with `rootUrl`) can be tested without
 * Google. Each spreadsheet is a workbook of the local host's model (src/local/spreadsheet), so the
 * same formulas evaluate as in an Apps Script run on the local host.
 *
 * Sheets: `spreadsheets.get` (grid data, top-level field masks), `spreadsheets.batchUpdate`
 * (updateCells with `start` or `range`, updateSheetProperties, addSheet, create/updateDeveloperMetadata;
 * checked whole before anything is applied, as Google applies a batch atomically), and
 * `spreadsheets.values.batchGet` of whole sheets. Gmail: `users.messages.send` and
 * `users.messages.list` with `q=rfc822msgid:`. Anything else is answered 400/404, loudly.
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate
 * https://developers.google.com/gmail/api/reference/rest/v1/users.messages
 *
 * Faults: `fault` decides per request whether to answer 429 or 503, or to drop the connection
 * before acting or after acting (the answer never arrives: the client cannot know which).
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { sheets_v4 } from "googleapis";
import type { ProtectionData } from "../../src/local/spreadsheet/cells";
import type { SheetModel } from "../../src/local/spreadsheet/sheetModel";
import type { Workbook } from "../../src/local/spreadsheet/workbook";
import { applyParts, cellOut, partsOfFields } from "../../src/node/sheets-model";

export type Fault = { readonly status: 429 | 503 } | "drop-before" | "drop-after";

export interface FaultQuery {
  /** e.g. `sheets.get`, `sheets.batchUpdate`, `sheets.values.batchGet`, `gmail.send`, `gmail.list`. */
  readonly method: string;
  /** 1-based count of requests of this method so far (this one included). */
  readonly n: number;
  readonly spreadsheetId?: string;
}

export interface StoredMessage {
  readonly id: string;
  readonly raw: Buffer;
  readonly messageId: string;
}

interface Metadata {
  metadataId: number;
  metadataKey: string;
  metadataValue: string;
  visibility: string;
}

interface Book {
  readonly workbook: Workbook;
  readonly metadata: Metadata[];
}

export class FakeGoogle {
  private readonly books = new Map<string, Book>();
  readonly sent: StoredMessage[] = [];
  /** Every request answered or dropped, by method. */
  readonly calls = new Map<string, number>();
  readonly faultsDone: { method: string; fault: string }[] = [];
  fault: (query: FaultQuery) => Fault | null = () => null;
  private nextMetadataId = 1;
  private server = createServer((req, res) => void this.handle(req, res));
  url = "";

  addSpreadsheet(workbook: Workbook, metadata: readonly { key: string; value: string }[] = []): void {
    this.books.set(workbook.id, { workbook, metadata: metadata.map((m) => ({ metadataId: this.nextMetadataId++, metadataKey: m.key, metadataValue: m.value, visibility: "PROJECT" })) });
  }

  workbook(id: string): Workbook {
    const book = this.books.get(id);
    if (!book) throw new Error(`no spreadsheet ${id}`);
    return book.workbook;
  }

  metadata(id: string, key: string): string | undefined {
    return this.books.get(id)?.metadata.find((m) => m.metadataKey === key)?.metadataValue;
  }

  async start(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, "127.0.0.1", done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = this.route(req.method ?? "GET", url.pathname);
    if (!route) return reply(res, 404, { error: { code: 404, message: `not served by the fake: ${req.method} ${url.pathname}`, status: "NOT_FOUND" } });
    const n = (this.calls.get(route.method) ?? 0) + 1;
    this.calls.set(route.method, n);
    const fault = this.fault({ method: route.method, n, ...(route.spreadsheetId ? { spreadsheetId: route.spreadsheetId } : {}) });
    if (fault) this.faultsDone.push({ method: route.method, fault: typeof fault === "string" ? fault : String(fault.status) });
    if (fault === "drop-before") return void req.socket.destroy();
    if (fault && typeof fault === "object") {
      return reply(res, fault.status, { error: { code: fault.status, message: fault.status === 429 ? "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user'" : "The service is currently unavailable.", status: fault.status === 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE" } });
    }
    let answer: { status: number; body: unknown };
    try {
      answer = route.run(url, body ? (JSON.parse(body) as unknown) : undefined);
    } catch (error) {
      answer = { status: 400, body: { error: { code: 400, message: error instanceof Error ? error.message : String(error), status: "INVALID_ARGUMENT" } } };
    }
    if (fault === "drop-after") return void req.socket.destroy();
    reply(res, answer.status, answer.body);
  }

  private route(method: string, path: string): { method: string; spreadsheetId?: string; run: (url: URL, body: unknown) => { status: number; body: unknown } } | null {
    let m = /^\/v4\/spreadsheets\/([^/:]+)$/.exec(path);
    if (m && method === "GET") {
      const id = decodeURIComponent(m[1] ?? "");
      return { method: "sheets.get", spreadsheetId: id, run: (url) => ({ status: 200, body: this.get(this.book(id), url) }) };
    }
    m = /^\/v4\/spreadsheets\/([^/:]+):batchUpdate$/.exec(path);
    if (m && method === "POST") {
      const id = decodeURIComponent(m[1] ?? "");
      return { method: "sheets.batchUpdate", spreadsheetId: id, run: (_url, body) => ({ status: 200, body: this.batchUpdate(id, this.book(id), body as sheets_v4.Schema$BatchUpdateSpreadsheetRequest) }) };
    }
    m = /^\/v4\/spreadsheets\/([^/:]+)\/values:batchGet$/.exec(path);
    if (m && method === "GET") {
      const id = decodeURIComponent(m[1] ?? "");
      return { method: "sheets.values.batchGet", spreadsheetId: id, run: (url) => ({ status: 200, body: this.valuesBatchGet(id, this.book(id), url) }) };
    }
    if (/^\/gmail\/v1\/users\/me\/messages\/send$/.test(path) && method === "POST") return { method: "gmail.send", run: (_url, body) => ({ status: 200, body: this.send(body as { raw?: string }) }) };
    if (/^\/gmail\/v1\/users\/me\/messages$/.test(path) && method === "GET") return { method: "gmail.list", run: (url) => ({ status: 200, body: this.list(url) }) };
    return null;
  }

  private book(id: string): Book {
    const book = this.books.get(id);
    if (!book) throw new Error(`Requested entity was not found: spreadsheet ${id}`);
    return book;
  }

  // ------------------------------------------------------------ spreadsheets.get

  private get(book: Book, url: URL): sheets_v4.Schema$Spreadsheet {
    const wb = book.workbook;
    const fields = url.searchParams.get("fields");
    // A field mask naming sheets.data includes grid data whatever includeGridData says (the get page).
    const grid = url.searchParams.get("includeGridData") === "true" || /(^|[,(.])data[(.]/.test(fields ?? "");
    // Cells trimmed to their user-entered values when that is all the mask asks of them.
    const valuesOnly = /rowData\(values\(userEnteredValue\)\)/.test(fields ?? "");
    // `ranges`: whole rows of a sheet, as `'Title'!1:N`; only the sheets they name are returned.
    const rowLimits = new Map<string, number>();
    for (const range of url.searchParams.getAll("ranges")) {
      const m = /^'((?:[^']|'')+)'!1:(\d+)$|^([^!']+)!1:(\d+)$/.exec(range);
      if (!m) throw new Error(`the fake reads whole rows from row 1 only ('Sheet'!1:N), not ${range}`);
      rowLimits.set((m[1] ?? m[3] ?? "").replace(/''/g, "'"), Number(m[2] ?? m[4]));
    }
    const shown = rowLimits.size === 0 ? wb.sheets : wb.sheets.filter((sheet) => rowLimits.has(sheet.name));
    const full: sheets_v4.Schema$Spreadsheet = {
      spreadsheetId: wb.id,
      properties: { title: wb.name, locale: wb.locale, timeZone: wb.timeZone },
      sheets: shown.map((sheet) => sheetOut(wb, sheet, wb.sheets.indexOf(sheet), grid ? { rows: rowLimits.get(sheet.name) ?? sheet.maxRows, valuesOnly } : null)),
      namedRanges: wb.namedRanges().map((n, i) => ({ namedRangeId: String(i + 1), name: n.name, range: gridRangeOut(wb, n.target.sheetName, n.target.rect) })),
      developerMetadata: book.metadata.map((m) => ({ ...m, location: { spreadsheet: true, locationType: "SPREADSHEET" } })),
    };
    if (!fields) return full;
    // Top-level parts of the field mask (the fake does not trim below them).
    const top = new Set(topLevel(fields).map((f) => f.split(/[.(]/)[0] ?? ""));
    return Object.fromEntries(Object.entries(full).filter(([k]) => top.has(k)));
  }

  // ------------------------------------------------------------ spreadsheets.batchUpdate

  private batchUpdate(id: string, book: Book, body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest): sheets_v4.Schema$BatchUpdateSpreadsheetResponse {
    const wb = book.workbook;
    const requests = body.requests ?? [];
    const sheetOf = (sheetId: number | null | undefined): SheetModel => {
      const sheet = wb.sheetById(sheetId ?? 0);
      if (!sheet) throw new Error(`No grid with id: ${sheetId}`);
      return sheet;
    };
    // Checked whole first: one bad request and nothing is applied.
    for (const r of requests) {
      const kinds = Object.keys(r).filter((k) => (r as Record<string, unknown>)[k] !== undefined);
      if (kinds.length !== 1) throw new Error(`a request must set exactly one kind, got ${kinds.join(", ") || "none"}`);
      if (r.updateCells) sheetOf(r.updateCells.start?.sheetId ?? r.updateCells.range?.sheetId);
      else if (r.updateSheetProperties) sheetOf(r.updateSheetProperties.properties?.sheetId);
      else if (r.addSheet) {
        if (wb.sheet(r.addSheet.properties?.title ?? "")) throw new Error(`A sheet with the name "${r.addSheet.properties?.title}" already exists. Please enter another name.`);
      } else if (r.updateDeveloperMetadata) {
        const ids = (r.updateDeveloperMetadata.dataFilters ?? []).map((f) => f.developerMetadataLookup?.metadataId);
        if (!ids.every((i) => book.metadata.some((m) => m.metadataId === i))) throw new Error("No developer metadata matches the data filters");
      } else if (!r.createDeveloperMetadata) throw new Error(`not served by the fake: ${kinds[0]}`);
    }
    const replies: sheets_v4.Schema$Response[] = [];
    for (const r of requests) {
      if (r.updateCells) {
        const u = r.updateCells;
        const sheet = sheetOf(u.start?.sheetId ?? u.range?.sheetId);
        const parts = partsOfFields(u.fields ?? "");
        const row0 = (u.start?.rowIndex ?? u.range?.startRowIndex ?? 0) + 1;
        const col0 = (u.start?.columnIndex ?? u.range?.startColumnIndex ?? 0) + 1;
        const rows = u.rows ?? [];
        if (u.range) {
          // With a range, what the rows do not cover is cleared (for the fields named).
          const lastRow = u.range.endRowIndex ?? sheet.maxRows;
          const lastColumn = u.range.endColumnIndex ?? sheet.maxColumns;
          for (let r0 = row0; r0 <= lastRow; r0++) {
            for (let c0 = col0; c0 <= lastColumn; c0++) {
              const data = rows[r0 - row0]?.values?.[c0 - col0] ?? {};
              if (!sheet.cell(r0, c0) && Object.keys(data).length === 0) continue;
              applyParts(sheet.ensureCell(r0, c0), data, parts);
              sheet.prune(r0, c0);
            }
          }
        } else {
          rows.forEach((rowData, i) =>
            (rowData.values ?? []).forEach((data, j) => {
              applyParts(sheet.ensureCell(row0 + i, col0 + j), data, parts);
              sheet.prune(row0 + i, col0 + j);
            }),
          );
        }
        sheet.reindexFormulas();
        replies.push({});
      } else if (r.updateSheetProperties) {
        const p = r.updateSheetProperties.properties ?? {};
        const sheet = sheetOf(p.sheetId);
        for (const field of (r.updateSheetProperties.fields ?? "").split(",")) {
          if (field === "hidden") sheet.hidden = p.hidden === true;
          else if (field === "gridProperties.rowCount") {
            const rows = p.gridProperties?.rowCount ?? sheet.maxRows;
            if (rows < sheet.maxRows) sheet.rows.length = Math.min(sheet.rows.length, rows);
            sheet.maxRows = rows;
          } else if (field === "gridProperties.columnCount") sheet.maxColumns = p.gridProperties?.columnCount ?? sheet.maxColumns;
          else if (field === "gridProperties.frozenRowCount") sheet.frozenRows = p.gridProperties?.frozenRowCount ?? 0;
          else if (field === "gridProperties.frozenColumnCount") sheet.frozenColumns = p.gridProperties?.frozenColumnCount ?? 0;
          else throw new Error(`not served by the fake: updateSheetProperties field ${field}`);
        }
        replies.push({});
      } else if (r.addSheet) {
        const p = r.addSheet.properties ?? {};
        const sheet = wb.insertSheet(p.title ?? undefined, undefined, { rows: p.gridProperties?.rowCount ?? 1000, columns: p.gridProperties?.columnCount ?? 26 });
        sheet.frozenRows = p.gridProperties?.frozenRowCount ?? 0;
        replies.push({ addSheet: { properties: { sheetId: sheet.sheetId, title: sheet.name } } });
      } else if (r.createDeveloperMetadata) {
        const d = r.createDeveloperMetadata.developerMetadata ?? {};
        const created = { metadataId: this.nextMetadataId++, metadataKey: d.metadataKey ?? "", metadataValue: d.metadataValue ?? "", visibility: d.visibility ?? "DOCUMENT" };
        book.metadata.push(created);
        replies.push({ createDeveloperMetadata: { developerMetadata: created } });
      } else if (r.updateDeveloperMetadata) {
        const ids = (r.updateDeveloperMetadata.dataFilters ?? []).map((f) => f.developerMetadataLookup?.metadataId);
        for (const m of book.metadata) if (ids.includes(m.metadataId)) m.metadataValue = r.updateDeveloperMetadata.developerMetadata?.metadataValue ?? "";
        replies.push({});
      }
    }
    wb.invalidateEngine();
    return { spreadsheetId: id, replies };
  }

  // ------------------------------------------------------------ values.batchGet

  private valuesBatchGet(id: string, book: Book, url: URL): sheets_v4.Schema$BatchGetValuesResponse {
    const wb = book.workbook;
    const ranges = url.searchParams.getAll("ranges");
    return {
      spreadsheetId: id,
      valueRanges: ranges.map((range) => {
        const m = /^'((?:[^']|'')+)'$|^([^!']+)$/.exec(range);
        if (!m) throw new Error(`the fake reads whole sheets only, not ${range}`);
        const sheet = wb.sheet((m[1] ?? m[2] ?? "").replace(/''/g, "'"));
        if (!sheet) throw new Error(`Unable to parse range: ${range}`);
        const rect = { row: 1, column: 1, numRows: Math.max(1, wb.lastRow(sheet)), numColumns: Math.max(1, wb.lastColumn(sheet)) };
        const values = wb.readValues(sheet, rect);
        const shown = wb.readDisplayValues(sheet, rect);
        // Dates as FORMATTED_STRING; trailing empty cells and rows left out, as Google does.
        const rows = values.map((row, r) => row.map((v, c) => (v instanceof Date ? (shown[r]?.[c] ?? "") : v)));
        const trimmed = rows.map((row) => {
          let end = row.length;
          while (end > 0 && row[end - 1] === "") end--;
          return row.slice(0, end);
        });
        while (trimmed.length > 0 && (trimmed[trimmed.length - 1]?.length ?? 0) === 0) trimmed.pop();
        return { range: `${range}!A1:${rect.numColumns}`, majorDimension: "ROWS", values: trimmed };
      }),
    };
  }

  // ------------------------------------------------------------ gmail

  private send(body: { raw?: string }): unknown {
    if (typeof body?.raw !== "string" || body.raw === "") throw new Error("'raw' RFC822 payload message string or uploading message via /upload/* URL required");
    const raw = Buffer.from(body.raw, "base64url");
    const header = /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString("utf8").split(/\r?\n\r?\n/)[0] ?? "");
    const id = `m${this.sent.length + 1}`;
    this.sent.push({ id, raw, messageId: header?.[1] ?? "" });
    return { id, threadId: id, labelIds: ["SENT"] };
  }

  private list(url: URL): unknown {
    const q = url.searchParams.get("q") ?? "";
    const m = /^rfc822msgid:(\S+)$/.exec(q.trim());
    if (!m) throw new Error(`the fake lists by rfc822msgid: only, not "${q}"`);
    const wanted = (m[1] ?? "").replace(/^<|>$/g, "");
    const found = this.sent.filter((s) => s.messageId.replace(/^<|>$/g, "") === wanted);
    return found.length === 0 ? { resultSizeEstimate: 0 } : { messages: found.map((f) => ({ id: f.id, threadId: f.id })), resultSizeEstimate: found.length };
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The comma-separated parts of a field mask outside parentheses. */
function topLevel(fields: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let part = "";
  for (const ch of fields) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(part.trim());
      part = "";
    } else part += ch;
  }
  if (part.trim() !== "") out.push(part.trim());
  return out;
}

function gridRangeOut(wb: Workbook, sheetName: string, rect: { row: number; column: number; numRows: number; numColumns: number } | undefined): sheets_v4.Schema$GridRange {
  const sheetId = wb.sheet(sheetName)?.sheetId ?? 0;
  if (!rect) return { sheetId };
  return { sheetId, startRowIndex: rect.row - 1, endRowIndex: rect.row - 1 + rect.numRows, startColumnIndex: rect.column - 1, endColumnIndex: rect.column - 1 + rect.numColumns };
}

function protectionOut(wb: Workbook, p: ProtectionData): sheets_v4.Schema$ProtectedRange {
  const range = gridRangeOut(wb, p.sheetName, p.type === "SHEET" ? undefined : p.rect);
  if (p.openEnd?.rows) delete range.endRowIndex;
  if (p.openEnd?.columns) delete range.endColumnIndex;
  return {
    protectedRangeId: p.id,
    range,
    description: p.description,
    warningOnly: p.warningOnly,
    editors: { users: wb.protectionEditors(p), domainUsersCanEdit: p.domainEdit },
    unprotectedRanges: p.unprotected.map((u) => gridRangeOut(wb, p.sheetName, u)),
  };
}

function sheetOut(wb: Workbook, sheet: SheetModel, index: number, grid: { readonly rows: number; readonly valuesOnly: boolean } | null): sheets_v4.Schema$Sheet {
  const out: sheets_v4.Schema$Sheet = {
    properties: {
      sheetId: sheet.sheetId,
      title: sheet.name,
      index,
      sheetType: "GRID",
      ...(sheet.hidden ? { hidden: true } : {}),
      gridProperties: { rowCount: sheet.maxRows, columnCount: sheet.maxColumns, ...(sheet.frozenRows ? { frozenRowCount: sheet.frozenRows } : {}), ...(sheet.frozenColumns ? { frozenColumnCount: sheet.frozenColumns } : {}) },
    },
    protectedRanges: wb.protections.filter((p) => p.sheetName === sheet.name).map((p) => protectionOut(wb, p)),
  };
  if (grid) {
    out.data = [
      {
        startRow: 0,
        startColumn: 0,
        // Array.from, not map: the model's rows are sparse, and a hole must read as an empty row, not null.
        rowData: Array.from(sheet.rows.slice(0, grid.rows), (row) => ({
          values: Array.from(row ?? [], (cell) => {
            const data = cellOut(cell);
            return grid.valuesOnly ? (data.userEnteredValue ? { userEnteredValue: data.userEnteredValue } : {}) : data;
          }),
        })),
        columnMetadata: Array.from({ length: sheet.maxColumns }, (_, i) => ({ pixelSize: sheet.columnWidths.get(i + 1) ?? 100, ...(sheet.hiddenColumns.has(i + 1) ? { hiddenByUser: true } : {}) })),
      },
    ];
  }
  return out;
}
