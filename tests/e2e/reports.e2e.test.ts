/**
 * The report email in a real browser (Debian's Chromium): the department pack, a regional pack and
 * an English scorecard of the demo month at 375 px and 800 px. Nothing loads from outside, nothing
 * scrolls sideways on a phone, and the PNGs are left under out/reports/e2e/ to look at. Skipped
 * only when /usr/bin/chromium is missing outside CI.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { monthlyDeliveries } from "../../src/core/reports/audience";
import { buildReport, reportBase } from "../../src/core/reports/model";
import { renderReport } from "../../src/render/reports/email";
import { CHROMIUM, screenshotReports } from "../../scripts/report-screenshots";
import { MONTH, demoInputs } from "../unit/reports/fixtures";

const runs = existsSync(CHROMIUM) || Boolean(process.env.CI);

describe.skipIf(!runs)("report email in Chromium", () => {
  it("RP-28: renders at 375 px and 800 px with no request outside and no sideways scroll on a phone", async () => {
    const inputs = demoInputs();
    const base = reportBase(inputs, MONTH);
    const all = monthlyDeliveries(base.people, inputs.regions, base.results.map((r) => r.email));
    const pick = (email: string, kind: string) => all.find((d) => d.recipient.email === email && d.kind === kind);
    const chosen = [
      ["department", pick("qian.zhengming@example.com", "monthly_pack")],
      ["region-east", pick("xu.wenhua@example.com", "monthly_pack")],
      ["scorecard-en", pick("chen.zhiqiang@example.com", "appraisal_results")],
    ] as const;
    const pages = chosen.map(([name, d]) => {
      if (!d) throw new Error(`no delivery for ${name}`);
      return { name, html: renderReport(buildReport(base, d.kind, d.recipient, d.scope)).htmlBody };
    });
    const shots = await screenshotReports(pages, join(process.cwd(), "out", "reports", "e2e"));
    expect(shots).toHaveLength(6);
    for (const s of shots) {
      expect(statSync(s.file).size).toBeGreaterThan(10_000);
      expect(s.externalRequests).toBe(0);
      expect(s.scrollWidth, `${s.file} scrolls sideways`).toBeLessThanOrEqual(s.width);
    }
  }, 120_000);
});
