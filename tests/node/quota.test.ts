/**
 * The Node host's request budget and retries (src/node/quota.ts) on a simulated clock: the
 * per-minute budget holds a burst back to the window, backoff grows exponentially with jitter
 * under its ceiling, 429 and 5xx are retried, a 400 is not, and a write that may have taken effect
 * is repeated only when it is safe to (idempotent, or settled first by `beforeRetry`).
 */
import { describe, expect, it } from "vitest";
import { ApiBudget, ApiError } from "../../src/node/quota";

function simulated(): { now: () => number; sleep: (ms: number) => Promise<void>; waits: number[] } {
  let t = 0;
  const waits: number[] = [];
  return {
    now: () => t,
    sleep: (ms) => {
      waits.push(ms);
      t += ms;
      return Promise.resolve();
    },
    waits,
  };
}

const httpError = (status: number): Error => Object.assign(new Error(`status ${status}`), { response: { status } });

describe("ApiBudget", () => {
  it("keeps to the per-minute budget: the 61st read in a minute waits for the window to move", async () => {
    const clock = simulated();
    const budget = new ApiBudget({ now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 61; i++) await budget.call("sheets-read", "get", () => Promise.resolve(i), { idempotent: true });
    expect(budget.counts["sheets-read"].requests).toBe(61);
    expect(clock.waits).toEqual([60_000]);
  });

  it("retries 429 and 503 with exponential backoff and jitter under the ceiling, then succeeds", async () => {
    const clock = simulated();
    const budget = new ApiBudget({ now: clock.now, sleep: clock.sleep, baseDelayMs: 1000, maxDelayMs: 4000, random: () => 1 });
    const answers = [httpError(429), httpError(503), httpError(500), httpError(429)];
    const value = await budget.call("sheets-write", "batchUpdate", () => (answers.length > 0 ? Promise.reject(answers.shift() as Error) : Promise.resolve("ok")), { idempotent: true });
    expect(value).toBe("ok");
    expect(clock.waits).toEqual([1000, 2000, 4000, 4000]);
    expect(budget.counts["sheets-write"]).toEqual({ requests: 5, retries: 4 });
    const low = new ApiBudget({ baseDelayMs: 1000, random: () => 0 });
    expect([low.backoffMs(1), low.backoffMs(3)]).toEqual([500, 2000]);
  });

  it("does not retry a refusal (400), nor a non-idempotent write whose connection dropped", async () => {
    const budget = new ApiBudget({ baseDelayMs: 1 });
    await expect(budget.call("sheets-write", "batchUpdate", () => Promise.reject(httpError(400)), { idempotent: true })).rejects.toMatchObject({ status: 400, attempts: 1 });
    let tries = 0;
    const drop = (): Promise<never> => {
      tries++;
      return Promise.reject(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    };
    await expect(budget.call("gmail", "send", drop, { idempotent: false })).rejects.toBeInstanceOf(ApiError);
    expect(tries).toBe(1);
  });

  it("a dropped write with beforeRetry is settled by it when the first attempt took effect, and not made again", async () => {
    const budget = new ApiBudget({ baseDelayMs: 1 });
    let writes = 0;
    const value = await budget.call(
      "sheets-write",
      "batchUpdate",
      () => {
        writes++;
        return Promise.reject(Object.assign(new Error("fetch failed"), { code: "UND_ERR_SOCKET" }));
      },
      { idempotent: false, beforeRetry: () => Promise.resolve({ done: "found" }) },
    );
    expect([value, writes]).toEqual(["found", 1]);
  });
});
