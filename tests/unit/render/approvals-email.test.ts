/**
 * Approval emails as their readers get them: a subject in both languages, the kind in the HTML head
 * (the local outbox files messages by it), the recipient's language first, the request summary with
 * amounts and the history so far, the signed link as a button only on emails that ask for a
 * decision, the follow-up tasks, what to fix, and hostile text shown as text, in HTML and in the
 * plain-text alternative.
 */
import { describe, expect, it } from "vitest";
import type { EmailKind, EmailMessage, Transition } from "../../../src/core/approvals/model";
import { renderApprovalEmail } from "../../../src/render/approvals/email";
import { ANSWERS, E, at, decision, emails, must, submit } from "../approvals/fixtures";

const HOSTILE = { ...ANSWERS.stock_transfer, title: "补货<script>alert('x')</script>", from_location: "=cmd|' /C calc'!A0", reason: "<img src=x onerror=alert(1)>\n第二行" };
const URL = "https://script.google.com/macros/s/abc/exec?t=tok.sig";

function first(t: Transition, kind: EmailKind): EmailMessage {
  const m = emails(t).find((e) => e.kind === kind);
  if (!m) throw new Error(`no ${kind} email`);
  return m;
}

function flows() {
  const submitted = submit("stock_transfer", E.salesEast, at("2026-11-02"), { answers: HOSTILE });
  const s1 = must(submitted.state);
  const approved1 = decision(s1, "approve", E.manager, at("2026-11-02", "15:00"), "同意 <b>加急</b>");
  const approved2 = decision(must(approved1.state), "approve", E.director, at("2026-11-03", "10:00"));
  const rejected = decision(must(approved1.state), "reject", E.director, at("2026-11-03", "10:00"), "请核实库存");
  return { submitted, approved1, approved2, rejected };
}

