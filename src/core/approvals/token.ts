/**
 * Signed decision links. An approval email carries a link to the web app whose token binds the
 * request, its revision, the step (and the step's round), the approver's email and an expiry, and
 * is signed with HMAC-SHA256 under a secret kept in Script Properties. The signer is injected: in
 * Apps Script it is `Utilities.computeHmacSha256Signature(text, secret)` encoded with
 * `Utilities.base64EncodeWebSafe` (https://developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String)),
 * in Node `crypto.createHmac`. Verification compares signatures in constant time and tells apart a
 * malformed or tampered token, an expired one, one already used (the decision it carries was
 * taken), one for a step the request has left, and one opened by someone else than its approver
 * (when Apps Script can tell who the visitor is: `Session.getActiveUser().getEmail()` is blank
 * otherwise, https://developers.google.com/apps-script/reference/base/user#getEmail()). Each
 * failure has its own bilingual message; none of them changes anything.
 */
import type { Bilingual } from "../i18n";
import { format } from "../i18n";
import { dateTimeText } from "../templates/table";
import type { DecisionLink, HistoryWhat, RequestState } from "./model";

/** Signs text: HMAC-SHA256 under the link secret, as web-safe base64 (no padding needed). */
export type Sign = (text: string) => string;

export type TokenFailure = "malformed" | "tampered" | "replayed" | "wrong_person" | "expired" | "wrong_step";

/** What the host knows when a link is opened. */
export interface TokenExpectation {
  /** Ids (`tokenId`) of decisions already taken: a token whose decision is among them was used. */
  readonly used: ReadonlySet<string>;
  /** The visitor's email when Apps Script can tell it; null or blank when it cannot. */
  readonly visitor: string | null;
  /** The step the request waits on now, or null when it waits on none. */
  readonly open: { readonly revision: number; readonly step: number; readonly round: number } | null;
  /** The workbook's zone, to name an expiry on its wall clock (default UTC). */
  readonly timeZone?: string;
}

export type TokenCheck =
  | { readonly ok: true; readonly link: DecisionLink; readonly id: string }
  | { readonly ok: false; readonly reason: TokenFailure; readonly text: Bilingual; readonly link: DecisionLink | null };

const SIGNING_PREFIX = "marketops-decision-v1.";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

function fromUtf8(bytes: readonly number[]): string | null {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need: number;
    let cp: number;
    if (b < 0x80) [need, cp] = [0, b];
    else if (b >= 0xc2 && b < 0xe0) [need, cp] = [1, b & 0x1f];
    else if (b >= 0xe0 && b < 0xf0) [need, cp] = [2, b & 0x0f];
    else if (b >= 0xf0 && b < 0xf5) [need, cp] = [3, b & 0x07];
    else return null;
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 63);
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** Web-safe base64 without padding of a text's UTF-8 bytes. */
export function base64UrlEncode(text: string): string {
  return base64UrlOfBytes(utf8(text));
}

/**
 * Web-safe base64 without padding of bytes, signed (Apps Script's Java bytes, -128…127) or not:
 * the signer encodes its HMAC here instead of calling `Utilities.base64EncodeWebSafe`, one service
 * call fewer per decision link (a timer run over thousands of open requests signs thousands).
 */
export function base64UrlOfBytes(input: readonly number[]): string {
  const bytes = input.map((b) => b & 255);
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k += 1) out += ALPHABET[(n >> (18 - 6 * k)) & 63] ?? "";
  }
  return out;
}

/** The text of web-safe base64 (padding allowed), or null when it is not valid base64 of UTF-8. */
export function base64UrlDecode(encoded: string): string | null {
  const clean = encoded.replace(/=+$/, "");
  if (!/^[A-Za-z0-9_-]*$/.test(clean) || clean.length % 4 === 1) return null;
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const chunk = clean.slice(i, i + 4);
    let n = 0;
    for (let k = 0; k < 4; k += 1) n = (n << 6) | (k < chunk.length ? ALPHABET.indexOf(chunk.charAt(k)) : 0);
    bytes.push((n >> 16) & 255);
    if (chunk.length > 2) bytes.push((n >> 8) & 255);
    if (chunk.length > 3) bytes.push(n & 255);
  }
  return fromUtf8(bytes);
}

/**
 * Equality that takes the same time wherever two strings differ, so a forger cannot learn a
 * signature one character at a time.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i += 1) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** The id of the decision a token carries: request, revision, step, round, approver. */
export function tokenId(link: Pick<DecisionLink, "requestId" | "revision" | "step" | "round" | "approver">): string {
  return `${link.requestId}:${link.revision}:${link.step}:${link.round}:${link.approver.toLowerCase()}`;
}

