import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DecompositionInput, PlanRow } from "../../../src/core/plans/decompose";
import { decomposePlan } from "../../../src/core/plans/decompose";
import type { PlanTables } from "../../../src/core/plans/workbook";
import { planDecomposition, planRecordsToAdd, seasonalWeights, shareTable } from "../../../src/core/plans/workbook";
import type { TableRecord, TableRow } from "../../../src/core/templates/table";

const ROOT = { id: "2026-sales-CO-Y", year: 2026, metric: "sales" as const, amount: 60_000_000, version: 1, state: "approved", approvedBy: "qian.zhengming@example.com" };
const REGIONS = [
  { code: "EAST", share: { value: 30, percent: false } },
  { code: "SOUTH", share: { value: 25, percent: false } },
  { code: "NORTH", share: { value: 20, percent: false } },
];
const PEOPLE = [
  { email: "xu.wenhua@example.com", region: "EAST", share: { value: 40, percent: false } },
  { email: "kong.linghui@example.com", region: "EAST", share: { value: 30, percent: false } },
  { email: "ma.lei@example.com", region: "EAST", share: { value: 30, percent: false } },
  { email: "he.jun@example.com", region: "SOUTH", share: null },
  { email: "yan.feng@example.com", region: "SOUTH", share: null },
];

function input(over: Partial<DecompositionInput> = {}): DecompositionInput {
  return { root: ROOT, regions: REGIONS, people: PEOPLE, seasonal: null, unit: 1, overrides: new Map(), ...over };
}

function rows(over: Partial<DecompositionInput> = {}): readonly PlanRow[] {
  const result = decomposePlan(input(over));
  if (!result.ok) throw new Error(result.problems.map((p) => p.text.en).join("; "));
  return result.rows;
}

/** Every row with children equals the sum of its children exactly; no amount is negative. */
function expectExactTree(all: readonly PlanRow[]): void {
  // a year row has two sets of children (the next level's years, and its own quarters): each adds up
  const children = new Map<string, number>();
  for (const r of all) if (r.source_plan_id) children.set(`${r.source_plan_id}|${r.period_type}`, (children.get(`${r.source_plan_id}|${r.period_type}`) ?? 0) + r.amount);
  for (const r of all) {
    expect(r.amount, r.id).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(r.amount), r.id).toBe(true);
    for (const type of ["Y", "Q", "M"]) {
      const parts = children.get(`${r.id}|${type}`);
      if (parts !== undefined) expect(parts, `${type} children of ${r.id}`).toBe(r.amount);
    }
  }
  // across scopes too: every period of the company = Σ regions, every region = Σ its people
  const by = (f: (r: PlanRow) => boolean): number => all.filter(f).reduce((a, r) => a + r.amount, 0);
  for (const period of new Set(all.map((r) => r.period))) {
    const company = by((r) => r.period === period && r.level === "company");
    const regions = all.some((r) => r.level === "region") ? by((r) => r.period === period && r.level === "region") : company;
    expect(regions, `company ${period}`).toBe(company);
    for (const region of new Set(all.filter((r) => r.level === "person").map((r) => r.region))) {
      expect(by((r) => r.period === period && r.level === "person" && r.region === region), `${region} ${period}`).toBe(by((r) => r.period === period && r.level === "region" && r.region === region));
    }
  }
}

