import { describe, expect, it } from "vitest";
import { linkBase } from "../../../src/core/approvals/web-app-url";
import { approvalSettings } from "../../../src/core/approvals/settings";

const EXEC = "https://script.google.com/macros/s/AKfy123/exec";
const DEV = "https://script.google.com/macros/s/AKfy123/dev";

describe("decision links never point to the /dev URL (issue 10 item 9)", () => {
  it("Settings WEB_APP_URL wins when it is an /exec URL", () => {
    expect(linkBase(EXEC, DEV)).toEqual({ url: EXEC });
    expect(approvalSettings({ WEB_APP_URL: ` ${EXEC} ` }).webAppUrl).toBe(EXEC);
  });
  it("a WEB_APP_URL that is a /dev URL is refused with a bilingual reason", () => {
    const base = linkBase(DEV, EXEC);
    expect(base.url).toBeNull();
    expect(base.reason?.en).toContain("WEB_APP_URL");
    expect(base.reason?.zh).toContain("WEB_APP_URL");
  });
  it("without the setting, the service URL is used only when it is the /exec one", () => {
    expect(linkBase("", EXEC)).toEqual({ url: EXEC });
    expect(linkBase("", DEV).url).toBeNull();
    expect(linkBase("", DEV).reason?.en).toContain("/dev");
    expect(linkBase("", null).reason?.en).toContain("not deployed");
  });
});
