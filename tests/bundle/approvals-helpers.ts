/**
 * What the approval bundle tests do as people would: fill a request form (answers by question key,
 * turned into the form's titles and dropdown choices), read the mail outbox, open an emailed link
 * and post a decision to the local web app, and read Requests / Approvals / Audit rows by header.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { both } from "../../src/core/i18n";
import type { RequestTypeKey } from "../../src/core/approvals/model";
import type { AnswerInput } from "../../src/core/approvals/questions";
import { choiceKey } from "../../src/core/approvals/questions";
import { formQuestions, requestTypeSpec } from "../../src/core/approvals/request-types";
import type { LocalHost } from "../../src/local/host";

export function formTitle(type: RequestTypeKey): string {
  return both(requestTypeSpec(type).label);
}

/** Answers by question key → answers by the form's titles; a dropdown answer matched by its key, else the first choice. */
export function formAnswers(host: LocalHost, type: RequestTypeKey, byKey: Readonly<Record<string, AnswerInput>>): Record<string, string> {
  const form = host.forms.find(formTitle(type));
  if (!form) throw new Error(`no form ${formTitle(type)}`);
  const out: Record<string, string> = {};
  for (const q of formQuestions(type)) {
    const raw = byKey[q.key];
    if (raw === undefined || raw === null || raw === "") continue;
    const title = both(q.title);
    const item = form.items.find((i) => i.title === title);
    if (item?.type === "LIST") {
      const wanted = choiceKey(String(raw));
      out[title] = item.choices.find((c) => choiceKey(c) === wanted) ?? item.choices[0] ?? String(raw);
    } else {
      out[title] = String(raw);
    }
  }
  return out;
}

export interface Mail {
  readonly file: string;
  readonly kind: string;
  readonly to: string;
  readonly html: string;
}

/** The outbox, oldest first: each message's kind and To line from the `.html` copy. */
export function outbox(host: LocalHost): Mail[] {
  const dir = join(host.outDir, "mail");
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".html")).sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const html = readFileSync(join(dir, file), "utf8");
    return { file, kind: /marketops-kind" content="([^"]+)"/.exec(html)?.[1] ?? "", to: />To<\/th><td>([^<]*)<\/td>/.exec(html)?.[1] ?? "", html };
  });
}

/** Mails sent after `since` (an outbox length) to `email`, optionally of one kind. */
export function mailsTo(host: LocalHost, email: string, kind?: string, since = 0): Mail[] {
  return outbox(host).slice(since).filter((m) => m.to.includes(email) && (kind === undefined || m.kind === kind));
}

/** The decision link in an email. */
export function linkIn(mail: Mail): string {
  const m = /href="(http:\/\/127\.0\.0\.1:\d+\/exec\?t=[^"]+)"/.exec(mail.html);
  if (!m?.[1]) throw new Error(`no decision link in ${mail.file}`);
  return m[1].replace(/&amp;/g, "&");
}

export function tokenOf(url: string): string {
  return new URL(url).searchParams.get("t") ?? "";
}

/** Opens a link (GET), then posts the decision with the token the page carries. */
export async function decideByLink(serverUrl: string, link: string, decision: "approve" | "reject", comment = ""): Promise<string> {
  const page = await (await fetch(link)).text();
  const token = /name="t" value="([^"]+)"/.exec(page)?.[1];
  if (!token) return page;
  return post(serverUrl, token.replace(/&amp;/g, "&"), decision, comment);
}

export async function post(serverUrl: string, token: string, decision: string, comment = ""): Promise<string> {
  const body = new URLSearchParams({ t: token, decision, comment });
  return (await fetch(serverUrl, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } })).text();
}

/** A sheet's rows as objects keyed by the English part of each header. */
export function rowsOf(host: LocalHost, sheetName: string): Record<string, unknown>[] {
  const values = host.spreadsheet.read(sheetName, "A1:AD400");
  const headers = (values[0] ?? []).map((h) => String(h).split(" / ").pop() ?? "");
  return values.slice(1).filter((r) => r.some((v) => v !== "" && v !== false)).map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]])));
}

export const REQUESTS = "申请 Requests";
export const APPROVALS = "审批 Approvals";
export const AUDIT = "审计日志 Audit";
export const MAIL_QUEUE = "邮件队列 Mail queue";

export function request(host: LocalHost, id: string): Record<string, unknown> {
  const row = rowsOf(host, REQUESTS).find((r) => r["Request ID"] === id);
  if (!row) throw new Error(`no request ${id}`);
  return row;
}

/** The 1-based sheet row of a request. */
export function requestRowNumber(host: LocalHost, id: string): number {
  const values = host.spreadsheet.read(REQUESTS, "A1:A400");
  const at = values.findIndex((r) => r[0] === id);
  if (at < 0) throw new Error(`no request ${id}`);
  return at + 1;
}

/** The newest request of a requester (by ID order). */
export function newestRequest(host: LocalHost, requester: string): Record<string, unknown> {
  const rows = rowsOf(host, REQUESTS).filter((r) => r.Requester === requester);
  const last = rows[rows.length - 1];
  if (!last) throw new Error(`no request by ${requester}`);
  return last;
}