describe("the approval request", () => {
  const { submitted } = flows();
  const mail = first(submitted, "approval-request");
  const r = renderApprovalEmail(mail, { decisionUrl: URL });

  it("has a one-line bilingual subject naming the type, ID and title", () => {
    // Issue 11 §2: the English label follows a " · ", never a dangling "Approval needed:".
    expect(r.subject).toBe("【待审批】调货申请单 ST-2026-0001 补货<script>alert('x')</script> · Approval needed");
    expect(r.subject).not.toMatch(/[\r\n]/);
  });

  it("names its kind in the head and is addressed to the approver", () => {
    expect(r.htmlBody).toContain('<meta name="marketops-kind" content="approval-request">');
    expect(r.to).toEqual([E.manager]);
  });

  it("shows what a person typed as text, never as markup", () => {
    expect(r.htmlBody).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
    expect(r.htmlBody).toContain("补货&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(r.htmlBody).toContain("=cmd|&#39; /C calc&#39;!A0");
    expect(r.htmlBody).toContain("&lt;img src=x onerror=alert(1)&gt;<br>第二行");
  });

  it("carries the signed link as a button, with when it expires, and the in-sheet alternative", () => {
    expect(r.htmlBody).toContain(`<a href="${URL}"`);
    expect(r.htmlBody).toContain("打开审批页面 · Open to decide");
    expect(r.htmlBody).toContain("2026-11-09 09:00 (Asia/Shanghai) 前有效");
    expect(r.textBody).toContain(`打开审批页面 / Open to decide: ${URL}`);
  });

  it("has a plain-text alternative with the summary", () => {
    expect(r.textBody).toContain("申请编号 / Request ID: ST-2026-0001");
    expect(r.textBody).toContain("申请调货数量 / Quantity to transfer: 900");
    expect(r.textBody).toContain("调出地 / From: =cmd|' /C calc'!A0");
    expect(r.textBody).not.toContain("&lt;");
  });

  it("without a web app URL, points to the Decision column instead of a link", () => {
    const plain = renderApprovalEmail(mail, {});
    expect(plain.htmlBody).not.toContain("<a href");
    expect(plain.textBody).toContain("Decision column");
  });

  it("never links to a non-http URL", () => {
    const evil = renderApprovalEmail(mail, { decisionUrl: "javascript:alert(1)" });
    expect(evil.htmlBody).not.toContain("javascript:");
  });
});

describe("progress, history and the final outcome", () => {
  const { approved1, approved2, rejected } = flows();

  it("the next approver sees the history so far, with the first approver's comment escaped", () => {
    const r = renderApprovalEmail(first(approved1, "approval-request"), { decisionUrl: URL });
    expect(r.to).toEqual([E.director]);
    expect(r.htmlBody).toContain("审批记录");
    expect(r.htmlBody).toContain("“同意 &lt;b&gt;加急&lt;/b&gt;”");
    expect(r.textBody).toMatch(/2026-11-02 15:00 {2}周海涛 {2}同意 \/ approved \[第 1 步 市场部经理审批需求\]: 同意 <b>加急<\/b>/);
  });

  it("the requester hears who approved and what comes next", () => {
    const r = renderApprovalEmail(first(approved1, "decision-notice"));
    expect(r.subject.startsWith("【审批进度】")).toBe(true);
    expect(r.textBody).toContain("周海涛 已同意第 1/2 步「市场部经理审批需求」");
    expect(r.textBody).toContain("下一步:第 2/2 步「营销总部(总监)审批调货申请单」(营销总监:孙立新,审批)。");
    expect(r.htmlBody).not.toContain("<a href");
  });

  it("the final approval lists the follow-up tasks with owners and deadlines", () => {
    const r = renderApprovalEmail(first(approved2, "final-approved"));
    expect(r.htmlBody).toContain('<meta name="marketops-kind" content="final-approved">');
    expect(r.textBody).toContain("仓储部按调货申请单安排调货(WF-05.7) / Warehouse arranges the transfer per the approved request (WF-05.7) — 责任人 / Owner: 秦海波; 截止日期 / Due: 2026-11-05 (WF-05.7)");
  });

  it("the rejection gives the reason and how to resubmit with the request ID", () => {
    const r = renderApprovalEmail(first(rejected, "final-rejected"));
    expect(r.textBody).toContain("孙立新 驳回了您的申请 ST-2026-0001。");
    expect(r.textBody).toContain("理由: / Reason: 请核实库存");
    expect(r.textBody).toContain("「修改的申请编号」一栏填写 ST-2026-0001");
  });
});

describe("needs fixing, reminders, escalation, copies", () => {
  it("needs fixing lists each answer to fix, in both languages", () => {
    const t = submit("stock_transfer", E.salesEast, at("2026-11-02"), { answers: { ...ANSWERS.stock_transfer, quantity: "<九百>" } });
    const r = renderApprovalEmail(first(t, "needs-fixing"));
    expect(r.htmlBody).toContain("<ol");
    expect(r.htmlBody).toContain("「申请调货数量」须为数字,收到「&lt;九百&gt;」");
    expect(r.textBody).toContain('1. 「申请调货数量」须为数字,收到「<九百>」 / "Quantity to transfer" must be a number, got "<九百>"');
  });

  it("an English reader gets English first", () => {
    const t = submit("stock_transfer", E.salesSouth, at("2026-11-02"), { answers: { ...ANSWERS.stock_transfer, region: "SOUTH", quantity: "x" } });
    const r = renderApprovalEmail(first(t, "needs-fixing"));
    // Issue 11 §2: "[Please fix] Stock transfer … · 请更正", not "Please fix: …".
    expect(r.subject.startsWith("[Please fix] Stock transfer ")).toBe(true);
    expect(r.textBody.startsWith("Dear 严峰,\n严峰,您好:")).toBe(true);
    expect(r.htmlBody).toContain('<html lang="en">');
  });

  it("renders every kind with its kind in the head", () => {
    const { submitted, approved1, approved2, rejected } = flows();
    const all = [submitted, approved1, approved2, rejected].flatMap((t) => emails(t));
    const kinds = new Set(all.map((m) => m.kind));
    // The Warehouse's copy at the final approval is now its task email (issue 11 §2).
    expect([...kinds].sort()).toEqual(["approval-request", "decision-notice", "final-approved", "final-rejected", "task-assigned"]);
    for (const m of all) expect(renderApprovalEmail(m, { decisionUrl: URL }).htmlBody).toContain(`content="${m.kind}"`);
    for (const kind of ["reminder", "escalation"] as const) {
      const base = first(submitted, "approval-request");
      const r = renderApprovalEmail({ ...base, kind, reminderNumber: 2, onBehalfOf: kind === "escalation" ? "周海涛" : null }, { decisionUrl: URL });
      expect(r.htmlBody).toContain(`content="${kind}"`);
      expect(r.htmlBody).toContain(`<a href="${URL}"`);
    }
  });
});
