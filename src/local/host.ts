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
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { inspect } from "node:util";
import vm from "node:vm";
import { SimulatedClock } from "./clock";
import { createBareContext, createLogging, type LogEntry } from "./context";
import { Realm, ServiceCounter } from "./emulation";
import { createFormService, type Answers, type FormsController, type FormState, type SubmittedResponse } from "./forms";
import type { ServiceEnv, SessionState } from "./services/env";
import { createServices, type LocalServices } from "./services/index";
import { scriptRunClient, startWebApp, type WebReply, type WebRequestInfo, type WebRequestLine } from "./webapp";
import { withHead } from "./services/page";
import { bindSpreadsheet, type SpreadsheetBinding } from "./binding";
import type { MenuRecord } from "./spreadsheet/ui";
import type { Workbook } from "./spreadsheet/workbook";
import {
  CUSTOM_FUNCTION_TIMEOUT,
  defaultLimits,
  EXCEEDED_EXECUTION_TIME,
  ExecutionLimitError,
  TOO_MUCH_COMPUTER_TIME,
  TriggerRuntimeQuota,
  type AccountType,
  type ExecutionLimits,
  type TriggerRuntimeState,
} from "./limits";
import {
  acquireWorkbookLock,
  commitPair,
  fsyncFile,
  generationKeywords,
  generationOfKeywords,
  newGeneration,
  readSidecarJson,
  removeStaleTemporaries,
  sidecarPathOf,
  sidecarWithoutWorkbook,
  temporaryPathsOf,
  tornPair,
  unreadableWorkbook,
  WorkbookFileError,
  wrongShape,
  type WorkbookLockOptions,
} from "./persistence";

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
   * The time zone of a new spreadsheet (File > Settings in Sheets); default the script's zone from
   * appsscript.json. A loaded workbook keeps the zone its sidecar records.
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()
   */
  readonly spreadsheetTimeZone?: string;
  /**
   * The owner's account type, which sets the daily trigger runtime (90 min consumer, 6 h
   * Workspace). Default "consumer", the stricter. https://developers.google.com/apps-script/guides/services/quotas
   */
  readonly account?: AccountType;
  /** Overrides of Google's run-time limits (tests use short ones); see limits.ts. */
  readonly limits?: Partial<ExecutionLimits>;
  /**
   * A workbook model already in memory, bound instead of a file (src/node builds one from the Sheets
   * API and writes back what the run changed); `workbookPath` then only names where `save()` goes.
   */
  readonly workbook?: Workbook;
  /** Service state (properties, outbox sequence, triggers) as `services.exportState()` gave it, for a host without a sidecar. */
  readonly servicesState?: unknown;
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
  /** The save that wrote this sidecar; the .xlsx written with it carries the same id (see persistence.ts). */
  readonly generation?: string;
  readonly clock: number;
  readonly owner: string;
  readonly spreadsheet: unknown;
  readonly services: unknown;
  readonly forms: FormState[];
  /** The day's trigger runtime used so far (absent in sidecars written before it was kept). */
  readonly quotas?: { readonly triggerRuntime?: TriggerRuntimeState };
}

/** A limit an execution is running under: passing `at` (simulated ms) ends it with `message`. */
interface Deadline {
  readonly at: number;
  readonly message: string;
  readonly limit: ExecutionLimitError["limit"];
  killed?: ExecutionLimitError;
}

