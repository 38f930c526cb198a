/**
 * The annual run on a simulated clock (WF-25, SC-40..SC-57, RP-13): a year of twelve monthly
 * snapshots written straight into the Monthly results sheet (as the monthly close writes them: one
 * row per person per month, with revisions, signed or not), then closeYear outside and inside
 * ANNUAL_WINDOW, the frozen Annual results compared cell by cell with what the annual appraisal
 * sheet's formulas compute, a second run that changes nothing, the GM's sign-off by emailed link,
 * publication with its appeal window, and the annual report to the Director, GM and HR — each in
 * their language, each once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sheetTemplate } from "../../src/core/templates/catalog";
import { tableLayout } from "../../src/core/templates/table";
import { dayKey } from "../../src/core/time";
import type { LocalHost } from "../../src/local/host";
import { decideByLink, linkIn, mailsTo, outbox } from "./approvals-helpers";
import { openHost, writeTemplateRecords } from "./helpers";

const DEC_20 = Date.parse("2026-12-20T09:00:00+08:00");
const JAN_5 = Date.parse("2027-01-05T09:00:00+08:00");
const YEAR = 2026;
const email = (id: string): string => `${id}@example.com`;
const DIRECTOR = email("sun.lixin");
const GM = email("qian.zhengming");
const HR = email("han.dongmei");

let host: LocalHost;
let server: { url: string; close(): Promise<void> };

type Row = Readonly<Record<string, unknown>>;

/** A date cell as the day it shows in the workbook's zone. */
const day = (v: unknown): unknown => (v instanceof Date ? dayKey(v.getTime(), "Asia/Shanghai") : v);

function tab(sheetKey: string): string {
  return sheetTemplate(sheetKey).tabName;
}

/** A template sheet's data rows as the formula engine computed them, keyed by column key. */
function rowsOf(sheetKey: string): Row[] {
  const book = host.spreadsheet.workbook;
  const sheet = book.sheet(tab(sheetKey));
  if (!sheet) throw new Error(`no tab ${tab(sheetKey)}`);
  const values = book.readValues(sheet, { row: 1, column: 1, numRows: Math.max(1, book.lastRow(sheet)), numColumns: Math.max(1, book.lastColumn(sheet)) });
  const layout = tableLayout(sheetTemplate(sheetKey), values[0] ?? []);
  return values
    .slice(1)
    .map((cells) => Object.fromEntries([...layout.columns].map(([key, at]) => [key, cells[at]])))
    .filter((r) => Object.values(r).some((v) => v !== "" && v !== null && v !== false));
}

const FINAL: Readonly<Record<string, number>> = { A: 94, B: 80, C: 55 };

/** Twelve signed monthly snapshots per person, with a few that must not count. */
function monthlyFixtures(people: readonly string[]): Row[] {
  const rows: Row[] = [];
  const row = (who: string, m: number, grade: string, final: number, extra: Row = {}): Row => {
    const month = `${YEAR}-${String(m).padStart(2, "0")}`;
    const revision = typeof extra.revision === "number" ? extra.revision : 1;
    return { id: `${month}#${who}#${revision}`, month, employee_email: who, revision, final_score: final, grade, state: "signed", flags: "", ...extra };
  };
  people.forEach((who, i) => {
    for (let m = 1; m <= 12; m += 1) {
      let grade = i % 3 === 0 ? "A" : "B";
      if (who === email("kong.linghui")) grade = "A";
      if (who === email("yan.feng") && m <= 6) grade = "C";
      if (who === email("wei.qiang")) grade = "C";
      let final = (FINAL[grade] ?? 0) + (i % 5);
      if (who === email("wei.qiang")) final = 40;
      if (who === email("kong.linghui") && m === 3) {
        // Re-closed: revision 1 (a C) is superseded by revision 2 (an A); only the latest counts.
        rows.push(row(who, m, "C", 50, { revision: 1, state: "superseded" }));
        rows.push(row(who, m, "A", 96, { revision: 2 }));
        continue;
      }
      if (who === email("jin.xin") && m === 12) {
        // Closed but never signed: invalid (SC-57), not counted.
        rows.push(row(who, m, "C", 30, { state: "closed" }));
        continue;
      }
      if (who === email("zheng.yuting") && m === 5) {
        rows.push(row(who, m, "C", 30, { state: "stale", stale_reason: "inputs changed" }));
        continue;
      }
      // An SC-43 exclusion in one month caps the annual grade at B.
      const flags = who === email("tao.ran") && m === 7 ? "SC-43 不得评为优秀(A):旷工 / SC-43 may not be rated A: absenteeism" : "";
      rows.push(row(who, m, who === email("tao.ran") ? "A" : grade, who === email("tao.ran") ? 93 : final, { flags }));
    }
  });
  return rows;
}

