/**
 * Ui and Menu (https://developers.google.com/apps-script/reference/base/ui,
 * https://developers.google.com/apps-script/reference/base/menu): menus built in onOpen are recorded
 * for the host as MenuRecords (the host shows them and runs an item's function when a person picks
 * it); alerts are recorded and answered with the affirmative button (OK, or YES for a yes/no set),
 * as if the person clicked it.
 */
import type { SheetsContext } from "./context";
import { Emulated, expose, implOf, signatureError } from "./handles";

/** A clickable menu item: what it says and the top-level function it runs. */
export interface MenuItem {
  readonly caption: string;
  readonly functionName: string;
}

export type MenuEntry = ({ readonly kind: "item" } & MenuItem) | { readonly kind: "separator" } | { readonly kind: "submenu"; readonly menu: MenuRecord };

/** A menu as the host shows it. */
export interface MenuRecord {
  readonly name: string;
  /** Every clickable item in order, submenus' items included. */
  readonly items: readonly MenuItem[];
  /** The menu as built: items, separators and submenus in order. */
  readonly entries: readonly MenuEntry[];
}

/** One Ui.alert call. */
export interface AlertRecord {
  readonly title: string;
  readonly prompt: string;
  readonly buttons: string;
  readonly answer: string;
}

/** One Ui.prompt call and how the person answered it (the host's queued answer; none left = CANCEL). */
export interface PromptRecord {
  readonly title: string;
  readonly prompt: string;
  readonly buttons: string;
  readonly answer: string;
  readonly text: string;
}

/**
 * A dialog a script opened with Ui.showModalDialog: its title, the HtmlOutput's content and size.
 * The local host does not run the dialog's client script; a test reads the content and calls the
 * server function its `google.script.run` names directly.
 */
export interface DialogRecord {
  readonly title: string;
  readonly html: string;
  readonly width: number;
  readonly height: number;
}

/**
 * A sidebar a script opened with Ui.showSidebar: its title (the HtmlOutput's) and content. As with
 * dialogs, the local host does not run its client script; a test reads the content and calls the
 * server function its `google.script.run` names with `LocalHost.sidebarRun`, which runs it as the
 * person who opened the sidebar.
 */
export interface SidebarRecord {
  readonly title: string;
  readonly html: string;
}

