/**
 * The 我的待办 My pending approvals page (issue 11 §3): a card per waiting step with its decision
 * form and hidden step fields, hostile text escaped (architecture rule 9), no buttons where the page
 * cannot write (a non-owner's sidebar) but a link to the web app instead.
 */
import { describe, expect, it } from "vitest";
import { approverQueue } from "../../../src/core/approvals/queue";
import { renderQueuePage } from "../../../src/render/approvals/queue";
import { ANSWERS, CONTEXT, E, SETTINGS, at, must, submit } from "../approvals/fixtures";

const WEB_APP = "https://script.google.com/macros/s/abc/exec";

function page(decideHere: boolean): string {
  const state = must(submit("stock_transfer", E.salesEast, at("2026-11-02"), { answers: { ...ANSWERS.stock_transfer, title: "</textarea><script>steal()</script>" } }).state);
  const items = approverQueue([state], E.manager, at("2026-11-02", "10:00"), CONTEXT.calendar, SETTINGS);
  return renderQueuePage({ language: "zh-CN", personName: "周海涛", email: E.manager, timeZone: "Asia/Shanghai", now: at("2026-11-02", "10:00"), items, tasks: [], decideHere, decideAt: decideHere ? null : WEB_APP });
}

describe("the queue page (issue 11 §3)", () => {
  it("shows each waiting step with Approve / Reject / Return and the step it decides, with typed text escaped", () => {
    const html = page(true);
    expect(html).toContain('content="queue-page"');
    expect(html).toMatch(/name="step" value="1".*name="round" value="1"/s);
    expect(html).toContain('value="approve"');
    expect(html).toContain('value="reject"');
    expect(html).toContain('value="return"');
    expect(html).toContain('maxlength="2000"');
    expect(html).not.toContain("<script>steal()");
    expect(html).toContain("&lt;/textarea&gt;&lt;script&gt;steal()&lt;/script&gt;");
  });

  it("where it cannot write the decision, lists the steps without buttons and links to the web app", () => {
    const html = page(false);
    expect(html).toContain("data-request=");
    expect(html).not.toContain('class="queue-decision"');
    expect(html).toContain(`href="${WEB_APP}"`);
    expect(html).toContain("在网页中审批");
  });
});
