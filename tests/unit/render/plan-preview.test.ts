import { describe, expect, it } from "vitest";
import type { PlanWrite } from "../../../src/core/plans/workbook";
import { planDecomposition } from "../../../src/core/plans/workbook";
import { planPreviewHtml } from "../../../src/render/plan-preview";

const tables = (amount: number, note = ""): Parameters<typeof planDecomposition>[0] => ({
  plans: [{ row: 2, values: { id: "2026-sales-CO-Y", year: 2026, period_type: "Y", period: "2026", level: "company", metric: "sales", amount, note }, extra: {} }],
  regions: [{ code: "EAST", active: true }, { code: "SOUTH", active: true }],
  people: [],
  settings: {},
});

describe("the Decompose the plan preview (WF-01.6, WF-22.3)", () => {
  it("WF-01.6: shows the rows to add, the totals per level and one write button carrying the fingerprint", () => {
    const write = planDecomposition(tables(1_000_000));
    const html = planPreviewHtml(write, "abc-1-0");
    expect(html).toContain(`<b id="add-count">${write.add.length}</b>`);
    expect(html).toContain("1,000,000");
    expect(html).toContain("2026-sales-EAST-Y");
    expect(html).toContain('.applyPlanDecomposition("abc-1-0")');
    expect(html).toContain('id="confirm"');
  });

  it("WF-01.6: an unchanged plan offers nothing to write; problems replace the button, escaped", () => {
    const nothing: PlanWrite = { add: [], change: [], unchanged: 3, totals: [], problems: [] };
    expect(planPreviewHtml(nothing, "x")).toContain('id="nothing"');
    expect(planPreviewHtml(nothing, "x")).not.toContain('id="confirm"');
    const bad: PlanWrite = { ...nothing, problems: [{ code: "X", text: { zh: "<b>坏</b>", en: "<script>bad</script>" }, at: { sheet: "设置 Settings", column: "PLAN_REGION_WEIGHTS" } }] };
    const html = planPreviewHtml(bad, "x");
    expect(html).toContain("&lt;script&gt;bad&lt;/script&gt;");
    expect(html).not.toContain("<script>bad");
    expect(html).toContain("PLAN_REGION_WEIGHTS");
    expect(html).not.toContain('id="confirm"');
  });
});
