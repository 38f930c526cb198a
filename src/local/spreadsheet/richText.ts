/**
 * RichTextValue and RichTextValueBuilder, as far as links go
 * (https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value,
 * https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value-builder): a text
 * with links over parts of it (`setLinkUrl(start, end, url)`, offsets 0-based, end exclusive) or
 * over all of it (`setLinkUrl(url)`). Text styles (`setTextStyle`) are not modelled and throw.
 * A cell keeps its links until a value, formula or clear replaces its content.
 */
import type { CellLink } from "./cells";
import type { SheetsContext } from "./context";
import { Emulated, expose, signatureError } from "./handles";

/** Links in order, overlapping parts replaced by the later link (as setLinkUrl over a substring does). */
function withLink(links: readonly CellLink[], start: number, end: number, url: string | null): CellLink[] {
  const out: CellLink[] = [];
  for (const l of links) {
    if (l.end <= start || l.start >= end) out.push(l);
    else {
      if (l.start < start) out.push({ start: l.start, end: start, url: l.url });
      if (l.end > end) out.push({ start: end, end: l.end, url: l.url });
    }
  }
  if (url !== null && url !== "" && end > start) out.push({ start, end, url });
  return out.sort((a, b) => a.start - b.start);
}

export class RichTextValueImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly _text: string;
  readonly _links: readonly CellLink[];
  readonly _start: number;

  constructor(ctx: SheetsContext, text: string, links: readonly CellLink[], start = 0) {
    super();
    this._ctx = ctx;
    this._text = text;
    this._links = links;
    this._start = start;
  }

  getText(): string {
    return this._text;
  }

  getStartIndex(): number {
    return this._start;
  }

  getEndIndex(): number {
    return this._start + this._text.length;
  }

  /** The link over the whole value (or over [start, end)), or null when it has none or several. */
  getLinkUrl(start?: number, end?: number): string | null {
    const from = this._start + (start ?? 0);
    const to = this._start + (end ?? this._text.length);
    const over = this._links.filter((l) => l.start < to && l.end > from);
    const first = over[0];
    if (!first || over.length !== 1 || first.start > from || first.end < to) return null;
    return first.url;
  }

  /** The value split into runs of the same link (text styles are not modelled). */
  getRuns(): object[] {
    const cuts = new Set<number>([0, this._text.length]);
    for (const l of this._links) {
      cuts.add(Math.max(0, l.start - this._start));
      cuts.add(Math.min(this._text.length, l.end - this._start));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const runs: object[] = [];
    for (let i = 0; i + 1 < points.length; i += 1) {
      const a = points[i] ?? 0;
      const b = points[i + 1] ?? 0;
      if (b <= a) continue;
      const link = this._links.find((l) => l.start <= this._start + a && l.end >= this._start + b);
      runs.push(expose("RichTextValue", new RichTextValueImpl(this._ctx, this._text.slice(a, b), link ? [link] : [], this._start + a), this._ctx.env.counter));
    }
    return this._ctx.toBundle(runs);
  }

  copy(): object {
    return expose("RichTextValueBuilder", new RichTextValueBuilderImpl(this._ctx, this._text, this._links), this._ctx.env.counter);
  }
}

export class RichTextValueBuilderImpl extends Emulated {
  readonly _ctx: SheetsContext;
  private _text: string;
  private _links: CellLink[];

  constructor(ctx: SheetsContext, text = "", links: readonly CellLink[] = []) {
    super();
    this._ctx = ctx;
    this._text = text;
    this._links = [...links];
  }

  /** Sets the text and clears the links (setText "clears any existing text style"). */
  setText(text: unknown): this {
    if (typeof text !== "string") throw signatureError("RichTextValueBuilder.setText", [text]);
    this._text = text;
    this._links = [];
    return this._self;
  }

  setLinkUrl(...args: unknown[]): this {
    if (args.length === 1 && (typeof args[0] === "string" || args[0] === null)) {
      this._links = withLink([], 0, this._text.length, args[0]);
      return this._self;
    }
    const [start, end, url] = args;
    if (args.length !== 3 || typeof start !== "number" || typeof end !== "number" || !(typeof url === "string" || url === null)) throw signatureError("RichTextValueBuilder.setLinkUrl", args);
    if (start < 0 || end > this._text.length || end < start) throw new Error(`Invalid argument: offsets ${start}..${end} outside the text (length ${this._text.length})`);
    this._links = withLink(this._links, start, end, url);
    return this._self;
  }

  build(): object {
    return expose("RichTextValue", new RichTextValueImpl(this._ctx, this._text, this._links), this._ctx.env.counter);
  }
}
