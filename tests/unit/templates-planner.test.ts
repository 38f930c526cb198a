/**
 * The installer planner (安装/升级 Install / upgrade, architecture rule 6): a fresh install creates
 * every sheet; planning again on the workbook a plan produces gives an empty plan (idempotence);
 * columns a user added or reordered stay where they are and missing template columns go to the end;
 * an upgrade from an older template version adds only what the newer version brings.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { both, UserError } from "../../src/core/i18n";
import { buildCatalog, templateCatalog } from "../../src/core/templates/catalog";
import { headerText } from "../../src/core/templates/columns";
import { installedVersionOf, planInstall, sheetSnapshot, snapshotAfter, templateTabs } from "../../src/core/templates/planner";
import type { InstallOp, InstallPlan, WorkbookSnapshot } from "../../src/core/templates/planner";
import type { ColumnTemplate, SheetTemplate, TemplateCatalog, WorkbookTemplate } from "../../src/core/templates/types";

const catalog = templateCatalog();
/** The templates' version today, and the next one a test derives from them. */
const V = catalog.workbook.templateVersion;
const NEXT = V + 1;
const fresh: WorkbookSnapshot = { sheetNames: ["Sheet1"], sheets: {}, namedRanges: [], installedVersion: 0 };

function opsOf<K extends InstallOp["kind"]>(plan: InstallPlan, kind: K): Extract<InstallOp, { kind: K }>[] {
  return plan.ops.filter((op): op is Extract<InstallOp, { kind: K }> => op.kind === kind);
}

function installed(c: TemplateCatalog = catalog): WorkbookSnapshot {
  return snapshotAfter(fresh, planInstall(c, fresh));
}

/** The catalog's files, read raw so a test can derive a later template version from them. */
function rawTemplates(): { workbook: WorkbookTemplate; sheets: SheetTemplate[] } {
  const root = resolve(import.meta.dirname, "../../sheets-templates");
  const read = (p: string): unknown => JSON.parse(readFileSync(join(root, p), "utf8"));
  const sheets = readdirSync(join(root, "sheets")).map((f) => read(`sheets/${f}`) as SheetTemplate);
  return { workbook: read("workbook.json") as WorkbookTemplate, sheets };
}

