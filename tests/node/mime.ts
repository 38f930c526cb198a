/**
 * Just enough MIME reading for tests to compare what reached Gmail with what a script sent:
 * headers (unfolded, RFC 2047 words decoded), and the text/plain and text/html parts of a
 * multipart message (base64 or quoted-printable). https://www.rfc-editor.org/rfc/rfc2045
 */
export interface ParsedMail {
  readonly headers: ReadonlyMap<string, string>;
  readonly subject: string;
  readonly to: string[];
  readonly cc: string[];
  readonly bcc: string[];
  readonly text: string;
  readonly html: string | null;
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BQbq])\?([^?]*)\?=\s*(?==\?)|=\?([^?]+)\?([BQbq])\?([^?]*)\?=/g, (_all, c1: string, e1: string, t1: string, c2: string, e2: string, t2: string) => {
    const encoding = (e1 ?? e2 ?? "B").toUpperCase();
    const text = t1 ?? t2 ?? "";
    void (c1 ?? c2);
    if (encoding === "B") return Buffer.from(text, "base64").toString("utf8");
    const bytes = text.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  });
}

function headersOf(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) out.set(line.slice(0, at).trim().toLowerCase(), decodeWords(line.slice(at + 1).trim()));
  }
  return out;
}

function bodyOf(headers: ReadonlyMap<string, string>, body: string): string {
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function split(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const sep = /\r?\n\r?\n/.exec(raw)?.[0].length ?? 2;
  return at < 0 ? { headers: headersOf(raw), body: "" } : { headers: headersOf(raw.slice(0, at)), body: raw.slice(at + sep) };
}

function parts(headers: ReadonlyMap<string, string>, body: string): { type: string; text: string }[] {
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith("multipart/") || !boundary) return [{ type: type.split(";")[0]?.trim().toLowerCase() ?? "text/plain", text: bodyOf(headers, body) }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((p) => !p.startsWith("--"))
    .flatMap((p) => {
      const inner = split(p.replace(/^\r?\n/, ""));
      return parts(inner.headers, inner.body.replace(/\r?\n$/, ""));
    });
}

const addresses = (value: string | undefined): string[] => (value ? value.split(",").map((a) => (/<([^>]+)>/.exec(a)?.[1] ?? a).trim()).filter((a) => a !== "") : []);

export function parseMail(raw: Buffer): ParsedMail {
  const { headers, body } = split(raw.toString("utf8"));
  const all = parts(headers, body);
  return {
    headers,
    subject: headers.get("subject") ?? "",
    to: addresses(headers.get("to")),
    cc: addresses(headers.get("cc")),
    bcc: addresses(headers.get("bcc")),
    text: (all.find((p) => p.type === "text/plain")?.text ?? "").replace(/\r\n/g, "\n"),
    html: all.find((p) => p.type === "text/html")?.text.replace(/\r\n/g, "\n") ?? null,
  };
}