/** A token for a decision link: `payload.signature`. */
export function createToken(link: DecisionLink, sign: Sign): string {
  const body = base64UrlEncode(JSON.stringify({ r: link.requestId, v: link.revision, s: link.step, k: link.round, a: link.approver.toLowerCase(), e: link.expiresAt }));
  return `${body}.${sign(SIGNING_PREFIX + body)}`;
}

function linkOf(json: string): DecisionLink | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const p = parsed as Record<string, unknown>;
  const int = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
  if (typeof p.r !== "string" || p.r === "" || !int(p.v) || !int(p.s) || !int(p.k) || typeof p.a !== "string" || p.a === "" || !int(p.e)) return null;
  return { requestId: p.r, revision: p.v, step: p.s, round: p.k, approver: p.a, expiresAt: p.e };
}

const M: Readonly<Record<TokenFailure, Bilingual>> = {
  malformed: { zh: "链接不完整或已损坏,请从邮件中完整复制链接,或在表格中审批", en: "the link is incomplete or damaged; copy the whole link from the email, or decide in the sheet" },
  tampered: { zh: "链接签名无效,可能已被改动;未作任何更改", en: "the link's signature is not valid; it may have been altered; nothing was changed" },
  replayed: { zh: "此链接已使用过:申请 {id} 第 {step} 步的决定已记录", en: "this link was already used: the decision on request {id} step {step} is recorded" },
  wrong_person: { zh: "此链接是发给 {approver} 的,您({visitor})不能用它审批", en: "this link was sent to {approver}; you ({visitor}) cannot decide with it" },
  expired: { zh: "此链接已于 {expired} 过期;请等待提醒邮件中的新链接,或在表格中审批", en: "this link expired on {expired}; use the new link in the reminder email, or decide in the sheet" },
  wrong_step: { zh: "申请 {id} 已不在等待此步骤的决定(可能已由他人决定、已修改或已撤回)", en: "request {id} no longer waits for this step's decision (someone else decided, it was revised, or it was withdrawn)" },
};

function fail(reason: TokenFailure, link: DecisionLink | null, values: Readonly<Record<string, string | number>> = {}): TokenCheck {
  return { ok: false, reason, text: format(M[reason], values), link };
}

/**
 * Checks a token: its form, its signature (constant time), whether its decision was already taken,
 * who opens it, its expiry, and whether the request still waits on its step. `expected` may be a
 * function of the (signed) link, so a host can load the request the token names first.
 */
export function verifyToken(token: string, sign: Sign, now: number, expected: TokenExpectation | ((link: DecisionLink) => TokenExpectation)): TokenCheck {
  const parts = token.trim().split(".");
  const [body, signature] = parts;
  if (parts.length !== 2 || !body || !signature) return fail("malformed", null);
  if (!constantTimeEqual(sign(SIGNING_PREFIX + body), signature)) return fail("tampered", null);
  const json = base64UrlDecode(body);
  const link = json === null ? null : linkOf(json);
  if (!link) return fail("malformed", null);
  const expect = typeof expected === "function" ? expected(link) : expected;
  const id = tokenId(link);
  const values = { id: link.requestId, step: link.step, approver: link.approver };
  if (expect.used.has(id)) return fail("replayed", link, values);
  const visitor = (expect.visitor ?? "").trim().toLowerCase();
  if (visitor !== "" && visitor !== link.approver) return fail("wrong_person", link, { ...values, visitor });
  if (now >= link.expiresAt) {
    const zone = expect.timeZone ?? "UTC";
    return fail("expired", link, { ...values, expired: `${dateTimeText(link.expiresAt, zone).slice(0, 16).replace("T", " ")} (${zone})` });
  }
  const open = expect.open;
  if (!open || open.revision !== link.revision || open.step !== link.step || open.round !== link.round) return fail("wrong_step", link, values);
  return { ok: true, link, id };
}

const DECIDED: readonly HistoryWhat[] = ["approve", "comment", "reject", "return"];

/**
 * The ids of every decision a request records, for the decider and for the assignee they decided
 * for: a link for one of them is used.
 */
export function usedTokenIds(state: RequestState): Set<string> {
  const ids = new Set<string>();
  for (const h of state.history) {
    if (!DECIDED.includes(h.what) || h.step === null || h.round === null) continue;
    const at = { requestId: state.id, revision: h.revision, step: h.step, round: h.round };
    ids.add(tokenId({ ...at, approver: h.actor.email }));
    if (h.onBehalfOf) ids.add(tokenId({ ...at, approver: h.onBehalfOf.email }));
  }
  return ids;
}

/** The step a request waits on, as `TokenExpectation.open` wants it. */
export function openStepOf(state: RequestState): TokenExpectation["open"] {
  if (state.status !== "pending" || state.current === null) return null;
  const step = state.steps[state.current];
  return step ? { revision: state.revision, step: step.step, round: step.round } : null;
}
