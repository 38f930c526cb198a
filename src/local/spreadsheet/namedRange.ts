/**
 * NamedRange (https://developers.google.com/apps-script/reference/spreadsheet/named-range): a name
 * for a range, usable in formulas (the formula engine gets it as a named expression).
 */
import type { NamedRangeData } from "./cells";
import type { SheetsContext } from "./context";
import { Emulated, implOf, signatureError } from "./handles";
import { RangeImpl } from "./range";

export class NamedRangeImpl extends Emulated {
  readonly _ctx: SheetsContext;
  private _name: string;

  constructor(ctx: SheetsContext, data: NamedRangeData) {
    super();
    this._ctx = ctx;
    this._name = data.name;
  }

  private _data(): NamedRangeData {
    const data = this._ctx.book.namedRange(this._name);
    if (!data) throw new Error(`The named range "${this._name}" does not exist.`);
    return data;
  }

  getName(): string {
    return this._data().name;
  }

  getRange(): object {
    const data = this._data();
    return this._ctx.range(this._ctx.book.requireSheet(data.target.sheetName), data.target.rect);
  }

  setName(name: unknown): this {
    if (typeof name !== "string") throw signatureError("NamedRange.setName", [name]);
    const data = this._data();
    this._ctx.book.setNamedRange(name, data.target);
    if (name.toLowerCase() !== data.name.toLowerCase()) this._ctx.book.removeNamedRange(data.name);
    this._name = name;
    return this._self;
  }

  setRange(range: unknown): this {
    const impl = implOf(range, RangeImpl);
    if (!impl) throw signatureError("NamedRange.setRange", [range]);
    this._ctx.book.setNamedRange(this._data().name, { sheetName: impl._sheet.name, rect: impl._rect });
    return this._self;
  }

  remove(): void {
    this._ctx.book.removeNamedRange(this._data().name);
  }
}
