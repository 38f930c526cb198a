/**
 * `npm run local -- import <table> <file.csv>`: a CSV import as a person does it from the menu
 * (issue 9 §2). The file is put in the local host's Drive (services/drive.ts) and the bundle's own
 * `csvImportPreview` and `applyCsvImport` read it from there with `DriveApp` and `Utilities.parseCsv`,
 * exactly as on Google — so the CLI holds no parsing or validation of its own: there is one
 * implementation, in the core (src/core/imports), reached through the same entry points. The
 * preview (rows to add, change, refused with their reasons) is printed, then written once; a file
 * the core refuses as a whole writes nothing and exits 1.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { ExecutionOptions, LocalHost } from "./host";

interface Preview {
  readonly file: string;
  readonly sheet: string;
  readonly add: number;
  readonly change: number;
  readonly unchanged: number;
  readonly refused: readonly string[];
  readonly problems: readonly string[];
  readonly ignoredColumns: readonly string[];
  readonly fingerprint: string;
}

/** Previews and writes the import of `path` into `table`; returns the bundle's message. */
export async function importCsvFile(host: LocalHost, table: string, path: string, options: ExecutionOptions): Promise<string> {
  // A menu item (and its dialog's button) runs with the authority of the person who picks it.
  const user = options.as ?? host.owner;
  const as = { as: user, effectiveAs: options.effectiveAs ?? user };
  const id = host.services.controllers.drive.addFile({ name: basename(path), content: readFileSync(path) });
  const preview = (await host.run<Preview>("csvImportPreview", [table, id], as)).value;
  console.log(`${preview.file} → ${preview.sheet}: 新增 add ${preview.add}, 修改 change ${preview.change}, 不变 unchanged ${preview.unchanged}, 拒绝 refused ${preview.refused.length}`);
  if (preview.ignoredColumns.length > 0) console.log(`未导入的列 columns not imported: ${preview.ignoredColumns.join(", ")}`);
  for (const line of preview.refused) console.log(`  拒绝 refused: ${line}`);
  if (preview.problems.length > 0) throw new Error(preview.problems.join("\n"));
  const result = (await host.run<{ message: string }>("applyCsvImport", [table, id, preview.fingerprint], as)).value;
  console.log(result.message);
  return result.message;
}
