/**
 * The preview dialog of a CSV import (issue 9 §2): what one write will do — rows to add, rows to
 * change (each changed cell, before → after), rows already there, and every refused row with its
 * reason naming file row, column and sheet in both languages — and a button that asks the server
 * to write it, naming the preview's fingerprint so the write is exactly what was shown. A problem
 * with the whole file replaces the button. Pure: every value is escaped; the script calls only
 * `applyCsvImport`.
 */
import { both } from "../core/i18n";
import type { ImportPlan } from "../core/imports/csv-import";
import { escapeHtml } from "./html";

const MAX_LISTED = 200;

const cell = (v: unknown): string => escapeHtml(v === null || v === undefined ? "" : typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "");

/** The dialog's page for `plan`; `fileId` and `fingerprint` are sent back on confirm. */
export function importPreviewHtml(plan: ImportPlan, fileId: string, fingerprint: string): string {
  const th = 'style="text-align:left;border-bottom:1px solid #dadce0;padding:2px 6px"';
  const td = 'style="padding:2px 6px;border-bottom:1px solid #f1f3f4;vertical-align:top"';
  const more = (n: number): string => (n > MAX_LISTED ? `<p>… ${n - MAX_LISTED} 行未列出 more rows not listed</p>` : "");
  const refused = plan.refused
    .slice(0, MAX_LISTED)
    .map((r) => `<tr><td ${td}>${r.line}</td><td ${td}>${escapeHtml(r.column ?? "")}</td><td ${td}>${escapeHtml(r.reason.zh)}<br>${escapeHtml(r.reason.en)}</td></tr>`)
    .join("");
  const added = plan.add
    .slice(0, MAX_LISTED)
    .map((a) => `<tr><td ${td}>${a.line}</td><td ${td}>${escapeHtml(a.key)}</td><td ${td}>${Object.entries(a.values).filter(([, v]) => v !== null).map(([k, v]) => `${escapeHtml(k)}: ${cell(v)}`).join("<br>")}</td></tr>`)
    .join("");
  const changed = plan.change
    .slice(0, MAX_LISTED)
    .map((c) => `<tr><td ${td}>${c.line}</td><td ${td}>${c.row}</td><td ${td}>${escapeHtml(c.key)}</td><td ${td}>${Object.keys(c.values).map((k) => `${escapeHtml(k)}: ${cell(c.before[k])} → ${cell(c.values[k])}`).join("<br>")}</td></tr>`)
    .join("");
  const nothing = plan.add.length === 0 && plan.change.length === 0;
  const action =
    plan.problems.length > 0
      ? `<ul id="problems" style="color:#a50e0e">${plan.problems.map((p) => `<li>${escapeHtml(both(p))}</li>`).join("")}</ul><p>文件未导入:请改正后重新导入 Nothing was imported: fix the file, then import it again.</p>`
      : nothing
        ? `<p id="nothing"><b>没有需要写入的行 Nothing to write: the sheet already holds every valid row of the file.</b></p>`
        : `<p><button id="confirm" onclick="confirmWrite()">写入 ${plan.add.length} 行新增、${plan.change.length} 行修改 Write ${plan.add.length} new and ${plan.change.length} changed rows</button></p>`;
  const ignored = plan.ignoredColumns.length ? `<p>未导入的列 Columns not imported: ${plan.ignoredColumns.map(escapeHtml).join(", ")}</p>` : "";
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><base target="_top"></head>
<body style="font-family:Arial,'Noto Sans CJK SC',sans-serif;margin:8px;font-size:13px">
<p>文件 File: <b>${escapeHtml(plan.fileName)}</b> → <b>${escapeHtml(plan.sheet)}</b></p>
<p>新增 Rows to add: <b id="add-count">${plan.add.length}</b> · 修改 Rows to change: <b id="change-count">${plan.change.length}</b> · 不变 Unchanged: <b id="unchanged-count">${plan.unchanged}</b> · 拒绝 Refused: <b id="refused-count">${new Set(plan.refused.map((r) => r.line)).size}</b></p>
${ignored}
${action}
<p id="result" style="font-weight:bold"></p>
${plan.refused.length ? `<h3 style="margin:8px 0 4px;color:#a50e0e">拒绝的行(不会写入)Refused rows (not written)</h3><table id="refused" style="border-collapse:collapse"><tr><th ${th}>文件行 File row</th><th ${th}>列 Column</th><th ${th}>原因 Reason</th></tr>${refused}</table>${more(plan.refused.length)}` : ""}
${plan.add.length ? `<h3 style="margin:8px 0 4px">新增 Rows to add</h3><table style="border-collapse:collapse"><tr><th ${th}>文件行 File row</th><th ${th}>匹配键 Key</th><th ${th}>值 Values</th></tr>${added}</table>${more(plan.add.length)}` : ""}
${plan.change.length ? `<h3 style="margin:8px 0 4px">修改 Rows to change</h3><table style="border-collapse:collapse"><tr><th ${th}>文件行 File row</th><th ${th}>表中行 Sheet row</th><th ${th}>匹配键 Key</th><th ${th}>之前 → 之后 Before → after</th></tr>${changed}</table>${more(plan.change.length)}` : ""}
<script>
function confirmWrite() {
  var b = document.getElementById('confirm'); if (b) b.disabled = true;
  google.script.run.withFailureHandler(function (e) { document.getElementById('result').textContent = String(e && e.message || e); if (b) b.disabled = false; })
    .withSuccessHandler(function (r) { document.getElementById('result').textContent = r.message; })
    .applyCsvImport(${JSON.stringify(plan.table)}, ${JSON.stringify(fileId)}, ${JSON.stringify(fingerprint)});
}
</script></body></html>`;
}
