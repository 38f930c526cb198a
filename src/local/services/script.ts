/**
 * ScriptApp for the local host: installable triggers (time-driven, spreadsheet and form), their
 * enums, the per-user trigger quota (20 per user per script,
 * https://developers.google.com/apps-script/guides/services/quotas) and the web app URL. Triggers
 * are plain records the host persists; the host asks the controller which time triggers are due
 * between two instants of the simulated clock (see clock-schedule.ts for the deterministic firing
 * rule) and which handlers a spreadsheet or form event should run.
 */
import { fromWallClock } from "../../core/time";
import { emulated, isDate } from "../emulation";
import { type ClockSchedule, fireTimes, WEEK_DAYS, type WeekDayName, weekDayOf } from "./clock-schedule";
import type { ServiceEnv } from "./env";
import { asRecord, invalidArgument, realmArray, requireNumber, stringOf } from "./values";

export type EventTypeName = "CLOCK" | "ON_OPEN" | "ON_EDIT" | "ON_FORM_SUBMIT" | "ON_CHANGE" | "ON_EVENT_UPDATED";
export type TriggerSourceName = "SPREADSHEETS" | "CLOCK" | "FORMS" | "DOCUMENTS" | "CALENDAR";
export type AuthModeName = "NONE" | "CUSTOM_FUNCTION" | "LIMITED" | "FULL";

/** One installable trigger, as stored. */
export interface TriggerRecord {
  readonly uid: string;
  readonly handler: string;
  readonly eventType: EventTypeName;
  readonly source: TriggerSourceName;
  /** Spreadsheet or form id for SPREADSHEETS/FORMS triggers; null for clock triggers. */
  readonly sourceId: string | null;
  /** The user who created it; installable triggers run as their creator. */
  readonly owner: string;
  /** Simulated-clock epoch ms. */
  readonly createdAt: number;
  readonly timeZone: string | null;
  readonly schedule: ClockSchedule | null;
}

export interface DueTrigger {
  readonly trigger: TriggerRecord;
  readonly fireAt: number;
}

export interface ScriptState {
  readonly nextUid: number;
  readonly triggers: readonly TriggerRecord[];
}

export interface ScriptServiceOptions {
  readonly scriptId?: string;
  /** Port of the local web app (`http://127.0.0.1:<port>/exec`); without one, getService().getUrl() is null. */
  readonly webAppPort?: number;
}

export interface TriggerController {
  /** Time-driven firings in `(fromMs, toMs]`, in fire order (ties in creation order). */
  dueTimeTriggers(fromMs: number, toMs: number): DueTrigger[];
  /** Spreadsheet triggers of one event type, optionally for one spreadsheet id, in creation order. */
  spreadsheetTriggers(eventType: EventTypeName, spreadsheetId?: string): TriggerRecord[];
  /** Form triggers of one event type, optionally for one form id, in creation order. */
  formTriggers(eventType: EventTypeName, formId?: string): TriggerRecord[];
  all(): TriggerRecord[];
  setWebAppPort(port: number | undefined): void;
  /**
   * Which URL getService().getUrl() gives: the deployment's `/exec` (default) or, as Google may for
   * the script's editors, the test deployment's `/dev`, which only editors can open.
   * https://developers.google.com/apps-script/guides/web#test_a_web_app_deployment
   */
  setServiceUrlKind(kind: "exec" | "dev"): void;
  exportState(): ScriptState;
  importState(state: unknown): void;
}

export interface TriggerObject {
  getEventType(): EventTypeName;
  getHandlerFunction(): string;
  getTriggerSource(): TriggerSourceName;
  getTriggerSourceId(): string | null;
  getUniqueId(): string;
}

export interface ClockTriggerBuilderObject {
  after(durationMilliseconds: unknown): ClockTriggerBuilderObject;
  at(date: unknown): ClockTriggerBuilderObject;
  atDate(year: unknown, month: unknown, day: unknown): ClockTriggerBuilderObject;
  atHour(hour: unknown): ClockTriggerBuilderObject;
  create(): TriggerObject;
  everyDays(n: unknown): ClockTriggerBuilderObject;
  everyHours(n: unknown): ClockTriggerBuilderObject;
  everyMinutes(n: unknown): ClockTriggerBuilderObject;
  everyWeeks(n: unknown): ClockTriggerBuilderObject;
  inTimezone(timezone: unknown): ClockTriggerBuilderObject;
  nearMinute(minute: unknown): ClockTriggerBuilderObject;
  onMonthDay(day: unknown): ClockTriggerBuilderObject;
  onWeekDay(day: unknown): ClockTriggerBuilderObject;
}

