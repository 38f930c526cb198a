/**
 * End to end in a real browser (Debian's Chromium driven by playwright-core): a sales rep submits a
 * stock transfer request (调货申请单, WF-05) through the form; the Marketing Manager opens the link
 * from the `.eml` in the outbox, approves in the page (sent through `google.script.run`, as inside Apps Script); the Director is emailed and approves the same
 * way; the requester gets the final email, and the Requests row says approved. Skipped only when
 * /usr/bin/chromium is missing outside CI; in CI a missing browser fails the test.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHost } from "../../src/local/host";
import { ANSWERS } from "../unit/approvals/fixtures";
import { formAnswers, formTitle, newestRequest, request } from "../bundle/approvals-helpers";

const CHROMIUM = "/usr/bin/chromium";
const runs = existsSync(CHROMIUM) || Boolean(process.env.CI);
const SALES = "kong.linghui@example.com";
const MANAGER = "zhou.haitao@example.com";
const DIRECTOR = "sun.lixin@example.com";

/** The decoded text of every part of an .eml (quoted-printable or base64 bodies, as MailComposer writes them). */
function emlText(path: string): string {
  const raw = readFileSync(path, "utf8");
  const parts = raw.split(/\r?\n--/);
  return parts
    .map((part) => {
      const [head = "", ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join("\n\n");
      if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
        const joined = body.replace(/=\r?\n/g, "");
        const bytes: number[] = [];
        for (let i = 0; i < joined.length; i += 1) {
          const hex = /^=([0-9A-F]{2})/.exec(joined.slice(i, i + 3));
          if (hex?.[1]) {
            bytes.push(parseInt(hex[1], 16));
            i += 2;
          } else {
            bytes.push(...Buffer.from(joined[i] ?? "", "utf8"));
          }
        }
        return Buffer.from(bytes).toString("utf8");
      }
      return part;
    })
    .join("\n");
}

/** The newest .eml to `to` holding a decision link for `id`, and that link. */
function emailedLink(host: LocalHost, to: string, id: string): string {
  const dir = join(host.outDir, "mail");
  const files = readdirSync(dir).filter((f) => f.endsWith(".eml")).sort().reverse();
  for (const file of files) {
    const text = emlText(join(dir, file));
    if (!new RegExp(`^To: .*${to.replace(/\./g, "\\.")}`, "m").test(text) || !text.includes(id)) continue;
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/exec\?t=[^"]+)"/.exec(text)?.[1];
    if (link) return link.replace(/&amp;/g, "&");
  }
  throw new Error(`no .eml with a decision link for ${id} to ${to}`);
}

function kindsTo(host: LocalHost, to: string): string[] {
  const dir = join(host.outDir, "mail");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => emlText(join(dir, f)))
    .filter((t) => new RegExp(`^To: .*${to.replace(/\./g, "\\.")}`, "m").test(t))
    .map((t) => /marketops-kind" content="([^"]+)"/.exec(t)?.[1] ?? "");
}

/**
 * Clicks Approve and waits for the result page. The page sends the form through google.script.run,
 * as inside Apps Script (the local web app serves pages with its client), and writes the result
 * page in place: no navigation.
 */
async function approveInPage(page: Page): Promise<void> {
  await page.click('button[value="approve"]');
  await page.waitForFunction("/^result-/.test(document.querySelector('meta[name=\"marketops-kind\"]')?.getAttribute('content') ?? '')", undefined, { timeout: 20_000 });
}

describe.skipIf(!runs)("approval in a real browser (WF-05)", () => {
  let host: LocalHost;
  let server: { url: string; close(): Promise<void> };
  let browser: BrowserContext;

  beforeAll(async () => {
    host = await LocalHost.open({ outDir: mkdtempSync(join(tmpdir(), "marketops-e2e-")), now: Date.parse("2026-11-02T09:00:00+08:00"), owner: "director@marketops.example" });
    server = await host.serve(0);
    await host.clickMenu("installOrUpgrade");
    await host.run("buildForms");
    await host.clickMenu("loadDemoData");
    await host.run("buildForms");
    // A fresh profile each run: https://playwright.dev/docs/api/class-browsertype#browser-type-launch-persistent-context
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "marketops-chromium-")), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    host?.close();
  });

  it("submitted by form, approved from the emailed links, the requester told, the cells updated", async () => {
    await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", ANSWERS.stock_transfer), { as: SALES });
    const id = String(newestRequest(host, SALES)["Request ID"]);
    const page = await browser.newPage();

    await page.goto(emailedLink(host, MANAGER, id));
    await expect(page.locator("h1").first().textContent()).resolves.toContain(id);
    await page.fill("#comment", "需求合理 <同意>");
    await approveInPage(page);
    await expect(page.content()).resolves.toContain("result-done");
    expect(request(host, id)["Current approver"]).toBe(DIRECTOR);
    expect(kindsTo(host, DIRECTOR)).toContain("approval-request");

    await page.goto(emailedLink(host, DIRECTOR, id));
    await approveInPage(page);
    await expect(page.content()).resolves.toContain("result-done");

    expect(kindsTo(host, SALES)).toContain("final-approved");
    const row = request(host, id);
    expect(row.Status).toBe("approved");
    expect(row["Current approver"]).toBe("");
    await page.close();
  }, 60_000);
});
