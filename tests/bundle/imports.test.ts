/**
 * CSV import under the local host (issue 9 §2; WF-12, KPI-07..10, SC-10): the menu asks for the
 * Drive file, previews rows to add, change and refuse, writes once on confirm; importing the same
 * file again changes nothing; a changed row updates the row already there; a bad row is refused
 * with a message naming file row, column and sheet in both languages, and the good rows around it
 * are still imported. The CLI's `import` (src/local/import-command.ts) runs the same functions.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sheetTemplate } from "../../src/core/templates/catalog";
import type { LocalHost } from "../../src/local/host";
import { importCsvFile } from "../../src/local/import-command";
import { AUDIT } from "./approvals-helpers";
import { openHost, workbookSnapshot } from "./helpers";

const ACTUALS = sheetTemplate("actuals").tabName;
const ACTIVITIES = sheetTemplate("activities").tabName;
const EXAMPLES = join(import.meta.dirname, "../../examples");

interface Preview {
  add: number;
  change: number;
  unchanged: number;
  refused: string[];
  problems: string[];
  fingerprint: string;
}

/** Data rows of a sheet keyed by the English part of each header (all rows). */
function rows(h: LocalHost, sheet: string): Record<string, unknown>[] {
  const values = h.spreadsheet.read(sheet, "A1:Z3000");
  const headers = (values[0] ?? []).map((x) => String(x).split(" / ").pop() ?? "");
  return values
    .slice(1)
    .filter((r) => r.some((v, i) => v !== "" && v !== false && headers[i] !== "Lookup key" && headers[i] !== "Personal plan" && headers[i] !== "Met target"))
    .map((r) => Object.fromEntries(headers.map((x, i) => [x, r[i]])));
}

/** Text as GBK bytes (ASCII as is; each other character by the two bytes GB18030 decodes to it). */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder("gb18030");
  const codes = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) for (let trail = 0x40; trail <= 0xfe; trail += 1) if (trail !== 0x7f) codes.set(decoder.decode(Uint8Array.of(lead, trail)), [lead, trail]);
  return Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : (codes.get(c) ?? []))));
}

function addFile(h: LocalHost, name: string, content: string): string {
  return h.services.controllers.drive.addFile({ name, content });
}

async function importFile(h: LocalHost, table: string, id: string): Promise<{ preview: Preview; result: { added: number; changed: number; refused: number; message: string } }> {
  const preview = (await h.run<Preview>("csvImportPreview", [table, id])).value;
  const result = (await h.run<{ added: number; changed: number; refused: number; message: string }>("applyCsvImport", [table, id, preview.fingerprint])).value;
  return { preview, result };
}

let host: LocalHost;
beforeAll(async () => {
  host = await openHost();
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
}, 180_000);
afterAll(() => host.close());

