/**
 * Screenshots of report emails in Debian's Chromium (driven by playwright-core), at a phone's
 * width (375 px) and a desktop mail pane's (800 px): what `npm start` leaves under out/reports/ and
 * what the browser test looks at. The page is the email's HTML as is, with nothing allowed to load
 * from outside (every request but the page itself is aborted), as a mail client shows it.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const WIDTHS = [375, 800] as const;

export interface ReportPage {
  /** File name stem, e.g. `department-qian.zhengming`. */
  readonly name: string;
  readonly html: string;
}

/** Writes `<name>-<width>.png` for each page and width; returns the files and each page's scroll width. */
export async function screenshotReports(pages: readonly ReportPage[], outDir: string): Promise<{ file: string; width: number; scrollWidth: number; externalRequests: number }[]> {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "marketops-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const out: { file: string; width: number; scrollWidth: number; externalRequests: number }[] = [];
  try {
    for (const page of pages) {
      for (const width of WIDTHS) {
        const tab = await browser.newPage();
        let externalRequests = 0;
        await tab.route("**/*", (route) => {
          externalRequests += 1;
          return route.abort();
        });
        await tab.setViewportSize({ width, height: 900 });
        await tab.setContent(page.html, { waitUntil: "load" });
        const scrollWidth = Number(await tab.evaluate<unknown>("document.documentElement.scrollWidth"));
        const file = join(outDir, `${page.name}-${width}.png`);
        await tab.screenshot({ path: file, fullPage: true });
        out.push({ file, width, scrollWidth, externalRequests });
        await tab.close();
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}