export interface SourceTriggerBuilderObject {
  create(): TriggerObject;
  onChange(): SourceTriggerBuilderObject;
  onEdit(): SourceTriggerBuilderObject;
  onFormSubmit(): SourceTriggerBuilderObject;
  onOpen(): SourceTriggerBuilderObject;
}

export interface TriggerBuilderObject {
  forForm(form: unknown): SourceTriggerBuilderObject;
  forSpreadsheet(spreadsheet: unknown): SourceTriggerBuilderObject;
  timeBased(): ClockTriggerBuilderObject;
}

export interface ServiceObject {
  getUrl(): string | null;
  isEnabled(): boolean;
}

export interface ScriptAppGlobal {
  readonly AuthMode: Readonly<Record<AuthModeName, AuthModeName>>;
  readonly EventType: Readonly<Record<EventTypeName, EventTypeName>>;
  readonly TriggerSource: Readonly<Record<TriggerSourceName, TriggerSourceName>>;
  readonly WeekDay: Readonly<Record<WeekDayName, WeekDayName>>;
  deleteTrigger(trigger: unknown): void;
  getProjectTriggers(): TriggerObject[];
  getScriptId(): string;
  getService(): ServiceObject;
  getUserTriggers(document: unknown): TriggerObject[];
  newTrigger(functionName: unknown): TriggerBuilderObject;
}

/** https://developers.google.com/apps-script/guides/services/quotas: "Triggers: 20 / user / script". */
const TRIGGERS_PER_USER = 20;
/** Apps Script's text when a 21st trigger is created. */
export const TOO_MANY_TRIGGERS = "This script has too many triggers. Triggers must be deleted from the script before more can be added.";
/** https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyMinutes(Integer) */
const MINUTE_STEPS = [1, 5, 10, 15, 30];
/** The hour intervals the installable-trigger guide offers (https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers). */
const HOUR_STEPS = [1, 2, 4, 6, 8, 12];

