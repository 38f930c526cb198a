/**
 * The HTML building blocks of every MarketOps email and web page: escaping (everything a person
 * typed is escaped before it reaches HTML, so `<script>` shows as text), safe links (http and https
 * only), bilingual text with the reader's language first, and one document shell with inline CSS
 * that reads well on a phone (email clients drop `<style>` blocks and external sheets). The shell
 * names the document's kind in `<meta name="marketops-kind">`, which the local outbox files
 * messages by. Pure: strings in, strings out.
 */
import type { Bilingual, Language } from "../core/i18n";

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

/**
 * Text as HTML: the five markup characters (and the backtick) become entities.
 * @example escapeHtml("<script>alert(1)</script>") → "&lt;script&gt;alert(1)&lt;/script&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

/** Control characters other than tab and newline, which have no business in a message. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Plain text cleaned of control characters (for text emails and subjects). */
export function cleanText(text: string): string {
  return text.replace(CONTROL, "");
}

/** Escaped text whose line breaks show as `<br>`. */
export function multiline(text: string): string {
  return escapeHtml(cleanText(text)).replace(/\r?\n/g, "<br>");
}

/** A URL fit for `href`/`action`: http(s) only, escaped; anything else becomes "#". */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url.trim()) ? escapeHtml(url.trim()) : "#";
}

/** The other language. */
export function otherLanguage(language: Language): Language {
  return language === "en" ? "zh-CN" : "en";
}

function langAttr(language: Language): string {
  return language === "en" ? "en" : "zh-CN";
}

function textIn(text: Bilingual, language: Language): string {
  return language === "en" ? text.en : text.zh;
}

/** A short label in both languages on one line, the reader's first: "申请编号 Request ID". */
export function label(text: Bilingual, language: Language): string {
  return `${escapeHtml(textIn(text, language))} <span style="color:#5f6368">${escapeHtml(textIn(text, otherLanguage(language)))}</span>`;
}

/** A sentence in both languages, the reader's first, the other below in grey. */
export function paragraph(text: Bilingual, language: Language, style = ""): string {
  const first = `<p lang="${langAttr(language)}" style="margin:0 0 4px;${style}">${multiline(textIn(text, language))}</p>`;
  const second = `<p lang="${langAttr(otherLanguage(language))}" style="margin:0 0 12px;color:#5f6368;font-size:13px;${style}">${multiline(textIn(text, otherLanguage(language)))}</p>`;
  return first + second;
}

/** Plain-text lines of a bilingual sentence, the reader's first. */
export function textLines(text: Bilingual, language: Language): string {
  return `${cleanText(textIn(text, language))}\n${cleanText(textIn(text, otherLanguage(language)))}`;
}

export const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI','PingFang SC','Microsoft YaHei','Noto Sans CJK SC',Roboto,Arial,sans-serif";

/** A table of label → value rows (values already HTML). */
export function keyValueTable(rows: readonly (readonly [string, string])[]): string {
  const cells = rows
    .map(
      ([k, v]) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e8eaed;font-weight:normal;color:#5f6368;width:38%">${k}</th>` +
        `<td style="padding:6px 8px;border-bottom:1px solid #e8eaed;word-break:break-word">${v}</td></tr>`,
    )
    .join("");
  return `<table role="presentation" style="width:100%;border-collapse:collapse;font-size:14px;margin:0 0 16px">${cells}</table>`;
}

/** A heading inside the card. */
export function heading(text: Bilingual, language: Language): string {
  return `<h2 style="font-size:16px;margin:20px 0 8px;color:#202124">${label(text, language)}</h2>`;
}

/** A big button-like link (emails) — only for http(s) URLs. */
export function buttonLink(url: string, text: Bilingual, language: Language, color = "#1a73e8"): string {
  return (
    `<p style="margin:16px 0"><a href="${safeUrl(url)}" style="display:inline-block;background:${color};color:#ffffff;text-decoration:none;` +
    `padding:12px 20px;border-radius:6px;font-size:16px">${escapeHtml(textIn(text, language))} · ${escapeHtml(textIn(text, otherLanguage(language)))}</a></p>`
  );
}

/** A whole HTML document: head with charset, viewport, kind and title; a centred card. */
export function documentShell(input: { readonly kind: string; readonly title: string; readonly language: Language; readonly body: string; readonly accent?: string; readonly head?: string }): string {
  const accent = input.accent ?? "#1a73e8";
  return (
    "<!DOCTYPE html>\n" +
    `<html lang="${langAttr(input.language)}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<meta name="marketops-kind" content="${escapeHtml(input.kind)}">` +
    `<title>${escapeHtml(cleanText(input.title))}</title>${input.head ?? ""}</head>` +
    `<body style="margin:0;padding:0;background:#f1f3f4;font-family:${FONT};color:#202124;line-height:1.5">` +
    `<div style="max-width:640px;margin:0 auto;padding:12px">` +
    `<div style="background:#ffffff;border-radius:8px;border-top:4px solid ${accent};padding:16px 20px">` +
    input.body +
    `</div><p style="font-size:12px;color:#80868b;text-align:center;margin:12px 0">市场部 MarketOps</p></div></body></html>\n`
  );
}
