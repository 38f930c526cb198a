/**
 * The local outbox: what a person finds under out/mail after the bundle sends an email (a real MIME
 * .eml and a readable .html with a numbered name), and the daily recipient quota on the simulated
 * clock with Apps Script's error text.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/local/clock";
import { Realm, ServiceCounter } from "../../src/local/emulation";
import type { ServiceEnv } from "../../src/local/services/env";
import { createMailService } from "../../src/local/services/mail";

function makeEnv(startMs: number): ServiceEnv {
  return {
    counter: new ServiceCounter(),
    realm: new Realm(vm.createContext({})),
    clock: new SimulatedClock(startMs),
    scriptTimeZone: "Asia/Shanghai",
    session: { activeUserEmail: "li.wei@example.com", effectiveUserEmail: "owner@example.com" },
    outDir: fs.mkdtempSync(path.join(os.tmpdir(), "mo-mail-")),
  };
}

/** Minimal RFC 5322 / 2045 reading, independent of nodemailer: unfolded headers and the body. */
function splitMessage(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf("\r\n\r\n");
  const headerText = raw.slice(0, at).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(at + 4) };
}

/** Decodes RFC 2047 encoded words (B and Q), joining adjacent ones as the RFC says. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
}

const MAY_1_2024_0900_SHANGHAI = Date.UTC(2024, 4, 1, 1, 0);
const SUBJECT = "调货申请待审批 / Stock transfer awaiting approval";
const HTML_BODY = `<html><head><meta name="marketops-kind" content="approval-request"></head><body><p>请审批 <b>REQ-0042</b></p></body></html>`;

describe("MailApp outbox", () => {
  it("writes each message as a numbered multipart/alternative .eml with an encoded Chinese subject and an .html page", async () => {
    const env = makeEnv(MAY_1_2024_0900_SHANGHAI);
    const { MailApp, outbox } = createMailService(env);

    MailApp.sendEmail({ to: "Zhang.San@example.com", cc: "boss@example.com", subject: SUBJECT, body: "请审批 REQ-0042", htmlBody: HTML_BODY });
    await outbox.flush();

    const files = fs.readdirSync(path.join(env.outDir, "mail")).sort();
    expect(files).toEqual(["0001-approval-request-zhang-san.eml", "0001-approval-request-zhang-san.html"]);

    const { headers, body } = splitMessage(fs.readFileSync(path.join(env.outDir, "mail", files[0] ?? ""), "utf8"));
    expect(headers.get("subject")).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(decodeWords(headers.get("subject") ?? "")).toBe(SUBJECT);
    expect(headers.get("from")).toBe("owner@example.com");
    expect(headers.get("to")).toBe("Zhang.San@example.com");
    expect(headers.get("cc")).toBe("boss@example.com");
    const contentType = headers.get("content-type") ?? "";
    expect(contentType).toMatch(/^multipart\/alternative;/);
    const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1] ?? "";
    const parts = body.split(`--${boundary}`).slice(1, -1).map((p) => splitMessage(p.replace(/^\r\n/, "")));
    expect(parts.map((p) => (p.headers.get("content-type") ?? "").split(";")[0])).toEqual(["text/plain", "text/html"]);
    expect(parts.every((p) => /charset=utf-8/i.test(p.headers.get("content-type") ?? ""))).toBe(true);

    const page = fs.readFileSync(path.join(env.outDir, "mail", files[1] ?? ""), "utf8");
    expect(page).toContain(`<title>${SUBJECT}</title>`);
    expect(page).toContain("REQ-0042");
    expect(page).toMatch(/From<\/th><td>owner@example\.com/);
    expect(page).toMatch(/Date<\/th><td>2024-05-01 09:00:00 \(Asia\/Shanghai\)/);

    const [message] = outbox.messages();
    expect(message).toMatchObject({ seq: 1, kind: "approval-request", to: ["Zhang.San@example.com"], subject: SUBJECT, sentAt: MAY_1_2024_0900_SHANGHAI });
  });

  it("names a message without a kind tag `message`, and continues the sequence in the next run", async () => {
    const env = makeEnv(MAY_1_2024_0900_SHANGHAI);
    const first = createMailService(env);
    first.MailApp.sendEmail("wang.wu@example.com", "Hello", "plain text only");
    await first.outbox.flush();

    const nextRun = createMailService(env);
    nextRun.outbox.importState(JSON.parse(JSON.stringify(first.outbox.exportState())));
    nextRun.GmailApp.sendEmail("Li Si <li_si@example.com>", "Again", "second", { htmlBody: "<p>second</p>" }).sendEmail("x@example.com", "Third", "third");
    await nextRun.outbox.flush();

    expect(fs.readdirSync(path.join(env.outDir, "mail")).filter((f) => f.endsWith(".eml")).sort()).toEqual([
      "0001-message-wang-wu.eml",
      "0002-message-li-si.eml",
      "0003-message-x.eml",
    ]);
    const plain = splitMessage(fs.readFileSync(path.join(env.outDir, "mail", "0001-message-wang-wu.eml"), "utf8"));
    expect(plain.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("counts recipients against the daily quota, throws Apps Script's text when it is used up, and frees it 24 hours after the first send", () => {
    const env = makeEnv(MAY_1_2024_0900_SHANGHAI);
    const { MailApp, outbox } = createMailService(env, { dailyQuota: 3 });

    MailApp.sendEmail({ to: "a@example.com", cc: "b@example.com", subject: "s", body: "b" });
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    expect(() => MailApp.sendEmail({ to: "c@example.com,d@example.com", subject: "s", body: "b" })).toThrow(
      "Service invoked too many times for one day: email.",
    );
    MailApp.sendEmail("c@example.com", "s", "b");
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(outbox.messages()).toHaveLength(2);

    env.clock.advance(24 * 3_600_000 - 1);
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    env.clock.advance(1);
    expect(MailApp.getRemainingDailyQuota()).toBe(3);
  });

  it("in pacific-midnight mode, frees the quota at 00:00 America/Los_Angeles on the simulated clock", () => {
    const elevenPmPacific = Date.UTC(2024, 0, 15, 7, 0); // 2024-01-15 23:00 PST
    const env = makeEnv(elevenPmPacific);
    const { MailApp } = createMailService(env, { dailyQuota: 1, quotaReset: "pacific-midnight" });

    MailApp.sendEmail("a@example.com", "s", "b");
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    env.clock.advance(59 * 60_000);
    expect(() => MailApp.sendEmail("a@example.com", "s", "b")).toThrow("Service invoked too many times for one day: email.");
    env.clock.advance(60_000);
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
  });

  it("rejects a malformed address and refuses attachments loudly", () => {
    const { MailApp, outbox } = createMailService(makeEnv(MAY_1_2024_0900_SHANGHAI));
    expect(() => MailApp.sendEmail("not-an-address", "s", "b")).toThrow("Invalid email: not-an-address");
    expect(() => MailApp.sendEmail({ to: "a@example.com", subject: "s", body: "b", attachments: [] })).toThrow(/not emulated/);
    expect(outbox.messages()).toHaveLength(0);
  });
});
