/**
 * ScriptApp triggers: what the bundle installs (and the quota it hits), and when the local host's
 * settable clock fires them — deterministically, in the trigger's own time zone.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/local/clock";
import { Realm, ServiceCounter } from "../../src/local/emulation";
import type { ServiceEnv } from "../../src/local/services/env";
import { createScriptService } from "../../src/local/services/script";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 2024-05-01 10:30 in Shanghai (02:30 UTC): after 09:00, so a daily 09:00 trigger first fires the next day. */
const CREATED = Date.UTC(2024, 4, 1, 2, 30);

function makeEnv(): ServiceEnv {
  return {
    counter: new ServiceCounter(),
    realm: new Realm(vm.createContext({})),
    clock: new SimulatedClock(CREATED),
    scriptTimeZone: "America/Los_Angeles",
    session: { activeUserEmail: "owner@example.com", effectiveUserEmail: "owner@example.com" },
    outDir: fs.mkdtempSync(path.join(os.tmpdir(), "mo-script-")),
  };
}

describe("ScriptApp triggers", () => {
  it("fires everyDays(1).atHour(9).inTimezone('Asia/Shanghai') at 09:00 Shanghai on each of three days", () => {
    const env = makeEnv();
    const { ScriptApp, triggers } = createScriptService(env);
    const trigger = ScriptApp.newTrigger("sendDailyReminders").timeBased().everyDays(1).atHour(9).inTimezone("Asia/Shanghai").create();
    expect(trigger.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(trigger.getTriggerSource()).toBe("CLOCK");

    const due = triggers.dueTimeTriggers(CREATED, CREATED + 3 * DAY);
    expect(due.map((d) => new Date(d.fireAt).toISOString())).toEqual(["2024-05-02T01:00:00.000Z", "2024-05-03T01:00:00.000Z", "2024-05-04T01:00:00.000Z"]);
    expect(due.every((d) => d.trigger.handler === "sendDailyReminders" && d.trigger.uid === trigger.getUniqueId())).toBe(true);
  });

  it("orders firings of several schedules and honours the script time zone by default", () => {
    const env = makeEnv();
    const { ScriptApp, triggers } = createScriptService(env);
    ScriptApp.newTrigger("monthClose").timeBased().onMonthDay(7).atHour(6).nearMinute(30).create(); // Los Angeles
    ScriptApp.newTrigger("poll").timeBased().everyHours(12).create();
    ScriptApp.newTrigger("once").timeBased().after(90 * 60_000).create();
    ScriptApp.newTrigger("weekly").timeBased().everyWeeks(1).onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(8).inTimezone("Asia/Shanghai").create();

    const from = Date.UTC(2024, 4, 5, 23, 0);
    const due = triggers.dueTimeTriggers(from, from + 2 * DAY);
    expect(due.map((d) => `${d.trigger.handler}@${new Date(d.fireAt).toISOString()}`)).toEqual([
      "weekly@2024-05-06T00:00:00.000Z", // Monday 08:00 Shanghai
      "poll@2024-05-06T07:00:00.000Z", // 00:00 Los Angeles (PDT)
      "poll@2024-05-06T19:00:00.000Z", // 12:00 Los Angeles
      "poll@2024-05-07T07:00:00.000Z",
      "monthClose@2024-05-07T13:30:00.000Z", // the 7th, 06:30 Los Angeles
      "poll@2024-05-07T19:00:00.000Z",
    ]);
    // The window is (from, to]: a firing exactly at `from` belongs to the previous window.
    expect(triggers.dueTimeTriggers(Date.UTC(2024, 4, 6, 0, 0), Date.UTC(2024, 4, 6, 1, 0))).toEqual([]);
    expect(triggers.dueTimeTriggers(CREATED, CREATED + 2 * HOUR).map((d) => [d.trigger.handler, d.fireAt])).toEqual([["once", CREATED + 90 * 60_000]]);
  });

  it("accepts only 1, 5, 10, 15 or 30 for everyMinutes", () => {
    const { ScriptApp } = createScriptService(makeEnv());
    expect(() => ScriptApp.newTrigger("tick").timeBased().everyMinutes(7)).toThrow(/everyMinutes accepts 1, 5, 10, 15, 30; got 7/);
    expect(() => ScriptApp.newTrigger("tick").timeBased().everyMinutes(15).create()).not.toThrow();
  });

  it("refuses the 21st trigger of a user with Apps Script's message, and frees a slot on deleteTrigger", () => {
    const env = makeEnv();
    const { ScriptApp, triggers } = createScriptService(env);
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`job${i}`).forSpreadsheet("sheet-1").onEdit().create();
    expect(() => ScriptApp.newTrigger("job20").timeBased().everyDays(1).create()).toThrow(
      "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
    );
    const [oldest] = ScriptApp.getProjectTriggers();
    if (!oldest) throw new Error("expected triggers");
    ScriptApp.deleteTrigger(oldest);
    expect(ScriptApp.getProjectTriggers()).toHaveLength(19);
    expect(() => ScriptApp.newTrigger("job20").timeBased().everyDays(1).create()).not.toThrow();
    // Another user has a quota of their own and does not see these triggers.
    env.session.effectiveUserEmail = "assistant@example.com";
    expect(ScriptApp.getProjectTriggers()).toHaveLength(0);
    expect(triggers.all()).toHaveLength(20);
  });

  it("tells the host which handlers a spreadsheet event runs, and survives a restart through its state", () => {
    const env = makeEnv();
    const first = createScriptService(env, { webAppPort: 8787 });
    const spreadsheet = { getId: (): string => "book-1" };
    first.ScriptApp.newTrigger("onFormSubmitInstalled").forSpreadsheet(spreadsheet).onFormSubmit().create();
    first.ScriptApp.newTrigger("onEditInstalled").forSpreadsheet("book-1").onEdit().create();
    expect(first.ScriptApp.getUserTriggers(spreadsheet).map((t) => t.getHandlerFunction())).toEqual(["onFormSubmitInstalled", "onEditInstalled"]);
    expect(first.ScriptApp.getService().getUrl()).toBe("http://127.0.0.1:8787/exec");

    const nextRun = createScriptService(env);
    nextRun.triggers.importState(JSON.parse(JSON.stringify(first.triggers.exportState())));
    expect(nextRun.triggers.spreadsheetTriggers("ON_FORM_SUBMIT").map((t) => [t.handler, t.sourceId])).toEqual([["onFormSubmitInstalled", "book-1"]]);
    expect(nextRun.ScriptApp.getService().getUrl()).toBeNull();
    const third = nextRun.ScriptApp.newTrigger("x").forSpreadsheet("book-1").onOpen().create();
    expect(first.triggers.all().map((t) => t.uid)).not.toContain(third.getUniqueId());
  });
});