beforeAll(async () => {
  host = await openHost({ now: DEC_20 });
  host.services.controllers.outbox.setDailyQuota(1500);
  server = await host.serve(0);
  await host.clickMenu("installOrUpgrade");
  await host.run("loadDemoData", [YEAR, 10]);
  const people = rowsOf("people").map((p) => String(p.email));
  writeTemplateRecords(host, "monthly_results", monthlyFixtures(people), true);
  // wei.qiang: history 40, peers 60, superior 60 → exactly 50: flagged (SC-51, inclusive).
  const form = rowsOf("annual_appraisal");
  const at = form.findIndex((r) => r.employee_email === email("wei.qiang") && r.year === YEAR) + 2;
  const annual = sheetTemplate("annual_appraisal");
  const letter = (key: string): string => String.fromCharCode(65 + annual.columns.findIndex((c) => c.key === key));
  await host.editAsUser(tab("annual_appraisal"), `${letter("peer_score")}${at}`, 60);
  await host.editAsUser(tab("annual_appraisal"), `${letter("superior_score")}${at}`, 60);
  // BOTTOM_N from Settings (5 is off for ten ranked ordinary employees: headcount ≤ 2 × N, AMB-31).
  const keys = host.spreadsheet.read(tab("settings"), "A1:A200").map((r) => r[0]);
  await host.editAsUser(tab("settings"), `B${keys.indexOf("BOTTOM_N") + 1}`, "4");
  // The GM reads English (People.language); the report must follow.
  const peopleRows = rowsOf("people");
  const gmRow = peopleRows.findIndex((r) => r.email === GM) + 2;
  const peopleTemplate = sheetTemplate("people");
  const languageColumn = String.fromCharCode(65 + peopleTemplate.columns.findIndex((c) => c.key === "language"));
  await host.editAsUser(tab("people"), `${languageColumn}${gmRow}`, "en");
}, 180_000);

afterAll(async () => {
  await server.close();
  host.close();
});

describe("WF-25 closeYear only within ANNUAL_WINDOW (SC-27)", () => {
  it("refuses on 20 December, saying so in both languages, and changes nothing", async () => {
    const before = rowsOf("annual_results").length;
    await expect(host.run("closeYear")).rejects.toThrow(/ANNUAL_WINDOW\(01-01\.\.01-15\)/);
    await expect(host.run("closeYear")).rejects.toThrow(/不在窗口内.*outside it/s);
    expect(rowsOf("annual_results")).toHaveLength(before);
  });
});

