/**
 * Every non-spreadsheet Apps Script service of the local host, created together for one vm context:
 * the globals the host installs (MailApp, GmailApp, PropertiesService, LockService, CacheService,
 * Utilities, Session, ScriptApp, HtmlService, ContentService, DriveApp), the host-side controllers, and one
 * plain-JSON state of everything that persists between CLI runs (outbox sequence and quota,
 * properties, cache, triggers) for the host's sidecar file.
 */
import { createCacheService, type CacheController, type CacheServiceGlobal, type CacheState } from "./cache";
import type { ServiceEnv } from "./env";
import { createDriveService, type DriveAppGlobal, type DriveController } from "./drive";
import { createHtmlService, type ContentServiceGlobal, type HtmlController, type HtmlServiceGlobal } from "./html";
import { createLockService, type LockController, type LockServiceGlobal, type LockServiceOptions } from "./lock";
import { createMailService, type GmailAppGlobal, type MailAppGlobal, type MailServiceOptions, type MailState, type OutboxController } from "./mail";
import { createPropertiesService, type PropertiesController, type PropertiesServiceGlobal, type PropertiesState } from "./properties";
import { createScriptService, type ScriptAppGlobal, type ScriptState, type TriggerController } from "./script";
import { createSessionService, type SessionGlobal } from "./session";
import { createUtilitiesService, type UtilitiesGlobal } from "./utilities";
import { asRecord } from "./values";

export interface LocalServicesOptions {
  /** ScriptApp.getScriptId(), also salting Session's temporary user keys. */
  readonly scriptId?: string;
  /** Whether the script is bound to the workbook (document properties, cache and lock). Default true. */
  readonly containerBound?: boolean;
  readonly mail?: MailServiceOptions;
  readonly lock?: Omit<LockServiceOptions, "containerBound">;
  /** Session.getActiveUserLocale(). */
  readonly locale?: string;
  /** Port of the local web app, for ScriptApp.getService().getUrl(). */
  readonly webAppPort?: number;
}

export interface LocalServiceGlobals {
  readonly MailApp: MailAppGlobal;
  readonly GmailApp: GmailAppGlobal;
  readonly PropertiesService: PropertiesServiceGlobal;
  readonly LockService: LockServiceGlobal;
  readonly CacheService: CacheServiceGlobal;
  readonly Utilities: UtilitiesGlobal;
  readonly Session: SessionGlobal;
  readonly ScriptApp: ScriptAppGlobal;
  readonly HtmlService: HtmlServiceGlobal;
  readonly ContentService: ContentServiceGlobal;
  readonly DriveApp: DriveAppGlobal;
}

export interface LocalServiceControllers {
  readonly outbox: OutboxController;
  readonly properties: PropertiesController;
  readonly cache: CacheController;
  readonly locks: LockController;
  readonly triggers: TriggerController;
  readonly html: HtmlController;
  readonly drive: DriveController;
}

export interface LocalServicesState {
  readonly mail: MailState;
  readonly properties: PropertiesState;
  readonly cache: CacheState;
  readonly script: ScriptState;
}

export interface LocalServices {
  readonly globals: LocalServiceGlobals;
  readonly controllers: LocalServiceControllers;
  exportState(): LocalServicesState;
  /** Restores what `exportState` produced; sections missing from `state` are left as they are. */
  importState(state: unknown): void;
}

export function createServices(env: ServiceEnv, options: LocalServicesOptions = {}): LocalServices {
  const containerBound = options.containerBound ?? true;
  const scriptId = options.scriptId ?? "local-script";
  const mail = createMailService(env, options.mail ?? {});
  const props = createPropertiesService(env, { containerBound });
  const cache = createCacheService(env, { containerBound });
  const lock = createLockService(env, { ...(options.lock ?? {}), containerBound });
  const utilities = createUtilitiesService(env);
  const session = createSessionService(env, { scriptId, ...(options.locale !== undefined ? { locale: options.locale } : {}) });
  const script = createScriptService(env, { scriptId, ...(options.webAppPort !== undefined ? { webAppPort: options.webAppPort } : {}) });
  const html = createHtmlService(env);
  const drive = createDriveService(env, utilities.blob);

  return {
    globals: {
      MailApp: mail.MailApp,
      GmailApp: mail.GmailApp,
      PropertiesService: props.PropertiesService,
      LockService: lock.LockService,
      CacheService: cache.CacheService,
      Utilities: utilities.Utilities,
      Session: session.Session,
      ScriptApp: script.ScriptApp,
      HtmlService: html.HtmlService,
      ContentService: html.ContentService,
      DriveApp: drive.DriveApp,
    },
    controllers: {
      outbox: mail.outbox,
      properties: props.properties,
      cache: cache.cache,
      locks: lock.locks,
      triggers: script.triggers,
      html: html.html,
      drive: drive.drive,
    },
    exportState: () => ({
      mail: mail.outbox.exportState(),
      properties: props.properties.exportState(),
      cache: cache.cache.exportState(),
      script: script.triggers.exportState(),
    }),
    importState(state: unknown): void {
      const s = asRecord(state);
      if (!s) throw new Error("services state: expected { mail, properties, cache, script }");
      if (s.mail !== undefined) mail.outbox.importState(s.mail);
      if (s.properties !== undefined) props.properties.importState(s.properties);
      if (s.cache !== undefined) cache.cache.importState(s.cache);
      if (s.script !== undefined) script.triggers.importState(s.script);
    },
  };
}
