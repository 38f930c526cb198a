/**
 * The workbook laid out for its reader (issue 11 §1): which columns are machine columns, and the
 * tab moves that put the Dashboard first and the form-response tabs last.
 */
import { describe, expect, it } from "vitest";
import { headerText } from "../../src/core/templates/columns";
import { templateCatalog } from "../../src/core/templates/catalog";
import { columnRuns, machineColumnPositions, tabPlan, type TabInfo } from "../../src/core/templates/layout";

const catalog = templateCatalog();

function tabs(names: readonly string[], responses: readonly string[] = [], empty: readonly string[] = []): TabInfo[] {
  return names.map((name) => ({ name, formResponses: responses.includes(name), empty: empty.includes(name) }));
}

function apply(names: readonly string[], plan: ReturnType<typeof tabPlan>): string[] {
  const out = names.filter((n) => !plan.deletes.includes(n));
  for (const m of plan.moves) {
    out.splice(out.indexOf(m.name), 1);
    out.splice(m.position - 1, 0, m.name);
  }
  return out;
}

describe("machine columns (issue 11 §1)", () => {
  it("every machine column is protected, and the Requests approval state (JSON) and every lookup key are machine columns", () => {
    for (const sheet of catalog.sheets) {
      for (const column of sheet.columns.filter((c) => c.hidden === true)) expect(column.protected ?? sheet.protection, `${sheet.key}.${column.key}`).toBeDefined();
      for (const column of sheet.columns.filter((c) => c.header.en === "Lookup key")) expect(column.hidden, `${sheet.key}.${column.key}`).toBe(true);
    }
    const requests = catalog.byKey.get("requests")!;
    expect(requests.columns.find((c) => c.key === "state")?.hidden).toBe(true);
    const results = catalog.byKey.get("monthly_results")!;
    expect(results.columns.filter((c) => c.hidden === true).map((c) => c.key).sort()).toEqual(["inputs", "inputs_revision", "result_key"]);
  });

  it("are found by header wherever the user moved them", () => {
    const requests = catalog.byKey.get("requests")!;
    const header = requests.columns.map((c) => headerText(c));
    const state = header.indexOf(headerText(requests.columns.find((c) => c.key === "state")!));
    expect(machineColumnPositions(requests, header)).toEqual([state + 1]);
    const moved = [header[state], ...header.filter((_, i) => i !== state)];
    expect(machineColumnPositions(requests, moved)).toEqual([1]);
    expect(machineColumnPositions(requests, header.filter((_, i) => i !== state))).toEqual([]);
  });

  it("consecutive positions make one run each", () => {
    expect(columnRuns([9, 3, 4, 5, 12, 13])).toEqual([
      [3, 3],
      [9, 1],
      [12, 2],
    ]);
    expect(columnRuns([])).toEqual([]);
  });
});

describe("tab order (issue 11 §1)", () => {
  const templateNames = new Set(["看板 Dashboard", "申请 Requests", "设置 Settings"]);

  it("Dashboard first, the working sheets as they were, form-response tabs last, the empty Sheet1 deleted", () => {
    const names = ["Form Responses 2", "Form Responses 1", "申请 Requests", "看板 Dashboard", "My notes", "设置 Settings", "Sheet1"];
    const plan = tabPlan(tabs(names, ["Form Responses 1", "Form Responses 2"], ["Sheet1"]), "看板 Dashboard", templateNames);
    expect(plan.deletes).toEqual(["Sheet1"]);
    expect(apply(names, plan)).toEqual(["看板 Dashboard", "申请 Requests", "My notes", "设置 Settings", "Form Responses 2", "Form Responses 1"]);
  });

  it("an ordered workbook needs no move, and a Sheet1 with content or a renamed empty tab is kept", () => {
    const names = ["看板 Dashboard", "申请 Requests", "Sheet1", "Notes", "Form Responses 1"];
    const plan = tabPlan(tabs(names, ["Form Responses 1"], ["Notes"]), "看板 Dashboard", templateNames);
    expect(plan).toEqual({ deletes: [], moves: [] });
  });

  it("the last tab is never deleted, and 工作表1 (the Chinese default name) goes like Sheet1", () => {
    expect(tabPlan(tabs(["Sheet1"], [], ["Sheet1"]), null, new Set())).toEqual({ deletes: [], moves: [] });
    expect(tabPlan(tabs(["工作表1", "看板 Dashboard"], [], ["工作表1"]), "看板 Dashboard", templateNames).deletes).toEqual(["工作表1"]);
  });
});
