/**
 * Menu 计算返利 Compute rebates (spec WF-08.3-5, RP-19, AMB-41): early in the year, the previous
 * year's rebate of each purchase of each dealer under the policy the Director approved. Reads
 * Rebate policy, Dealer purchases, Dealers, Rebate settlement, Requests, People and Settings once;
 * the core (src/core/rebates) computes the settlement; one append writes its lines and a total line
 * per dealer, and a rebate calculation request per dealer with a rebate is started as a submission
 * would be (routed by the Routes sheet: Director review → Finance verifies → President → Finance
 * reconciles and pays), its ID on the dealer's total line. Run again on unchanged purchases it
 * writes nothing; with changed purchases after a settlement exists it refuses and says what to do.
 */
import { requireOwnAuthority } from "./access";
import { EffectBatch } from "./approvals/effects";
import { withScriptLock } from "./approvals/submit";
import { loadApprovalWorkbook } from "./approvals/workbook";
import { actorEmail } from "./close/close";
import { appendRecords, readTable } from "./table";
import { activePerson, holdersOf, refFor } from "../core/approvals/directory";
import { decide } from "../core/approvals/machine";
import { templateRecord } from "../core/approvals/records";
import { submissionEvent } from "../core/approvals/submission";
import { both, format, UserError } from "../core/i18n";
import { approvedTiers, computeRebates as settle } from "../core/rebates/rebates";
import type { PolicyRow, Purchase, RebateSettlement } from "../core/rebates/rebates";
import { sheetTemplate } from "../core/templates/catalog";
import type { TableRecord } from "../core/templates/table";
import { dateTimeText } from "../core/templates/table";
import { wallClock } from "../core/time";

const WHAT = { zh: "计算返利", en: "Compute rebates" };

const M = {
  badYear: { zh: "年度须为 2000–2100 之间的整数(收到「{v}」)", en: "The year must be a whole number from 2000 to 2100 (got \"{v}\")" },
  problem: { zh: "无法计算返利:{text}", en: "Rebates cannot be computed: {text}" },
  exists: {
    zh: "{year} 年的返利结算已存在且进货数据已变动;如需重算,请先撤回其返利审批并删除「返利结算」表中 {year} 年的行(WF-08.3c 财务重算)",
    en: "The {year} rebate settlement exists and the purchases have changed since: to recompute, withdraw its rebate requests and delete the year's rows of the Rebate settlement sheet first (WF-08.3c, Finance recomputes)",
  },
  unchanged: { zh: "{year} 年的返利结算已计算,进货数据未变,无需更改", en: "The {year} rebate settlement is already computed and the purchases are unchanged: nothing changed" },
  done: { zh: "{year} 年返利结算:{dealers} 个经销商、{lines} 笔进货,返利合计 {total} 元;已发起 {requests} 个返利审批", en: "{year} rebate settlement: {dealers} dealers, {lines} purchases, rebates {total} yuan in all; {requests} rebate request(s) started" },
  title: { zh: "{year} 年度返利 {dealer}", en: "{year} rebate {dealer}" },
  details: { zh: "返利结算表 {year}#{dealer}:{count} 笔进货,返利比例 {rate}(WF-08.3a)", en: "Rebate settlement {year}#{dealer}: {count} purchases at {rate} (WF-08.3a)" },
} as const;

const str = (v: unknown): string => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);

export interface RebateRunReport {
  readonly year: number;
  readonly status: "computed" | "unchanged";
  readonly dealers: number;
  readonly lines: number;
  readonly total: number;
  readonly requestIds: readonly string[];
  readonly message: string;
}

/** What the settlement's rows are, to tell a rerun on unchanged purchases from a changed one. */
function digest(rows: readonly { readonly id: string; readonly amount: number; readonly rebate: number }[]): string {
  return rows
    .map((r) => `${r.id.toUpperCase()}|${Math.round(r.amount * 100)}|${Math.round(r.rebate * 100)}`)
    .sort()
    .join("\n");
}

function lineRecords(s: RebateSettlement, requestOf: ReadonlyMap<string, string>, at: string, by: string): TableRecord[] {
  const out: TableRecord[] = [];
  for (const d of s.dealers) {
    for (const l of s.lines.filter((x) => x.dealerId === d.dealerId)) {
      out.push({ id: `${s.year}#${d.dealerId}#${l.purchaseId}`, year: s.year, line_type: "purchase", dealer_id: d.dealerId, purchase_id: l.purchaseId, purchased_on: l.date, purchase_amount: l.amount, purchase_count: null, rate: l.rate, rebate: l.rebate, computed_at: at, computed_by: by });
    }
    out.push({ id: `${s.year}#${d.dealerId}`, year: s.year, line_type: "dealer_total", dealer_id: d.dealerId, purchase_amount: d.purchases, purchase_count: d.count, rate: d.rate, rebate: d.rebate, request_id: requestOf.get(d.dealerId) ?? null, computed_at: at, computed_by: by });
  }
  return out;
}

/**
 * Menu / top-level: computes the rebate settlement of `year` and starts its approval chain.
 * @param {number} [year] default the previous year in the workbook's time zone (WF-08: 下一年初计算上一年)
 */