function enumOf<T extends string>(env: ServiceEnv, className: string, names: readonly T[]): Readonly<Record<T, T>> {
  return emulated(className, Object.fromEntries(names.map((n) => [n, n])) as Record<T, T>, env.counter);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function integerIn(value: unknown, name: string, min: number, max: number): number {
  const n = requireNumber(value, name);
  if (!Number.isInteger(n) || n < min || n > max) throw invalidArgument(name);
  return n;
}

/** The id of a Spreadsheet/Form object (its `getId()`) or a key string. */
function sourceIdOf(value: unknown, name: string): string {
  if (typeof value === "string" && value !== "") return value;
  if (value !== null && typeof value === "object" && "getId" in value) {
    const getId: unknown = value.getId;
    if (typeof getId === "function") return stringOf((getId as () => unknown).call(value));
  }
  throw invalidArgument(name);
}

export function createScriptService(
  env: ServiceEnv,
  options: ScriptServiceOptions = {},
): { ScriptApp: ScriptAppGlobal; triggers: TriggerController } {
  const scriptId = options.scriptId ?? "local-script";
  let webAppPort = options.webAppPort;
  let urlKind: "exec" | "dev" = "exec";
  let nextUid = 1;
  let records: TriggerRecord[] = [];
  /** Trigger objects handed to the bundle -> their uid (deleteTrigger receives these objects back). */
  const uids = new WeakMap<object, string>();

  function triggerObject(record: TriggerRecord): TriggerObject {
    const trigger: TriggerObject = emulated(
      "Trigger",
      {
        // https://developers.google.com/apps-script/reference/script/trigger#getEventType()
        getEventType: (): EventTypeName => record.eventType,
        // https://developers.google.com/apps-script/reference/script/trigger#getHandlerFunction()
        getHandlerFunction: (): string => record.handler,
        // https://developers.google.com/apps-script/reference/script/trigger#getTriggerSource()
        getTriggerSource: (): TriggerSourceName => record.source,
        // https://developers.google.com/apps-script/reference/script/trigger#getTriggerSourceId()
        getTriggerSourceId: (): string | null => record.sourceId,
        // https://developers.google.com/apps-script/reference/script/trigger#getUniqueId()
        getUniqueId: (): string => record.uid,
      },
      env.counter,
    );
    uids.set(trigger, record.uid);
    return trigger;
  }

  function install(partial: Omit<TriggerRecord, "uid" | "owner" | "createdAt">): TriggerObject {
    const owner = env.session.effectiveUserEmail;
    if (records.filter((r) => r.owner === owner).length >= TRIGGERS_PER_USER) throw new Error(TOO_MANY_TRIGGERS);
    const record: TriggerRecord = { ...partial, uid: String(1_000_000 + nextUid++), owner, createdAt: env.clock.now() };
    records.push(record);
    return triggerObject(record);
  }

  function clockBuilder(handler: string): ClockTriggerBuilderObject {
    const spec: {
      once?: number;
      atDate?: [number, number, number];
      minutes?: number;
      hours?: number;
      days?: number;
      weeks?: number;
      monthDay?: number;
      weekDay?: WeekDayName;
      hour?: number;
      minute?: number;
      timeZone?: string;
    } = {};

    function schedule(): ClockSchedule {
      const timeZone = spec.timeZone ?? env.scriptTimeZone;
      const hour = spec.hour ?? 0;
      const minute = spec.minute ?? 0;
      const recurring = [spec.minutes, spec.hours, spec.days, spec.weeks, spec.monthDay, spec.weekDay].some((v) => v !== undefined);
      const oneTime = spec.once !== undefined || spec.atDate !== undefined;
      if (oneTime && recurring) throw new Error("A clock trigger is either one-time (at, after, atDate) or recurring, not both.");
      if (spec.once !== undefined) return { type: "once", at: spec.once };
      if (spec.atDate) {
        const [year, month, day] = spec.atDate;
        // "by default near midnight": https://developers.google.com/apps-script/reference/script/clock-trigger-builder#atDate(Integer,Integer,Integer)
        return { type: "once", at: fromWallClock({ year, month, day, hour, minute }, timeZone) };
      }
      if (spec.minutes !== undefined) return { type: "minutes", every: spec.minutes };
      if (spec.hours !== undefined) return { type: "hours", every: spec.hours, minute };
      if (spec.monthDay !== undefined) return { type: "monthDay", day: spec.monthDay, hour, minute };
      if (spec.weeks !== undefined || spec.weekDay !== undefined) {
        const weekDay = spec.weekDay ?? weekDayOf(env.clock.now(), timeZone);
        return { type: "weeks", every: spec.weeks ?? 1, weekDay, hour, minute };
      }
      if (spec.days !== undefined) return { type: "days", every: spec.days, hour, minute };
      throw new Error("A clock trigger needs a schedule: call at, after, atDate, everyMinutes, everyHours, everyDays, everyWeeks, onWeekDay or onMonthDay before create().");
    }

    const builder: ClockTriggerBuilderObject = emulated(
      "ClockTriggerBuilder",
      {
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#after(Integer)
        after(durationMilliseconds: unknown): ClockTriggerBuilderObject {
          const ms = requireNumber(durationMilliseconds, "durationMilliseconds");
          if (ms < 0) throw invalidArgument("durationMilliseconds");
          spec.once = env.clock.now() + ms;
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#at(Date)
        at(date: unknown): ClockTriggerBuilderObject {
          if (!isDate(date) || Number.isNaN(date.getTime())) throw invalidArgument("date");
          spec.once = date.getTime();
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#atDate(Integer,Integer,Integer)
        atDate(year: unknown, month: unknown, day: unknown): ClockTriggerBuilderObject {
          spec.atDate = [integerIn(year, "year", 1970, 9999), integerIn(month, "month", 1, 12), integerIn(day, "day", 1, 31)];
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#atHour(Integer)
        atHour(hour: unknown): ClockTriggerBuilderObject {
          spec.hour = integerIn(hour, "hour", 0, 23);
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#create()
        create: (): TriggerObject => {
          const built = schedule();
          return install({
            handler,
            eventType: "CLOCK",
            source: "CLOCK",
            sourceId: null,
            timeZone: spec.timeZone ?? env.scriptTimeZone,
            schedule: built,
          });
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyDays(Integer)
        everyDays(n: unknown): ClockTriggerBuilderObject {
          spec.days = integerIn(n, "n", 1, 366);
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyHours(Integer)
        everyHours(n: unknown): ClockTriggerBuilderObject {
          const hours = requireNumber(n, "n");
          if (!HOUR_STEPS.includes(hours)) throw new Error(`everyHours accepts ${HOUR_STEPS.join(", ")}; got ${hours}.`);
          spec.hours = hours;
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyMinutes(Integer)
        // "n must be 1, 5, 10, 15 or 30".
        everyMinutes(n: unknown): ClockTriggerBuilderObject {
          const minutes = requireNumber(n, "n");
          if (!MINUTE_STEPS.includes(minutes)) throw new Error(`everyMinutes accepts ${MINUTE_STEPS.join(", ")}; got ${minutes}.`);
          spec.minutes = minutes;
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyWeeks(Integer)
        everyWeeks(n: unknown): ClockTriggerBuilderObject {
          spec.weeks = integerIn(n, "n", 1, 52);
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#inTimezone(String)
        inTimezone(timezone: unknown): ClockTriggerBuilderObject {
          if (typeof timezone !== "string" || !isTimeZone(timezone)) throw invalidArgument("timezone");
          spec.timeZone = timezone;
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#nearMinute(Integer)
        nearMinute(minute: unknown): ClockTriggerBuilderObject {
          spec.minute = integerIn(minute, "minute", 0, 59);
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#onMonthDay(Integer)
        onMonthDay(day: unknown): ClockTriggerBuilderObject {
          spec.monthDay = integerIn(day, "day", 1, 31);
          return builder;
        },
        // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#onWeekDay(Weekday)
        onWeekDay(day: unknown): ClockTriggerBuilderObject {
          const name = stringOf(day) as WeekDayName;
          if (!WEEK_DAYS.includes(name)) throw invalidArgument("day");
          spec.weekDay = name;
          return builder;
        },
      },
      env.counter,
    );
    return builder;
  }

  function sourceBuilder(className: string, handler: string, source: TriggerSourceName, sourceId: string, allowed: readonly EventTypeName[]): SourceTriggerBuilderObject {
    let eventType: EventTypeName | undefined;
    const choose = (type: EventTypeName): SourceTriggerBuilderObject => {
      if (!allowed.includes(type)) throw new Error(`${className} cannot create an ${type} trigger.`);
      eventType = type;
      return builder;
    };
    const builder: SourceTriggerBuilderObject = emulated(
      className,
      {
        // https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder#create()
        create: (): TriggerObject => {
          if (eventType === undefined) throw new Error(`${className}: choose an event (onOpen, onEdit, onChange, onFormSubmit) before create().`);
          return install({ handler, eventType, source, sourceId, timeZone: null, schedule: null });
        },
        // https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder#onChange()
        onChange: () => choose("ON_CHANGE"),
        // https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder#onEdit()
        onEdit: () => choose("ON_EDIT"),
        // https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder#onFormSubmit()
        // https://developers.google.com/apps-script/reference/script/form-trigger-builder#onFormSubmit()
        onFormSubmit: () => choose("ON_FORM_SUBMIT"),
        // https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder#onOpen()
        onOpen: () => choose("ON_OPEN"),
      },
      env.counter,
    );
    return builder;
  }

  const service: ServiceObject = emulated(
    "Service",
    {
      // https://developers.google.com/apps-script/reference/script/service#getUrl(): null when not deployed.
      getUrl: (): string | null => (webAppPort === undefined ? null : `http://127.0.0.1:${webAppPort}/${urlKind}`),
      // https://developers.google.com/apps-script/reference/script/service#isEnabled()
      isEnabled: (): boolean => webAppPort !== undefined,
    },
    env.counter,
  );

  const ScriptApp: ScriptAppGlobal = emulated(
    "ScriptApp",
    {
      // https://developers.google.com/apps-script/reference/script/auth-mode
      AuthMode: enumOf<AuthModeName>(env, "AuthMode", ["NONE", "CUSTOM_FUNCTION", "LIMITED", "FULL"]),
      // https://developers.google.com/apps-script/reference/script/event-type
      EventType: enumOf<EventTypeName>(env, "EventType", ["CLOCK", "ON_OPEN", "ON_EDIT", "ON_FORM_SUBMIT", "ON_CHANGE", "ON_EVENT_UPDATED"]),
      // https://developers.google.com/apps-script/reference/script/trigger-source
      TriggerSource: enumOf<TriggerSourceName>(env, "TriggerSource", ["SPREADSHEETS", "CLOCK", "FORMS", "DOCUMENTS", "CALENDAR"]),
      // https://developers.google.com/apps-script/reference/script/script-app#properties (WeekDay: Weekday)
      WeekDay: enumOf<WeekDayName>(env, "Weekday", WEEK_DAYS),

      // https://developers.google.com/apps-script/reference/script/script-app#deleteTrigger(Trigger)
      deleteTrigger(trigger: unknown): void {
        const uid = trigger !== null && typeof trigger === "object" ? uids.get(trigger) : undefined;
        if (uid === undefined) throw invalidArgument("trigger");
        records = records.filter((r) => r.uid !== uid);
      },
      // https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()
      // "all installable triggers associated with the current project and current user".
      getProjectTriggers: (): TriggerObject[] =>
        realmArray(
          env,
          records.filter((r) => r.owner === env.session.effectiveUserEmail).map(triggerObject),
        ),
      // https://developers.google.com/apps-script/reference/script/script-app#getScriptId()
      getScriptId: (): string => scriptId,
      // https://developers.google.com/apps-script/reference/script/script-app#getService()
      getService: (): ServiceObject => service,
      // https://developers.google.com/apps-script/reference/script/script-app#getUserTriggers(Spreadsheet)
      getUserTriggers(document: unknown): TriggerObject[] {
        const id = sourceIdOf(document, "document");
        return realmArray(
          env,
          records.filter((r) => r.owner === env.session.effectiveUserEmail && r.sourceId === id).map(triggerObject),
        );
      },
      // https://developers.google.com/apps-script/reference/script/script-app#newTrigger(String)
      newTrigger(functionName: unknown): TriggerBuilderObject {
        if (typeof functionName !== "string" || functionName === "") throw invalidArgument("functionName");
        return emulated(
          "TriggerBuilder",
          {
            // https://developers.google.com/apps-script/reference/script/trigger-builder#forForm(String)
            forForm: (form: unknown): SourceTriggerBuilderObject =>
              sourceBuilder("FormTriggerBuilder", functionName, "FORMS", sourceIdOf(form, "form"), ["ON_FORM_SUBMIT", "ON_OPEN"]),
            // https://developers.google.com/apps-script/reference/script/trigger-builder#forSpreadsheet(String)
            forSpreadsheet: (spreadsheet: unknown): SourceTriggerBuilderObject =>
              sourceBuilder("SpreadsheetTriggerBuilder", functionName, "SPREADSHEETS", sourceIdOf(spreadsheet, "sheet"), [
                "ON_OPEN",
                "ON_EDIT",
                "ON_CHANGE",
                "ON_FORM_SUBMIT",
              ]),
            // https://developers.google.com/apps-script/reference/script/trigger-builder#timeBased()
            timeBased: (): ClockTriggerBuilderObject => clockBuilder(functionName),
          },
          env.counter,
        );
      },
    },
    env.counter,
  );

  const triggers: TriggerController = {
    dueTimeTriggers(fromMs: number, toMs: number): DueTrigger[] {
      const due: { trigger: TriggerRecord; fireAt: number; order: number }[] = [];
      records.forEach((record, order) => {
        if (record.schedule === null) return;
        for (const fireAt of fireTimes(record.schedule, record.timeZone ?? env.scriptTimeZone, record.createdAt, fromMs, toMs)) {
          due.push({ trigger: { ...record }, fireAt, order });
        }
      });
      return due.sort((a, b) => a.fireAt - b.fireAt || a.order - b.order).map(({ trigger, fireAt }) => ({ trigger, fireAt }));
    },
    spreadsheetTriggers: (eventType, spreadsheetId) =>
      records.filter((r) => r.source === "SPREADSHEETS" && r.eventType === eventType && (spreadsheetId === undefined || r.sourceId === spreadsheetId)).map((r) => ({ ...r })),
    formTriggers: (eventType, formId) =>
      records.filter((r) => r.source === "FORMS" && r.eventType === eventType && (formId === undefined || r.sourceId === formId)).map((r) => ({ ...r })),
    all: () => records.map((r) => ({ ...r })),
    setWebAppPort(port: number | undefined): void {
      webAppPort = port;
    },
    setServiceUrlKind(kind): void {
      urlKind = kind;
    },
    exportState: () => ({ nextUid, triggers: records.map((r) => ({ ...r })) }),
    importState(state: unknown): void {
      const s = asRecord(state);
      if (!s || typeof s.nextUid !== "number" || !Array.isArray(s.triggers)) throw new Error("script state: expected { nextUid, triggers }");
      nextUid = s.nextUid;
      records = (s.triggers as unknown[]).map((t) => ({ ...(t as TriggerRecord) }));
    },
  };

  return { ScriptApp, triggers };
}
