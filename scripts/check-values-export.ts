/**
 * `npx tsx scripts/check-values-export.ts [values.xlsx] [workbook.xlsx]` (issue 11 §5): opens the
 * values-only copy (default out/workbook-values.xlsx, what `npm start` and
 * `npm run local -- export --values` write) in LibreOffice headless, converts every sheet to CSV
 * and the workbook to PDF, and fails when any sheet shows `#NAME?` or another error. Given the
 * workbook itself too (default out/workbook.xlsx, when it exists), it prints how many `#NAME?`
 * LibreOffice shows there, for contrast. Needs `soffice` (Debian: libreoffice-calc-nogui).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";

const ERRORS = /#NAME\?|Err:\d{3}|#REF!|#VALUE!/g;
const profile = mkdtempSync(join(tmpdir(), "marketops-lo-profile-"));

function convert(file: string, to: string): string {
  const out = mkdtempSync(join(tmpdir(), "marketops-lo-"));
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, "--convert-to", to, "--outdir", out, file], { stdio: "pipe", timeout: 300_000 });
  return out;
}

/** Error cells LibreOffice shows, by sheet (one CSV per sheet). */
function errorsBySheet(file: string): Map<string, number> {
  // Comma, double quote, UTF-8, from row 1, …, -1: every sheet to its own file (LibreOffice 7.2+).
  const out = convert(file, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1");
  const found = new Map<string, number>();
  for (const csv of readdirSync(out).filter((f) => f.endsWith(".csv"))) {
    const count = readFileSync(join(out, csv), "utf8").match(ERRORS)?.length ?? 0;
    found.set(csv.replace(/\.csv$/, ""), count);
  }
  return found;
}

function main(): number {
  try {
    execFileSync("soffice", ["--version"], { stdio: "pipe" });
  } catch {
    console.error("soffice 未安装 / soffice is not installed: apt-get install -y libreoffice-calc-nogui");
    return 2;
  }
  const values = resolve(process.argv[2] ?? "out/workbook-values.xlsx");
  const workbook = resolve(process.argv[3] ?? "out/workbook.xlsx");
  if (!existsSync(values)) {
    console.error(`没有 ${values}:先运行 npm start 或 npm run local -- export --values ${values} / no ${values}: run npm start or npm run local -- export --values first`);
    return 2;
  }
  const sheets = errorsBySheet(values);
  const bad = [...sheets].filter(([, n]) => n > 0);
  const pdfDir = convert(values, "pdf");
  const pdf = join(pdfDir, basename(values).replace(/\.xlsx$/i, ".pdf"));
  const pdfBytes = existsSync(pdf) ? statSync(pdf).size : 0;
  console.log(`${basename(values)}: ${sheets.size} sheets converted to CSV, PDF ${pdfBytes} bytes (${pdf})`);
  for (const [sheet, n] of bad) console.log(`  ${sheet}: ${n} error cells`);
  if (existsSync(workbook) && workbook !== values) {
    const original = [...errorsBySheet(workbook).values()].reduce((a, b) => a + b, 0);
    console.log(`${basename(workbook)} (with its formulas), for contrast: ${original} error cells in LibreOffice`);
  }
  if (bad.length > 0 || pdfBytes === 0) {
    console.error("值副本在 LibreOffice 中有错误单元格 / the values-only copy shows errors in LibreOffice");
    return 1;
  }
  console.log("OK: the values-only copy opens cleanly in LibreOffice");
  return 0;
}

process.exit(main());