export function computeRebates(year?: unknown): RebateRunReport {
  requireOwnAuthority(WHAT);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return withScriptLock(() => {
    const now = Date.now();
    const book = loadApprovalWorkbook(ss);
    const zone = book.settings.timeZone;
    // A menu click passes no year (or an event object): the previous year.
    const given = typeof year === "number" || (typeof year === "string" && year.trim() !== "");
    const target = given ? num(year) : wallClock(now, zone).year - 1;
    if (target === null || !Number.isInteger(target) || target < 2000 || target > 2100) throw new UserError("REBATE_YEAR", format(M.badYear, { v: str(year) }));

    // WF-08.2: a tier counts when the Director approved it: its state, or its approved rebate policy request of the year.
    const policySheet = sheetTemplate("rebate_policy").tabName;
    const policy: PolicyRow[] = readTable(ss, "rebate_policy").rows.map((r) => {
      const request = book.byId.get(str(r.values.request_id).toUpperCase())?.state ?? null;
      const viaRequest = request !== null && request.type === "rebate_policy" && request.status === "approved" && num(request.fields.year ?? null) === num(r.values.year);
      return { row: r.row, year: num(r.values.year), minPurchases: num(r.values.min_purchases), rate: num(r.values.rate), approved: str(r.values.state) === "approved" || viaRequest };
    });
    const tiers = approvedTiers(policy, target);
    const firstPolicyProblem = tiers.problems[0];
    if (firstPolicyProblem) {
      const text = { zh: format(M.problem, { text: firstPolicyProblem.text.zh }).zh, en: format(M.problem, { text: firstPolicyProblem.text.en }).en };
      throw new UserError("REBATE_POLICY", text, {
        sheet: policySheet,
        ...(firstPolicyProblem.row > 0 ? { row: firstPolicyProblem.row } : {}),
        column: firstPolicyProblem.column,
      });
    }
    const purchases: Purchase[] = readTable(ss, "dealer_purchases").rows.map((r) => ({ id: str(r.values.id), dealerId: str(r.values.dealer_id), date: str(r.values.purchased_on), amount: num(r.values.amount) ?? Number.NaN, row: r.row }));
    const settlement = settle({ year: target, tiers: tiers.tiers, purchases });

    const existing = readTable(ss, "rebate_settlement").rows.filter((r) => num(r.values.year) === target && str(r.values.line_type) === "purchase");
    if (existing.length > 0) {
      const before = digest(existing.map((r) => ({ id: str(r.values.id), amount: num(r.values.purchase_amount) ?? 0, rebate: num(r.values.rebate) ?? 0 })));
      const after = digest(settlement.lines.map((l) => ({ id: `${target}#${l.dealerId}#${l.purchaseId}`, amount: l.amount, rebate: l.rebate })));
      if (before !== after) throw new UserError("REBATE_SETTLED", format(M.exists, { year: target }), { sheet: sheetTemplate("rebate_settlement").tabName });
      const message = both(format(M.unchanged, { year: target }));
      return { year: target, status: "unchanged", dealers: settlement.dealers.length, lines: settlement.lines.length, total: settlement.total, requestIds: [], message };
    }

    // WF-08.3a: Customer Service computes; the requests are CS's when whoever runs this is not CS.
    const runBy = actorEmail();
    const runner = activePerson(book.directory, runBy);
    const requester = runner?.role === "cs" ? runBy : (holdersOf(book.directory, "cs", null)[0]?.email ?? runBy);
    const regionOf = new Map(readTable(ss, "dealers").rows.map((r) => [str(r.values.id).toUpperCase(), str(r.values.region)]));
    const batch = new EffectBatch(book, "menu", now);
    const requestOf = new Map<string, string>();
    for (const d of settlement.dealers) {
      if (d.rebate <= 0) continue;
      const rate = `${Math.round(d.rate * 10000) / 100}%`;
      const title = format(M.title, { year: target, dealer: d.dealerId });
      const details = format(M.details, { year: target, dealer: d.dealerId, count: d.count, rate });
      const event = submissionEvent({
        type: "rebate_calc",
        answers: {
          title: `${title.zh} / ${title.en}`,
          year: String(target),
          dealer_id: d.dealerId,
          region: regionOf.get(d.dealerId) ?? "",
          purchase_total: String(d.purchases),
          purchase_count: String(d.count),
          amount: String(d.rebate),
          details: `${details.zh}\n${details.en}`,
        },
        respondent: refFor(book.directory, requester).email,
        responseId: `computeRebates:${target}#${d.dealerId}`,
        existingIds: book.knownIds(),
        routes: book.routes,
        directory: book.directory,
        settings: book.settings,
        channel: "menu",
        now,
      });
      batch.add(decide(null, event, now, book.context).effects);
      requestOf.set(d.dealerId, event.requestId);
    }
    const at = dateTimeText(now, zone);
    appendRecords(ss, "rebate_settlement", lineRecords(settlement, requestOf, at, requester));
    const ids = [...requestOf.values()];
    const message = both(format(M.done, { year: target, dealers: settlement.dealers.length, lines: settlement.lines.length, total: settlement.total.toFixed(2), requests: ids.length }));
    const skipped = settlement.problems.map((p) => `${sheetTemplate("dealer_purchases").tabName} row ${p.row} (${p.column}): ${both(p.text)}`);
    batch.addAudit(
      templateRecord("audit", {
        at,
        actor_email: runBy,
        action: "rebates.computed",
        object_type: "rebate_settlement",
        object_id: String(target),
        before: null,
        after: `total ${settlement.total.toFixed(2)}; ${ids.join(", ")}`,
        comment: [message, ...skipped].join("\n"),
        channel: "menu",
      }),
    );
    batch.flush();
    return { year: target, status: "computed", dealers: settlement.dealers.length, lines: settlement.lines.length, total: settlement.total, requestIds: ids, message };
  });
}
