/**
 * Signed decision links: a token bound to request, revision, step (round), approver and expiry,
 * signed with HMAC-SHA256 (node:crypto stands in for Utilities.computeHmacSha256Signature), works
 * once, for its approver, before its expiry, while the request waits on its step; every other case
 * is told apart with its own bilingual message.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { DecisionLink } from "../../../src/core/approvals/model";
import { base64UrlDecode, base64UrlEncode, base64UrlOfBytes, constantTimeEqual, createToken, openStepOf, tokenId, usedTokenIds, verifyToken } from "../../../src/core/approvals/token";
import type { Sign, TokenExpectation } from "../../../src/core/approvals/token";
import { E, PEOPLE, at, decision, directory, emails, must, submit } from "./fixtures";

const sign: Sign = (text) => createHmac("sha256", "secret-from-script-properties").update(text, "utf8").digest("base64url");
const otherKey: Sign = (text) => createHmac("sha256", "another-secret").update(text, "utf8").digest("base64url");

const LINK: DecisionLink = { requestId: "ST-2026-0001", revision: 1, step: 1, round: 1, approver: E.manager, expiresAt: at("2026-11-09") };
const OPEN: TokenExpectation = { used: new Set(), visitor: null, open: { revision: 1, step: 1, round: 1 }, timeZone: "Asia/Shanghai" };

describe("a valid token", () => {
  it("verifies and gives back its link and id", () => {
    const token = createToken(LINK, sign);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyToken(token, sign, at("2026-11-02"), OPEN)).toEqual({ ok: true, link: LINK, id: tokenId(LINK) });
  });

  it("accepts the visitor when Apps Script can tell it is the approver (any letter case)", () => {
    const token = createToken(LINK, sign);
    expect(verifyToken(token, sign, at("2026-11-02"), { ...OPEN, visitor: "Zhou.Haitao@Example.com" }).ok).toBe(true);
  });

  it("lets the host load the request named by the token before saying what it expects", () => {
    const token = createToken(LINK, sign);
    const seen: string[] = [];
    const check = verifyToken(token, sign, at("2026-11-02"), (link) => {
      seen.push(link.requestId);
      return OPEN;
    });
    expect(check.ok).toBe(true);
    expect(seen).toEqual(["ST-2026-0001"]);
  });
});

describe("every failure is told apart, and none changes anything", () => {
  const token = createToken(LINK, sign);
  const now = at("2026-11-02");

  it("tampered: a changed payload or a signature under another key", () => {
    const [body, sig] = token.split(".");
    const forged = base64UrlEncode(JSON.stringify({ r: "ST-2026-0001", v: 1, s: 1, k: 1, a: "attacker@evil.com", e: at("2027-01-01") }));
    expect(verifyToken(`${forged}.${sig ?? ""}`, sign, now, OPEN)).toMatchObject({ ok: false, reason: "tampered" });
    expect(verifyToken(createToken(LINK, otherKey), sign, now, OPEN)).toMatchObject({ ok: false, reason: "tampered" });
    expect(verifyToken(`${body ?? ""}.${(sig ?? "").slice(0, -1)}A`, sign, now, OPEN)).toMatchObject({ ok: false, reason: "tampered" });
  });

  it("malformed: cut short or not a token at all", () => {
    expect(verifyToken("", sign, now, OPEN)).toMatchObject({ ok: false, reason: "malformed" });
    expect(verifyToken(token.split(".")[0] ?? "", sign, now, OPEN)).toMatchObject({ ok: false, reason: "malformed" });
    expect(verifyToken("a.b.c", sign, now, OPEN)).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("expired, with the expiry on the workbook's clock", () => {
    const check = verifyToken(token, sign, at("2026-11-09"), OPEN);
    expect(check).toMatchObject({ ok: false, reason: "expired" });
    if (!check.ok) expect(check.text).toEqual({
      zh: "此链接已于 2026-11-09 09:00 (Asia/Shanghai) 过期;请等待提醒邮件中的新链接,或在表格中审批",
      en: "this link expired on 2026-11-09 09:00 (Asia/Shanghai); use the new link in the reminder email, or decide in the sheet",
    });
  });

  it("replayed: the decision it carries was already taken", () => {
    const check = verifyToken(token, sign, now, { ...OPEN, used: new Set([tokenId(LINK)]) });
    expect(check).toMatchObject({ ok: false, reason: "replayed" });
    if (!check.ok) expect(check.text.en).toBe("this link was already used: the decision on request ST-2026-0001 step 1 is recorded");
  });

  it("wrong person: opened by someone else than its approver", () => {
    const check = verifyToken(token, sign, now, { ...OPEN, visitor: E.clerk });
    expect(check).toMatchObject({ ok: false, reason: "wrong_person" });
    if (!check.ok) expect(check.text.zh).toBe(`此链接是发给 ${E.manager} 的,您(${E.clerk})不能用它审批`);
  });

  it("wrong step: the request has left the step, the round or the revision", () => {
    expect(verifyToken(token, sign, now, { ...OPEN, open: { revision: 1, step: 2, round: 1 } })).toMatchObject({ ok: false, reason: "wrong_step" });
    expect(verifyToken(token, sign, now, { ...OPEN, open: { revision: 1, step: 1, round: 2 } })).toMatchObject({ ok: false, reason: "wrong_step" });
    expect(verifyToken(token, sign, now, { ...OPEN, open: { revision: 2, step: 1, round: 1 } })).toMatchObject({ ok: false, reason: "wrong_step" });
    expect(verifyToken(token, sign, now, { ...OPEN, open: null })).toMatchObject({ ok: false, reason: "wrong_step" });
  });
});

describe("tokens and the request's state", () => {
  it("the link in the email works once: after the decision, its id is among the used ones", () => {
    const submitted = submit("stock_transfer", E.salesEast, at("2026-11-02"));
    const s = must(submitted.state);
    const link = emails(submitted)[0]?.link;
    if (!link) throw new Error("no link");
    const token = createToken(link, sign);
    const expect1: TokenExpectation = { used: usedTokenIds(s), visitor: null, open: openStepOf(s) };
    expect(verifyToken(token, sign, at("2026-11-02", "10:00"), expect1).ok).toBe(true);
    const after = must(decision(s, "approve", E.manager, at("2026-11-02", "10:01")).state);
    expect(verifyToken(token, sign, at("2026-11-02", "10:02"), { used: usedTokenIds(after), visitor: null, open: openStepOf(after) })).toMatchObject({ ok: false, reason: "replayed" });
  });

  it("a delegate's decision uses up the approver's link too", () => {
    const away = PEOPLE.map((p) => (p.email === E.director ? { ...p, delegate: E.deputy, from: "2026-11-01", to: "2026-11-30" } : p));
    const s = must(submit("expense_budget", E.salesEast, at("2026-11-02"), { dir: directory(away) }).state);
    const decided = must(decision(s, "approve", E.deputy, at("2026-11-02", "10:00")).state);
    const at1 = { requestId: s.id, revision: 1, step: 1, round: 1 };
    expect(usedTokenIds(decided)).toEqual(new Set([tokenId({ ...at1, approver: E.deputy }), tokenId({ ...at1, approver: E.director })]));
  });
});

describe("encoding and comparison", () => {
  it("round-trips UTF-8 text through web-safe base64", () => {
    for (const text of ["", "a", "ab", "abc", "审批 ✓ 😀", JSON.stringify({ r: "申请-1" })]) expect(base64UrlDecode(base64UrlEncode(text))).toBe(text);
    expect(base64UrlEncode("审批")).toBe(Buffer.from("审批", "utf8").toString("base64url"));
    expect(base64UrlDecode("!!")).toBeNull();
    expect(base64UrlDecode(Buffer.from([0xff, 0xfe]).toString("base64url"))).toBeNull();
  });

  it("compares whole strings", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });

  it("encodes Apps Script's signed HMAC bytes exactly as Utilities.base64EncodeWebSafe does, without the padding", () => {
    for (const length of [0, 1, 2, 3, 31, 32, 33]) {
      const unsigned = Array.from({ length }, (_, i) => (i * 73 + 41) % 256);
      const signed = unsigned.map((b) => (b > 127 ? b - 256 : b));
      expect(base64UrlOfBytes(signed)).toBe(Buffer.from(unsigned).toString("base64url"));
    }
  });
});