describe("WF-25 closeYear on 5 January freezes the year from the twelve monthly snapshots", () => {
  let report: { status: string; people: number; requestId: string; revision: number };

  beforeAll(async () => {
    await host.advanceTo(JAN_5);
    report = (await host.run<typeof report>("closeYear", [])).value;
  }, 60_000);

  it("closes the year due (2026) with one row per appraised person, state closed, signed off by request", () => {
    expect(report.status).toBe("closed");
    const frozen = rowsOf("annual_results");
    expect(frozen).toHaveLength(report.people);
    expect(frozen.length).toBe(rowsOf("people").length);
    for (const r of frozen) {
      expect(r.year).toBe(YEAR);
      expect(r.state).toBe("closed");
      expect(r.revision).toBe(1);
      expect(r.sign_request_id).toBe(report.requestId);
    }
  });

  it("SC-40, SC-57: counts only the latest signed revision of each person-month", () => {
    const frozen = new Map(rowsOf("annual_results").map((r) => [r.employee_email, r]));
    expect(frozen.get(email("kong.linghui"))?.monthly_grades).toBe("A,A,A,A,A,A,A,A,A,A,A,A");
    expect(frozen.get(email("jin.xin"))?.months_appraised).toBe(11);
    expect(String(frozen.get(email("jin.xin"))?.monthly_grades).endsWith(",-")).toBe(true);
    expect(frozen.get(email("zheng.yuting"))?.months_appraised).toBe(11);
  });

  it("the frozen snapshot equals what the annual appraisal sheet's formulas compute, person by person (SC-40..SC-53)", () => {
    const sheet = new Map(rowsOf("annual_appraisal").filter((r) => r.year === YEAR).map((r) => [r.employee_email, r]));
    const months = (r: Row): string => ["m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12"].map((k) => (r[k] === "" ? "-" : String(r[k]))).join(",");
    const blankIfNull = (v: unknown): unknown => (v === null || v === undefined ? "" : v);
    const frozen = rowsOf("annual_results");
    for (const f of frozen) {
      const who = String(f.employee_email);
      const s = sheet.get(who);
      expect(s, who).toBeDefined();
      if (!s) continue;
      expect(f.eligible, who).toBe(s.eligible);
      expect(f.post_level, who).toBe(s.post_level);
      expect(f.monthly_grades, who).toBe(months(s));
      expect(f.months_appraised, who).toBe(s.months_appraised);
      expect(f.points_sum, who).toBe(s.points_sum);
      expect(f.annual_grade, who).toBe(s.annual_grade);
      if (typeof s.history_average === "number") expect(f.history_average as number, who).toBeCloseTo(s.history_average, 9);
      if (typeof s.annual_score === "number") {
        expect(f.annual_score, who).toBe(s.annual_score);
        expect(f.rank_level, who).toBe(s.rank_level);
        expect(f.rank_company, who).toBe(s.rank_company);
      } else {
        expect(blankIfNull(f.annual_score), who).toBe("");
      }
      const flags = String(f.flags);
      const sheetFlags = typeof s.annual_score === "number" || s.annual_grade === "C" ? String(s.flags) : "";
      for (const flag of sheetFlags === "" ? [] : sheetFlags.split("; ")) expect(flags, who).toContain(flag);
      expect(flags.includes("SC-46"), `SC-46 ${who}`).toBe(s.raise_eligible === true);
      expect(flags.includes("SC-47"), `SC-47 ${who}`).toBe(s.demotion_flag === true);
      expect(flags.includes("SC-50"), `SC-50 ${who}`).toBe(s.top_in_level === true);
      expect(flags.includes("SC-52"), `SC-52 ${who}`).toBe(s.director_flag === true);
      expect(flags.includes("SC-53"), `SC-53 ${who}`).toBe(s.bottom_n === true);
    }
  });

  it("flags what the rules name, each with its rule ID and reason (SC-42, SC-43, SC-44, SC-46, SC-47, SC-51, SC-52, SC-53)", () => {
    const frozen = new Map(rowsOf("annual_results").map((r) => [r.employee_email, r]));
    const flags = (id: string): string => String(frozen.get(email(id))?.flags);
    expect(frozen.get(email("wei.qiang"))?.annual_score).toBe(50);
    expect(flags("wei.qiang")).toContain("SC-51 年度总分50分以下(含50分):解雇 / SC-51 annual score of 50 or less: dismiss");
    expect(flags("wei.qiang")).toContain("SC-42");
    expect(flags("kong.linghui")).toContain("SC-46");
    expect(flags("yan.feng")).toContain("SC-47");
    expect(frozen.get(email("tao.ran"))?.annual_grade).toBe("B");
    expect(frozen.get(email("cao.xue"))?.eligible).toBe(false);
    expect(String(frozen.get(email("cao.xue"))?.eligibility)).toContain("SC-44");
    expect(frozen.get(email("cao.xue"))?.rank_company).toBe("");
    expect(String(frozen.get(email("cao.xue"))?.readings)).toContain("BOTTOM_N=4");
    const directors = [...frozen.values()].filter((r) => r.post_level === "director");
    expect(directors.filter((r) => String(r.flags).includes("SC-52"))).toHaveLength(1);
    const bottom = [...frozen.values()].filter((r) => String(r.flags).includes("SC-53"));
    expect(bottom.length).toBeGreaterThanOrEqual(4);
    expect(bottom.every((r) => r.post_level === "staff")).toBe(true);
    expect(String(bottom[0]?.flags)).toContain("SC-53 全公司普通员工年度得分末4名");
    expect(String(frozen.get(email("kong.linghui"))?.best_employee)).toContain("SC-49");
  });

  it("SC-57: until the GM signs, every grade shows as pending", () => {
    for (const r of rowsOf("annual_results")) expect(r.grade).toBe("待签字 / Pending signature");
  });

  it("asks the GM (APPRAISAL_SIGNER_ROLE) to sign, by email with a decision link, without any form", () => {
    const asks = mailsTo(host, GM, "approval-request").filter((m) => m.html.includes(report.requestId));
    expect(asks).toHaveLength(1);
    expect(host.forms.forms().map((f) => f.title).some((t) => t.includes("年度考核签字"))).toBe(false);
  });

  it("a second run with the same inputs changes nothing: no new rows, no new request, no new mail", async () => {
    const rows = rowsOf("annual_results").length;
    const mails = outbox(host).length;
    const again = (await host.run<{ status: string }>("closeYear")).value;
    expect(again.status).toBe("unchanged");
    expect(rowsOf("annual_results")).toHaveLength(rows);
    expect(outbox(host)).toHaveLength(mails);
  });

  it("publishing before the GM signs is refused: unsigned appraisals are invalid (SC-57)", async () => {
    await expect(host.run("publishYear")).rejects.toThrow(/SC-57/);
    expect(mailsTo(host, DIRECTOR, "report-annual")).toHaveLength(0);
  });
});