/** https://developers.google.com/apps-script/reference/base/button-set */
const BUTTON_SETS = { OK: "OK", OK_CANCEL: "OK_CANCEL", YES_NO: "YES_NO", YES_NO_CANCEL: "YES_NO_CANCEL" } as const;
/** https://developers.google.com/apps-script/reference/base/button */
const BUTTONS = { CLOSE: "CLOSE", OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO" } as const;

export class MenuImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly _name: string;
  readonly _entries: MenuEntry[] = [];

  constructor(ctx: SheetsContext, name: string) {
    super();
    this._ctx = ctx;
    this._name = name;
  }

  _record(): MenuRecord {
    const items: MenuItem[] = [];
    for (const entry of this._entries) {
      if (entry.kind === "item") items.push({ caption: entry.caption, functionName: entry.functionName });
      else if (entry.kind === "submenu") items.push(...entry.menu.items);
    }
    return { name: this._name, items, entries: [...this._entries] };
  }

  /** https://developers.google.com/apps-script/reference/base/menu#addItem(String,String) */
  addItem(caption: unknown, functionName: unknown): this {
    if (typeof caption !== "string" || typeof functionName !== "string") throw signatureError("Menu.addItem", [caption, functionName]);
    this._entries.push({ kind: "item", caption, functionName });
    return this._self;
  }

  addSeparator(): this {
    this._entries.push({ kind: "separator" });
    return this._self;
  }

  addSubMenu(menu: unknown): this {
    const impl = implOf(menu, MenuImpl);
    if (!impl) throw signatureError("Menu.addSubMenu", [menu]);
    this._entries.push({ kind: "submenu", menu: impl._record() });
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/base/menu#addToUi() */
  addToUi(): void {
    this._ctx.host.menus.push(this._record());
  }
}

export class UiImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly ButtonSet: object;
  readonly Button: object;

  constructor(ctx: SheetsContext) {
    super();
    this._ctx = ctx;
    this.ButtonSet = ctx.enumeration("ButtonSet", BUTTON_SETS);
    this.Button = ctx.enumeration("Button", BUTTONS);
  }

  createMenu(caption: unknown): object {
    if (typeof caption !== "string") throw signatureError("Ui.createMenu", [caption]);
    return expose("Menu", new MenuImpl(this._ctx, caption), this._ctx.env.counter);
  }

  /**
   * https://developers.google.com/apps-script/reference/base/ui#alert(String,String,ButtonSet):
   * alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons); answered with OK / YES.
   */
  alert(...args: unknown[]): string {
    let title = "";
    let prompt: unknown;
    let buttons: unknown = BUTTON_SETS.OK;
    if (args.length === 1) prompt = args[0];
    else if (args.length === 2) [prompt, buttons] = args;
    else if (args.length === 3) [title, prompt, buttons] = args as [string, unknown, unknown];
    if (typeof prompt !== "string" || typeof title !== "string" || typeof buttons !== "string" || !(buttons in BUTTON_SETS)) throw signatureError("Ui.alert", args);
    const answer = buttons.startsWith("YES") ? BUTTONS.YES : BUTTONS.OK;
    this._ctx.host.alerts?.push({ title, prompt, buttons, answer });
    return answer;
  }

  /**
   * https://developers.google.com/apps-script/reference/base/ui#prompt(String,String,ButtonSet):
   * prompt(prompt), prompt(prompt, buttons) or prompt(title, prompt, buttons). The person's answer
   * is the next text the host queued (`promptAnswers`): the affirmative button (OK, or YES) with
   * that text; with nothing queued they close it (CLOSE, "") — as a person who did not answer.
   * Returns a PromptResponse: https://developers.google.com/apps-script/reference/base/prompt-response
   */
  prompt(...args: unknown[]): object {
    let title = "";
    let prompt: unknown;
    let buttons: unknown = BUTTON_SETS.OK;
    if (args.length === 1) prompt = args[0];
    else if (args.length === 2) [prompt, buttons] = args;
    else if (args.length === 3) [title, prompt, buttons] = args as [string, unknown, unknown];
    if (typeof prompt !== "string" || typeof title !== "string" || typeof buttons !== "string" || !(buttons in BUTTON_SETS)) throw signatureError("Ui.prompt", args);
    const queued = this._ctx.host.promptAnswers?.shift();
    const answer = queued === undefined ? BUTTONS.CLOSE : buttons.startsWith("YES") ? BUTTONS.YES : BUTTONS.OK;
    const text = queued ?? "";
    this._ctx.host.prompts?.push({ title, prompt, buttons, answer, text });
    return promptResponse(this._ctx, answer, text);
  }

  /**
   * https://developers.google.com/apps-script/reference/base/ui#showModalDialog(Object,String):
   * "Opens a modal dialog box in the user's editor with custom client-side content"; the user
   * interface is an HtmlOutput. The call returns at once (the dialog does not block the script).
   */
  showModalDialog(userInterface: unknown, title: unknown): void {
    const output = userInterface as { getContent?: unknown; getWidth?: unknown; getHeight?: unknown } | null;
    if (typeof title !== "string" || !output || typeof output.getContent !== "function") throw signatureError("Ui.showModalDialog", [userInterface, title]);
    const read = (f: unknown, fallback: number): number => (typeof f === "function" ? Number((f as () => unknown).call(output)) || fallback : fallback);
    this._ctx.host.dialogs?.push({ title, html: String((output.getContent as () => unknown).call(output)), width: read(output.getWidth, 600), height: read(output.getHeight, 400) });
  }

  /**
   * https://developers.google.com/apps-script/reference/base/ui#showSidebar(Object): "Opens a
   * sidebar in the user's editor with custom client-side content"; the sidebar's title is the
   * HtmlOutput's (`setTitle`). The call returns at once.
   */
  showSidebar(userInterface: unknown): void {
    const output = userInterface as { getContent?: unknown; getTitle?: unknown } | null;
    if (!output || typeof output.getContent !== "function") throw signatureError("Ui.showSidebar", [userInterface]);
    const title = typeof output.getTitle === "function" ? String((output.getTitle as () => unknown).call(output)) : "";
    this._ctx.host.sidebars?.push({ title, html: String((output.getContent as () => unknown).call(output)) });
  }
}

/** https://developers.google.com/apps-script/reference/base/prompt-response */
class PromptResponseImpl extends Emulated {
  readonly _button: string;
  readonly _text: string;

  constructor(button: string, text: string) {
    super();
    this._button = button;
    this._text = text;
  }

  getResponseText(): string {
    return this._text;
  }

  getSelectedButton(): string {
    return this._button;
  }
}

function promptResponse(ctx: SheetsContext, button: string, text: string): object {
  return expose("PromptResponse", new PromptResponseImpl(button, text), ctx.env.counter);
}
