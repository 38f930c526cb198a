/**
 * PropertiesService, CacheService, Session and Utilities as the bundle sees them: stored strings
 * and their limits, cache expiry on the simulated clock, who is running, and Utilities' formats and
 * Java byte arrays.
 */
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/local/clock";
import { Realm, ServiceCounter } from "../../src/local/emulation";
import { createCacheService } from "../../src/local/services/cache";
import type { ServiceEnv } from "../../src/local/services/env";
import { createPropertiesService } from "../../src/local/services/properties";
import { createSessionService } from "../../src/local/services/session";
import { createUtilitiesService } from "../../src/local/services/utilities";

const START = Date.UTC(2024, 4, 1, 1, 0);

function makeEnv(): ServiceEnv & { context: vm.Context } {
  const context = vm.createContext({});
  return {
    context,
    counter: new ServiceCounter(),
    realm: new Realm(context),
    clock: new SimulatedClock(START),
    scriptTimeZone: "Asia/Shanghai",
    session: { activeUserEmail: "li.wei@example.com", effectiveUserEmail: "owner@example.com" },
    outDir: fs.mkdtempSync(path.join(os.tmpdir(), "mo-stores-")),
  };
}

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe("PropertiesService", () => {
  it("stores strings (numbers stringified), round-trips through the host's state file, and keeps user stores apart", () => {
    const env = makeEnv();
    const first = createPropertiesService(env);
    const script = first.PropertiesService.getScriptProperties();
    script.setProperty("lastTicketNumber", 41).setProperties({ REGION: "华东", enabled: true });
    expect(script.getProperty("lastTicketNumber")).toBe("41");
    expect(script.getProperties()).toEqual({ lastTicketNumber: "41", REGION: "华东", enabled: "true" });
    first.PropertiesService.getUserProperties().setProperty("lang", "en");

    const nextRun = createPropertiesService(env);
    nextRun.properties.importState(JSON.parse(JSON.stringify(first.properties.exportState())));
    const restored = nextRun.PropertiesService.getScriptProperties();
    expect([...restored.getKeys()].sort()).toEqual(["REGION", "enabled", "lastTicketNumber"]);
    restored.setProperties({ only: "this" }, true).deleteProperty("missing");
    expect(restored.getProperties()).toEqual({ only: "this" });
    expect(nextRun.PropertiesService.getUserProperties().getProperty("lang")).toBe("en");
    env.session.effectiveUserEmail = "other@example.com";
    expect(nextRun.PropertiesService.getUserProperties().getProperty("lang")).toBeNull();
  });

  it("refuses a value over 9 KB and a store over 500 KB with Apps Script's message, changing nothing", () => {
    const { PropertiesService } = createPropertiesService(makeEnv());
    const props = PropertiesService.getScriptProperties();
    const quota = "You have exceeded the property storage quota. Please remove some properties and try again.";
    expect(() => props.setProperty("big", "x".repeat(9 * 1024))).toThrow(quota);
    expect(props.getProperty("big")).toBeNull();
    for (let i = 0; i < 56; i++) props.setProperty(`k${i}`, "y".repeat(9000));
    expect(() => props.setProperty("k56", "y".repeat(9000))).toThrow(quota);
    expect(props.getKeys()).toHaveLength(56);
  });
});

describe("CacheService", () => {
  it("expires entries on the simulated clock (600 s by default) and returns found keys from getAll", () => {
    const env = makeEnv();
    const cache = createCacheService(env).CacheService.getScriptCache();
    cache.put("short", "1", 10);
    cache.putAll({ a: "A", b: "B" });
    env.clock.advance(9_000);
    expect(cache.get("short")).toBe("1");
    env.clock.advance(2_000);
    expect(cache.get("short")).toBeNull();
    expect(cache.getAll(["a", "b", "short"])).toEqual({ a: "A", b: "B" });
    env.clock.advance(600_000 - 11_000);
    expect(cache.get("a")).toBeNull();
  });

  it("holds at most 21600 s and refuses a value over 100 KB or a key over 250 characters", () => {
    const env = makeEnv();
    const cache = createCacheService(env).CacheService.getUserCache();
    cache.put("k", "v", 999_999);
    env.clock.advance(21_600_000 - 1);
    expect(cache.get("k")).toBe("v");
    env.clock.advance(1);
    expect(cache.get("k")).toBeNull();
    expect(() => cache.put("big", "x".repeat(100 * 1024 + 1))).toThrow("Argument too large: value");
    expect(() => cache.put("k".repeat(251), "v")).toThrow("Argument too large: key");
  });
});

