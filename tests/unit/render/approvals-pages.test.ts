/**
 * The web app's approval pages: opening a link shows the request and a form that POSTs the
 * decision (nothing is decided on GET), with the token, a comment box, Approve / Reject buttons and
 * hostile text escaped; result pages tell apart done, expired, tampered, already used, wrong
 * person and a request that moved on, and say that nothing changed when nothing did.
 */
import { describe, expect, it } from "vitest";
import { historyLines, requestSummary, stepSummary } from "../../../src/core/approvals/notices";
import type { ResultKind } from "../../../src/render/approvals/pages";
import { renderDecisionPage, renderResultPage } from "../../../src/render/approvals/pages";
import { ANSWERS, E, at, decision, must, submit } from "../approvals/fixtures";

const POST = "https://script.google.com/macros/s/abc/exec";

function page(type: "stock_transfer" | "regional_plan" = "stock_transfer", extra: Partial<Parameters<typeof renderDecisionPage>[0]> = {}): string {
  const answers = type === "stock_transfer" ? { ...ANSWERS.stock_transfer, title: "</textarea><script>steal()</script>" } : ANSWERS.regional_plan;
  const s = must(submit(type, E.salesEast, at("2026-11-02"), { answers }).state);
  const step = s.steps[s.current ?? 0];
  if (!step) throw new Error("no step");
  return renderDecisionPage({
    language: "zh-CN",
    summary: requestSummary(s, "Asia/Shanghai"),
    history: historyLines(s),
    step: stepSummary(s, step),
    approverName: "周海涛",
    onBehalfOf: null,
    token: "eyJy.sig\"><x>",
    postUrl: POST,
    expiresAt: at("2026-11-09"),
    ...extra,
  });
}

describe("the decision page", () => {
  const html = page();

  it("posts the decision with the token; opening it decides nothing", () => {
    expect(html).toContain(`<form id="decision-form" method="post" action="${POST}" target="_top"`);
    expect(html).toContain('<input type="hidden" name="t" value="eyJy.sig&quot;&gt;&lt;x&gt;">');
    expect(html).toContain('<button type="submit" name="decision" value="approve"');
    expect(html).toContain('<button type="submit" name="decision" value="reject"');
    expect(html).toContain('<textarea id="comment" name="comment"');
    expect(html).not.toMatch(/href="[^"]*decision=/);
    expect(html).toContain('<meta name="marketops-kind" content="decision-page">');
    expect(html).toContain('<base target="_top">');
  });

  it("escapes the request's text, even one that tries to close the comment box", () => {
    expect(html).toContain("&lt;/textarea&gt;&lt;script&gt;steal()&lt;/script&gt;");
    expect(html.match(/<script/g)?.length).toBe(1);
  });

  it("inside Apps Script sends the form with google.script.run to the named server function", () => {
    expect(html).toContain("google.script.run");
    expect(html).toContain(".submitDecision(f)");
    expect(page("stock_transfer", { serverFunction: "decideFromPage" })).toContain(".decideFromPage(f)");
    expect(page("stock_transfer", { serverFunction: "x);alert(1" })).toContain(".submitDecision(f)");
  });

  it("shows why a previous post was not applied, keeping the typed comment", () => {
    const again = page("stock_transfer", { error: { zh: "驳回或退回须写明理由", en: "a rejection or a return needs a reason" }, comment: "<i>再想想</i>" });
    expect(again).toContain('role="alert"');
    expect(again).toContain("驳回或退回须写明理由");
    expect(again).toContain(">&lt;i&gt;再想想&lt;/i&gt;</textarea>");
  });

  it("WF-01.5 an advisory step only collects comments: no Reject button", () => {
    const advise = page("regional_plan");
    expect(advise).toContain("提交意见 · Submit comments");
    expect(advise).not.toContain('value="reject"');
  });

  it("says how long the link is valid, on the workbook's clock", () => {
    expect(html).toContain("此链接 2026-11-09 09:00 (Asia/Shanghai) 前有效,只能使用一次。");
  });
});

describe("result pages", () => {
  const kinds: readonly [ResultKind, string][] = [
    ["done", "已记录您的决定"],
    ["expired", "链接已过期"],
    ["tampered", "链接无效"],
    ["malformed", "链接不完整"],
    ["replayed", "链接已使用过"],
    ["wrong_person", "此链接不是发给您的"],
    ["wrong_step", "申请已不在此步骤"],
    ["refused", "决定未生效"],
    ["error", "出错了"],
  ];

  it.each(kinds)("%s has its own title and kind", (kind, title) => {
    const html = renderResultPage({ kind, language: "zh-CN", message: { zh: "详情<b>", en: "detail<b>" } });
    expect(html).toContain(`<meta name="marketops-kind" content="result-${kind}">`);
    expect(html).toContain(title);
    expect(html).toContain("详情&lt;b&gt;");
    expect(html.includes("没有作任何更改")).toBe(kind !== "done");
  });

  it("a recorded decision shows it with the comment escaped, and the request", () => {
    const s = must(decision(must(submit("stock_transfer", E.salesEast, at("2026-11-02")).state), "approve", E.manager, at("2026-11-02", "10:00")).state);
    const html = renderResultPage({ kind: "done", language: "en", message: { zh: "已转营销总监审批", en: "now with the Director" }, summary: requestSummary(s, "Asia/Shanghai"), decision: { what: "approve", comment: "<ok>" } });
    expect(html).toContain("Your decision is recorded");
    expect(html).toContain("&lt;ok&gt;");
    expect(html).toContain("ST-2026-0001");
  });
});
