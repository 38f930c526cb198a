/**
 * Calling Google's APIs within their quotas. Every request of the Node host goes through one
 * `ApiBudget`: a per-minute request budget per API (a sliding 60-second window, kept under the
 * published per-user limits), and on 429 (rate limit) and 5xx — or a connection that failed before
 * an answer came — a retry after exponential backoff with full jitter, as Google's pages advise:
 * - Sheets API: 300 read and 300 write requests per minute per project, 60 of each per minute per
 *   user per project; "use exponential backoff" on 429. https://developers.google.com/sheets/api/limits
 * - Gmail API: 250 quota units per user per second, `messages.send` 100 units, `messages.list` 5.
 *   https://developers.google.com/gmail/api/reference/quota
 * - Backoff: wait min(2^n · base + random, max) before retry n. https://cloud.google.com/storage/docs/retry-strategy#exponential-backoff
 *
 * A retry is only made of a request that is safe to repeat: the caller says so per call
 * (`idempotent`), or passes `before` to make it safe (Gmail sends look the message up first).
 */

/** Which budget a request counts against. */
export type ApiBucket = "sheets-read" | "sheets-write" | "gmail";

export interface BudgetOptions {
  /** Requests per minute per bucket. Default: 60 Sheets reads, 60 Sheets writes, 120 Gmail calls. */
  readonly perMinute?: Partial<Record<ApiBucket, number>>;
  /** Retries after the first attempt. Default 6. */
  readonly retries?: number;
  /** The first backoff in ms (doubled each retry, jittered). Default 1000. */
  readonly baseDelayMs?: number;
  /** The longest single wait in ms. Default 32000. */
  readonly maxDelayMs?: number;
  /** Injected for tests: the clock and the wait. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** A request Google did not answer with success after every retry, or refused for good. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly attempts: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** What went wrong in one attempt, from a gaxios error or a socket error. */
function failureOf(error: unknown): { status: number | null; retryable: boolean; message: string } {
  const e = (error ?? {}) as { status?: unknown; code?: unknown; response?: { status?: unknown }; message?: unknown };
  const status = typeof e.response?.status === "number" ? e.response.status : typeof e.status === "number" ? e.status : null;
  const message = typeof e.message === "string" ? e.message : String(error);
  if (status !== null) return { status, retryable: status === 429 || status >= 500, message };
  // No HTTP answer: the connection dropped or was refused; whether the server acted is unknown.
  const code = typeof e.code === "string" ? e.code : "";
  const network = ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_SOCKET"].includes(code) || /socket hang up|ECONNRESET|other side closed|terminated|fetch failed/i.test(message);
  return { status: null, retryable: network, message };
}

const DEFAULT_PER_MINUTE: Readonly<Record<ApiBucket, number>> = { "sheets-read": 60, "sheets-write": 60, gmail: 120 };

export interface CallOptions {
  /** Safe to repeat as it is (a read, or a write of absolute cells). */
  readonly idempotent: boolean;
  /**
   * Runs before each retry (not the first attempt): may settle the call itself — returns
   * `{ done: value }` when the earlier attempt turns out to have taken effect (a sent message found).
   */
  readonly beforeRetry?: () => Promise<{ done: unknown } | null>;
}

export class ApiBudget {
  private readonly perMinute: Record<ApiBucket, number>;
  private readonly windows: Record<ApiBucket, number[]> = { "sheets-read": [], "sheets-write": [], gmail: [] };
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  /** Requests made (every attempt, retries included) and retries, by bucket: the bench and `status` read these. */
  readonly counts: Record<ApiBucket, { requests: number; retries: number }> = { "sheets-read": { requests: 0, retries: 0 }, "sheets-write": { requests: 0, retries: 0 }, gmail: { requests: 0, retries: 0 } };
  /** Time spent waiting for the budget or a backoff, ms. */
  waitedMs = 0;

  constructor(options: BudgetOptions = {}) {
    this.perMinute = { ...DEFAULT_PER_MINUTE, ...options.perMinute };
    this.retries = options.retries ?? 6;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 32_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Waits until `bucket` has room in the last 60 s, then records a request. */
  private async take(bucket: ApiBucket): Promise<void> {
    const window = this.windows[bucket];
    const limit = this.perMinute[bucket];
    for (;;) {
      const now = this.now();
      while (window.length > 0 && (window[0] ?? 0) <= now - 60_000) window.shift();
      if (window.length < limit) {
        window.push(now);
        this.counts[bucket].requests += 1;
        return;
      }
      const wait = (window[0] ?? now) + 60_000 - now;
      this.waitedMs += wait;
      await this.sleep(wait);
    }
  }

  /** The wait before retry `n` (1-based): full jitter over an exponential ceiling. */
  backoffMs(n: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (n - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  /** Makes one API call within the budget, retrying what may be retried. `what` names it in errors. */
  async call<T>(bucket: ApiBucket, what: string, request: () => Promise<T>, options: CallOptions): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1 && options.beforeRetry) {
        const settled = await options.beforeRetry();
        if (settled) return settled.done as T;
      }
      await this.take(bucket);
      try {
        return await request();
      } catch (error) {
        const failure = failureOf(error);
        // A request that failed may have been carried out (a 5xx, a dropped connection): only a safe one
        // is repeated. A 429 was refused before anything was done.
        const safe = options.idempotent || options.beforeRetry !== undefined || failure.status === 429;
        if (!failure.retryable || !safe || attempt > this.retries) {
          throw new ApiError(`${what}: ${failure.message}${attempt > 1 ? ` (after ${attempt} attempts)` : ""}`, failure.status, attempt);
        }
        this.counts[bucket].retries += 1;
        const wait = this.backoffMs(attempt);
        this.waitedMs += wait;
        await this.sleep(wait);
      }
    }
  }
}
