/**
 * The HTML building blocks: escaping of everything typed, links limited to http(s), bilingual text
 * with the reader's language first, and a document shell that names its kind for the outbox.
 */
import { describe, expect, it } from "vitest";
import { cleanText, documentShell, escapeHtml, label, multiline, paragraph, safeUrl } from "../../../src/render/html";

describe("escaping", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"],
    ["=cmd|' /C calc'!A0", "=cmd|&#39; /C calc&#39;!A0"],
    ["R&D 部门", "R&amp;D 部门"],
    ["`tpl`", "&#96;tpl&#96;"],
  ])("escapes %s", (typed, html) => {
    expect(escapeHtml(typed)).toBe(html);
  });

  it("keeps line breaks as <br> and drops control characters", () => {
    expect(multiline("第一行\n<b>第二行</b>\u0007")).toBe("第一行<br>&lt;b&gt;第二行&lt;/b&gt;");
    expect(cleanText("a\u0000b\tc\nd")).toBe("ab\tc\nd");
  });

  it("lets only http(s) URLs into links", () => {
    expect(safeUrl("https://script.google.com/macros/s/x/exec?t=a.b&x=1")).toBe("https://script.google.com/macros/s/x/exec?t=a.b&amp;x=1");
    expect(safeUrl("javascript:alert(1)")).toBe("#");
    expect(safeUrl("data:text/html,<script>")).toBe("#");
  });
});

describe("bilingual text", () => {
  it("puts the reader's language first", () => {
    const text = { zh: "同意", en: "Approve" };
    expect(label(text, "zh-CN")).toBe('同意 <span style="color:#5f6368">Approve</span>');
    expect(label(text, "en")).toBe('Approve <span style="color:#5f6368">同意</span>');
    expect(paragraph(text, "en")).toMatch(/^<p lang="en"[^>]*>Approve<\/p><p lang="zh-CN"[^>]*>同意<\/p>$/);
  });
});

describe("the document shell", () => {
  it("is a whole page with charset, viewport, kind and an escaped title", () => {
    const html = documentShell({ kind: "approval-request", title: "<审批>", language: "zh-CN", body: "<p>x</p>" });
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<meta name="marketops-kind" content="approval-request">');
    expect(html).toContain("<title>&lt;审批&gt;</title>");
    expect(html).not.toContain("<style");
  });
});
