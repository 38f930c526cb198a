/**
 * The local Apps Script host: runs the built bundle `dist/Code.js` the way Google would, against a
 * workbook model with a real formula engine, and carries out everything the bundle asks of Apps
 * Script through emulated services (mail to an outbox, triggers on a simulated clock, locks, the web
 * app on 127.0.0.1). One host = one vm context = one workbook, clock and outbox, so every test gets
 * its own. Each call into the bundle is an *execution*: it runs as a given user, holds its locks
 * until it ends, and its mail is on disk when it returns.
 *
 * State persists in two files: the workbook `.xlsx` (what a person opens) and its sidecar
 * `<workbook>.host.json` (what an .xlsx cannot hold: properties, triggers, forms, protections'
 * editors, the outbox sequence, the clock).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { inspect } from "node:util";
import vm from "node:vm";
import { SimulatedClock } from "./clock";
import { createBareContext, createLogging, type LogEntry } from "./context";
import { Realm, ServiceCounter } from "./emulation";
import { createFormService, type Answers, type FormsController, type FormState, type SubmittedResponse } from "./forms";
import type { ServiceEnv, SessionState } from "./services/env";
import { createServices, type LocalServices } from "./services/index";
import { startWebApp, type WebRequestInfo } from "./webapp";
import { bindSpreadsheet, type SpreadsheetBinding } from "./binding";
import type { MenuRecord } from "./spreadsheet/ui";

export interface HostOptions {
  /** The built bundle. Default: dist/Code.js next to package.json. */
  readonly bundlePath?: string;
  /** Workbook file. Loaded (with its sidecar) if it exists; `save()` writes it. */
  readonly workbookPath?: string;
  /** Where mail and other outputs go. Default: the workbook's directory, or out/. */
  readonly outDir?: string;
  /** The clock's start when there is no saved state. Default: 2026-01-05T09:00:00+08:00. */
  readonly now?: Date | number;
  /** The spreadsheet owner and the effective user of every execution. */
  readonly owner?: string;
  /** MailApp's daily recipient quota. */
  readonly mailQuota?: number;
  /** Port the web app will be served on (for ScriptApp.getService().getUrl()). */
  readonly webAppPort?: number;
  /**
   * Simulated time each service call takes, in ms (a number for every call, or per `Class.method`):
   * the clock advances by it on every counted call, so a job's `Date.now()` moves while it runs and
   * time budgets and execution limits can be exercised deterministically. Default 0: time stands
   * still during an execution. The bench's latency model is one such function.
   */
  readonly callLatencyMs?: number | ((name: string) => number);
  /**
   * The time zone of a new spreadsheet (no saved workbook). Default: the script's (appsscript.json).
   * On Google a new spreadsheet takes its creator's account zone, which need not be the script's or
   * the company's (Settings TIME_ZONE): tests set all three apart.
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()
   */
  readonly spreadsheetTimeZone?: string;
}

export interface ExecutionOptions {
  /** Who is at the keyboard (Session.getActiveUser). Default: the owner. Use "" for an anonymous visitor. */
  readonly as?: string;
  /**
   * Whose authority the script runs with (Session.getEffectiveUser). Default: the owner. A menu item
   * runs as the user who picks it; an installable trigger as the user who created it; a web app
   * deployed "execute as me" as the deployer (the owner).
   * https://developers.google.com/apps-script/guides/triggers/installable#restrictions
   * https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()
   */
  readonly effectiveAs?: string;
}

/** What one execution did: its result and everything it logged. */
export interface ExecutionResult<T = unknown> {
  readonly value: T;
  readonly log: readonly LogEntry[];
}

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "../..");
const DEFAULT_START = Date.parse("2026-01-05T09:00:00+08:00");
const DEFAULT_OWNER = "owner@marketops.example";

interface SidecarFile {
  readonly version: 1;
  readonly clock: number;
  readonly owner: string;
  readonly spreadsheet: unknown;
  readonly services: unknown;
  readonly forms: FormState[];
}

