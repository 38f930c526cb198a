/** The Reports log as the send job's cursor (src/core/reports/send-log.ts, RP-28 exactly once). */
import { describe, expect, it } from "vitest";
import type { ReportDelivery } from "../../../src/core/reports/audience";
import { CLAIM_PREFIX, planLog, queuedDeliveries } from "../../../src/core/reports/send-log";
import type { TableRow } from "../../../src/core/templates/table";

const person = (email: string) => ({ email, name: email, role: "gm", region: null, language: "zh-CN" as const, active: true });
const deliveries: ReportDelivery[] = [
  { kind: "monthly_pack", recipient: person("gm@x.com"), scope: { kind: "department" } },
  { kind: "monthly_pack", recipient: person("east@x.com"), scope: { kind: "region", region: "EAST" } },
  { kind: "appraisal_results", recipient: person("rep@x.com"), scope: { kind: "person", email: "rep@x.com", region: "EAST" } },
];
const row = (n: number, values: Record<string, string | null>): TableRow => ({ row: n, values, extra: {} });

describe("Reports log (RP-28)", () => {
  it("RP-28: queues one row per report and recipient, and none for a delivery already logged", () => {
    const rows = [row(2, { id: "2026-10#monthly_pack#ALL#gm@x.com", period: "2026-10", report: "monthly_pack", recipient_email: "gm@x.com", scope: "ALL", status: "sent" })];
    const plan = planLog(rows, "2026-10", deliveries);
    expect(plan.append.map((r) => [r.id, r.status, r.scope])).toEqual([
      ["2026-10#monthly_pack#EAST#east@x.com", "queued", "EAST"],
      ["2026-10#appraisal_results#SELF#rep@x.com", "queued", "SELF"],
    ]);
    expect(planLog([...rows, ...plan.append.map((values, i) => row(3 + i, values as Record<string, string | null>))], "2026-10", deliveries).append).toEqual([]);
  });

  it("RP-28: a row claimed by a run that never finished is failed, not sent again; sent and failed rows are never queued", () => {
    const rows = [
      row(2, { id: "a", period: "2026-10", report: "monthly_pack", recipient_email: "gm@x.com", scope: "ALL", status: "queued", error: `${CLAIM_PREFIX}2026-11-07T08:00:00` }),
      row(3, { id: "b", period: "2026-10", report: "monthly_pack", recipient_email: "east@x.com", scope: "EAST", status: "queued", error: null }),
      row(4, { id: "c", period: "2026-10", report: "appraisal_results", recipient_email: "rep@x.com", scope: "SELF", status: "failed", error: "x" }),
      row(5, { id: "d", period: "2026-10", report: "appraisal_results", recipient_email: "rep2@x.com", scope: "SELF", status: "sent", error: null }),
    ];
    expect(planLog(rows, null, []).interrupted).toEqual([{ row: 2, values: expect.objectContaining({ status: "failed" }) as unknown }]);
    expect(queuedDeliveries(rows).map((d) => d.id)).toEqual(["b"]);
  });
});
