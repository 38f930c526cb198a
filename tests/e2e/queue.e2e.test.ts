/**
 * 我的待办 My pending approvals in a real browser (Debian's Chromium driven by playwright-core,
 * issue 11 §3): the Marketing Manager, signed in, opens the web app without a link on a phone-sized
 * screen, sees the stock transfer (调货申请单, WF-05) waiting on them, types a comment and taps
 * Approve; the page's `google.script.run` call (the local host's client, webapp.ts) decides it, the
 * notice says who decides next, the card leaves the list and the Requests row moves to the
 * Director. A screenshot of the page is kept in the system's temp directory. Skipped only when
 * /usr/bin/chromium is missing outside CI; in CI a missing browser fails the test.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHost } from "../../src/local/host";
import { ANSWERS } from "../unit/approvals/fixtures";
import { formAnswers, formTitle, newestRequest, request } from "../bundle/approvals-helpers";

const CHROMIUM = "/usr/bin/chromium";
const runs = existsSync(CHROMIUM) || Boolean(process.env.CI);
const SALES = "kong.linghui@example.com";
const MANAGER = "zhou.haitao@example.com";
const DIRECTOR = "sun.lixin@example.com";

describe.skipIf(!runs)("我的待办 My pending approvals in a real browser (issue 11 §3)", () => {
  let host: LocalHost;
  let server: { url: string; close(): Promise<void> };
  let browser: BrowserContext;

  beforeAll(async () => {
    host = await LocalHost.open({ outDir: mkdtempSync(join(tmpdir(), "marketops-e2e-")), now: Date.parse("2026-11-02T09:00:00+08:00"), owner: "director@marketops.example" });
    // The visitor is signed in as the Marketing Manager (Google would know; the host is told).
    server = await host.serve(0, { visitor: () => MANAGER });
    await host.clickMenu("installOrUpgrade");
    await host.run("buildForms");
    await host.clickMenu("loadDemoData");
    await host.run("buildForms");
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "marketops-chromium-")), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 412, height: 915 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    host?.close();
  });

  it("the signed-in Manager opens the web app without a link, approves from the queue, and sees what happens next", async () => {
    await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", ANSWERS.stock_transfer), { as: SALES });
    const id = String(newestRequest(host, SALES)["Request ID"]);
    const page = await browser.newPage();
    await page.goto(server.url);
    await expect(page.locator("h1").textContent()).resolves.toContain("我的待办");
    const card = page.locator(`article.queue-item[data-request="${id}"]`);
    await expect(card.locator("h3").textContent()).resolves.toContain("调货申请单");
    await card.locator("textarea").fill("手机上审批 <同意>");
    await page.screenshot({ path: join(tmpdir(), "marketops-queue.png"), fullPage: false });

    await card.locator('button[value="approve"]').click();
    await page.locator(".queue-notice.queue-done").waitFor({ timeout: 20_000 });
    const notice = (await page.locator("#queue-notice").textContent()) ?? "";
    expect(notice).toContain(id);
    expect(notice).toContain("孙立新");
    await expect(page.locator(`article.queue-item[data-request="${id}"]`).count()).resolves.toBe(0);
    expect(request(host, id)["Current approver"]).toBe(DIRECTOR);
    await page.close();
  }, 60_000);
});
