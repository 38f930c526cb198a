/**
 * What every emulated service receives from the host: the call counter, the vm realm, the clock,
 * the script's time zone and who is running the code. One `ServiceEnv` per host (per vm context),
 * so every test gets its own workbook, clock and outbox.
 */
import type { SimulatedClock } from "../clock.js";
import type { Realm, ServiceCounter } from "../emulation.js";

export interface SessionState {
  /** The user at the keyboard (Session.getActiveUser). Set per call with `host.as(email)`. */
  activeUserEmail: string;
  /** The user whose authority the script runs with (Session.getEffectiveUser): the owner / deployer. */
  effectiveUserEmail: string;
}

export interface ServiceEnv {
  readonly counter: ServiceCounter;
  readonly realm: Realm;
  readonly clock: SimulatedClock;
  /** appsscript.json `timeZone` (Session.getScriptTimeZone). */
  readonly scriptTimeZone: string;
  readonly session: SessionState;
  /** Where the host writes what a person would see: out/mail, etc. */
  readonly outDir: string;
}
