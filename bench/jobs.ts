/**
 * The jobs the bench measures, each for the product (dist/Code.js) and, where it has one, for the
 * naive peer (bench/naive): what workbook the job starts from, how it grows with the department, and
 * the call the bench times. A job's setup is split into a fixed part (opening a host, installing)
 * and a part that grows with the rows (writing the department's rows, evaluating them once), so the
 * runner can project a larger size from a smaller one and skip what would not fit its time budget.
 */
import { readFileSync } from "node:fs";
import { shiftMonth } from "../src/core/demo/calendar";
import { buildDemoDepartment, DEMO_SHEETS } from "../src/core/demo/department";
import { wallClock } from "../src/core/time";
import type { LocalHost } from "../src/local/host";
import type { Sample } from "./measure";
import type { SavedWorkbook, Scale } from "./workload";
import type { ScoreSheet } from "./workload";
import { addScoreSheet, BENCH_NOW, freshHost, growDepartment, growWorkbook, hostFromSaved, ordersFor, placeColumnFormula, placeNativeRowFormulas, placeRowFormulas, readScores, writeScoreInputs } from "./workload";

export type Peer = "product" | "competent" | "naive";

/** What a case function gets from the runner. */
export interface CaseContext {
  readonly naiveBundle: string;
  readonly installed: SavedWorkbook;
  /** A setup step that costs the same at every size. */
  fixed<T>(step: () => Promise<T> | T): Promise<T>;
  /** A setup step whose cost grows with the rows. */
  scaled<T>(step: () => Promise<T> | T): Promise<T>;
  /** Measures one run of `job` on `host` (calls, time, heap). */
  sample(host: LocalHost, job: () => Promise<unknown>): Promise<Sample>;
  /** Whether another run fits: fewer than the runs asked for, and within the case's time budget. */
  moreRuns(): boolean;
}

/** What a case reports besides its samples. */
export interface CaseExtras {
  /** Formula cells that call a custom function (Sheets makes one server call per such cell per recalculation). */
  formulaCells?: number;
  /** Custom-function calls per run, counted inside the bundle (the naive peer counts its own). */
  customFunctionCalls?: number;
  /** Scores of the check inputs, to show both peers compute the same thing. */
  scores?: readonly unknown[];
}

type CaseFunction = (scale: Scale | null, ctx: CaseContext) => Promise<CaseExtras>;

export interface JobDefinition {
  readonly id: string;
  readonly title: string;
  /** What is measured, for RESULTS.md. */
  readonly about: string;
  /** Whether the job takes rows (measured at every scale) or not (measured once). */
  readonly takesRows: boolean;
  /** How a size reads in the table. */
  size(scale: Scale | null): string;
  readonly peers: Partial<Record<Peer, CaseFunction>>;
}

const count = (n: number): string => n.toLocaleString("en-US");

/** What Load demo data writes at BENCH_NOW (the month before it), for the job's description. */
const demoSize = ((): { people: number; rows: number; tables: number } => {
  const manifest = JSON.parse(readFileSync(new URL("../appsscript.json", import.meta.url), "utf8")) as { timeZone?: string };
  const today = wallClock(BENCH_NOW, manifest.timeZone ?? "Etc/GMT");
  const { records } = buildDemoDepartment(shiftMonth(today.year, today.month, 1));
  const tables = DEMO_SHEETS.map((key) => records[key] ?? []).filter((r) => r.length > 0);
  return { people: records.people?.length ?? 0, rows: tables.reduce((sum, r) => sum + r.length, 0), tables: tables.length };
})();

function requireScale(scale: Scale | null): Scale {
  if (!scale) throw new Error("bench: this job needs a size");
  return scale;
}

/** Opens a host, runs `work`, and always closes it. */
async function withHost<T>(open: () => Promise<LocalHost>, ctx: CaseContext, work: (host: LocalHost) => Promise<T>): Promise<T> {
  const host = await ctx.fixed(open);
  try {
    return await work(host);
  } finally {
    host.close();
  }
}

async function installedProductHost(): Promise<LocalHost> {
  const host = await freshHost();
  await host.run("installOrUpgrade");
  return host;
}

