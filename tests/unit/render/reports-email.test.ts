/**
 * The report email (src/render/reports/email.ts): every recipient of the demo month receives no
 * other region's personal data; typed values are escaped; nothing external or scripted; under
 * Gmail's clipping size for a large department; money to the cent; subjects without dangling labels.
 */
import { describe, expect, it } from "vitest";
import { moneyText } from "../../../src/core/approvals/notices";
import { monthlyDeliveries } from "../../../src/core/reports/audience";
import type { ReportDelivery } from "../../../src/core/reports/audience";
import type { ReportInputs } from "../../../src/core/reports/inputs";
import { buildReport, reportBase } from "../../../src/core/reports/model";
import type { TableRecord } from "../../../src/core/templates/table";
import { GMAIL_CLIP_BYTES, renderReport, utf8Bytes } from "../../../src/render/reports/email";
import { MONTH, demoInputs, resultRow } from "../reports/fixtures";

function all(inputs: ReportInputs): { delivery: ReportDelivery; html: string; text: string; subject: string; rowsLeftOut: number }[] {
  const base = reportBase(inputs, MONTH);
  return monthlyDeliveries(base.people, inputs.regions, base.results.map((r) => r.email)).map((delivery) => {
    const r = renderReport(buildReport(base, delivery.kind, delivery.recipient, delivery.scope));
    return { delivery, html: r.htmlBody, text: r.textBody, subject: r.subject, rowsLeftOut: r.rowsLeftOut };
  });
}

const GM = "qian.zhengming@example.com";

describe("report email: scoping (RP-28)", () => {
  it("RP-28: no recipient of the demo month receives another region's names, emails, scores or pay", () => {
    const inputs = demoInputs({
      requests: [
        { id: "R-1", type: "exchange", title: "换货", requester_email: "yan.feng@example.com", submitted_at: "2026-11-01T09:00:00", region: "SOUTH", status: "pending", current_approver_email: "he.jun@example.com" },
        { id: "R-2", type: "stock_transfer", title: "调货", requester_email: "kong.linghui@example.com", submitted_at: "2026-11-01T09:00:00", region: "EAST", status: "pending", current_approver_email: GM },
      ],
      tasks: [{ id: "T-1", title: "区域总结", owner_email: "hua.li@example.com", assigner_email: "sun.lixin@example.com", due_on: "2026-11-01", done_on: null }],
    });
    const people = inputs.people.filter((p) => typeof p.region === "string" && p.region !== "");
    const results = inputs.results.filter((r) => r.month === MONTH);
    const emails = all(inputs);
    expect(emails.length).toBe(34);
    for (const e of emails) {
      if (e.delivery.scope.kind === "department") continue;
      const mine = e.delivery.scope.kind === "region" ? e.delivery.scope.region : e.delivery.recipient.region;
      const self = e.delivery.recipient.email;
      for (const p of people) {
        const visibleToMe = e.delivery.scope.kind === "region" ? p.region === mine : p.email === self;
        if (visibleToMe) continue;
        for (const body of [e.html, e.text, e.subject]) {
          expect(body.includes(String(p.email)), `${self} sees ${String(p.email)}`).toBe(false);
          expect(body.includes(String(p.name)), `${self} sees ${String(p.name)}`).toBe(false);
        }
        const result = results.find((r) => r.employee_email === p.email);
        if (result && typeof result.perf_pay === "number") expect(e.html.includes(moneyText(result.perf_pay)) || e.text.includes(moneyText(result.perf_pay)), `${self} sees ${String(p.email)}'s pay`).toBe(false);
      }
    }
  });
});

