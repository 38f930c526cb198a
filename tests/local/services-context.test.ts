/**
 * All services installed as globals of a vm context, called the way bundle code calls them, and the
 * one state object the host writes to its sidecar file between CLI runs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/local/clock";
import { Realm, ServiceCounter } from "../../src/local/emulation";
import type { ServiceEnv } from "../../src/local/services/env";
import { createServices } from "../../src/local/services/index";

function makeEnv(context: vm.Context): ServiceEnv {
  return {
    counter: new ServiceCounter(),
    realm: new Realm(context),
    clock: new SimulatedClock(Date.UTC(2024, 4, 31, 15, 0)), // 23:00 on 31 May in Shanghai
    scriptTimeZone: "Asia/Shanghai",
    session: { activeUserEmail: "li.wei@example.com", effectiveUserEmail: "owner@example.com" },
    outDir: fs.mkdtempSync(path.join(os.tmpdir(), "mo-context-")),
  };
}

const BUNDLE_CODE = `
  function setup_() {
    ScriptApp.newTrigger("monthClose").timeBased().onMonthDay(1).atHour(7).create();
    var lock = LockService.getScriptLock();
    lock.waitLock(30000);
    var props = PropertiesService.getScriptProperties();
    props.setProperty("lastTicketNumber", Number(props.getProperty("lastTicketNumber") || 0) + 1);
    lock.releaseLock();
    // The real host patches the context's Date to the simulated clock; this test passes the instant in.
    var today = Utilities.formatDate(new Date(simulatedNow()), Session.getScriptTimeZone(), "yyyy-MM-dd");
    MailApp.sendEmail({ to: "zhang.san@example.com", subject: "日报 " + today, htmlBody: "<p>" + today + "</p>" });
    return { today: today, keys: props.getKeys(), isArray: props.getKeys() instanceof Array, quota: MailApp.getRemainingDailyQuota() };
  }
  setup_();
`;

describe("services in a vm context", () => {
  it("serve bundle code with realm-native values and persist through one state object", async () => {
    const context = vm.createContext({});
    const env = makeEnv(context);
    const services = createServices(env);
    Object.assign(context, services.globals, { simulatedNow: () => env.clock.now() });

    const result = vm.runInContext(BUNDLE_CODE, context) as { today: string; keys: string[]; isArray: boolean; quota: number };
    expect(result).toEqual({ today: "2024-05-31", keys: ["lastTicketNumber"], isArray: true, quota: 99 });
    await services.controllers.outbox.flush();
    expect(services.controllers.outbox.messages().map((m) => path.basename(m.emlPath))).toEqual(["0001-message-zhang-san.eml"]);
    expect(services.controllers.triggers.dueTimeTriggers(env.clock.now(), env.clock.now() + 86_400_000).map((d) => new Date(d.fireAt).toISOString())).toEqual([
      "2024-05-31T23:00:00.000Z",
    ]);
    expect(env.counter.snapshot()).toMatchObject({ "MailApp.sendEmail": 1, "Properties.setProperty": 1, "Lock.waitLock": 1 });
    expect((): unknown => vm.runInContext("MailApp.sendEmailWithAttachments()", context)).toThrow("not emulated: MailApp.sendEmailWithAttachments");

    const saved = JSON.stringify(services.exportState());
    const nextContext = vm.createContext({});
    const nextEnv = makeEnv(nextContext);
    const next = createServices(nextEnv);
    next.importState(JSON.parse(saved));
    Object.assign(nextContext, next.globals, { simulatedNow: () => nextEnv.clock.now() });
    const second = vm.runInContext(BUNDLE_CODE, nextContext) as { quota: number };
    expect(second.quota).toBe(98);
    expect(next.controllers.properties.snapshot("script")).toEqual({ lastTicketNumber: "2" });
    expect(next.controllers.triggers.all()).toHaveLength(2);
    expect(next.controllers.outbox.messages().map((m) => m.seq)).toEqual([1, 2]);
  });
});
