/**
 * The approval emails that do not fit the daily mail quota wait in a queue and go out, oldest
 * first, on the next run that has quota left. This module is the pure part: which messages a run
 * sends and which it keeps (strictly in order, so a message never overtakes one queued before it),
 * and how the queue is stored as Script Properties values — JSON cut into chunks that each stay
 * under the 9 KB per-value limit counted in UTF-8 bytes, never splitting a character.
 */
import type { EmailMessage } from "./model";

/** One queued message and when it was queued (epoch ms). */
export interface QueuedMail {
  readonly queuedAt: number;
  readonly message: EmailMessage;
}

/** What one run does with its mail: send these now, keep the rest queued (in order). */
export interface MailPlan {
  readonly send: readonly QueuedMail[];
  readonly keep: readonly QueuedMail[];
  /** The messages of this run that go to the queue (for their Audit rows). */
  readonly newlyQueued: readonly QueuedMail[];
}

/** Recipients a message spends of the daily quota (the quota counts recipients, not messages). */
export function recipientsOf(message: EmailMessage): number {
  return message.to.length + message.cc.length;
}

/**
 * Queued mail first, then this run's, each sent while the quota lasts; from the first that does not
 * fit, everything stays queued so the order is kept. A message without a To recipient is dropped
 * (there is nobody to send it to).
 * @example planMail([q1], [m1, m2], 2) with one recipient each → send q1, m1; keep m2
 */
export function planMail(queued: readonly QueuedMail[], fresh: readonly EmailMessage[], quota: number, now: number): MailPlan {
  const send: QueuedMail[] = [];
  const keep: QueuedMail[] = [];
  const newlyQueued: QueuedMail[] = [];
  let left = quota;
  const all = [...queued.map((q) => ({ item: q, fresh: false })), ...fresh.map((message) => ({ item: { queuedAt: now, message }, fresh: true }))];
  for (const { item, fresh: isFresh } of all) {
    if (item.message.to.length === 0) continue;
    const needed = recipientsOf(item.message);
    if (keep.length === 0 && needed <= left) {
      send.push(item);
      left -= needed;
    } else {
      keep.push(item);
      if (isFresh) newlyQueued.push(item);
    }
  }
  return { send, keep, newlyQueued };
}

/** UTF-8 length of a string, as the Properties quota counts it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Cuts `text` into pieces of at most `maxBytes` UTF-8 bytes each, on character boundaries. */
export function chunkUtf8(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new Error(`chunks need at least 4 bytes, got ${maxBytes}`);
  const chunks: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of text) {
    const n = utf8Length(ch);
    if (size + n > maxBytes) {
      chunks.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

/** The Script Properties key holding the number of chunks; chunk i is `${QUEUE_KEY}_${i}`. */
export const QUEUE_KEY = "APPROVAL_MAIL_QUEUE";
/** Under the 9 KB (9,216 bytes) per value of https://developers.google.com/apps-script/guides/services/quotas */
export const QUEUE_CHUNK_BYTES = 8_000;

function chunkKey(i: number): string {
  return `${QUEUE_KEY}_${i}`;
}

/**
 * The properties that store `queue`: the chunk count and the chunks; and the keys of an earlier,
 * longer queue to delete. An empty queue stores nothing (every earlier key is deleted).
 */
export function queueProperties(queue: readonly QueuedMail[], previous: Readonly<Record<string, string>>): { set: Record<string, string>; remove: string[] } {
  const chunks = queue.length ? chunkUtf8(JSON.stringify(queue), QUEUE_CHUNK_BYTES) : [];
  const set: Record<string, string> = {};
  if (chunks.length) {
    set[QUEUE_KEY] = String(chunks.length);
    chunks.forEach((c, i) => (set[chunkKey(i)] = c));
  }
  const remove = Object.keys(previous).filter((k) => (k === QUEUE_KEY || k.startsWith(`${QUEUE_KEY}_`)) && !(k in set));
  return { set, remove };
}

function isQueuedMail(value: unknown): value is QueuedMail {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { queuedAt?: unknown; message?: unknown };
  if (typeof v.queuedAt !== "number" || typeof v.message !== "object" || v.message === null) return false;
  const m = v.message as { to?: unknown; cc?: unknown; kind?: unknown };
  return Array.isArray(m.to) && Array.isArray(m.cc) && typeof m.kind === "string";
}

/** The queue stored in `properties` (all Script Properties); empty when there is none. Throws on a damaged queue. */
export function queueFromProperties(properties: Readonly<Record<string, string>>): QueuedMail[] {
  const count = Number(properties[QUEUE_KEY] ?? "0");
  if (!Number.isInteger(count) || count <= 0) return [];
  let json = "";
  for (let i = 0; i < count; i += 1) {
    const chunk = properties[chunkKey(i)];
    if (chunk === undefined) throw new Error(`mail queue: chunk ${i} of ${count} is missing`);
    json += chunk;
  }
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || !parsed.every(isQueuedMail)) throw new Error("mail queue: not a list of queued messages");
  return parsed;
}
