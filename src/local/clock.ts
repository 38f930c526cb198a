/**
 * The local host's clock. Apps Script reads real time; the local host reads this settable clock so
 * scenarios (reminders, the month close) run on simulated days. The vm context's `Date` is patched
 * to read it (see host.ts), and time-driven triggers fire from it.
 */
export class SimulatedClock {
  private ms: number;

  constructor(start: Date | number) {
    this.ms = typeof start === "number" ? start : start.getTime();
  }

  now(): number {
    return this.ms;
  }

  set(to: Date | number): void {
    this.ms = typeof to === "number" ? to : to.getTime();
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error("the clock does not run backwards");
    this.ms += ms;
  }
}