describe("report email: safety and size", () => {
  const hostile = "<script>alert(1)</script>=cmd|' /C calc'!A0";

  it("escapes every typed value: names, titles, flag reasons, customer names", () => {
    const inputs = demoInputs();
    const people = inputs.people.map((p) => (p.email === "kong.linghui@example.com" ? { ...p, name: hostile } : p));
    const results = inputs.results.map((r) => (r.employee_email === "kong.linghui@example.com" ? { ...r, employee_name: hostile, flags: `SC-47: ${hostile}` } : r));
    const requests: TableRecord[] = [{ id: "R-1", type: "exchange", title: hostile, requester_email: "kong.linghui@example.com", submitted_at: "2026-11-01T09:00:00", region: "EAST", status: "pending", current_approver_email: GM }];
    const customers = inputs.customers.map((c, i) => (i === 0 ? { ...c, name: hostile, file_updated_on: null } : c));
    for (const e of all({ ...inputs, people, results, requests, customers })) {
      expect(e.html).not.toMatch(/<script/i);
      // eslint-disable-next-line no-control-regex
      expect(e.subject).not.toMatch(/[\u0000-\u001f]/);
    }
    const gm = all({ ...inputs, people, results, requests, customers }).find((e) => e.delivery.recipient.email === GM);
    expect(gm?.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;=cmd|&#39; /C calc&#39;!A0");
    expect(gm?.text).toContain(hostile);
  });

  it("has no script, image, SVG, style sheet, flex or grid, and links only to the sheet", () => {
    for (const e of all(demoInputs())) {
      expect(e.html).not.toMatch(/<(script|img|svg|link|style|iframe|object|embed)\b/i);
      expect(e.html).not.toMatch(/display\s*:\s*(flex|grid)/i);
      expect(e.html).not.toMatch(/\ssrc=/i);
      expect(e.html).not.toMatch(/url\(/i);
      const hrefs = [...e.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      expect(hrefs).toEqual(["https://docs.google.com/spreadsheets/d/demo/edit"]);
      expect(e.text).toContain("https://docs.google.com/spreadsheets/d/demo/edit");
    }
  });

  it("stays under Gmail's 102 KB clipping size for a department of 2,500 people, saying what it left out", () => {
    const inputs = demoInputs();
    const extraPeople: TableRecord[] = [];
    const extraPlans: TableRecord[] = [];
    const extraActuals: TableRecord[] = [];
    const extraResults: TableRecord[] = [];
    const regions = ["EAST", "SOUTH", "NORTH", "SOUTHWEST", "CENTRAL"];
    for (let i = 0; i < 2500; i += 1) {
      const email = `rep${i}@example.com`;
      const region = regions[i % regions.length] ?? "EAST";
      extraPeople.push({ name: `销售代表${i}`, email, role: "sales", region, language: "zh-CN", active: true });
      extraPlans.push({ period_type: "M", period: MONTH, level: "person", region, person_email: email, metric: "sales", amount: 100_000 + i });
      extraActuals.push({ period: MONTH, region, person_email: email, metric: "sales", amount: 90_000 + i * 3.17 });
      extraResults.push(resultRow(MONTH, email, `销售代表${i}`, region, 50 + (i % 50), "published", 1, i % 7 === 0 ? "SC-53: 末位" : ""));
    }
    const big = demoInputs({ people: [...inputs.people, ...extraPeople], plans: [...inputs.plans, ...extraPlans], actuals: [...inputs.actuals, ...extraActuals], results: [...inputs.results, ...extraResults] });
    const base = reportBase(big, MONTH);
    const gm = monthlyDeliveries(base.people, big.regions, []).find((d) => d.recipient.email === GM);
    if (!gm) throw new Error("no GM pack");
    const r = renderReport(buildReport(base, gm.kind, gm.recipient, gm.scope));
    expect(utf8Bytes(r.htmlBody)).toBeLessThan(GMAIL_CLIP_BYTES);
    expect(Buffer.byteLength(r.htmlBody, "utf8")).toBe(utf8Bytes(r.htmlBody));
    expect(r.rowsLeftOut).toBeGreaterThan(0);
    expect(r.htmlBody).toContain(`另有 ${r.rowsLeftOut} 行`);
  });
});

describe("report email: figures, language, subject", () => {
  it("RP-01: money shows to the cent exactly as the model holds it", () => {
    const inputs = demoInputs();
    const base = reportBase(inputs, MONTH);
    const gm = monthlyDeliveries(base.people, inputs.regions, []).find((d) => d.recipient.email === GM);
    if (!gm) throw new Error("no GM pack");
    const model = buildReport(base, gm.kind, gm.recipient, gm.scope);
    const html = renderReport(model).htmlBody;
    for (const l of model.lines) {
      expect(html).toContain(moneyText(l.sales.month.actual));
      expect(html).toContain(moneyText(l.collections.net));
      expect(html).toContain(`${(Math.round((l.sales.month.rate ?? 0) * 1000) / 10).toFixed(1)}%`);
    }
  });

  it("subjects name the report, the month and the region or person, with no empty label", () => {
    const subjects = all(demoInputs()).map((e) => e.subject);
    expect(subjects).toContain("市场部月度报表 · 2026-10 / Marketing monthly report · 2026-10");
    expect(subjects).toContain("区域月度报表 · 2026-10 · 华东 / Regional monthly report · 2026-10 · East");
    expect(subjects).toContain("Monthly scorecard · 2026-10 · 陈志强 / 个人月度考核 · 2026-10 · 陈志强");
    for (const s of subjects) {
      expect(s).not.toMatch(/·\s*(\/|$)|undefined|null|\{|\}/);
    }
  });

  it("LANGUAGE: an English reader's email is in English first, with the text part in English", () => {
    const e = all(demoInputs()).find((x) => x.delivery.recipient.email === "chen.zhiqiang@example.com");
    expect(e?.html).toContain('<html lang="en">');
    expect(e?.text).toContain("== Needs your action ==");
  });
});
