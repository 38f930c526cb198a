/**
 * The preview dialog of 分解年度计划 Decompose the plan (spec WF-01.6, WF-22.3): what one write will
 * do — rows to add and to change (each changed cell, before → after), rows left as they are, and
 * the year totals per level, which add up — and a button that asks the server to write it, naming
 * the preview's fingerprint so the write is exactly what was shown. Problems replace the button.
 * Pure: every value is escaped; the script calls only `applyPlanDecomposition`.
 */
import { both } from "../core/i18n";
import type { PlanWrite } from "../core/plans/workbook";
import { escapeHtml } from "./html";

const MAX_LISTED = 200;

const METRIC: Readonly<Record<string, string>> = { sales: "销售额 Sales", collections: "回款 Collections", new_customers: "新客户数 New customers", expense_budget: "费用预算 Expense budget" };

/** 60000000 → 60,000,000 (digits grouped by three; decimals kept). */
function grouped(n: number): string {
  const [whole = "", decimals] = String(n).split(".");
  const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return decimals === undefined ? digits : `${digits}.${decimals}`;
}

const cell = (v: unknown): string => escapeHtml(v === null || v === undefined ? "" : typeof v === "number" ? grouped(v) : typeof v === "string" || typeof v === "boolean" ? String(v) : "");

/** The dialog's page for `write`; `fingerprint` is sent back on confirm. */
export function planPreviewHtml(write: PlanWrite, fingerprint: string): string {
  const th = 'style="text-align:left;border-bottom:1px solid #dadce0;padding:2px 6px"';
  const td = 'style="padding:2px 6px;border-bottom:1px solid #f1f3f4"';
  const totals = write.totals
    .map((t) => `<tr><td ${td}>${t.year}</td><td ${td}>${escapeHtml(METRIC[t.metric] ?? t.metric)}</td><td ${td}>${cell(t.company)}</td><td ${td}>${cell(t.regions)}</td><td ${td}>${cell(t.people)}</td></tr>`)
    .join("");
  const added = write.add
    .slice(0, MAX_LISTED)
    .map((r) => `<tr><td ${td}>${escapeHtml(r.id)}</td><td ${td}>${cell(r.amount)}</td><td ${td}>${escapeHtml(r.source_plan_id ?? "")}</td><td ${td}>${escapeHtml(r.note ?? "")}</td></tr>`)
    .join("");
  const changed = write.change
    .slice(0, MAX_LISTED)
    .map((c) => `<tr><td ${td}>${c.row}</td><td ${td}>${escapeHtml(c.id)}</td><td ${td}>${Object.keys(c.values).map((k) => `${escapeHtml(k)}: ${cell(c.before[k])} → ${cell(c.values[k])}`).join("<br>")}</td></tr>`)
    .join("");
  const more = (n: number): string => (n > MAX_LISTED ? `<p>… ${n - MAX_LISTED} 行未列出 more rows not listed</p>` : "");
  const problems = write.problems.map((p) => `<li>${escapeHtml(both(p.text))}${p.at ? ` — ${escapeHtml(p.at.sheet)}${p.at.row !== undefined ? ` 第 ${p.at.row} 行 row ${p.at.row}` : ""}${p.at.column !== undefined ? ` ${escapeHtml(p.at.column)}` : ""}` : ""}</li>`).join("");
  const nothing = write.add.length === 0 && write.change.length === 0;
  const action =
    write.problems.length > 0
      ? `<ul id="problems" style="color:#a50e0e">${problems}</ul><p>请改正以上问题后再分解 Fix the above, then decompose again.</p>`
      : nothing
        ? `<p id="nothing"><b>计划已分解,无需更改 The plan is already decomposed: nothing to change.</b></p>`
        : `<p><button id="confirm" onclick="confirmWrite()">写入 ${write.add.length} 行新增、${write.change.length} 行修改 Write ${write.add.length} new and ${write.change.length} changed rows</button></p>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><base target="_top"></head>
<body style="font-family:Arial,'Noto Sans CJK SC',sans-serif;margin:8px;font-size:13px">
<p>新增 Rows to add: <b id="add-count">${write.add.length}</b> · 修改 Rows to change: <b id="change-count">${write.change.length}</b> · 不变 Unchanged: <b>${write.unchanged}</b></p>
<h3 style="margin:8px 0 4px">年度合计(各级相等)Year totals per level (they add up)</h3>
<table style="border-collapse:collapse"><tr><th ${th}>年度 Year</th><th ${th}>指标 Metric</th><th ${th}>公司 Company</th><th ${th}>区域合计 Regions</th><th ${th}>个人合计 People</th></tr>${totals}</table>
${action}
<p id="result" style="font-weight:bold"></p>
${write.add.length ? `<h3 style="margin:8px 0 4px">新增 Rows to add</h3><table style="border-collapse:collapse"><tr><th ${th}>计划编号 Plan ID</th><th ${th}>计划值 Amount</th><th ${th}>上级计划 Decomposed from</th><th ${th}>说明 Note</th></tr>${added}</table>${more(write.add.length)}` : ""}
${write.change.length ? `<h3 style="margin:8px 0 4px">修改 Rows to change</h3><table style="border-collapse:collapse"><tr><th ${th}>行 Row</th><th ${th}>计划编号 Plan ID</th><th ${th}>之前 → 之后 Before → after</th></tr>${changed}</table>${more(write.change.length)}` : ""}
<script>
function confirmWrite() {
  var b = document.getElementById('confirm'); if (b) b.disabled = true;
  google.script.run.withFailureHandler(function (e) { document.getElementById('result').textContent = String(e && e.message || e); if (b) b.disabled = false; })
    .withSuccessHandler(function (r) { document.getElementById('result').textContent = r.message; })
    .applyPlanDecomposition(${JSON.stringify(fingerprint)});
}
</script></body></html>`;
}