describe("Session", () => {
  it("reports the active and effective users the host set for this execution, and the script's time zone", () => {
    const env = makeEnv();
    const { Session } = createSessionService(env);
    expect(Session.getActiveUser().getEmail()).toBe("li.wei@example.com");
    expect(Session.getEffectiveUser().getEmail()).toBe("owner@example.com");
    expect(Session.getScriptTimeZone()).toBe("Asia/Shanghai");
    const key = Session.getTemporaryActiveUserKey();
    expect(Session.getTemporaryActiveUserKey()).toBe(key);
    // A simple trigger, or a visitor of an "execute as me" web app from outside the domain.
    env.session.activeUserEmail = "";
    expect(Session.getActiveUser().getEmail()).toBe("");
    expect(Session.getTemporaryActiveUserKey()).not.toBe(key);
    expect(() => (Session as unknown as { getUser(): unknown }).getUser()).toThrow("not emulated: Session.getUser");
  });
});

describe("Utilities", () => {
  const instant = Date.UTC(2024, 2, 1, 0, 30, 5, 7); // 2024-03-01 08:30:05.007 in Shanghai, a Friday

  it.each(["UTC", "America/Los_Angeles", "Asia/Kolkata"])("formats an instant in Asia/Shanghai the same whatever the machine's TZ (%s)", (tz) => {
    process.env.TZ = tz;
    const env = makeEnv();
    const { Utilities } = createUtilitiesService(env);
    const date = env.realm.date(instant);
    expect(Utilities.formatDate(date, "Asia/Shanghai", "yyyy-MM-dd HH:mm:ss.SSS")).toBe("2024-03-01 08:30:05.007");
    expect(Utilities.formatDate(date, "Asia/Shanghai", "EEE, d MMM yy h:mm a Z XXX")).toBe("Fri, 1 Mar 24 8:30 AM +0800 +08:00");
    expect(Utilities.formatDate(date, "Asia/Shanghai", "EEEE MMMM D u 'week''s' k")).toBe("Friday March 61 5 week's 8");
    expect(Utilities.formatDate(date, "America/Los_Angeles", "yyyy-MM-dd HH:mm X")).toBe("2024-02-29 16:30 -08");
    expect(Utilities.formatDate(date, "GMT+8", "HH:mm z")).toBe("08:30 GMT+08:00");
  });

  it("rejects pattern letters Java does not define", () => {
    const env = makeEnv();
    const { Utilities } = createUtilitiesService(env);
    expect(() => Utilities.formatDate(env.realm.date(instant), "UTC", "yyyy-qq")).toThrow("Illegal pattern character 'q'");
  });

  it("returns HMAC-SHA256 and digests as Java signed bytes in the bundle's realm", () => {
    const env = makeEnv();
    const { Utilities } = createUtilitiesService(env);
    const signature = Utilities.computeHmacSha256Signature("approve:REQ-0042:li.wei@example.com", "s3cret-密钥");
    const expected = [...createHmac("sha256", "s3cret-密钥").update("approve:REQ-0042:li.wei@example.com").digest()].map((b) => (b > 127 ? b - 256 : b));
    expect([...signature]).toEqual(expected);
    expect(signature.some((b) => b < 0)).toBe(true);
    const isContextArray = vm.runInContext("(a) => a instanceof Array", env.context) as (a: unknown) => boolean;
    expect(isContextArray(signature)).toBe(true);

    const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, "MarketOps");
    expect(Buffer.from(digest.map((b) => b & 0xff)).toString("hex")).toBe(createHash("sha256").update("MarketOps").digest("hex"));
    const bytesKey = Utilities.computeHmacSha256Signature(Utilities.base64Decode(Utilities.base64Encode("v")), Utilities.base64Decode(Utilities.base64Encode("k")));
    expect([...bytesKey]).toEqual([...Utilities.computeHmacSha256Signature("v", "k")]);
  });

  it("encodes base64 in both alphabets, formats strings, and sleeps on the simulated clock", () => {
    const env = makeEnv();
    const { Utilities } = createUtilitiesService(env);
    const bytes = [-5, -1, 0, 127];
    expect(Utilities.base64Encode(bytes)).toBe("+/8Afw==");
    expect(Utilities.base64EncodeWebSafe(bytes)).toBe("-_8Afw==");
    expect([...Utilities.base64DecodeWebSafe("-_8Afw")]).toEqual(bytes);
    expect(Utilities.newBlob(Utilities.base64Decode(Utilities.base64Encode("华东区"))).getDataAsString()).toBe("华东区");
    expect(Utilities.formatString("%s: %05.1f%% (%d)", "完成率", 87.25, 3)).toBe("完成率: 087.3% (3)");
    Utilities.sleep(1500);
    expect(env.clock.now()).toBe(START + 1500);
    expect(() => Utilities.sleep(300_001)).toThrow("Invalid argument: milliseconds");
  });
});
