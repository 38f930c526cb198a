/**
 * Writes examples/actuals.csv and examples/activities.csv: one month of the demo department as the
 * company's sales system would export it (issue 9 §2), for the README's CSV-import walk-through.
 * The rows come from the demo generator (src/core/demo), so the people, regions and customers are
 * the demo workbook's own and the amounts sit around the demo plan. The default month is August
 * 2026, which the demo workbook (October, with September's actuals) does not hold, so importing
 * it adds rows; `tsx scripts/example-csv.ts 2026 10` writes another month.
 * Headers are the sheets' bilingual headers; the import also takes either language or the keys.
 */
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDemoDepartment } from "../src/core/demo/department";
import { sheetTemplate } from "../src/core/templates/catalog";
import { headerText } from "../src/core/templates/columns";
import type { RecordValue, TableRecord } from "../src/core/templates/table";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [year = 2026, month = 8] = process.argv.slice(2).map(Number);

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: RecordValue | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(sheetKey: string, keys: readonly string[], records: readonly TableRecord[]): string {
  const template = sheetTemplate(sheetKey);
  const header = keys.map((k) => {
    const column = template.columns.find((c) => c.key === k);
    if (!column) throw new Error(`${sheetKey} has no column ${k}`);
    return headerText(column);
  });
  const rows: (RecordValue | undefined)[][] = [header, ...records.map((r) => keys.map((k) => r[k]))];
  return rows.map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

const demo = buildDemoDepartment({ year, month });
const period = `${year}-${String(month).padStart(2, "0")}`;
const actuals = (demo.records.actuals ?? []).filter((r) => r.period === period);
const activities = demo.records.activities ?? [];
writeFileSync(join(root, "examples/actuals.csv"), csv("actuals", ["period", "region", "person_email", "metric", "amount", "refunds"], actuals));
writeFileSync(
  join(root, "examples/activities.csv"),
  csv("activities", ["id", "date", "person_email", "customer_id", "type", "notes", "competitor_brand", "competitor_product", "competitor_price", "competitor_promotion", "reported_at"], activities),
);
console.log(`examples/actuals.csv: ${actuals.length} rows; examples/activities.csv: ${activities.length} rows (${period})`);
