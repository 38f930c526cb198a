/**
 * The vm context the built bundle runs in: only JavaScript's built-ins plus the Apps Script globals
 * the host installs, as on Google's V8 runtime (no `require`, `process`, `Buffer`, `setTimeout`,
 * `fetch`). Its `Date` reads the host's simulated clock, and `console` / `Logger` write to the host's
 * execution log. https://developers.google.com/apps-script/guides/v8-runtime
 */
import vm from "node:vm";
import type { SimulatedClock } from "./clock";

export interface LogEntry {
  readonly level: "log" | "info" | "warn" | "error";
  readonly message: string;
}

/**
 * Creates a bare context whose `Date` reads `clock`. Its global object is an ordinary one
 * (`vm.constants.DONT_CONTEXTIFY`), as Apps Script's V8 has: a contextified global routes every
 * global lookup (`Math`, `Array`, the bundle's own top-level functions) through Node's property
 * interceptors, which made the bundle's hot loops 3-4x slower here than plain V8 and so hid or
 * invented costs the bench reports (https://nodejs.org/api/vm.html#vmconstantsdont_contextify).
 *
 * Beyond that, the context's `Date` reads `clock`: `new Date()` and `Date.now()` give the simulated
 * instant, `new Date(x)` works as usual, and every Date is an instance of the context's `Date`.
 */
export function createBareContext(clock: SimulatedClock): vm.Context {
  const context = vm.createContext(vm.constants.DONT_CONTEXTIFY, { name: "Apps Script (local host)", codeGeneration: { strings: false, wasm: false } });
  const installClock = vm.runInContext(
    `(function (nowFn) {
      const RealDate = Date;
      function ClockDate(...args) {
        if (!new.target) return new RealDate(nowFn()).toString();
        return args.length === 0 ? new RealDate(nowFn()) : new RealDate(...args);
      }
      ClockDate.prototype = RealDate.prototype;
      Object.defineProperty(RealDate.prototype, "constructor", { value: ClockDate, writable: true, configurable: true });
      ClockDate.now = function now() { return nowFn(); };
      ClockDate.UTC = RealDate.UTC;
      ClockDate.parse = RealDate.parse;
      Object.defineProperty(globalThis, "Date", { value: ClockDate, writable: true, configurable: true });
    })`,
    context,
  ) as (nowFn: () => number) => void;
  installClock(() => clock.now());
  return context;
}

/** Apps Script's `console` and `Logger`, writing into `log`. https://developers.google.com/apps-script/guides/logging */
export function createLogging(log: LogEntry[], format: (args: readonly unknown[]) => string): { console: object; Logger: object } {
  const write = (level: LogEntry["level"]) => (...args: unknown[]) => {
    log.push({ level, message: format(args) });
  };
  const logger = {
    log(...args: unknown[]) {
      write("info")(...args);
      return logger;
    },
    getLog() {
      return log.map((e) => e.message).join("\n");
    },
    clear() {
      log.length = 0;
    },
  };
  return {
    console: { log: write("log"), info: write("info"), warn: write("warn"), error: write("error") },
    Logger: logger,
  };
}
