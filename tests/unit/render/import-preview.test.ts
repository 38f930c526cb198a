/**
 * The CSV import preview dialog (issue 9 §2): counts, the refused rows with their reasons in both
 * languages, one write button naming the file and fingerprint, and everything from the file escaped.
 */
import { describe, expect, it } from "vitest";
import { planImport } from "../../../src/core/imports/csv-import";
import { importPreviewHtml } from "../../../src/render/import-preview";

const refs = { people: [{ email: "kong.linghui@example.com" }], regions: [{ code: "EAST" }], customers: [{ id: "C-EAST-01" }] };

describe("import preview dialog", () => {
  it("lists refused rows with both languages, escapes what the file holds, and has one write button", () => {
    const plan = planImport({
      table: "activities",
      fileName: "<b>visits</b>.csv",
      csv: [
        ["Record ID", "Date", "Person", "Customer", "Type"],
        ["A-1", "2026-08-03", "kong.linghui@example.com", "C-EAST-01", "onsite"],
        ["A-2", "2026-08-03", "<script>alert(1)</script>", "C-EAST-01", "onsite"],
      ],
      existing: [],
      ...refs,
    });
    const html = importPreviewHtml(plan, "1LabcdefghijK", "f-1");
    expect(html).toContain('<b id="add-count">1</b>');
    expect(html).toContain('<b id="refused-count">1</b>');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;b&gt;visits&lt;/b&gt;.csv");
    expect(html).toContain("不在「人员 People」表中");
    expect(html).toContain("is not in the People sheet");
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain('.applyCsvImport("activities", "1LabcdefghijK", "f-1")');
  });

  it("a problem with the whole file replaces the button", () => {
    const plan = planImport({ table: "actuals", fileName: "a.csv", csv: [["Month"]], existing: [], ...refs });
    const html = importPreviewHtml(plan, "1LabcdefghijK", "f");
    expect(html).toContain('id="problems"');
    expect(html).not.toContain("<button");
  });
});