describe("a fresh install", () => {
  const plan = planInstall(catalog, fresh);

  it("creates every sheet in template order, before the spreadsheet's own first tab", () => {
    const created = opsOf(plan, "createSheet");
    expect(created.map((op) => op.sheet)).toEqual(catalog.workbook.sheets);
    expect(snapshotAfter(fresh, plan).sheetNames).toEqual([...catalog.sheets.map((s) => s.tabName), "Sheet1"]);
    expect(created.find((op) => op.sheet === "audit")?.protection?.level).toBe("warning");
  });

  it("writes bilingual headers with notes that explain stored values", () => {
    const people = opsOf(plan, "writeHeader").find((op) => op.sheet === "people");
    expect(people?.startColumn).toBe(1);
    expect(people?.headers.slice(0, 3)).toEqual(["姓名 / Name", "邮箱 / Email", "角色 / Role"]);
    expect(people?.notes[2]).toContain("mkt_manager = 市场部经理 / Marketing Manager");
  });

  it("resolves formula placeholders to the columns' letters", () => {
    const tasks = opsOf(plan, "setFormulas").find((op) => op.sheet === "tasks");
    // Column 15: Tasks gained "Reminders sent" and "Escalated to" before the computed columns (issue 11 §2, since 3).
    expect(tasks?.formulas[0]).toEqual({ column: 15, formula: '=ARRAYFORMULA(IF(G2:G="",,IF(H2:H="",G2:G<TODAY(),H2:H>G2:G)))' });
    const score = opsOf(plan, "setFormulas").find((op) => op.sheet === "scorecard_objective")?.formulas.find((f) => f.column === 21);
    expect(score?.formula).toBe(
      '=ARRAYFORMULA(OBJECTIVE_SCORE(R2:R,S2:S,T2:T,INDEX(MO_CFG_VALUES,MATCH("OBJ_WEIGHT_MODE",MO_CFG_KEYS,0)),INDEX(MO_CFG_VALUES,MATCH("OBJ_CUSTOM_WORK_WEIGHT",MO_CFG_KEYS,0)),INDEX(MO_CFG_VALUES,MATCH("OBJ_CUSTOM_BEHAVIOUR_WEIGHT",MO_CFG_KEYS,0)),INDEX(MO_CFG_VALUES,MATCH("OBJ_CUSTOM_COMPANY_WEIGHT",MO_CFG_KEYS,0)),INDEX(MO_CFG_VALUES,MATCH("SCORE_DECIMALS",MO_CFG_KEYS,0)),' +
        'INDEX(MO_CFG_VALUES,MATCH("OBJ_WORK_POINTS",MO_CFG_KEYS,0)),INDEX(MO_CFG_VALUES,MATCH("OBJ_BEHAVIOUR_POINTS",MO_CFG_KEYS,0)),' +
        'INDEX(MO_CFG_VALUES,MATCH("OBJ_COMPANY_POINTS",MO_CFG_KEYS,0)),INDEX(MO_CFG_VALUES,MATCH("BEHAVIOUR_SCALE",MO_CFG_KEYS,0))))',
    );
    const overdue = opsOf(plan, "addConditionalFormats").find((op) => op.sheet === "tasks")?.rules.find((r) => r.key === "overdue");
    expect(overdue?.formula).toBe('=AND($G2<>"",$H2="",$G2<TODAY())');
    expect(overdue?.ranges).toEqual([{ column: 1, columns: 16 }]);
    const late = opsOf(plan, "addConditionalFormats").find((op) => op.sheet === "orders")?.rules[0];
    expect(late?.formula).toBe('=AND($N2<>"",$P2>VALUE(INDEX(INDIRECT("MO_CFG_VALUES"),MATCH("COLLECTION_DAYS",INDIRECT("MO_CFG_KEYS"),0))))');
    // Dashboard cells read other sheets through open-ended, absolute ranges (a repeated formula keeps them).
    const pending = opsOf(plan, "writeCells")[0]?.cells.find((c) => c.row === 39 && c.column === 2);
    expect(pending?.value).toBe("=COUNTIF('申请 Requests'!$R$2:$R,\"pending\")");
  });

  it("points ref validations at the other sheet's key column", () => {
    const people = opsOf(plan, "setupColumns").find((op) => op.sheet === "people");
    expect(people?.columns.find((c) => c.key === "region")?.validation).toEqual({ kind: "range", sheetName: "区域 Regions", column: 1, allowInvalid: false, helpText: "请从下拉列表中选择 / choose from the list" });
    expect(people?.columns.find((c) => c.key === "role")?.validation).toMatchObject({ kind: "list", values: expect.arrayContaining(["director", "sales_head", "hr"]) as unknown });
    expect(people?.columns.find((c) => c.key === "email")?.numberFormat).toBe("@");
  });

  it("seeds every Settings row, with the installed version, and the default Routes", () => {
    const settings = opsOf(plan, "appendSeedRows").find((op) => op.sheet === "settings");
    expect(settings?.records.find((r) => r.key === "TEMPLATE_VERSION")?.value).toBe(String(V));
    expect(settings?.records.length).toBe(catalog.byKey.get("settings")?.seedRows?.length);
    expect(opsOf(plan, "appendSeedRows").find((op) => op.sheet === "routes")?.records.length).toBe(catalog.byKey.get("routes")?.seedRows?.length);
    expect(opsOf(plan, "addNamedRanges")[0]?.ranges).toContainEqual({ name: "MO_CFG_VALUES", sheetName: "设置 Settings", column: 2 });
  });

  it("records the version and one Audit row", () => {
    expect(opsOf(plan, "recordVersion")).toEqual([{ kind: "recordVersion", from: 0, to: V }]);
    const audit = opsOf(plan, "audit");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "template_installed", before: "", after: `v${V}` });
    expect(plan.summary.en).toMatch(new RegExp(`^template v0 → v${V}: ${catalog.workbook.sheets.length} sheet\\(s\\) created, \\d+ default row\\(s\\) added$`));
  });
});

