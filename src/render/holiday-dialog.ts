/**
 * The dialog of 添加次年节假日 Add next year's holidays (issue 11 §1): where next year's schedule comes
 * from (the State Council General Office's notice, published each November on www.gov.cn), how to
 * paste it (one day a line: date, holiday|workday, name, optional source), an example, and a button
 * that sends the text to `addHolidayRows` through google.script.run; the server's bilingual answer
 * (rows added, or each bad line and what to fix) shows under the button. Pure.
 */
import { escapeHtml } from "./html";

/** The dialog's page; `nextYear` fills the example and the heading. */
export function holidayDialogHtml(nextYear: number, tabName: string): string {
  const example = [
    `${nextYear}-10-01, holiday, 国庆节 National Day, https://www.gov.cn/…`,
    `${nextYear}-10-02, holiday, 国庆节 National Day`,
    `${nextYear}-09-26, workday, 国庆节调休上班 National Day make-up working day`,
  ].join("\n");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><base target="_top"></head>
<body style="font-family:Arial,'Noto Sans CJK SC',sans-serif;margin:8px;font-size:13px;line-height:1.5">
<p>每年11月前后,国务院办公厅发布次年《部分节假日安排的通知》(中国政府网 www.gov.cn)。MarketOps 无法可靠地自动下载,请按通知把 ${nextYear} 年的放假日和调休上班日粘贴到下面,每天一行:<b>日期, 类型, 名称[, 来源]</b>。类型写 holiday(放假)或 workday(调休上班);逗号或制表符分隔(可直接从表格复制)。</p>
<p>Each November the State Council General Office publishes next year's holiday notice (部分节假日安排的通知, on www.gov.cn). MarketOps cannot fetch it reliably: paste ${nextYear}'s days off and make-up working days below, one day a line: <b>date, kind, name[, source]</b>. Kind is holiday (放假) or workday (调休上班); separate with commas or tabs (copying from a sheet works).</p>
<p>写入「${escapeHtml(tabName)}」;已有的日期会跳过,有一行出错则一行也不写。Rows go to “${escapeHtml(tabName)}”; dates already there are skipped, and one bad line writes nothing.</p>
<textarea id="rows" rows="12" style="width:100%;font-family:monospace" placeholder="${escapeHtml(example)}"></textarea>
<p><button id="add" onclick="addRows()">添加 Add</button></p>
<pre id="result" style="font-weight:bold;white-space:pre-wrap"></pre>
<script>
function addRows() {
  var b = document.getElementById('add'); b.disabled = true;
  google.script.run.withFailureHandler(function (e) { document.getElementById('result').textContent = String(e && e.message || e); b.disabled = false; })
    .withSuccessHandler(function (r) { document.getElementById('result').textContent = r.message; b.disabled = false; })
    .addHolidayRows(document.getElementById('rows').value);
}
</script></body></html>`;
}