const installFresh: JobDefinition = {
  id: "install-fresh",
  title: "installOrUpgrade — fresh spreadsheet",
  about: "市场部 MarketOps → 安装/升级 on a new, empty spreadsheet: every template tab, header, format, validation, protection, formula and seed row. No rows to grow: measured once per run on a new host.",
  takesRows: false,
  size: () => "empty spreadsheet",
  peers: {
    product: async (_scale, ctx) => {
      while (ctx.moreRuns()) {
        await withHost(() => freshHost(), ctx, (host) => ctx.sample(host, () => host.run("installOrUpgrade")));
      }
      return {};
    },
  },
};

const upgradeInstalled: JobDefinition = {
  id: "upgrade-installed",
  title: "installOrUpgrade — already installed",
  about:
    "安装/升级 again on an installed workbook holding a department's data: people, activity rows and a tenth as many orders (at least 1,000). The installer finds nothing to do. The naive peer reads what the installer reads cell by cell.",
  takesRows: true,
  size: (scale) => {
    const s = requireScale(scale);
    return `${count(s.people)} people · ${count(s.rows)} activities · ${count(ordersFor(s.rows))} orders`;
  },
  peers: {
    product: (scale, ctx) =>
      withHost(installedProductHost, ctx, async (host) => {
        const s = requireScale(scale);
        await ctx.scaled(() => growWorkbook(host, s.people, s.rows));
        while (ctx.moreRuns()) await ctx.sample(host, () => host.run("installOrUpgrade"));
        return {};
      }),
    naive: (scale, ctx) =>
      withHost(() => hostFromSaved(ctx.installed, ctx.naiveBundle), ctx, async (host) => {
        const s = requireScale(scale);
        await ctx.scaled(() => growWorkbook(host, s.people, s.rows));
        while (ctx.moreRuns()) await ctx.sample(host, () => host.run("naiveUpgrade"));
        return {};
      }),
  },
};

const loadDemo: JobDefinition = {
  id: "load-demo",
  title: "loadDemoData",
  about:
    `市场部 MarketOps → 载入演示数据 on an installed workbook whose People is empty (as the job requires) but whose Activities and Orders already hold rows: it reads each table it appends to and writes the ${demoSize.people}-person demo department (${count(demoSize.rows)} rows over ${demoSize.tables} tables). The department written is the demo's own, so the people dimension does not apply. Each run starts from a new workbook.`,
  takesRows: true,
  size: (scale) => {
    const s = requireScale(scale);
    return `${count(s.rows)} activities · ${count(ordersFor(s.rows))} orders`;
  },
  peers: {
    product: async (scale, ctx) => {
      const s = requireScale(scale);
      while (ctx.moreRuns()) {
        await withHost(installedProductHost, ctx, async (host) => {
          await ctx.scaled(() => growWorkbook(host, 0, s.rows));
          await ctx.sample(host, () => host.run("loadDemoData"));
        });
      }
      return {};
    },
    competent: async (scale, ctx) => {
      const s = requireScale(scale);
      while (ctx.moreRuns()) {
        await withHost(() => hostFromSaved(ctx.installed, ctx.naiveBundle), ctx, async (host) => {
          await ctx.scaled(() => growWorkbook(host, 0, s.rows));
          await ctx.sample(host, () => host.run("competentLoadDemoData"));
        });
      }
      return {};
    },
    naive: async (scale, ctx) => {
      const s = requireScale(scale);
      while (ctx.moreRuns()) {
        await withHost(() => hostFromSaved(ctx.installed, ctx.naiveBundle), ctx, async (host) => {
          await ctx.scaled(() => growWorkbook(host, 0, s.rows));
          await ctx.sample(host, () => host.run("naiveLoadDemoData"));
        });
      }
      return {};
    },
  },
};

/** Inputs of this run number are scored by both peers and compared. */
const CHECK_RUN = 0;

/**
 * Times the evaluation of the score column: each run writes new actuals (not timed, like a person
 * typing them), then the timed part flushes the spreadsheet and reads the scores, which makes the
 * formula engine call the custom function(s).
 */