describe("idempotence: a second run changes nothing", () => {
  it("plans nothing for the workbook the first plan produced", () => {
    const plan = planInstall(catalog, installed());
    expect(plan.ops).toEqual([]);
    expect(plan.summary).toEqual({ zh: `已是最新模板 v${V},无需更改`, en: `Already on template v${V}: nothing to change` });
  });

  it("plans nothing after repairing any mix of removed sheets, columns, rows, named ranges and user columns (property)", () => {
    const base = installed();
    const tabs = catalog.sheets.map((s) => s.tabName);
    fc.assert(
      fc.property(
        fc.subarray(tabs),
        fc.subarray(tabs),
        fc.integer({ min: 0, max: 5 }),
        fc.subarray([...base.namedRanges]),
        fc.constantFrom(0, 1),
        (dropped, reversed, dropSeeds, keptRanges, version) => {
          const sheets: Record<string, { header: unknown[]; rowKeys?: string[] }> = {};
          for (const [name, s] of Object.entries(base.sheets)) {
            if (dropped.includes(name)) continue;
            const template = catalog.sheets.find((t) => t.tabName === name);
            // Users reverse some headers, drop optional columns and add their own.
            const optional = new Set(template?.columns.filter((c) => !c.required).map(headerText));
            let header = s.header.filter((h, i) => !(optional.has(String(h)) && i % 3 === 0));
            if (reversed.includes(name)) header = [...header].reverse();
            sheets[name] = { header: [...header, "我的列 Mine"], ...(s.rowKeys ? { rowKeys: s.rowKeys.slice(dropSeeds) } : {}) };
          }
          const start: WorkbookSnapshot = { sheetNames: ["Sheet1", ...base.sheetNames.filter((n) => !dropped.includes(n) && n !== "Sheet1")], sheets, namedRanges: keptRanges, installedVersion: version };
          const after = snapshotAfter(start, planInstall(catalog, start));
          expect(planInstall(catalog, after).ops).toEqual([]);
          // Nothing the user had moved: every header cell of a kept sheet is still in its place.
          for (const [name, s] of Object.entries(sheets)) expect(after.sheets[name]?.header.slice(0, s.header.length)).toEqual(s.header);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("columns a user added or reordered", () => {
  const base = installed();
  const peopleHeader = base.sheets["人员 People"]?.header ?? [];
  const mine = [...peopleHeader].reverse().filter((h) => h !== "语言 / Language");
  mine.splice(3, 0, "微信号 WeChat (mine)");
  const start: WorkbookSnapshot = { ...base, sheets: { ...base.sheets, "人员 People": { header: mine } } };
  const plan = planInstall(catalog, start);

  it("appends only the missing template column, after the last header", () => {
    expect(opsOf(plan, "writeHeader")).toEqual([
      expect.objectContaining({ sheet: "people", startColumn: mine.length + 1, headers: ["语言 / Language"] }) as unknown,
    ]);
    expect(opsOf(plan, "setupColumns")).toEqual([expect.objectContaining({ sheet: "people", columns: [expect.objectContaining({ key: "language", column: mine.length + 1 })] }) as unknown]);
  });

  it("never deletes, moves or renames a user's column", () => {
    const after = snapshotAfter(start, plan).sheets["人员 People"]?.header ?? [];
    expect(after.slice(0, mine.length)).toEqual(mine);
    expect(plan.ops.every((op) => ["writeHeader", "setupColumns", "audit"].includes(op.kind))).toBe(true);
  });

  it("logs the repair on Audit without touching the version", () => {
    expect(opsOf(plan, "recordVersion")).toEqual([]);
    expect(opsOf(plan, "audit")).toEqual([expect.objectContaining({ action: "template_repaired", before: `v${V}`, after: `v${V}` }) as unknown]);
  });
});

/**
 * The templates as an older version had them: sheets, columns, formulas, conditional formats and
 * seed rows of later versions left out (a column whose formula came later keeps its header).
 */
function templatesAsOf(version: number): TemplateCatalog {
  const raw = rawTemplates();
  const sheets = raw.sheets
    .filter((s) => s.since <= version)
    .map(({ cellsSince, ...s }): SheetTemplate => ({
      ...s,
      ...(cellsSince !== undefined && cellsSince <= version ? { cellsSince } : {}),
      columns: s.columns
        .filter((c) => c.since <= version)
        .map((c): ColumnTemplate => {
          if ((c.formulaSince ?? c.since) <= version) return c;
          const { arrayFormula: _formula, formulaSince: _since, ...rest } = c;
          return rest;
        }),
      ...(s.conditionalFormats ? { conditionalFormats: s.conditionalFormats.filter((r) => r.since <= version) } : {}),
      ...(s.seedRows ? { seedRows: s.seedRows.filter((r) => r.since <= version) } : {}),
      ...(s.namedRanges ? { namedRanges: s.namedRanges.filter((r) => r.since <= version) } : {}),
      // A dashboard whose cells a later version rewrote: the older cells are not kept, so none.
      ...(cellsSince !== undefined && cellsSince > version ? { cells: [] } : {}),
      ...(s.charts ? { charts: s.charts.filter((c) => c.since <= version) } : {}),
    }));
  const workbook = { ...raw.workbook, templateVersion: version, sheets: raw.workbook.sheets.filter((k) => sheets.some((s) => s.key === k)) };
  return buildCatalog(workbook, sheets);
}

describe("upgrading a v1 workbook to template v2: the scorecards get their formulas", () => {
  const v1Catalog = templatesAsOf(1);
  const v1 = snapshotAfter(fresh, planInstall(v1Catalog, fresh));
  const v2Catalog = templatesAsOf(2);
  const plan = planInstall(v2Catalog, v1);
  const formulasOf = (sheet: string): string[] => (opsOf(plan, "setFormulas").find((op) => op.sheet === sheet)?.formulas ?? []).map((f) => f.formula);

  it("starts from a v1 workbook without a single scorecard formula", () => {
    expect(v1.installedVersion).toBe(1);
    expect(planInstall(v1Catalog, fresh).ops.filter((op) => op.kind === "setFormulas" && op.sheet.startsWith("scorecard"))).toEqual([]);
  });

  it("adds each computed column's array formula, old columns in place and new ones at the end", () => {
    // The v2 formulas: those a v3 step rewrote (formulaSince 3, e.g. OBJECTIVE_SCORE passing more Settings keys) come with that step.
    const objective = v2Catalog.byKey.get("scorecard_objective");
    const computed = objective?.columns.filter((c) => c.arrayFormula !== undefined) ?? [];
    expect(formulasOf("scorecard_objective")).toHaveLength(computed.length);
    const work = opsOf(plan, "setFormulas").find((op) => op.sheet === "scorecard_objective")?.formulas.find((f) => f.formula.startsWith("=ARRAYFORMULA(WORK_INDICATOR_POINTS("));
    // v1 had work_points in column 17; the new region column goes to the end, so the references shift nowhere.
    expect(work?.column).toBe(17);
    expect(work?.formula).toContain("WORK_INDICATOR_POINTS(B2:B,");
    expect(opsOf(plan, "writeHeader").find((op) => op.sheet === "scorecard_objective")?.headers).toEqual(["业绩区域 / Result region", "提示 / Flags", "读法 / Reading in force", "匹配键 / Lookup key"]);
    for (const sheet of ["scorecard_sales_head", "scorecard_cust_head", "scorecard_info_head", "scorecard_mkt_head", "annual_appraisal", "actuals", "plans", "tasks", "orders"]) {
      expect(formulasOf(sheet).length, sheet).toBeGreaterThan(0);
    }
    expect(formulasOf("scorecard_sales_head")).toContain(
      // (the v3 formulas of the sales head's points, which pass more Settings keys, come with the v3 step)
      '=ARRAYFORMULA(EXPENSE_USAGE_SCORE(I2:I,H2:H,INDEX(MO_CFG_VALUES,MATCH("EXPENSE_PENALTY_PER_PP",MO_CFG_KEYS,0))))',
    );
  });

  it("adds the v2 grade colours and records v2 with one Audit row for the step", () => {
    expect(opsOf(plan, "addConditionalFormats").find((op) => op.sheet === "scorecard_objective")?.rules.map((r) => r.key)).toEqual(["grade_b", "flagged"]);
    expect(opsOf(plan, "recordVersion")).toEqual([{ kind: "recordVersion", from: 1, to: 2 }]);
    expect(opsOf(plan, "audit").map((a) => [a.action, a.before, a.after])).toEqual([["template_migrated", "v1", "v2"]]);
    expect(opsOf(plan, "createSheet")).toEqual([]);
  });

  it("changes nothing on a second upgrade", () => {
    expect(planInstall(v2Catalog, snapshotAfter(v1, plan)).ops).toEqual([]);
  });
});

describe("upgrading a v2 workbook to template v3: the annual appraisal reads the twelve monthly snapshots (WF-25, SC-40, SC-45)", () => {
  const v2 = snapshotAfter(fresh, planInstall(templatesAsOf(2), fresh));
  const plan = planInstall(catalog, v2);
  const annual = opsOf(plan, "setFormulas").find((op) => op.sheet === "annual_appraisal")?.formulas.map((f) => f.formula) ?? [];

  it("rewrites every month, the months count, the points, the grade and the history average (formulaSince 3) to read Monthly results", () => {
    const rewritten = catalog.byKey.get("annual_appraisal")?.columns.filter((c) => c.formulaSince === 3).map((c) => c.key);
    // …and the two flags that now pass DEMOTE_RULE (SC-47) and DIRECTOR_LAST_RULE (SC-52) from Settings.
    expect(rewritten).toEqual([
      "months_appraised", "points_sum", "annual_grade", "history_average", "annual_score",
      "m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12",
      "director_flag", "demotion_flag",
    ]);
    expect(annual).toHaveLength(19);
    const settingsOnly = ["=ARRAYFORMULA(ANNUAL_SCORE(", "=ARRAYFORMULA(DIRECTOR_RANK_FLAG(", "=ARRAYFORMULA(DEMOTION_FLAG("];
    for (const f of annual.filter((f) => !settingsOnly.some((start) => f.startsWith(start)))) {
      expect(f).toContain("'月度考核结果 Monthly results'!");
      expect(f).not.toContain("目标管理考核");
    }
  });

  it("adds the Monthly results lookup key that counts only a signed or published latest revision (SC-57)", () => {
    const key = opsOf(plan, "setFormulas").find((op) => op.sheet === "monthly_results")?.formulas.map((f) => f.formula) ?? [];
    expect(key).toHaveLength(1);
    expect(key[0]).toContain('<>"signed"');
    expect(key[0]).toContain('<>"published"');
  });
});

describe("migration from an older template version", () => {
  // A version 4 derived from today's templates exercises every kind of change an upgrade brings.
  const raw = rawTemplates();
  const wechat: ColumnTemplate = { key: "wechat", header: { zh: "微信", en: "WeChat" }, type: "text", since: NEXT };
  const v3Sheets = raw.sheets.map((s): SheetTemplate => {
    switch (s.key) {
      case "people":
        return { ...s, columns: [...s.columns, wechat] };
      case "settings":
        return { ...s, seedRows: [...(s.seedRows ?? []), { since: NEXT, values: { key: "REMINDER_DAYS", value: "3", type: "integer", description_zh: "提前提醒天数", description_en: "Days of notice" } }] };
      case "routes":
        return { ...s, seedRows: [...(s.seedRows ?? []), { since: NEXT, values: { request_type: "exchange", step: 3, name_zh: "质量部确认", name_en: "Quality confirms", role: "quality", action: "confirm", mode: "any", active: true } }] };
      case "tasks":
        return { ...s, conditionalFormats: [...(s.conditionalFormats ?? []), { key: "no_owner", description: { zh: "无责任人", en: "No owner" }, formula: '={owner_email}=""', background: "#fce8e6", since: NEXT }] };
      case "scorecard_sales_head":
        return {
          ...s,
          columns: s.columns.map((c) => (c.key === "plan_points" ? { ...c, arrayFormula: '=ARRAYFORMULA(IF({sales_target}>0,{sales_actual}/{sales_target}*40,""))', formulaSince: NEXT } : c)),
        };
      default:
        return s;
    }
  });
  const v3 = buildCatalog({ ...raw.workbook, templateVersion: NEXT }, v3Sheets);
  // The v3 workbook, where the user also deleted one default route and one setting.
  const v2 = installed();
  const start: WorkbookSnapshot = {
    ...v2,
    sheets: {
      ...v2.sheets,
      "审批路线 Routes": { ...v2.sheets["审批路线 Routes"], header: v2.sheets["审批路线 Routes"]?.header ?? [], rowKeys: (v2.sheets["审批路线 Routes"]?.rowKeys ?? []).filter((k) => k !== "promotion_plan\u241f2") },
      "设置 Settings": { ...v2.sheets["设置 Settings"], header: v2.sheets["设置 Settings"]?.header ?? [], rowKeys: (v2.sheets["设置 Settings"]?.rowKeys ?? []).filter((k) => k !== "LATE_CAP") },
    },
  };
  const plan = planInstall(v3, start);

  it("adds only what the next version brings: one column, one formula, one rule and the new rows", () => {
    expect(opsOf(plan, "createSheet")).toEqual([]);
    expect(opsOf(plan, "writeHeader").map((op) => [op.sheet, op.headers])).toEqual([["people", ["微信 / WeChat"]]]);
    expect(opsOf(plan, "setFormulas").map((op) => [op.sheet, op.formulas.map((f) => f.formula)])).toEqual([["scorecard_sales_head", ['=ARRAYFORMULA(IF(D2:D>0,E2:E/D2:D*40,""))']]]);
    expect(opsOf(plan, "addConditionalFormats").map((op) => [op.sheet, op.rules.map((r) => r.key)])).toEqual([["tasks", ["no_owner"]]]);
    expect(opsOf(plan, "appendSeedRows").map((op) => [op.sheet, op.identities])).toEqual([
      ["routes", ["exchange\u241f3"]],
      ["settings", ["LATE_CAP", "REMINDER_DAYS"]],
    ]);
  });

  it("restores a deleted setting (always needed) but not a default route the user deleted", () => {
    const routes = opsOf(plan, "appendSeedRows").find((op) => op.sheet === "routes");
    expect(routes?.identities).not.toContain("promotion_plan\u241f2");
  });

  it("records the next version with one Audit row per migration step", () => {
    expect(opsOf(plan, "recordVersion")).toEqual([{ kind: "recordVersion", from: V, to: NEXT }]);
    expect(opsOf(plan, "audit").map((a) => [a.action, a.before, a.after])).toEqual([
      ["template_repaired", `v${V}`, `v${V}`],
      ["template_migrated", `v${V}`, `v${NEXT}`],
    ]);
    expect(opsOf(plan, "audit")[1]?.comment).toContain("1 column(s) added");
  });

  it("is then up to date", () => {
    expect(planInstall(v3, snapshotAfter(start, plan)).ops).toEqual([]);
  });

  it("refuses a workbook installed by a newer MarketOps", () => {
    let error: unknown;
    try {
      planInstall(catalog, { ...v2, installedVersion: NEXT });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe("TEMPLATE_TOO_NEW");
    expect((error as UserError).text.en).toContain(`this workbook has template v${NEXT}, newer than this MarketOps (v${V})`);
  });
});

describe("a workbook whose installed version is unknown", () => {
  const v1 = installed();
  const start: WorkbookSnapshot = { ...v1, installedVersion: 0 };
  const plan = planInstall(catalog, start);

  it("adds no formula or rule to sheets it did not create, since either could clash with what is there", () => {
    expect(opsOf(plan, "setFormulas")).toEqual([]);
    expect(opsOf(plan, "addConditionalFormats")).toEqual([]);
  });

  it("records the version, so later upgrades know what is installed", () => {
    expect(opsOf(plan, "recordVersion")).toEqual([{ kind: "recordVersion", from: 0, to: V }]);
    expect(planInstall(catalog, snapshotAfter(start, plan)).ops).toEqual([]);
  });
});

describe("reading the workbook", () => {
  it("finds template tabs by tab name, by either title or by key, exact names first", () => {
    const tabs = templateTabs(catalog, ["People", "人员 People", "设置", "tasks", "Sheet1"]);
    expect(tabs.get("people")).toBe("人员 People");
    expect(tabs.get("settings")).toBe("设置");
    expect(tabs.get("tasks")).toBe("tasks");
    expect(tabs.has("regions")).toBe(false);
  });

  it("reads the installed version and the seed rows present from Settings values", () => {
    const settings = catalog.byKey.get("settings");
    if (!settings) throw new Error("no settings template");
    const values = [
      ["值 / Value", "设置项 / Key"],
      ["3", "TEMPLATE_VERSION"],
      ["NORMALIZE", "OBJ_WEIGHT_MODE"],
      ["", ""],
    ];
    expect(installedVersionOf(settings, values)).toBe(3);
    expect(sheetSnapshot(settings, values).rowKeys).toEqual(["TEMPLATE_VERSION", "OBJ_WEIGHT_MODE"]);
    expect(installedVersionOf(settings, [["Key", "Value"]])).toBe(0);
  });
});

describe("the Dashboard on an upgrade", () => {
  const catalog = templateCatalog();
  const fresh: WorkbookSnapshot = { sheetNames: [], sheets: {}, namedRanges: [], installedVersion: 0 };
  const installed = snapshotAfter(fresh, planInstall(catalog, fresh));
  const dashboardName = catalog.byKey.get("dashboard")?.tabName ?? "";
  const titles = (catalog.byKey.get("dashboard")?.charts ?? []).map((c) => both(c.title));

  it("a fresh install writes every cell, repeated formulas with their row count, and adds every chart", () => {
    const plan = planInstall(catalog, fresh);
    const cells = opsOf(plan, "writeCells").find((op) => op.sheet === "dashboard");
    expect(cells?.replace).toBe(false);
    expect(cells?.cells.find((c) => c.row === 8 && c.column === 3)?.rows).toBe(12);
    expect(opsOf(plan, "addCharts").find((op) => op.sheet === "dashboard")?.charts.map((c) => c.title)).toEqual(titles);
  });

  it("plans no second chart once the charts are there, and adds back only a missing one", () => {
    expect(planInstall(catalog, installed).ops).toEqual([]);
    const lacking: WorkbookSnapshot = { ...installed, sheets: { ...installed.sheets, [dashboardName]: { header: [], chartTitles: titles.slice(1) } } };
    const repair = planInstall(catalog, lacking);
    expect(opsOf(repair, "addCharts").flatMap((op) => op.charts.map((c) => c.title))).toEqual(titles.slice(0, 1));
    expect(opsOf(repair, "writeCells")).toEqual([]);
  });

  it("an upgrade from v2 writes the v3 cells over the old dashboard and adds the charts", () => {
    const v2: WorkbookSnapshot = { ...installed, installedVersion: 2, sheets: { ...installed.sheets, [dashboardName]: { header: [] } } };
    const plan = planInstall(catalog, v2);
    expect(opsOf(plan, "writeCells").find((op) => op.sheet === "dashboard")?.replace).toBe(true);
    expect(opsOf(plan, "addCharts").find((op) => op.sheet === "dashboard")?.charts).toHaveLength(titles.length);
    expect(planInstall(catalog, snapshotAfter(v2, plan)).ops).toEqual([]);
  });
});

describe("dropdown lists installed by an earlier version (installOrUpgrade refreshes them)", () => {
  const requests = catalog.sheets.find((s) => s.key === "requests");
  if (!requests) throw new Error("no requests template");
  const types = requests.columns.find((c) => c.key === "type")?.validation;
  const templateTypes = types?.kind === "enum" ? types.values.map((o) => o.value) : [];

  /** The installed workbook, with Requests row 2 dropdowns as the template has them, except the type column's `typeList`. */
  function withLists(typeList: readonly string[] | null, decisionList: readonly string[] | null = null): WorkbookSnapshot {
    const base = installed();
    const tab = base.sheets[requests!.tabName];
    if (!tab) throw new Error("no Requests tab");
    const lists = tab.header.map((h) => {
      const column = requests!.columns.find((c) => headerText(c) === h);
      if (column?.key === "type") return typeList;
      if (column?.key === "decision") return decisionList;
      return column?.validation?.kind === "enum" ? column.validation.values.map((o) => o.value) : null;
    });
    return { ...base, sheets: { ...base.sheets, [requests!.tabName]: { ...tab, listValidations: lists } } };
  }

  it("template: a list column whose dropdown lacks values a later version added (the appraisal sign-offs) gets the template's list, keeping a value the user added; nothing else is touched", () => {
    const old = [...templateTypes.filter((t) => t !== "monthly_appraisal" && t !== "annual_appraisal"), "my_own_type"];
    const plan = planInstall(catalog, withLists(old));
    const lists = opsOf(plan, "setValidations");
    expect(lists).toHaveLength(1);
    expect(lists[0]?.sheet).toBe("requests");
    expect(lists[0]?.columns.map((c) => c.key)).toEqual(["type"]);
    expect(lists[0]?.columns[0]?.validation.values).toEqual([...templateTypes, "my_own_type"]);
    expect(plan.ops.map((op) => op.kind)).toEqual(["setValidations", "audit"]);
    expect(plan.summary.en).toContain("1 dropdown list(s) updated");
  });

  it("template: a column whose dropdown was removed by hand is left alone, and after the refresh the workbook is up to date", () => {
    expect(planInstall(catalog, withLists(null)).ops).toEqual([]);
    const stale = withLists(templateTypes.slice(0, 3));
    const after = snapshotAfter(stale, planInstall(catalog, stale));
    expect(planInstall(catalog, after).ops).toEqual([]);
  });
});