/** Runs whatever the host put in the context under INVOKE_SLOT, so node:vm's `timeout` bounds a call's real time. */
const INVOKE_SLOT = "__localHostInvoke__";
const INVOKE = new vm.Script(`${INVOKE_SLOT}()`, { filename: "local-host-invoke.js" });

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
  /** What the host was opened with (serve reopens the workbook with them when another process saved). */
  readonly options: HostOptions;
  private readonly context: vm.Context;
  private readonly realm: Realm;
  private readonly session: SessionState;
  private readonly scriptTimeZone: string;
  private executions = 0;
  /** The generation of the pair this host last loaded or saved at its workbook path. */
  generation: string | undefined;
  /** Google's run-time limits in force (see limits.ts). */
  readonly limits: ExecutionLimits;
  /** The owner's trigger runtime of the current 24 hours. */
  readonly triggerRuntime: TriggerRuntimeQuota;
  private readonly deadlines: Deadline[] = [];

  private constructor(options: HostOptions, sidecar: SidecarFile | undefined, sidecarPath: string | undefined, spreadsheetFactory: (env: ServiceEnv) => SpreadsheetBinding) {
    this.options = options;
    this.workbookPath = options.workbookPath ? resolve(options.workbookPath) : undefined;
    this.outDir = resolve(options.outDir ?? (this.workbookPath ? dirname(this.workbookPath) : join(ROOT, "out")));
    this.owner = sidecar?.owner ?? options.owner ?? DEFAULT_OWNER;
    this.clock = new SimulatedClock(sidecar?.clock ?? options.now ?? DEFAULT_START);
    const latency = options.callLatencyMs;
    this.limits = { ...defaultLimits(options.account ?? "consumer"), ...options.limits };
    this.triggerRuntime = new TriggerRuntimeQuota(this.limits.triggerRuntimeMsPerDay);
    if (sidecar?.quotas?.triggerRuntime) this.triggerRuntime.importState(sidecar.quotas.triggerRuntime);
    // Every counted call may let simulated time pass, and is where a run past its limit is stopped.
    this.counter = new ServiceCounter((name) => {
      if (latency !== undefined && latency !== 0) this.clock.advance(typeof latency === "number" ? latency : latency(name));
      this.checkDeadlines();
    });
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
    // What the sidecar holds is only read here: a wrong shape deep inside names the file.
    const fromSidecar = (what: string, load: () => void): void => {
      try {
        load();
      } catch (error) {
        throw wrongShape(sidecarPath ?? "?", `${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    if (sidecar) fromSidecar("services", () => this.services.importState(sidecar.services));
    else if (options.servicesState !== undefined) this.services.importState(options.servicesState);
    this.spreadsheet = spreadsheetFactory(env);
    const formService = createFormService(env, this.spreadsheet.responseSheets);
    this.forms = formService.controller;
    if (sidecar) fromSidecar("forms", () => this.forms.importState(sidecar.forms));
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
  /**
   * Opens the workbook at `options.workbookPath` (with its sidecar) or starts a blank one when
   * neither file exists. A damaged, wrong-shaped or torn pair is a WorkbookFileError naming the files.
   */
  static async open(options: HostOptions = {}): Promise<LocalHost> {
    const workbookPath = options.workbookPath ? resolve(options.workbookPath) : undefined;
    const sidecarPath = workbookPath ? sidecarPathOf(workbookPath) : undefined;
    const sidecar = sidecarPath && existsSync(sidecarPath) ? checkSidecar(sidecarPath, readSidecarJson(sidecarPath)) : undefined;
    if (workbookPath && sidecarPath && sidecar && !existsSync(workbookPath)) throw sidecarWithoutWorkbook(workbookPath, sidecarPath);
    let fileGeneration: string | undefined;
    let loaded: ((env: ServiceEnv) => SpreadsheetBinding) | undefined = options.workbook ? bindSpreadsheet.of(options.workbook) : undefined;
    if (!loaded && workbookPath && existsSync(workbookPath)) {
      try {
        loaded = await bindSpreadsheet.load(workbookPath, sidecar?.spreadsheet, (keywords) => {
          fileGeneration = generationOfKeywords(keywords);
        });
      } catch (error) {
        throw error instanceof WorkbookFileError ? error : unreadableWorkbook(workbookPath, error, sidecar ? sidecarPath : undefined);
      }
      // A file written by another program (or by an older host) has no generation: take it with its sidecar.
      if (sidecar?.generation !== undefined && fileGeneration !== undefined && sidecar.generation !== fileGeneration && sidecarPath) {
        throw tornPair(workbookPath, sidecarPath, fileGeneration, sidecar.generation);
      }
    }
    const owner = sidecar?.owner ?? options.owner ?? DEFAULT_OWNER;
    {
      const host = new LocalHost(options, sidecar, sidecarPath, (env) => (loaded ? loaded(env) : bindSpreadsheet.create(env, { owner, name: "MarketOps", ...(options.spreadsheetTimeZone ? { timeZone: options.spreadsheetTimeZone } : {}) })));
      host.generation = sidecar?.generation;
      return host;
    }
  }

  /**
   * Opens the workbook under its workbook lock (see persistence.ts), runs `body`, and releases the
   * lock when it ends: what the CLI does, so no other process loads, changes and saves the same
   * workbook in between. A busy workbook waits up to `lock.waitMs`, then throws a bilingual "busy".
   */
  static async withWorkbook<T>(options: HostOptions & { readonly workbookPath: string }, command: string, body: (host: LocalHost) => Promise<T>, lock: WorkbookLockOptions = {}): Promise<T> {
    const workbookPath = resolve(options.workbookPath);
    const held = await acquireWorkbookLock(workbookPath, command, lock);
    let host: LocalHost | undefined;
    try {
      host = await LocalHost.open({ ...options, workbookPath });
      return await body(host);
    } finally {
      host?.close();
      held.release();
    }
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
    return this.execute<T>(functionName, args, options, false);
  }

  /**
   * One execution, under Google's limits: the script runtime (6 min), and for a trigger run also
   * what is left of the day's trigger runtime, which the run's time is charged to. A run past its
   * limit ends with an ExecutionLimitError, whatever the script catches.
   * https://developers.google.com/apps-script/guides/services/quotas
   */
  private async execute<T>(functionName: string, args: readonly unknown[], options: ExecutionOptions, trigger: boolean): Promise<ExecutionResult<T>> {
    const fn = (this.context as Record<string, unknown>)[functionName];
    if (typeof fn !== "function") {
      throw new Error(`Script function not found: ${functionName}`); // Apps Script's wording for a missing handler
    }
    const started = this.clock.now();
    const realStarted = Date.now();
    let budget = this.limits.executionMs;
    let deadline: Deadline = { at: started + budget, message: EXCEEDED_EXECUTION_TIME, limit: "execution" };
    if (trigger) {
      const left = this.triggerRuntime.remaining(started);
      if (left <= 0) throw new ExecutionLimitError(TOO_MUCH_COMPUTER_TIME, "trigger-runtime");
      if (left < budget) {
        budget = left;
        deadline = { at: started + left, message: TOO_MUCH_COMPUTER_TIME, limit: "trigger-runtime" };
      }
    }
    const executionId = `exec-${++this.executions}`;
    const logStart = this.log.length;
    const locks = this.services.controllers.locks;
    const previousUser = this.session.activeUserEmail;
    const previousEffective = this.session.effectiveUserEmail;
    this.session.activeUserEmail = options.as ?? this.owner;
    this.session.effectiveUserEmail = options.effectiveAs ?? this.owner;
    locks.beginExecution(executionId);
    this.deadlines.push(deadline);
    try {
      const value = this.invokeWithin(budget, deadline, () => (fn as (...a: unknown[]) => unknown)(...this.realm.copyIn([...args])));
      // The script caught the kill and went on: Google would have ended it there.
      if (deadline.killed) throw deadline.killed;
      this.spreadsheet.flush();
      return { value: this.realm.copyOut(value) as T, log: this.log.slice(logStart) };
    } finally {
      this.deadlines.pop();
      if (trigger) this.triggerRuntime.charge(Math.max(this.clock.now() - started, Date.now() - realStarted));
      locks.releaseAllHeldBy(executionId);
      this.forms.endExecution();
      this.session.activeUserEmail = previousUser;
      this.session.effectiveUserEmail = previousEffective;
      await this.services.controllers.outbox.flush();
    }
  }

  /** Calls `body` in the context with node:vm's `timeout` of `budgetMs` real ms; running out ends it with the deadline's error. */
  private invokeWithin<T>(budgetMs: number, deadline: Deadline, body: () => T): T {
    const context = this.context as Record<string, unknown>;
    const outer = Object.getOwnPropertyDescriptor(context, INVOKE_SLOT);
    Object.defineProperty(context, INVOKE_SLOT, { value: body, configurable: true, writable: true, enumerable: false });
    // The script's Date reads local time in the script's zone (appsscript.json's timeZone), not the
    // machine's: https://developers.google.com/apps-script/manifest#Manifest.FIELDS.timeZone
    const machineZone = process.env.TZ;
    const switchZone = machineZone !== this.scriptTimeZone;
    if (switchZone) process.env.TZ = this.scriptTimeZone;
    try {
      // `limits: { executionMs: Infinity }` (a bench measuring a run Google would stop) runs without a timeout.
      const timeout = Number.isFinite(budgetMs) && budgetMs < 2 ** 31 ? { timeout: Math.max(1, Math.ceil(budgetMs)) } : {};
      return INVOKE.runInContext(this.context, timeout) as T;
    } catch (error) {
      // node:vm's timeout error comes from another realm: recognised by its code, not its class.
      if (error !== null && typeof error === "object" && (error as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
        deadline.killed ??= new ExecutionLimitError(deadline.message, deadline.limit);
        throw deadline.killed;
      }
      throw error;
    } finally {
      if (switchZone) {
        if (machineZone === undefined) delete process.env.TZ;
        else process.env.TZ = machineZone;
      }
      if (outer) Object.defineProperty(context, INVOKE_SLOT, outer);
      else delete context[INVOKE_SLOT];
    }
  }

  /** Stops a run whose simulated time passed a limit it is under, at its next service call (and every one after). */
  private checkDeadlines(): void {
    for (const d of this.deadlines) {
      if (!d.killed && this.clock.now() > d.at) d.killed = new ExecutionLimitError(d.message, d.limit);
      if (d.killed) throw d.killed;
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
  async editAsUser(sheetName: string, a1: string, value: unknown, options: ExecutionOptions & { readonly beforeTriggers?: () => Promise<unknown> } = {}): Promise<void> {
    const user = options.as ?? this.owner;
    const edit = this.spreadsheet.userEdit(sheetName, a1, value, user);
    // Google delivers the edit event a little later, after any execution holding the script lock:
    // `beforeTriggers` runs such an execution between the edit and its triggers.
    await options.beforeTriggers?.();
    const base = (authMode: string, triggerUid?: string) => this.spreadsheet.editEvent(edit, { authMode, user, ...(triggerUid ? { triggerUid } : {}) });
    if (this.functionNames().includes("onEdit")) await this.run("onEdit", [base("LIMITED")], { as: user });
    for (const trigger of this.services.controllers.triggers.spreadsheetTriggers("ON_EDIT")) {
      // Every user's installable triggers fire, each as the user who created it.
      await this.execute(trigger.handler, [base("FULL", trigger.uid)], { as: user, effectiveAs: trigger.owner }, true);
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
      await this.execute(trigger.handler, [event], { as: trigger.owner, effectiveAs: trigger.owner }, true);
    }
    return submitted;
  }

  /**
   * Moves the clock to `to`, firing every time-driven trigger due on the way, each at its own
   * instant, with the documented time-driven event object.
   * https://developers.google.com/apps-script/guides/triggers/events#time-driven-events
   */
  async advanceTo(
    to: Date | number,
    options: { readonly afterEach?: (fired: { handler: string; at: number; error?: string }) => void } = {},
  ): Promise<{ fired: { handler: string; at: number; error?: string }[] }> {
    const target = typeof to === "number" ? to : to.getTime();
    if (target < this.clock.now()) throw new Error(`the clock is at ${new Date(this.clock.now()).toISOString()}; it does not run backwards`);
    const fired: { handler: string; at: number; error?: string }[] = [];
    for (;;) {
      // A run may have taken simulated time: the next trigger due is looked for from where the clock
      // is now. Every trigger due at the same instant fires (in creation order), not only the first.
      const due = this.services.controllers.triggers.dueTimeTriggers(this.clock.now(), target);
      const first = due[0];
      if (!first) break;
      for (const next of due.filter((d) => d.fireAt === first.fireAt)) {
        if (!this.services.controllers.triggers.all().some((t) => t.uid === next.trigger.uid)) continue; // deleted meanwhile
        if (this.clock.now() < next.fireAt) this.clock.set(next.fireAt);
        try {
          // Each fires as the user who created it.
          await this.execute(next.trigger.handler, [timeDrivenEvent(next.trigger.uid, next.fireAt, next.trigger.timeZone ?? this.scriptTimeZone)], { as: next.trigger.owner, effectiveAs: next.trigger.owner }, true);
          fired.push({ handler: next.trigger.handler, at: next.fireAt });
        } catch (error) {
          // Google ends a run past its limits (or refuses it when the day's trigger time is used up)
          // and goes on firing the others; the failure is the owner's to read in the executions list.
          if (!(error instanceof ExecutionLimitError)) throw error;
          fired.push({ handler: next.trigger.handler, at: next.fireAt, error: error.message });
          this.log.push({ level: "error", message: `${next.trigger.handler}: ${error.message}` });
        }
        // What this firing did is the caller's to read now, before the next one fires (the CLI's advance summary).
        const last = fired[fired.length - 1];
        if (last) options.afterEach?.(last);
      }
      if (this.clock.now() < first.fireAt) this.clock.set(first.fireAt);
    }
    if (target > this.clock.now()) this.clock.set(target);
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
  async serve(
    port = 0,
    options: { visitor?: (request: WebRequestInfo) => string; lock?: WorkbookLockOptions; onRequest?: (line: WebRequestLine) => void } = {},
  ): Promise<{ url: string; close(): Promise<void>; host(): LocalHost }> {
    // With a workbook on disk, each request is one load-run-save under the workbook lock: the
    // pair is reloaded when another process (a CLI submit, say) saved since, so the web app never
    // overwrites what others wrote. Requests of this server run one at a time.
    const self = (): LocalHost => this;
    let current: LocalHost = self();
    let queue: Promise<unknown> = Promise.resolve();
    let serverPort = port;
    const answer = async (host: LocalHost, entryPoint: string, event: unknown, request: WebRequestInfo): Promise<WebReply> => {
      if (!host.functionNames().includes(entryPoint)) {
        return { status: 200, contentType: "text/html; charset=utf-8", body: `<p>Script function not found: ${entryPoint}</p>` };
      }
      const result = await host.run(entryPoint, [event], { as: options.visitor?.(request) ?? "" });
      const reply = host.services.controllers.html.reply(result.value);
      // Google serves every HtmlService page with google.script.run defined; so does this host (webapp.ts).
      return reply.contentType.startsWith("text/html") ? { ...reply, body: withHead(reply.body, scriptRunClient()) } : reply;
    };
    // A page's google.script.run call: as the web app runs, with the owner's authority and the same visitor.
    const call = async (host: LocalHost, name: string, args: unknown[], request: WebRequestInfo): Promise<unknown> =>
      (await host.scriptRun(name, args, { visitor: options.visitor?.(request) ?? "" })).value;
    const inWorkbook = async <T>(work: (host: LocalHost) => Promise<T>, busy: (error: WorkbookFileError) => T): Promise<T> => {
      const workbookPath = this.workbookPath;
      if (!workbookPath) return work(current);
      let held;
      try {
        held = await acquireWorkbookLock(workbookPath, "serve", options.lock ?? { waitMs: 30_000 });
      } catch (error) {
        if (error instanceof WorkbookFileError) return busy(error);
        throw error;
      }
      try {
        if (diskGeneration(workbookPath) !== current.generation) {
          const fresh = await LocalHost.open(current.options);
          fresh.services.controllers.triggers.setWebAppPort(serverPort);
          current.close();
          current = fresh;
        }
        const out = await work(current);
        await current.save();
        return out;
      } finally {
        held.release();
      }
    };
    const serial = <T>(job: () => Promise<T>): Promise<T> => {
      const next = queue.then(job);
      queue = next.catch(() => undefined);
      return next;
    };
    const server = await startWebApp({
      port,
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      handle: (entryPoint, event, request) =>
        serial(() => inWorkbook((host) => answer(host, entryPoint, event, request), (error): WebReply => ({ status: 503, contentType: "text/plain; charset=utf-8", body: error.message, headers: { "retry-after": "1" } }))),
      scriptRun: (name, args, request) =>
        serial(() =>
          inWorkbook(
            (host) => call(host, name, args, request),
            (error) => {
              throw error;
            },
          ),
        ),
    });
    serverPort = server.port;
    this.services.controllers.triggers.setWebAppPort(server.port);
    return { url: server.url, close: () => server.close(), host: () => current };
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
    this.checkScriptRun(functionName, args);
    return this.run<T>(functionName, args, { as: options.visitor ?? "", effectiveAs: this.owner });
  }

  /**
   * A sidebar (or dialog) in the spreadsheet calls a server function through `google.script.run`:
   * the same rules as from a web page, but it runs as the person who opened it, on their own
   * authority (they are both the active and the effective user), as the menu item that opened it did.
   * https://developers.google.com/apps-script/guides/html/reference/run
   */
  async sidebarRun<T = unknown>(functionName: string, args: readonly unknown[] = [], options: { as?: string } = {}): Promise<ExecutionResult<T>> {
    this.checkScriptRun(functionName, args);
    const user = options.as ?? this.owner;
    return this.run<T>(functionName, args, { as: user, effectiveAs: user });
  }

  /** What google.script.run refuses before running anything: a private or missing function, an illegal parameter. */
  private checkScriptRun(functionName: string, args: readonly unknown[]): void {
    if (functionName.endsWith("_") || !this.functionNames().includes(functionName)) throw new Error(`Script function not found: ${functionName}`);
    const legal = (v: unknown): boolean =>
      v === null || v === undefined || ["string", "number", "boolean"].includes(typeof v) ||
      (Array.isArray(v) ? v.every(legal) : typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(legal));
    if (!args.every(legal)) throw new Error(`google.script.run.${functionName}: a parameter is not a legal type (primitives, arrays and plain objects only)`);
  }

  /**
   * Writes the workbook `.xlsx` and its sidecar as one pair, atomically: both go to fsynced
   * temporaries first, then are renamed into place (sidecar, then workbook) with a shared
   * generation id, keeping the previous pair as `.prev`. A crash at any instant leaves the old
   * pair, the new pair, or a torn pair that open() reports (see persistence.ts).
   */
  async save(path = this.workbookPath): Promise<{ workbook: string; sidecar: string }> {
    if (!path) throw new Error("no workbook path: open the host with { workbookPath } or pass one to save()");
    const target = resolve(path);
    mkdirSync(dirname(target), { recursive: true });
    removeStaleTemporaries(target);
    const generation = newGeneration();
    const temporary = temporaryPathsOf(target, generation);
    const sidecarPath = sidecarPathOf(target);
    try {
      const spreadsheet = await this.spreadsheet.save(temporary.workbook, generationKeywords(generation));
      fsyncFile(temporary.workbook);
      const sidecar: SidecarFile = {
        version: 1,
        generation,
        clock: this.clock.now(),
        owner: this.owner,
        spreadsheet,
        services: this.services.exportState(),
        forms: this.forms.exportState(),
        quotas: { triggerRuntime: this.triggerRuntime.exportState() },
      };
      writeFileSync(temporary.sidecar, `${JSON.stringify(sidecar, null, 2)}\n`);
      fsyncFile(temporary.sidecar);
      commitPair(target, sidecarPath, temporary);
    } catch (error) {
      rmSync(temporary.workbook, { force: true });
      rmSync(temporary.sidecar, { force: true });
      throw error;
    }
    if (target === this.workbookPath) this.generation = generation;
    return { workbook: target, sidecar: sidecarPath };
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
      // Each call is one custom-function execution: 30 s, real or simulated, then Sheets shows #ERROR! with Google's note.
      map[name.toUpperCase()] = (...args: unknown[]) => {
        const deadline: Deadline = { at: this.clock.now() + this.limits.customFunctionMs, message: CUSTOM_FUNCTION_TIMEOUT, limit: "custom-function" };
        this.deadlines.push(deadline);
        try {
          const value = this.invokeWithin(this.limits.customFunctionMs, deadline, () => fn(...this.realm.copyIn(args)));
          if (deadline.killed) throw deadline.killed;
          return this.realm.copyOut(value);
        } finally {
          this.deadlines.pop();
        }
      };
    }
    return map;
  }
}

/** The generation of the pair on disk (the sidecar's), or undefined when there is none or it has none. */
function diskGeneration(workbookPath: string): string | undefined {
  const sidecarPath = sidecarPathOf(workbookPath);
  if (!existsSync(sidecarPath)) return undefined;
  // Only the head of the file is needed: `generation` is written second.
  const fd = openSync(sidecarPath, "r");
  const buffer = Buffer.alloc(512);
  let head: string;
  try {
    head = buffer.toString("utf8", 0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
  return /"generation":\s*"([^"]+)"/.exec(head)?.[1];
}

/** Checks the sidecar's shape before anything reads it; a wrong shape names the file and the field. */
function checkSidecar(sidecarPath: string, value: unknown): SidecarFile {
  const fail = (problem: string): never => {
    throw wrongShape(sidecarPath, problem);
  };
  if (value === null || typeof value !== "object" || Array.isArray(value)) return fail("not a JSON object");
  const s = value as Record<string, unknown>;
  if (s.version !== 1) fail(`version ${JSON.stringify(s.version)}, expected 1`);
  if (typeof s.clock !== "number" || !Number.isFinite(s.clock)) fail("clock is not a number");
  if (typeof s.owner !== "string") fail("owner is not a string");
  if (s.generation !== undefined && typeof s.generation !== "string") fail("generation is not a string");
  if (s.services === null || typeof s.services !== "object" || Array.isArray(s.services)) fail("services is not an object");
  if (!Array.isArray(s.forms)) fail("forms is not a list");
  const book = s.spreadsheet;
  if (book === null || typeof book !== "object" || Array.isArray(book)) return fail("spreadsheet is not an object");
  const b = book as Record<string, unknown>;
  for (const key of ["id", "name", "timeZone", "locale", "owner", "activeSheet"]) if (typeof b[key] !== "string") fail(`spreadsheet.${key} is not a string`);
  for (const key of ["editors", "sheets", "namedRanges", "protections"]) if (!Array.isArray(b[key])) fail(`spreadsheet.${key} is not a list`);
  (b.sheets as unknown[]).forEach((sheet, i) => {
    if (sheet === null || typeof sheet !== "object") return fail(`spreadsheet.sheets[${i}] is not an object`);
    const sh = sheet as Record<string, unknown>;
    if (typeof sh.name !== "string") fail(`spreadsheet.sheets[${i}].name is not a string`);
    for (const key of ["sheetId", "maxRows", "maxColumns"]) if (typeof sh[key] !== "number") fail(`spreadsheet.sheets[${i}].${key} is not a number`);
    for (const key of ["columnWidths", "formulas"]) if (sh[key] === null || typeof sh[key] !== "object") fail(`spreadsheet.sheets[${i}].${key} is not an object`);
    for (const key of ["spills", "validations", "conditionalRules"]) if (!Array.isArray(sh[key])) fail(`spreadsheet.sheets[${i}].${key} is not a list`);
    return undefined;
  });
  return value as SidecarFile;
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