describe("WF-01.6 / WF-22.3 / RP-09: the annual plan decomposed company → regions → people, year → quarters → months", () => {
  it("WF-01.6: splits the company's year by region weights and each region by its people's weights, linked by Decomposed from", () => {
    const all = rows();
    const year = (id: string): PlanRow | undefined => all.find((r) => r.id === id);
    expect(year("2026-sales-EAST-Y")).toMatchObject({ amount: 24_000_000, source_plan_id: "2026-sales-CO-Y", level: "region", region: "EAST" });
    expect(year("2026-sales-SOUTH-Y")?.amount).toBe(20_000_000);
    expect(year("2026-sales-NORTH-Y")?.amount).toBe(16_000_000);
    expect(year("2026-sales-xu.wenhua-Y")).toMatchObject({ amount: 9_600_000, source_plan_id: "2026-sales-EAST-Y", person_email: "xu.wenhua@example.com" });
    expect(year("2026-sales-he.jun-Y")?.amount).toBe(10_000_000);
    expect(year("2026-sales-xu.wenhua-Q1")?.source_plan_id).toBe("2026-sales-xu.wenhua-Y");
    expect(year("2026-sales-xu.wenhua-M02")?.source_plan_id).toBe("2026-sales-xu.wenhua-Q1");
    // 1 company + 3 regions + 5 people, each Y + 4 Q + 12 M
    expect(all.length).toBe(9 * 17);
    expectExactTree(all);
  });

  it("WF-01.6: a person's rows are keyed by their email's name part, or the whole email when two people share it", () => {
    const all = rows({ people: [{ email: "li.na@a.example", region: "EAST", share: null }, { email: "li.na@b.example", region: "EAST", share: null }, { email: "wang.fang@a.example", region: "SOUTH", share: null }] });
    expect(all.filter((r) => r.level === "person" && r.period_type === "Y").map((r) => r.id)).toEqual(["2026-sales-li.na@a.example-Y", "2026-sales-li.na@b.example-Y", "2026-sales-wang.fang-Y"]);
  });

  it("WF-22.3: rows carry the plan's version, state and approver", () => {
    for (const r of rows()) expect([r.version, r.state, r.approved_by]).toEqual([1, "approved", "qian.zhengming@example.com"]);
  });

  it("WF-22.3: months follow the seasonal weights; blank weights are even", () => {
    const even = rows({ regions: [], people: [], root: { ...ROOT, amount: 1200 } });
    expect(even.filter((r) => r.period_type === "M").map((r) => r.amount)).toEqual(Array.from({ length: 12 }, () => 100));
    const seasonal = rows({ regions: [], people: [], root: { ...ROOT, amount: 1200 }, seasonal: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1].map((_, i) => (i === 11 ? 12 : 0)) });
    expect(seasonal.find((r) => r.id === "2026-sales-CO-Q4")?.amount).toBe(1200);
    expect(seasonal.find((r) => r.id === "2026-sales-CO-M12")?.amount).toBe(1200);
    expect(seasonal.find((r) => r.id === "2026-sales-CO-M01")?.amount).toBe(0);
  });

  it("WF-01.6: largest-remainder rounding to the unit keeps every sum exact (1 000 000 over three even regions)", () => {
    const all = rows({ root: { ...ROOT, amount: 1_000_000 }, regions: REGIONS.map((r) => ({ ...r, share: null })), people: [] });
    expect(all.filter((r) => r.level === "region" && r.period_type === "Y").map((r) => r.amount)).toEqual([333_334, 333_333, 333_333]);
    expectExactTree(all);
  });

  it("WF-01.6: explicit percentage shares must add up to 100%, said in both languages", () => {
    const ok = rows({ regions: [{ code: "EAST", share: { value: 50, percent: true } }, { code: "SOUTH", share: { value: 50, percent: true } }], people: [] });
    expect(ok.find((r) => r.id === "2026-sales-EAST-Y")?.amount).toBe(30_000_000);
    const bad = decomposePlan(input({ regions: [{ code: "EAST", share: { value: 50, percent: true } }, { code: "SOUTH", share: { value: 40, percent: true } }], people: [] }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems[0]?.text.zh).toContain("100%");
    expect(bad.problems[0]?.text.en).toContain("add up to 90%");
    expect(bad.problems[0]?.at?.column).toBe("PLAN_REGION_WEIGHTS");
  });

  it("WF-01.6: a region set by hand keeps its amount, the rest is re-spread over its siblings, and the notes say so in both languages", () => {
    const all = rows({ overrides: new Map([["2026-sales-EAST-Y", 30_000_000]]) });
    const east = all.find((r) => r.id === "2026-sales-EAST-Y");
    expect(east).toMatchObject({ amount: 30_000_000, manual: true });
    // the other 30 000 000 shared 25:20
    expect(all.find((r) => r.id === "2026-sales-SOUTH-Y")?.amount).toBe(16_666_667);
    expect(all.find((r) => r.id === "2026-sales-NORTH-Y")?.amount).toBe(13_333_333);
    expect(east?.note).toContain("手工调整为 30000000");
    expect(east?.note).toContain("Set by hand to 30000000 (by weight it would be 24000000)");
    expect(all.find((r) => r.id === "2026-sales-SOUTH-Y")?.note).toContain("Re-spread: 2026-sales-EAST-Y was set by hand");
    expect(all.find((r) => r.id === "2026-sales-SOUTH-Y")?.note).toContain("重新分摊");
    // the hand-set region's people share its new amount
    expect(all.filter((r) => r.level === "person" && r.region === "EAST" && r.period_type === "Y").reduce((a, r) => a + r.amount, 0)).toBe(30_000_000);
    expectExactTree(all);
  });

  it("WF-01.6: a month set by hand re-spreads its quarter over the other two months", () => {
    const all = rows({ overrides: new Map([["2026-sales-he.jun-M01", 1_000_000]]) });
    const q1 = all.find((r) => r.id === "2026-sales-he.jun-Q1")?.amount ?? 0;
    expect(all.find((r) => r.id === "2026-sales-he.jun-M01")?.amount).toBe(1_000_000);
    expect((all.find((r) => r.id === "2026-sales-he.jun-M02")?.amount ?? 0) + (all.find((r) => r.id === "2026-sales-he.jun-M03")?.amount ?? 0)).toBe(q1 - 1_000_000);
    expectExactTree(all);
  });

  it("WF-01.6: a hand-set row larger than its parent, or on a row that is a sum, is refused with where to fix it", () => {
    const over = decomposePlan(input({ overrides: new Map([["2026-sales-EAST-Y", 70_000_000]]), overrideRows: new Map([["2026-sales-EAST-Y", 7]]) }));
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.problems[0]?.code).toBe("PLAN_OVERRIDE_OVER_PARENT");
      expect(over.problems[0]?.at).toEqual({ sheet: "计划 Plans", row: 7, column: "amount" });
      expect(over.problems[0]?.text.en).toContain("lower their amounts");
    }
    const aggregate = decomposePlan(input({ overrides: new Map([["2026-sales-EAST-Q1", 5]]) }));
    expect(!aggregate.ok && aggregate.problems[0]?.code).toBe("PLAN_OVERRIDE_AGGREGATE");
  });

  it("WF-01.6 property: for any amount, weights, seasonal table and one hand-set child, every parent equals the sum of its children exactly and nothing is negative", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
        fc.option(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 12, maxLength: 12 }), { nil: null }),
        fc.option(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), { nil: null }),
        (amount, regionWeights, personRegion, seasonal, override) => {
          const regions = regionWeights.map((w, i) => ({ code: `R${i}`, share: { value: w, percent: false } }));
          const people = personRegion.map((r, i) => ({ email: `p${i}@example.com`, region: `R${r % regions.length}`, share: { value: (i % 3) + 1, percent: false } }));
          const base = decomposePlan({ root: { ...ROOT, amount }, regions, people, seasonal, unit: 1, overrides: new Map() });
          expect(base.ok).toBe(true);
          if (!base.ok) return;
          expectExactTree(base.rows);
          if (!override) return;
          // set one row by hand that is not a sum: a region's or person's year, or a quarter or month of a scope without parts
          const hasParts = (r: PlanRow): boolean => base.rows.some((c) => c.period_type === "Y" && c.source_plan_id === `${r.id.slice(0, r.id.lastIndexOf("-"))}-Y` && c.level !== r.level);
          const candidates = base.rows.filter((r) => r.source_plan_id && (r.period_type === "Y" || !hasParts(r)));
          const target = candidates[override[0] % Math.max(1, candidates.length)];
          if (!target) return;
          const parent = base.rows.find((r) => r.id === target.source_plan_id)?.amount ?? 0;
          const value = Math.floor(parent * override[1]);
          const changed = decomposePlan({ root: { ...ROOT, amount }, regions, people, seasonal, unit: 1, overrides: new Map([[target.id, value]]) });
          // refused only when the hand-set row is its parent's one part and is lower than the parent
          if (!changed.ok) {
            expect(changed.problems.map((p) => p.code)).toEqual(["PLAN_OVERRIDE_ALL_FIXED"]);
            expect(value).not.toBe(parent);
            return;
          }
          expect(changed.rows.find((r) => r.id === target.id)?.amount).toBe(value);
          expectExactTree(changed.rows);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("Settings tables of the decomposition (WF-22.3)", () => {
  it("WF-22.3: PLAN_SEASONAL_WEIGHTS reads month:weight pairs; blank is even; a bad entry names the key", () => {
    expect(seasonalWeights("")).toEqual([]);
    expect(seasonalWeights("1:2; 12:4")).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
    const bad = seasonalWeights("13:2");
    expect(!Array.isArray(bad) && bad.text.en).toContain("PLAN_SEASONAL_WEIGHTS");
  });

  it("WF-01.6: PLAN_REGION_WEIGHTS reads weights and percentages", () => {
    const t = shareTable("EAST:40; south:35%", "PLAN_REGION_WEIGHTS");
    expect(t instanceof Map && [...t.entries()]).toEqual([["east", { value: 40, percent: false }], ["south", { value: 35, percent: true }]]);
  });
});

const tableRows = (records: readonly TableRecord[], first = 2): TableRow[] => records.map((values, i) => ({ row: first + i, values, extra: {} }));

describe("WF-01.6 / WF-22 / RP-09: decomposing the workbook's plans", () => {
  const tables = (plans: readonly TableRecord[], settings: Record<string, unknown> = {}): PlanTables => ({
    plans: tableRows(plans),
    regions: [
      { code: "EAST", active: true },
      { code: "SOUTH", active: true },
      { code: "OLD", active: false },
    ],
    people: [
      { email: "xu.wenhua@example.com", role: "regional", region: "EAST", active: true },
      { email: "kong.linghui@example.com", role: "sales", region: "EAST", active: true },
      { email: "he.jun@example.com", role: "regional", region: "SOUTH", active: true },
      { email: "sun.lixin@example.com", role: "director", region: null, active: true },
    ],
    settings: { PLAN_REGION_WEIGHTS: "EAST:60; SOUTH:40", PLAN_PERSON_WEIGHTS: "regional:40; sales:60", PLAN_SEASONAL_WEIGHTS: "", ...settings },
  });
  const root: TableRecord = { id: "2026-sales-CO-Y", year: 2026, period_type: "Y", period: "2026", level: "company", metric: "sales", amount: 1_000_000, version: 2, state: "approved", approved_by: "qian.zhengming@example.com" };

  it("WF-22: a company annual plan gives every row of its decomposition to add, with totals per level", () => {
    const write = planDecomposition(tables([root]));
    expect(write.problems).toEqual([]);
    // company Q/M (16) + 2 regions × 17 + 3 people × 17
    expect(write.add.length).toBe(16 + 5 * 17);
    expect(write.change).toEqual([]);
    expect(write.totals).toEqual([{ year: 2026, metric: "sales", company: 1_000_000, regions: 1_000_000, people: 1_000_000 }]);
    expect(write.add.find((r) => r.id === "2026-sales-kong.linghui-Y")?.amount).toBe(360_000);
  });

  it("WF-01.6: decomposing an unchanged plan again changes nothing (idempotent)", () => {
    const first = planDecomposition(tables([root]));
    const again = planDecomposition(tables([root, ...planRecordsToAdd(first)]));
    expect(again.add).toEqual([]);
    expect(again.change).toEqual([]);
    expect(again.unchanged).toBe(first.add.length + 1);
  });

  it("WF-01.6: a row ticked Set by hand is kept and only its siblings change; a second run changes nothing more", () => {
    const written = planRecordsToAdd(planDecomposition(tables([root]))).map((r) => (r.id === "2026-sales-EAST-Y" ? { ...r, amount: 700_000, manual: true } : r));
    const write = planDecomposition(tables([root, ...written]));
    expect(write.problems).toEqual([]);
    const south = write.change.find((c) => c.id === "2026-sales-SOUTH-Y");
    expect(south?.values.amount).toBe(300_000);
    expect(String(south?.values.note)).toContain("Re-spread");
    expect(write.change.find((c) => c.id === "2026-sales-EAST-Y")?.values).toEqual({ note: expect.stringContaining("Set by hand to 700000") as unknown });
    // apply the change and run again: nothing left to do
    const applied = written.map((r, i) => ({ ...r, ...(write.change.find((c) => c.row === i + 3)?.values ?? {}) }));
    const again = planDecomposition(tables([root, ...applied]));
    expect(again.change).toEqual([]);
    expect(again.add).toEqual([]);
  });

  it("WF-22: changing PLAN_SEASONAL_WEIGHTS changes the months written", () => {
    const written = planRecordsToAdd(planDecomposition(tables([root])));
    const write = planDecomposition(tables([root, ...written], { PLAN_SEASONAL_WEIGHTS: "12:1" }));
    expect(write.change.find((c) => c.id === "2026-sales-CO-M12")?.values.amount).toBe(1_000_000);
    expect(write.change.find((c) => c.id === "2026-sales-CO-M01")?.values.amount).toBe(0);
  });

  it("WF-01.6: a person no longer active keeps a row at 0 with a note, so the region still adds up", () => {
    const written = planRecordsToAdd(planDecomposition(tables([root])));
    const t = tables([root, ...written]);
    const write = planDecomposition({ ...t, people: t.people.map((p) => (p.email === "kong.linghui@example.com" ? { ...p, active: false } : p)) });
    const gone = write.change.find((c) => c.id === "2026-sales-kong.linghui-Y");
    expect(gone?.values.amount).toBe(0);
    expect(String(gone?.values.note)).toContain("No longer part of the decomposition");
    expect(write.change.find((c) => c.id === "2026-sales-xu.wenhua-Y")?.values.amount).toBe(600_000);
  });

  it("a bad Settings table stops the decomposition and names the key", () => {
    const write = planDecomposition(tables([root], { PLAN_PERSON_WEIGHTS: "regional forty" }));
    expect(write.add).toEqual([]);
    expect(write.problems[0]?.at).toEqual({ sheet: "设置 Settings", column: "PLAN_PERSON_WEIGHTS" });
  });
});
