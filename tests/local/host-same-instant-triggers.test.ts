/**
 * A reported host defect: `advanceTo` fired only the first of two time-driven triggers due at the
 * same instant, because the window it searched after firing one started just after that instant.
 * Google fires every installed trigger whose time has come.
 * https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalHost } from "../../src/local/host";
import { scratchDir } from "../bundle/helpers";

const BUNDLE = `
function install() {
  ScriptApp.newTrigger("first").timeBased().everyDays(1).atHour(9).inTimezone("Asia/Shanghai").create();
  ScriptApp.newTrigger("second").timeBased().everyDays(1).atHour(9).inTimezone("Asia/Shanghai").create();
}
function first(e) { PropertiesService.getScriptProperties().setProperty("first", String((Number(PropertiesService.getScriptProperties().getProperty("first")) || 0) + 1)); }
function second(e) { PropertiesService.getScriptProperties().setProperty("second", String((Number(PropertiesService.getScriptProperties().getProperty("second")) || 0) + 1)); }
`;

const hosts: LocalHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
});

describe("advanceTo and triggers due at the same instant", () => {
  it("fires every trigger due at the same instant, each once, in creation order", async () => {
    const dir = scratchDir();
    const bundlePath = join(dir, "Code.js");
    writeFileSync(bundlePath, BUNDLE);
    writeFileSync(join(dir, "appsscript.json"), JSON.stringify({ timeZone: "Asia/Shanghai", runtimeVersion: "V8" }));
    const host = await LocalHost.open({ bundlePath, outDir: dir, now: Date.parse("2026-03-02T08:30:00+08:00"), owner: "owner@example.com" });
    hosts.push(host);
    await host.run("install");
    const { fired } = await host.advanceTo(Date.parse("2026-03-03T12:00:00+08:00"));
    expect(fired.map((f) => `${f.handler}@${new Date(f.at).toISOString()}`)).toEqual([
      "first@2026-03-02T01:00:00.000Z",
      "second@2026-03-02T01:00:00.000Z",
      "first@2026-03-03T01:00:00.000Z",
      "second@2026-03-03T01:00:00.000Z",
    ]);
    // Advancing again from where the clock stopped fires nothing twice.
    const again = await host.advanceTo(Date.parse("2026-03-03T13:00:00+08:00"));
    expect(again.fired).toEqual([]);
  });
});
