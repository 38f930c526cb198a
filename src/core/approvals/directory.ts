/**
 * The People directory (人员) as approvals use it: who holds which role in which region, each
 * person's direct superior (直属上级, where escalations go), their delegate (代理人) with the
 * delegation dates, and their mail language; plus each region's manager (区域负责人) from the
 * Regions sheet. Emails identify people and are compared in lower case. Only active people
 * (在职) are assigned steps. Delegation dates are calendar days in the workbook's time zone: a
 * delegation from 2026-11-09 to 2026-11-13 runs from Monday 00:00 until Saturday 00:00 there.
 */
import type { Language } from "../i18n";
import { fromWallClock } from "../time";
import { shiftDay } from "./calendar";
import type { Assignee, DelegateWindow, PersonRef, SheetRecord } from "./model";
import type { ApprovalSettings } from "./settings";

/** A data row of a template sheet: its 1-based sheet row and its values by column key. */
export interface SheetRow {
  readonly row: number;
  readonly values: SheetRecord;
}

export interface Person extends PersonRef {
  readonly role: string;
  readonly region: string | null;
  readonly managerEmail: string | null;
  readonly delegateEmail: string | null;
  /** `YYYY-MM-DD`, inclusive; null = open-ended. */
  readonly delegateFrom: string | null;
  readonly delegateTo: string | null;
  readonly active: boolean;
  readonly row: number;
}

export interface Directory {
  readonly people: ReadonlyMap<string, Person>;
  /** Region code → the region manager's email (Regions `manager_email`). */
  readonly regionManagers: ReadonlyMap<string, string>;
  readonly timeZone: string;
  readonly language: Language;
}

function str(values: SheetRecord, key: string): string | null {
  const v = values[key];
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === "" ? null : s;
}

function flag(values: SheetRecord, key: string, fallback: boolean): boolean {
  const v = values[key];
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  return fallback;
}

/** An email as the directory keys it. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}/;

function day(values: SheetRecord, key: string): string | null {
  const s = str(values, key);
  return s !== null && ISO_DAY.test(s) ? s.slice(0, 10) : null;
}

/** The directory from the People and Regions sheets' rows (as `readTable` returns them). */
export function peopleDirectory(peopleRows: readonly SheetRow[], regionRows: readonly SheetRow[], settings: Pick<ApprovalSettings, "timeZone" | "language">): Directory {
  const people = new Map<string, Person>();
  for (const { row, values } of peopleRows) {
    const email = str(values, "email");
    if (email === null) continue;
    const language = str(values, "language");
    people.set(emailKey(email), {
      email: emailKey(email),
      name: str(values, "name") ?? email,
      language: language === "en" ? "en" : language === "zh-CN" ? "zh-CN" : settings.language,
      role: (str(values, "role") ?? "").toLowerCase(),
      region: str(values, "region"),
      managerEmail: str(values, "manager_email") === null ? null : emailKey(str(values, "manager_email") ?? ""),
      delegateEmail: str(values, "delegate_email") === null ? null : emailKey(str(values, "delegate_email") ?? ""),
      delegateFrom: day(values, "delegate_from"),
      delegateTo: day(values, "delegate_to"),
      active: flag(values, "active", true),
      row,
    });
  }
  const regionManagers = new Map<string, string>();
  for (const { values } of regionRows) {
    const code = str(values, "code");
    const manager = str(values, "manager_email");
    if (code !== null && manager !== null && flag(values, "active", true)) regionManagers.set(code, emailKey(manager));
  }
  return { people, regionManagers, timeZone: settings.timeZone, language: settings.language };
}

export function personRef(person: PersonRef): PersonRef {
  return { email: person.email, name: person.name, language: person.language };
}

/** The active person with this email, if any. */
export function activePerson(directory: Directory, email: string | null): Person | undefined {
  if (email === null) return undefined;
  const p = directory.people.get(emailKey(email));
  return p?.active ? p : undefined;
}

/** A reference for an email that may not be in People (the name is then the email). */
export function refFor(directory: Directory, email: string): PersonRef {
  const p = directory.people.get(emailKey(email));
  return p ? personRef(p) : { email: emailKey(email), name: emailKey(email), language: directory.language };
}

/**
 * The active holders of `role`: those of the request's region if any hold it there, else those
 * without a region (HQ), else all of them.
 */
export function holdersOf(directory: Directory, role: string, region: string | null): Person[] {
  const all = [...directory.people.values()].filter((p) => p.active && p.role === role);
  if (region !== null) {
    const local = all.filter((p) => p.region === region);
    if (local.length) return local;
  }
  const hq = all.filter((p) => p.region === null);
  return hq.length ? hq : all;
}

/** The manager of a region: Regions `manager_email` if active in People, else its regional manager. */
export function regionManager(directory: Directory, region: string | null): Person | undefined {
  if (region === null) return undefined;
  const listed = activePerson(directory, directory.regionManagers.get(region) ?? null);
  if (listed) return listed;
  return [...directory.people.values()].find((p) => p.active && p.role === "regional" && p.region === region);
}

/** A person's delegation as instants, if they have an active delegate. */
export function delegateWindow(directory: Directory, person: Person): DelegateWindow | null {
  const delegate = activePerson(directory, person.delegateEmail);
  if (!delegate || delegate.email === person.email) return null;
  const startOf = (d: string): number => {
    const [y, m, dd] = d.split("-").map(Number);
    return fromWallClock({ year: y ?? 0, month: m ?? 1, day: dd ?? 1 }, directory.timeZone);
  };
  return {
    person: personRef(delegate),
    from: person.delegateFrom === null ? null : startOf(person.delegateFrom),
    until: person.delegateTo === null ? null : startOf(shiftDay(person.delegateTo, 1)),
  };
}

/** Whether a delegation is in force at `now`. */
export function delegationActive(window: DelegateWindow | null, now: number): boolean {
  if (window === null) return false;
  return (window.from === null || now >= window.from) && (window.until === null || now < window.until);
}

/** A person as a step's assignee: with their manager (for escalation) and delegation. */
export function assigneeOf(directory: Directory, person: Person): Assignee {
  const manager = activePerson(directory, person.managerEmail);
  return {
    ...personRef(person),
    manager: manager && manager.email !== person.email ? personRef(manager) : null,
    delegate: delegateWindow(directory, person),
  };
}