describe("sign-off, publication and the annual report (SC-57, SC-54, RP-13)", () => {
  it("the GM approves by link: the snapshot becomes signed and the grades show", async () => {
    const request = String(rowsOf("annual_results")[0]?.sign_request_id);
    const mail = mailsTo(host, GM, "approval-request").find((m) => m.html.includes(request));
    if (!mail) throw new Error("no sign-off mail");
    const page = await decideByLink(server.url, linkIn(mail), "approve", "同意");
    expect(page).toContain("result-done");
    const rows = rowsOf("annual_results");
    for (const r of rows) {
      expect(r.state).toBe("signed");
      expect(day(r.signed_at)).toBe("2027-01-05");
      expect(r.grade).toBe(r.annual_grade);
    }
  });

  it("publishYear publishes, opens the APPEAL_DAYS window and emails the Director, GM and HR only, each in their language", async () => {
    const before = outbox(host).length;
    const result = (await host.run<{ status: string; sent: number }>("publishYear")).value;
    expect(result.status).toBe("published");
    expect(result.sent).toBe(3);
    for (const r of rowsOf("annual_results")) {
      expect(r.state).toBe("published");
      expect(day(r.appeal_until)).toBe("2027-01-12");
    }
    const reports = outbox(host).slice(before).filter((m) => m.kind === "report-annual");
    expect(reports.map((m) => m.to).sort()).toEqual([DIRECTOR, GM, HR].sort());
    expect(outbox(host).slice(before).filter((m) => m.kind !== "report-annual")).toHaveLength(0);
    const gm = reports.find((m) => m.to === GM);
    const director = reports.find((m) => m.to === DIRECTOR);
    expect(gm?.html).toContain('<html lang="en">');
    expect(director?.html).toContain('<html lang="zh-CN">');
    expect(director?.html).toContain("SC-51");
    expect(director?.html).not.toMatch(/<script|<img|<svg|<style/i);
    expect(Buffer.byteLength(director?.html ?? "", "utf8")).toBeLessThan(102 * 1024);
    const log = rowsOf("reports_log").filter((r) => r.report === "annual_results");
    expect(log.map((r) => [r.recipient_email, r.period, r.status])).toEqual(expect.arrayContaining([[DIRECTOR, String(YEAR), "sent"], [GM, String(YEAR), "sent"], [HR, String(YEAR), "sent"]]));
    expect(log).toHaveLength(3);
  });

  it("nothing is sent twice: publishYear again sends nothing and the Reports log keeps one row per recipient", async () => {
    const before = outbox(host).length;
    const again = (await host.run<{ status: string; sent: number }>("publishYear")).value;
    expect(again.status).toBe("already_published");
    expect(again.sent).toBe(0);
    expect(outbox(host)).toHaveLength(before);
    expect(rowsOf("reports_log").filter((r) => r.report === "annual_results")).toHaveLength(3);
  });

  it("a published year is not closed again (appeals handle disagreements, SC-54)", async () => {
    await expect(host.run("closeYear")).rejects.toThrow(/SC-54/);
  });
});