export class LocalHost {
  readonly counter: ServiceCounter;
  readonly clock: SimulatedClock;
  readonly owner: string;
  readonly outDir: string;
  readonly workbookPath: string | undefined;
  readonly spreadsheet: SpreadsheetBinding;
  readonly services: LocalServices;
  readonly forms: FormsController;
  readonly log: LogEntry[] = [];
  private readonly context: vm.Context;
  private readonly realm: Realm;
  private readonly session: SessionState;
  private readonly scriptTimeZone: string;
  private executions = 0;

  private constructor(options: HostOptions, sidecar: SidecarFile | undefined, spreadsheetFactory: (env: ServiceEnv) => SpreadsheetBinding) {
    this.workbookPath = options.workbookPath ? resolve(options.workbookPath) : undefined;
    this.outDir = resolve(options.outDir ?? (this.workbookPath ? dirname(this.workbookPath) : join(ROOT, "out")));
    this.owner = sidecar?.owner ?? options.owner ?? DEFAULT_OWNER;
    this.clock = new SimulatedClock(sidecar?.clock ?? options.now ?? DEFAULT_START);
    const latency = options.callLatencyMs;
    this.counter = new ServiceCounter(latency === undefined || latency === 0 ? undefined : (name) => this.clock.advance(typeof latency === "number" ? latency : latency(name)));
    this.context = createBareContext(this.clock);
    this.realm = new Realm(this.context);
    this.session = { activeUserEmail: this.owner, effectiveUserEmail: this.owner };
    const appsscript = JSON.parse(readFileSync(join(dirname(bundlePathOf(options)), "appsscript.json"), "utf8")) as { timeZone?: string };
    this.scriptTimeZone = appsscript.timeZone ?? "Etc/GMT";
    const env: ServiceEnv = {
      counter: this.counter,
      realm: this.realm,
      clock: this.clock,
      scriptTimeZone: this.scriptTimeZone,
      session: this.session,
      outDir: this.outDir,
    };
    this.services = createServices(env, {
      ...(options.mailQuota !== undefined ? { mail: { dailyQuota: options.mailQuota } } : {}),
      ...(this.workbookPath ? { lock: { lockFilePath: `${this.workbookPath}.lock` } } : {}),
      ...(options.webAppPort !== undefined ? { webAppPort: options.webAppPort } : {}),
    });
    if (sidecar) this.services.importState(sidecar.services);
    this.spreadsheet = spreadsheetFactory(env);
    const formService = createFormService(env, this.spreadsheet.responseSheets);
    this.forms = formService.controller;
    if (sidecar) this.forms.importState(sidecar.forms);
    this.spreadsheet.setFormUrlResolver((sheetId, sheetName) => this.forms.formUrlOfSheet(sheetId, sheetName));

    const { console, Logger } = createLogging(this.log, (args) => args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 4 }))).join(" "));
    const globals: Record<string, unknown> = {
      ...this.services.globals,
      SpreadsheetApp: this.spreadsheet.SpreadsheetApp,
      FormApp: formService.FormApp,
      console,
      Logger,
    };
    for (const [name, value] of Object.entries(globals)) {
      Object.defineProperty(this.context, name, { value, writable: false, enumerable: false, configurable: false });
    }
    const bundlePath = bundlePathOf(options);
    vm.runInContext(readFileSync(bundlePath, "utf8"), this.context, { filename: "Code.js" });
    this.spreadsheet.setCustomFunctions(this.customFunctions());
  }

  /** Opens the workbook at `options.workbookPath` (with its sidecar) or starts a blank one. */
  static async open(options: HostOptions = {}): Promise<LocalHost> {
    const workbookPath = options.workbookPath ? resolve(options.workbookPath) : undefined;
    const sidecarPath = workbookPath ? `${workbookPath.replace(/\.xlsx$/i, "")}.host.json` : undefined;
    const sidecar = sidecarPath && existsSync(sidecarPath) ? (JSON.parse(readFileSync(sidecarPath, "utf8")) as SidecarFile) : undefined;
    const loaded = workbookPath && existsSync(workbookPath) ? await bindSpreadsheet.load(workbookPath, sidecar?.spreadsheet) : undefined;
    const owner = sidecar?.owner ?? options.owner ?? DEFAULT_OWNER;
    return new LocalHost(options, sidecar, (env) => loaded ? loaded(env) : bindSpreadsheet.create(env, { owner, name: "MarketOps", ...(options.spreadsheetTimeZone ? { timeZone: options.spreadsheetTimeZone } : {}) }));
  }

  /** Top-level functions of the bundle, as Sheets sees them (callable from formulas unless they end in `_`). */
  functionNames(): string[] {
    return Object.keys(this.context).filter((k) => typeof (this.context as Record<string, unknown>)[k] === "function" && !k.endsWith("_"));
  }

  /**
   * Runs a top-level function of the bundle as one execution: as the given user, with its locks
   * released and its mail flushed to disk when it ends. Errors propagate as the bundle threw them.
   */
  async run<T = unknown>(functionName: string, args: readonly unknown[] = [], options: ExecutionOptions = {}): Promise<ExecutionResult<T>> {
    const fn = (this.context as Record<string, unknown>)[functionName];
    if (typeof fn !== "function") {
      throw new Error(`Script function not found: ${functionName}`); // Apps Script's wording for a missing handler
    }
    const executionId = `exec-${++this.executions}`;
    const logStart = this.log.length;
    const locks = this.services.controllers.locks;
    const previousUser = this.session.activeUserEmail;
    const previousEffective = this.session.effectiveUserEmail;
    this.session.activeUserEmail = options.as ?? this.owner;
    this.session.effectiveUserEmail = options.effectiveAs ?? this.owner;
    locks.beginExecution(executionId);
    try {
      const value = (fn as (...a: unknown[]) => unknown)(...this.realm.copyIn([...args]));
      this.spreadsheet.flush();
      return { value: this.realm.copyOut(value) as T, log: this.log.slice(logStart) };
    } finally {
      locks.releaseAllHeldBy(executionId);
      this.forms.endExecution();
      this.session.activeUserEmail = previousUser;
      this.session.effectiveUserEmail = previousEffective;
      await this.services.controllers.outbox.flush();
    }
  }

  /** A user opens the spreadsheet: the simple `onOpen` trigger runs and builds the menus. */
  async openSpreadsheet(options: ExecutionOptions = {}): Promise<readonly MenuRecord[]> {
    this.spreadsheet.resetMenus();
    if (this.functionNames().includes("onOpen")) {
      await this.run("onOpen", [this.spreadsheet.openEvent({ authMode: "LIMITED", user: options.as ?? this.owner })], options);
    }
    return this.spreadsheet.menus();
  }

  /** A user picks a menu item by its caption (or its function name). */
  async clickMenu(captionOrFunction: string, options: ExecutionOptions = {}): Promise<ExecutionResult> {
    const menus = this.spreadsheet.menus().length ? this.spreadsheet.menus() : await this.openSpreadsheet(options);
    const item = menus.flatMap((m) => m.items).find((i) => i.caption === captionOrFunction || i.functionName === captionOrFunction);
    if (!item) throw new Error(`no menu item "${captionOrFunction}"; the menu has: ${menus.flatMap((m) => m.items.map((i) => i.caption)).join(" | ")}`);
    // A menu item runs with the authority of the person who picks it.
    const user = options.as ?? this.owner;
    return this.run(item.functionName, [], { as: user, effectiveAs: options.effectiveAs ?? user });
  }

  /**
   * A user edits a cell in the sheet UI: protections are enforced for that user, then the simple
   * `onEdit` and every installable on-edit trigger run with the documented event object.
   * https://developers.google.com/apps-script/guides/triggers/events#edit
   */
  async editAsUser(sheetName: string, a1: string, value: unknown, options: ExecutionOptions = {}): Promise<void> {
    const user = options.as ?? this.owner;
    const edit = this.spreadsheet.userEdit(sheetName, a1, value, user);
    const base = (authMode: string, triggerUid?: string) => this.spreadsheet.editEvent(edit, { authMode, user, ...(triggerUid ? { triggerUid } : {}) });
    if (this.functionNames().includes("onEdit")) await this.run("onEdit", [base("LIMITED")], { as: user });
    for (const trigger of this.services.controllers.triggers.spreadsheetTriggers("ON_EDIT")) {
      // Every user's installable triggers fire, each as the user who created it.
      await this.run(trigger.handler, [base("FULL", trigger.uid)], { as: user, effectiveAs: trigger.owner });
    }
  }

  /**
   * A person submits a form: the form validates the answers, the response lands in the linked
   * sheet, and the spreadsheet's form-submit triggers run with `values`, `namedValues`, `range`.
   * https://developers.google.com/apps-script/guides/triggers/events#form-submit
   */
  async submitForm(form: string, answers: Answers, options: ExecutionOptions = {}): Promise<SubmittedResponse> {
    const respondent = options.as ?? "";
    const submitted = this.forms.submit(form, answers, respondent);
    if (submitted.sheetName === undefined || submitted.row === undefined) return submitted;
    for (const trigger of this.services.controllers.triggers.spreadsheetTriggers("ON_FORM_SUBMIT")) {
      const event = this.spreadsheet.formSubmitEvent(submitted, trigger.uid);
      await this.run(trigger.handler, [event], { as: trigger.owner, effectiveAs: trigger.owner });
    }
    return submitted;
  }

  /**
   * Moves the clock to `to`, firing every time-driven trigger due on the way, each at its own
   * instant, with the documented time-driven event object.
   * https://developers.google.com/apps-script/guides/triggers/events#time-driven-events
   */
  async advanceTo(to: Date | number): Promise<{ fired: { handler: string; at: number }[] }> {
    const target = typeof to === "number" ? to : to.getTime();
    if (target < this.clock.now()) throw new Error(`the clock is at ${new Date(this.clock.now()).toISOString()}; it does not run backwards`);
    const fired: { handler: string; at: number }[] = [];
    for (;;) {
      const due = this.services.controllers.triggers.dueTimeTriggers(this.clock.now(), target);
      const first = due[0];
      if (!first) break;
      // Every trigger due at the same instant fires (in creation order), not only the first: the
      // next search starts after this instant. Each fires as the user who created it.
      for (const next of due.filter((d) => d.fireAt === first.fireAt)) {
        if (!this.services.controllers.triggers.all().some((t) => t.uid === next.trigger.uid)) continue; // deleted meanwhile
        this.clock.set(next.fireAt);
        fired.push({ handler: next.trigger.handler, at: next.fireAt });
        await this.run(next.trigger.handler, [timeDrivenEvent(next.trigger.uid, next.fireAt, next.trigger.timeZone ?? this.scriptTimeZone)], { as: next.trigger.owner, effectiveAs: next.trigger.owner });
      }
      if (this.clock.now() < first.fireAt) this.clock.set(first.fireAt);
    }
    this.clock.set(target);
    return { fired };
  }

  /**
   * Serves doGet/doPost on 127.0.0.1 (port 0 = any free port). Resolves with the URL and a close().
   * Who the visitor is signed in as is Google's to know, not the page's: by default the visitor is
   * anonymous to the script (Session.getActiveUser() is ""), as for someone outside the domain of
   * an "execute as me" web app; `visitor` says who is signed in for a request, as Google would
   * for a visitor in the same domain.
   * https://developers.google.com/apps-script/reference/base/session#getActiveUser()
   */
  async serve(port = 0, options: { visitor?: (request: WebRequestInfo) => string } = {}): Promise<{ url: string; close(): Promise<void> }> {
    const server = await startWebApp({
      port,
      handle: async (entryPoint, event, request) => {
        if (!this.functionNames().includes(entryPoint)) {
          return { status: 200, contentType: "text/html; charset=utf-8", body: `<p>Script function not found: ${entryPoint}</p>` };
        }
        const result = await this.run(entryPoint, [event], { as: options.visitor?.(request) ?? "" });
        const reply = this.services.controllers.html.reply(result.value);
        if (this.workbookPath) await this.save();
        return reply;
      },
    });
    this.services.controllers.triggers.setWebAppPort(server.port);
    return server;
  }

  /**
   * A web page served by the web app calls a server function through `google.script.run`: any
   * top-level function whose name does not end in `_` (private functions cannot be called), with
   * arguments that are primitives, arrays or plain objects (a Date or a function fails the call);
   * it runs as the web app does — "execute as me": with the owner's authority, the visitor (or "",
   * when Google does not say who it is) at the keyboard.
   * https://developers.google.com/apps-script/guides/html/reference/run
   * https://developers.google.com/apps-script/guides/html/communication#private_functions
   */
  async scriptRun<T = unknown>(functionName: string, args: readonly unknown[] = [], options: { visitor?: string } = {}): Promise<ExecutionResult<T>> {
    if (functionName.endsWith("_") || !this.functionNames().includes(functionName)) throw new Error(`Script function not found: ${functionName}`);
    const legal = (v: unknown): boolean =>
      v === null || v === undefined || ["string", "number", "boolean"].includes(typeof v) ||
      (Array.isArray(v) ? v.every(legal) : typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(legal));
    if (!args.every(legal)) throw new Error(`google.script.run.${functionName}: a parameter is not a legal type (primitives, arrays and plain objects only)`);
    return this.run<T>(functionName, args, { as: options.visitor ?? "", effectiveAs: this.owner });
  }

  /** Writes the workbook `.xlsx` and its sidecar. */
  async save(path = this.workbookPath): Promise<{ workbook: string; sidecar: string }> {
    if (!path) throw new Error("no workbook path: open the host with { workbookPath } or pass one to save()");
    mkdirSync(dirname(path), { recursive: true });
    const spreadsheet = await this.spreadsheet.save(path);
    const sidecar: SidecarFile = {
      version: 1,
      clock: this.clock.now(),
      owner: this.owner,
      spreadsheet,
      services: this.services.exportState(),
      forms: this.forms.exportState(),
    };
    const sidecarPath = `${path.replace(/\.xlsx$/i, "")}.host.json`;
    writeFileSync(sidecarPath, `${JSON.stringify(sidecar, null, 2)}\n`);
    return { workbook: path, sidecar: sidecarPath };
  }

  /** Releases what the host holds (locks of this process). */
  close(): void {
    this.services.controllers.locks.releaseAll();
  }

  /** The bundle's top-level functions as custom functions for the formula engine, realm-aware. */
  private customFunctions(): Record<string, (...args: unknown[]) => unknown> {
    const map: Record<string, (...args: unknown[]) => unknown> = {};
    for (const name of this.functionNames()) {
      const fn = (this.context as Record<string, (...a: unknown[]) => unknown>)[name];
      if (!fn) continue;
      map[name.toUpperCase()] = (...args: unknown[]) => this.realm.copyOut(fn(...this.realm.copyIn(args)));
    }
    return map;
  }
}

function bundlePathOf(options: HostOptions): string {
  return resolve(options.bundlePath ?? join(ROOT, "dist/Code.js"));
}

/** https://developers.google.com/apps-script/guides/triggers/events#time-driven-events */
function timeDrivenEvent(triggerUid: string, at: number, timeZone: string): Record<string, unknown> {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", weekday: "long",
  }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    authMode: "FULL",
    triggerUid,
    year: Number(get("year")),
    month: Number(get("month")),
    "day-of-month": Number(get("day")),
    "day-of-week": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].indexOf(get("weekday")) + 1,
    hour: Number(get("hour")),
    minute: Number(get("minute")),
    second: Number(get("second")),
    timezone: timeZone,
  };
}
