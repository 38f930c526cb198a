/**
 * Protection (https://developers.google.com/apps-script/reference/spreadsheet/protection) over the
 * workbook's protection records. As documented for Range.protect and Sheet.protect, a new
 * protection mirrors the spreadsheet's editors until a script changes its editors (addEditor,
 * removeEditors, setDomainEdit); the owner can always edit. Warning-only protections let everyone
 * edit (the Sheets UI asks for confirmation). User edits through Workbook.userEdit and script
 * writes both honour these records.
 */
import { resolveA1, type GridRect } from "./a1";
import type { ProtectionData } from "./cells";
import type { SheetsContext } from "./context";
import { Emulated, implOf, signatureError } from "./handles";
import { asText } from "./numberFormat";
import { RangeImpl } from "./range";

/** An email from a string or a User object (anything with getEmail()). */
function emailOf(value: unknown, method: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && "getEmail" in value && typeof value.getEmail === "function") {
    return asText((value as { getEmail: () => unknown }).getEmail());
  }
  throw signatureError(`Protection.${method}`, [value]);
}

export class ProtectionImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly _data: ProtectionData;

  constructor(ctx: SheetsContext, data: ProtectionData) {
    super();
    this._ctx = ctx;
    this._data = data;
  }

  /** Starts an explicit editor list from the spreadsheet's editors the first time a script changes it. */
  private _editors(): string[] {
    if (this._data.editors === undefined) this._data.editors = this._ctx.book.protectionEditors(this._data);
    return this._data.editors;
  }

  getProtectionType(): string {
    return this._data.type;
  }

  setDescription(description: unknown): this {
    this._data.description = asText(description);
    return this._self;
  }

  getDescription(): string {
    return this._data.description;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/protection#addEditor(String) */
  addEditor(emailAddress: unknown): this {
    const email = emailOf(emailAddress, "addEditor");
    const list = this._editors();
    if (!list.some((e) => e.toLowerCase() === email.toLowerCase())) list.push(email);
    return this._self;
  }

  addEditors(emailAddresses: unknown): this {
    if (!Array.isArray(emailAddresses)) throw signatureError("Protection.addEditors", [emailAddresses]);
    for (const e of emailAddresses as unknown[]) this.addEditor(e);
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/protection#removeEditor(String) (the owner stays an editor). */
  removeEditor(emailAddress: unknown): this {
    const email = emailOf(emailAddress, "removeEditor").toLowerCase();
    const list = this._editors();
    this._data.editors = list.filter((e) => e.toLowerCase() !== email);
    return this._self;
  }

  removeEditors(emailAddresses: unknown): this {
    if (!Array.isArray(emailAddresses)) throw signatureError("Protection.removeEditors", [emailAddresses]);
    for (const e of emailAddresses as unknown[]) this.removeEditor(e);
    return this._self;
  }

  /** Users who may edit: the owner and the listed editors (the spreadsheet's editors until changed). */
  getEditors(): object[] {
    return this._ctx.toBundle(this._ctx.book.protectionEditors(this._data).map((e) => this._ctx.user(e)));
  }

  setWarningOnly(warningOnly: unknown): this {
    if (typeof warningOnly !== "boolean") throw signatureError("Protection.setWarningOnly", [warningOnly]);
    this._data.warningOnly = warningOnly;
    return this._self;
  }

  isWarningOnly(): boolean {
    return this._data.warningOnly;
  }

  setDomainEdit(editable: unknown): this {
    if (typeof editable !== "boolean") throw signatureError("Protection.setDomainEdit", [editable]);
    this._editors();
    this._data.domainEdit = editable;
    return this._self;
  }

  canDomainEdit(): boolean {
    return this._data.domainEdit;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/protection#canEdit(): for the user the script runs as. */
  canEdit(): boolean {
    return this._data.warningOnly || this._ctx.book.canEditProtection(this._data, this._ctx.env.session.effectiveUserEmail);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/protection#setUnprotectedRanges(Range) (sheet protections only). */
  setUnprotectedRanges(ranges: unknown): this {
    if (!Array.isArray(ranges)) throw signatureError("Protection.setUnprotectedRanges", [ranges]);
    const rects: GridRect[] = [];
    for (const r of ranges as unknown[]) {
      const impl = implOf(r, RangeImpl);
      if (!impl) throw signatureError("Protection.setUnprotectedRanges", [ranges]);
      if (impl._sheet.name !== this._data.sheetName) throw new Error("The unprotected ranges must be on the protected sheet.");
      rects.push(impl._rect);
    }
    if (this._data.type !== "SHEET") throw new Error("Unprotected ranges can only be set on a sheet protection.");
    this._data.unprotected = rects;
    return this._self;
  }

  getUnprotectedRanges(): object[] {
    const sheet = this._ctx.book.sheet(this._data.sheetName);
    return this._ctx.toBundle(sheet ? this._data.unprotected.map((rect) => this._ctx.range(sheet, rect)) : []);
  }

  /** The protected range; for a sheet protection, the whole sheet. */
  getRange(): object {
    const sheet = this._ctx.book.requireSheet(this._data.sheetName);
    const rect = this._ctx.book.protectedRect(this._data, sheet) ?? resolveA1({ sheetName: undefined, startRow: 1, startColumn: 1, endRow: undefined, endColumn: undefined }, sheet.maxRows, sheet.maxColumns);
    return this._ctx.range(sheet, rect);
  }

  remove(): void {
    this._ctx.book.removeProtection(this._data);
  }
}