async function scoreRuns(
  host: LocalHost,
  scale: Scale,
  ctx: CaseContext,
  place: (sheet: ScoreSheet) => number,
  callsSoFar: () => Promise<number | undefined>,
): Promise<CaseExtras> {
  const { sheet, formulaCells } = await ctx.scaled(() => {
    const added = addScoreSheet(host, scale.rows);
    writeScoreInputs(host, added, scale.rows, CHECK_RUN);
    const cells = place(added);
    host.spreadsheet.flush();
    return { sheet: added, formulaCells: cells };
  });
  const scores = readScores(host, sheet, scale.rows);
  const perRun: number[] = [];
  for (let run = 1; ctx.moreRuns(); run++) {
    // Read the tally before the new inputs: an execution ends with a flush, which would evaluate them.
    const before = await callsSoFar();
    await ctx.scaled(() => writeScoreInputs(host, sheet, scale.rows, run));
    await ctx.sample(host, () => {
      host.spreadsheet.flush();
      readScores(host, sheet, scale.rows);
      return Promise.resolve();
    });
    const after = await callsSoFar();
    if (before !== undefined && after !== undefined) perRun.push(after - before);
  }
  const customFunctionCalls = perRun.length > 0 ? Math.max(...perRun) : undefined;
  return { formulaCells, scores, ...(customFunctionCalls !== undefined ? { customFunctionCalls } : {}) };
}

const scoreColumn: JobDefinition = {
  id: "score-column",
  title: "Custom function column — SALES_PLAN_SCORE",
  about:
    "Formula evaluation of the sales heads' plan points over N rows after the actual sales change, on a tab of the bench's own in a new spreadsheet (so only the custom function is evaluated): MarketOps's one vectorised formula for the column (`=SALES_PLAN_SCORE(B2:B, C2:C)`) against the competent peer's native formula per row (`=IF(B2/C2<0.6,0,MIN(40*B2/C2,60))`, the same rule, no custom function) and the naive peer's scalar custom-function formula per row (`=SALES_PLAN_SCORE(B2, C2)` filled down). Custom functions call no service; what counts is the custom-function calls: Sheets makes one call to the Apps Script server per formula cell that uses one, each time it recalculates (https://developers.google.com/apps-script/guides/sheets/functions#optimization).",
  takesRows: true,
  size: (scale) => `${count(requireScale(scale).rows)} rows`,
  peers: {
    product: (scale, ctx) =>
      withHost(() => freshHost(), ctx, (host) => scoreRuns(host, requireScale(scale), ctx, (sheet) => placeColumnFormula(host, sheet), () => Promise.resolve(undefined))),
    competent: (scale, ctx) =>
      withHost(() => freshHost(ctx.naiveBundle), ctx, (host) => scoreRuns(host, requireScale(scale), ctx, (sheet) => placeNativeRowFormulas(host, sheet, requireScale(scale).rows), () => Promise.resolve(undefined))),
    naive: (scale, ctx) =>
      withHost(
        () => freshHost(ctx.naiveBundle),
        ctx,
        (host) =>
          scoreRuns(
            host,
            requireScale(scale),
            ctx,
            (sheet) => placeRowFormulas(host, sheet, requireScale(scale).rows),
            async () => Number((await host.run("naiveScoreCalls")).value),
          ),
      ),
  },
};

const closeMonth: JobDefinition = {
  id: "close-month",
  title: "closeMonth — the monthly close",
  about:
    "市场部 MarketOps → 月度关账 for October on the demo workbook grown to N people (each added person a copy of a demo person with their Plans, Actuals, Tasks, Contract incidents and scorecard rows) and N activity rows: it reads Settings, Holidays, the five scorecards, Tasks, Actuals, Plans, People and Monthly results once each, computes every appraised person's month with the core, writes one Monthly results row per person and Audit once each, and starts the GM's sign-off request (one email). Each run starts from a new workbook.",
  takesRows: true,
  size: (scale) => {
    const s = requireScale(scale);
    return `${count(s.people)} people · ${count(s.rows)} activities`;
  },
  peers: {
    product: async (scale, ctx) => {
      const s = requireScale(scale);
      while (ctx.moreRuns()) {
        await withHost(installedProductHost, ctx, async (host) => {
          await ctx.fixed(() => host.run("loadDemoData"));
          await ctx.scaled(() => growDepartment(host, s.people, s.rows));
          await ctx.sample(host, () => host.run("closeMonth", ["2026-10"]));
        });
      }
      return {};
    },
  },
};

export const JOBS: readonly JobDefinition[] = [installFresh, upgradeInstalled, loadDemo, scoreColumn, closeMonth];
