/**
 * Embedded charts (https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder,
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart): `Sheet.newChart()`
 * gives a builder, `Sheet.insertChart(chart)` places the built chart, `getCharts` / `updateChart` /
 * `removeChart` manage them. The local host does not draw charts: it records each chart's type,
 * data ranges, anchor and options on its sheet (and in the sidecar), so a test can check what a
 * person would see. Members not modelled here throw `not emulated: …` like everywhere else; the
 * chart type is set with `asColumnChart()` / `asBarChart()` / `asPieChart()` / `asLineChart()`
 * (`setChartType` needs the `Charts` service, which the host does not install).
 */
import type { ChartData } from "./cells";
import type { ChartBuilderDraft, SheetsContext } from "./context";
import { Emulated, implOf, signatureError } from "./handles";
import { RangeImpl } from "./range";
import type { SheetModel } from "./sheetModel";

type ChartDraft = ChartBuilderDraft;

/** The builder classes Apps Script returns from each `as…Chart()` (their shared methods are modelled). */
const TYPED_BUILDERS: Readonly<Record<string, string>> = {
  COLUMN: "EmbeddedColumnChartBuilder",
  BAR: "EmbeddedBarChartBuilder",
  PIE: "EmbeddedPieChartBuilder",
  LINE: "EmbeddedLineChartBuilder",
};

function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** The next chart id of the workbook: one more than any chart's so far. */
function nextChartId(ctx: SheetsContext): number {
  let max = 0;
  for (const sheet of ctx.book.sheets) for (const chart of sheet.charts) max = Math.max(max, chart.chartId);
  return max + 1;
}

export class EmbeddedChartBuilderImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly _sheet: SheetModel;
  readonly _draft: ChartDraft;

  constructor(ctx: SheetsContext, sheet: SheetModel, draft?: ChartDraft) {
    super();
    this._ctx = ctx;
    this._sheet = sheet;
    this._draft = draft ?? { chartId: undefined, type: undefined, ranges: [], position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 }, numHeaders: -1, options: {} };
  }

  private _as(type: string): object {
    this._draft.type = type;
    return this._ctx.chartBuilder(this._sheet, this._draft, TYPED_BUILDERS[type] ?? "EmbeddedChartBuilder");
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#addRange(Range) */
  addRange(range: unknown): this {
    const impl = implOf(range, RangeImpl);
    if (!impl) throw signatureError("EmbeddedChartBuilder.addRange", [range]);
    this._draft.ranges.push({ sheetName: impl._sheet.name, rect: impl._rect });
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#clearRanges() */
  clearRanges(): this {
    this._draft.ranges = [];
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#getRanges() */
  getRanges(): object[] {
    return this._ctx.toBundle(this._draft.ranges.map((r) => this._ctx.range(this._ctx.book.requireSheet(r.sheetName), r.rect)));
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#asColumnChart() */
  asColumnChart(): object {
    return this._as("COLUMN");
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#asBarChart() */
  asBarChart(): object {
    return this._as("BAR");
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#asPieChart() */
  asPieChart(): object {
    return this._as("PIE");
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#asLineChart() */
  asLineChart(): object {
    return this._as("LINE");
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#setOption(String,Object) */
  setOption(option: unknown, value: unknown): this {
    if (typeof option !== "string" || !["string", "number", "boolean"].includes(typeof value)) throw signatureError("EmbeddedChartBuilder.setOption", [option, value]);
    this._draft.options[option] = value as string | number | boolean;
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#setPosition(Integer,Integer,Integer,Integer) */
  setPosition(anchorRowPos: unknown, anchorColPos: unknown, offsetX: unknown, offsetY: unknown): this {
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (!args.every(isInteger) || (anchorRowPos as number) < 1 || (anchorColPos as number) < 1) throw signatureError("EmbeddedChartBuilder.setPosition", args);
    this._draft.position = { anchorRow: anchorRowPos as number, anchorColumn: anchorColPos as number, offsetX: offsetX as number, offsetY: offsetY as number };
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#setNumHeaders(Integer) */
  setNumHeaders(headers: unknown): this {
    if (!isInteger(headers) || headers < -1) throw signatureError("EmbeddedChartBuilder.setNumHeaders", [headers]);
    this._draft.numHeaders = headers;
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#getChartType() (the Charts.ChartType name). */
  getChartType(): string | null {
    return this._draft.type ?? null;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#build() */
  build(): object {
    const d = this._draft;
    if (d.type === undefined) throw new Error("not emulated: EmbeddedChartBuilder.build without a chart type (set one with asColumnChart(), asBarChart(), asPieChart() or asLineChart())");
    const data: ChartData = {
      chartId: d.chartId ?? nextChartId(this._ctx),
      type: d.type,
      ranges: [...d.ranges],
      position: { ...d.position },
      numHeaders: d.numHeaders,
      options: { ...d.options },
    };
    return this._ctx.chart(this._sheet, data);
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart */
export class EmbeddedChartImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly _sheet: SheetModel;
  readonly _data: ChartData;

  constructor(ctx: SheetsContext, sheet: SheetModel, data: ChartData) {
    super();
    this._ctx = ctx;
    this._sheet = sheet;
    this._data = data;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getChartId() */
  getChartId(): number {
    return this._data.chartId;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getId(): stable within the spreadsheet. */
  getId(): string {
    return `chart-${this._data.chartId}`;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getOptions() */
  getOptions(): object {
    return this._ctx.chartOptions(this._data.options);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getRanges() */
  getRanges(): object[] {
    return this._ctx.toBundle(this._data.ranges.map((r) => this._ctx.range(this._ctx.book.requireSheet(r.sheetName), r.rect)));
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getNumHeaders() */
  getNumHeaders(): number {
    return this._data.numHeaders;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getContainerInfo() */
  getContainerInfo(): object {
    return this._ctx.containerInfo(this._data.position);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#modify(): a builder starting from this chart. */
  modify(): object {
    const d = this._data;
    const draft: ChartDraft = { chartId: d.chartId, type: d.type, ranges: [...d.ranges], position: { ...d.position }, numHeaders: d.numHeaders, options: { ...d.options } };
    return this._ctx.chartBuilder(this._sheet, draft, TYPED_BUILDERS[d.type] ?? "EmbeddedChartBuilder");
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/chart-options */
export class ChartOptionsImpl extends Emulated {
  private readonly _options: Readonly<Record<string, string | number | boolean>>;

  constructor(options: Readonly<Record<string, string | number | boolean>>) {
    super();
    this._options = options;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/chart-options#get(String): null when not set. */
  get(option: unknown): string | number | boolean | null {
    if (typeof option !== "string") throw signatureError("ChartOptions.get", [option]);
    return Object.prototype.hasOwnProperty.call(this._options, option) ? (this._options[option] ?? null) : null;
  }
}

/** https://developers.google.com/apps-script/reference/spreadsheet/container-info */
export class ContainerInfoImpl extends Emulated {
  private readonly _position: ChartData["position"];

  constructor(position: ChartData["position"]) {
    super();
    this._position = position;
  }

  getAnchorRow(): number {
    return this._position.anchorRow;
  }

  getAnchorColumn(): number {
    return this._position.anchorColumn;
  }

  getOffsetX(): number {
    return this._position.offsetX;
  }

  getOffsetY(): number {
    return this._position.offsetY;
  }
}

/** The chart data behind a chart the bundle passed back, or a signature error. */
export function chartDataOf(method: string, chart: unknown): { sheet: SheetModel; data: ChartData } {
  const impl = implOf(chart, EmbeddedChartImpl);
  if (!impl) throw signatureError(method, [chart]);
  return { sheet: impl._sheet, data: impl._data };
}