describe("CSV import into Actuals and Activities (issue 9 §2)", { timeout: 180_000 }, () => {
  it("the menu asks for the Drive file and previews; one write on confirm; the same file again adds nothing and changes nothing", async () => {
    const csv = readFileSync(join(EXAMPLES, "actuals.csv"), "utf8");
    const id = addFile(host, "actuals.csv", csv);
    const before = rows(host, ACTUALS).length;
    host.spreadsheet.promptAnswers.push(`https://drive.google.com/file/d/${id}/view?usp=sharing`);
    await host.clickMenu("importActualsCsv");
    expect(host.spreadsheet.prompts.at(-1)?.title).toBe("导入实绩:预览 / Import Actuals: preview");
    const dialog = host.spreadsheet.dialogs.at(-1);
    expect(dialog?.html).toContain('<b id="add-count">44</b>');
    expect(dialog?.html).toContain(`.applyCsvImport("actuals", "${id}", `);
    expect(rows(host, ACTUALS)).toHaveLength(before); // nothing written before the button

    const first = await importFile(host, "actuals", id);
    expect(first.result).toMatchObject({ added: 44, changed: 0, refused: 0 });
    const after = rows(host, ACTUALS);
    expect(after).toHaveLength(before + 44);
    expect(after.find((r) => r.Month === "2026-08" && r.Person === "xu.wenhua@example.com" && r.Metric === "sales")).toMatchObject({ Region: "EAST", Amount: 326700, Source: "import" });
    expect(rows(host, AUDIT).filter((r) => r.Action === "actuals.imported")).toHaveLength(1);

    const snapshot = JSON.stringify(workbookSnapshot(host));
    const second = await importFile(host, "actuals", id);
    expect(second.preview).toMatchObject({ add: 0, change: 0, unchanged: 44 });
    expect(second.result).toMatchObject({ added: 0, changed: 0 });
    expect(JSON.stringify(workbookSnapshot(host))).toBe(snapshot);
  });

  it("a changed row in a re-exported file updates the row already in Actuals, not a duplicate", async () => {
    const csv = "Month,Region,Person,Metric,Amount,Return refunds\r\n2026-08,EAST,xu.wenhua@example.com,sales,330000,\r\n2026-08,EAST,xu.wenhua@example.com,collections,509400,\r\n";
    const before = rows(host, ACTUALS);
    const { preview, result } = await importFile(host, "actuals", addFile(host, "actuals-fix.csv", csv));
    expect(preview).toMatchObject({ add: 0, change: 1, unchanged: 1 });
    expect(result).toMatchObject({ added: 0, changed: 1 });
    const after = rows(host, ACTUALS);
    expect(after).toHaveLength(before.length);
    const sales = after.filter((r) => r.Month === "2026-08" && r.Person === "xu.wenhua@example.com" && r.Metric === "sales");
    expect(sales).toHaveLength(1);
    expect(sales[0]?.Amount).toBe(330000);
  });

  it("a bad row is refused with its file row, column and sheet in both languages; the good rows are imported; the Audit keeps the refusal", async () => {
    const csv = [
      "记录编号 / Record ID,日期 / Date,人员 / Person,客户 / Customer,类型 / Type,内容与结果 / Notes and outcome",
      "X-0001,2026-08-31,kong.linghui@example.com,C-EAST-01,onsite,\"介绍新品, 留下资料\"",
      "X-0002,2026-08-31,nobody@example.com,C-EAST-01,phone,",
      "X-0003,2026/8/31,kong.linghui@example.com,C-EAST-02,电话拜访,",
    ].join("\n");
    const id = addFile(host, "visits.csv", csv);
    const before = rows(host, ACTIVITIES).length;
    const { preview, result } = await importFile(host, "activities", id);
    expect(preview.refused).toEqual([
      `文件「visits.csv」第 3 行,列「人员 / Person」(导入「${ACTIVITIES}」):人员「nobody@example.com」不在「人员 People」表中:请填其邮箱 / file "visits.csv" row 3, column "人员 / Person" (importing into "${ACTIVITIES}"): person "nobody@example.com" is not in the People sheet: use their email`,
    ]);
    expect(result).toMatchObject({ added: 2, changed: 0, refused: 1 });
    const after = rows(host, ACTIVITIES);
    expect(after).toHaveLength(before + 2);
    expect(after.map((r) => r["Record ID"])).not.toContain("X-0002");
    const x3 = after.find((r) => r["Record ID"] === "X-0003");
    expect(x3?.Type).toBe("phone");
    expect(x3?.Date).toBeInstanceOf(Date);
    expect(after.find((r) => r["Record ID"] === "X-0001")?.["Notes and outcome"]).toBe("介绍新品, 留下资料");
    const audit = rows(host, AUDIT).filter((r) => r.Action === "activities.imported").at(-1);
    expect(String(audit?.Comment)).toContain('file "visits.csv" row 3, column "人员 / Person"');

    // the dialog lists the refused row with its reason in both languages
    host.spreadsheet.promptAnswers.push(id);
    await host.clickMenu("importActivitiesCsv");
    const html = host.spreadsheet.dialogs.at(-1)?.html ?? "";
    expect(html).toContain('<b id="refused-count">1</b>');
    expect(html).toContain("人员「nobody@example.com」不在「人员 People」表中");
    expect(html).toContain("person &quot;nobody@example.com&quot; is not in the People sheet");
  });

  it("a file without a required column imports nothing and says which column, in both languages; a cancelled prompt does nothing", async () => {
    const id = addFile(host, "no-amount.csv", "Month,Region,Metric\n2026-08,EAST,sales\n");
    const preview = (await host.run<Preview>("csvImportPreview", ["actuals", id])).value;
    expect(preview.problems).toEqual([`文件「no-amount.csv」(导入「${ACTUALS}」):缺少必填列「实绩值 / Amount」:请在第 1 行加上这一列 / file "no-amount.csv" (importing into "${ACTUALS}"): the required column "实绩值 / Amount" is missing: add it to row 1`]);
    await expect(host.run("applyCsvImport", ["actuals", id, preview.fingerprint])).rejects.toThrow("Nothing was imported");
    const dialogs = host.spreadsheet.dialogs.length;
    await host.clickMenu("importActualsCsv"); // nothing queued: the person closes the prompt
    expect(host.spreadsheet.dialogs.length).toBe(dialogs);
  });

  it("a file exported in GBK (Excel's CSV in China) is read as GB18030: its Chinese headers and choices match", async () => {
    const csv = "月份,区域,人员,指标,实绩值\r\n2026-09,华南,yan.feng@example.com,回款,88123\r\n";
    const { preview, result } = await importFile(host, "actuals", host.services.controllers.drive.addFile({ name: "gbk.csv", content: gbk(csv) }));
    expect(preview).toMatchObject({ problems: [], refused: [] });
    expect(result).toMatchObject({ changed: 1 }); // the demo's September row of this person and metric, updated
    const row = rows(host, ACTUALS).find((r) => r.Month === "2026-09" && r.Person === "yan.feng@example.com" && r.Metric === "collections");
    expect(row).toMatchObject({ Region: "SOUTH", Amount: 88123, Source: "import" });
  });

  it("npm run local -- import activities examples/activities.csv, twice: rows are added once", async () => {
    const path = join(EXAMPLES, "activities.csv");
    const before = rows(host, ACTIVITIES).length;
    expect(await importCsvFile(host, "activities", path, {})).toContain("1217 rows added");
    expect(rows(host, ACTIVITIES)).toHaveLength(before + 1217);
    expect(await importCsvFile(host, "activities", path, {})).toContain("nothing changed");
    expect(rows(host, ACTIVITIES)).toHaveLength(before + 1217);
  });
});
