/**
 * Three zones at once (issue 10 item 8, the host's half): the spreadsheet in Asia/Tokyo, the script
 * in Asia/Shanghai (the keeper fixture's appsscript.json) and the machine in UTC. Cells show and
 * read dates in the spreadsheet's zone; the script's Date reads local time in the script's zone
 * (https://developers.google.com/apps-script/manifest#Manifest.FIELDS.timeZone);
 * getSpreadsheetTimeZone / setSpreadsheetTimeZone behave as documented
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setSpreadsheetTimeZone(String)).
 */
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LocalHost } from "../../src/local/host";
import { scratchDir } from "../bundle/helpers";

const bundlePath = join(import.meta.dirname, "../fixtures/keeper/Code.js");
const START = Date.parse("2026-03-02T08:30:00+08:00");
const hosts: LocalHost[] = [];
let machineZone: string | undefined;

beforeAll(() => {
  machineZone = process.env.TZ;
  process.env.TZ = "UTC";
});

afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
});

async function tokyo(workbookPath?: string): Promise<LocalHost> {
  const host = await LocalHost.open({
    bundlePath,
    now: START,
    owner: "owner@example.com",
    outDir: scratchDir(),
    spreadsheetTimeZone: "Asia/Tokyo",
    ...(workbookPath ? { workbookPath } : {}),
  });
  hosts.push(host);
  return host;
}

describe("spreadsheet Asia/Tokyo, script Asia/Shanghai, machine UTC", () => {
  it("the machine really is in UTC for the test, and each zone is reported where Google reports it", async () => {
    expect(new Date(Date.UTC(2026, 2, 2, 0, 30)).getHours()).toBe(0);
    const host = await tokyo();
    await host.run("setUp");
    expect((await host.run("zones")).value).toEqual(["Asia/Tokyo", "Asia/Shanghai"]);
    // The execution's zone does not leak into the machine's.
    expect(process.env.TZ).toBe("UTC");
  });

  it("a date written by a script shows in the spreadsheet's zone and reads back as the same instant, with local hours in the script's zone", async () => {
    const host = await tokyo();
    await host.run("setUp");
    const shown = (await host.run<string>("writeDate", ["2026-03-02T00:30:00Z"])).value;
    // 00:30 UTC is 09:30 in Tokyo (the cell), 08:30 in Shanghai (the script's Date), 00:30 on the machine.
    expect(shown).toMatch(/^2026-03-02 9:30:00$|^2026\/3\/2 9:30:00$/);
    expect(host.spreadsheet.display("Log", "D1")[0]?.[0]).toBe(shown);
    expect((await host.run("readDate")).value).toEqual([true, "2026-03-02T00:30:00.000Z", 8]);
    expect(process.env.TZ).toBe("UTC");
  });

  it("setSpreadsheetTimeZone keeps what cells show and changes the instants they read as, as in Sheets", async () => {
    const host = await tokyo();
    await host.run("setUp");
    await host.run("writeDate", ["2026-03-02T00:30:00Z"]);
    const shownBefore = host.spreadsheet.display("Log", "D1");
    expect((await host.run("setZone", ["America/New_York"])).value).toBe("America/New_York");
    expect(host.spreadsheet.display("Log", "D1")).toEqual(shownBefore);
    // 09:30 on 2 March in New York (EST, UTC−5) is 14:30 UTC, 22:30 in Shanghai.
    expect((await host.run("readDate")).value).toEqual([true, "2026-03-02T14:30:00.000Z", 22]);
    await expect(host.run("setZone", ["Mars/Olympus_Mons"])).rejects.toThrow("Invalid argument: timeZone");
  });

  it("the spreadsheet's zone is kept through a save and reopen (a reopen does not take the script's zone)", async () => {
    const workbookPath = join(scratchDir(), "tokyo.xlsx");
    const host = await tokyo(workbookPath);
    await host.run("setUp");
    await host.run("writeDate", ["2026-03-02T00:30:00Z"]);
    await host.save();
    host.close();
    const again = await LocalHost.open({ bundlePath, workbookPath });
    hosts.push(again);
    expect((await again.run("zones")).value).toEqual(["Asia/Tokyo", "Asia/Shanghai"]);
    expect((await again.run("readDate")).value).toEqual([true, "2026-03-02T00:30:00.000Z", 8]);
  });
});
