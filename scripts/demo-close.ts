/**
 * The demo's October close (issue 8, SC-27 / SC-57 / SC-54): the month is closed, the GM signs the
 * month's `monthly_appraisal` request through its emailed link (the way scripts/demo-requests.ts
 * decides requests), and the results are published, each person emailed their own. It runs on
 * 2 November, before November's requests: October's close due day (the 5th) comes after the first
 * of them, so the month is named (closing and publishing early is allowed) and the clock stays
 * consistent with the request story that follows.
 */
import type { LocalHost } from "../src/local/host";

const MONTH = "2026-10";
const RESULTS = "月度考核结果 Monthly results";

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
}

/** Monthly results rows of `month`, latest revisions and superseded alike, by header. */
function resultRows(host: LocalHost, month: string): Record<string, unknown>[] {
  const book = host.spreadsheet.workbook;
  const sheet = book.sheet(RESULTS);
  if (!sheet || book.lastRow(sheet) < 2) return [];
  const values = book.readValues(sheet, { row: 1, column: 1, numRows: book.lastRow(sheet), numColumns: book.lastColumn(sheet) });
  const headers = (values[0] ?? []).map((h) => text(h));
  const monthAt = headers.findIndex((h) => h.endsWith("Month"));
  const stateAt = headers.findIndex((h) => h.endsWith("State"));
  return values.slice(1).filter((r) => text(r[monthAt]) === month).map((r) => ({ month: r[monthAt], state: r[stateAt] }));
}

export interface CloseSummary {
  readonly month: string;
  readonly signRequestId: string | null;
  readonly published: number;
  readonly emailed: number;
  readonly byState: Record<string, number>;
}

/** Closes October, has the GM sign it by link, publishes it. */
export async function runOctoberClose(host: LocalHost, serverUrl: string): Promise<CloseSummary> {
  const closed = await host.run<{ signRequestId: string | null; written: number }>("closeMonth", [MONTH]);
  const id = closed.value.signRequestId;
  if (!id) throw new Error(`closing ${MONTH} started no sign-off request`);
  const mail = host.services.controllers.outbox.messages().filter((m) => (m.html ?? "").includes(id) && /\/exec\?t=/.test(m.html ?? "")).at(-1);
  const link = /href="(http:\/\/127\.0\.0\.1:\d+\/exec\?t=[^"]+)"/.exec(mail?.html ?? "")?.[1]?.replace(/&amp;/g, "&");
  if (!mail || !link) throw new Error(`no decision link emailed for ${id}`);
  // The GM opens the link, then presses the button: the page's form posts the decision.
  const page = await (await fetch(link)).text();
  const token = /name="t" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error(`the page for ${id} offers no decision`);
  const body = new URLSearchParams({ t: token.replace(/&amp;/g, "&"), decision: "approve", comment: "同意 / signed" });
  const result = await (await fetch(serverUrl, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } })).text();
  if (!result.includes("result-done")) throw new Error(`${mail.to.join(", ")}'s approval of ${id} was not applied`);
  const published = await host.run<{ published: number; emailed: number }>("publishMonth", [MONTH]);
  const byState: Record<string, number> = {};
  for (const r of resultRows(host, MONTH)) byState[text(r.state)] = (byState[text(r.state)] ?? 0) + 1;
  console.log(`close: ${MONTH} closed (${closed.value.written} rows), signed by ${mail.to.join(", ")} via ${id}, published (${published.value.emailed} personal emails)`);
  return { month: MONTH, signRequestId: id, published: published.value.published, emailed: published.value.emailed, byState };
}
