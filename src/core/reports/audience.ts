/**
 * Who receives which monthly report, and what each may see (RP-28: "role-based recipients
 * (Director, Manager, heads, each employee gets their own)"). Three report kinds, keyed as the
 * Reports log's `report` column names them:
 *
 * - `monthly_pack`, scope `ALL`: the department pack, to the president, the GM, the director, the
 *   marketing manager (RP-01: the monthly sales evaluation goes to the manager) and HR (RP-12: HR
 *   files the results). RP-01, RP-02, RP-05, RP-18, RP-20, RP-22, RP-28.
 * - `monthly_pack`, scope a region code: the regional pack, to that region's manager (Regions
 *   `manager_email`, else the active `regional` person of the region): their region and its people
 *   only. RP-01, RP-03, RP-28.
 * - `appraisal_results`, scope `SELF`: each appraised person's own scorecard (RP-11, RP-12, RP-22),
 *   sent by this job only while Settings `PUBLISH_EMAIL_PERSONAL` is off: when it is on (the
 *   default) the publication already emails each person their result with the appeal deadline
 *   (SC-54, WF-26), and that is the person's one email of the month (`personalScorecardsFor`).
 *
 * Scoping is a rule of its own: a region scope never holds a person of another region, and a
 * personal scope holds only its person; the model filters every list through `inScope`, so the
 * renderer cannot leak what the model does not hold.
 */
import type { Language } from "../i18n";
import type { TableRecord } from "../templates/table";
import { personalEmailOn } from "../close/publish";
import { emailKey, isTrue, languageOf, text } from "./inputs";

export interface ReportPerson {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  /** Region code, or null for headquarters staff. */
  readonly region: string | null;
  readonly language: Language;
  readonly active: boolean;
}

export type ReportScope =
  | { readonly kind: "department" }
  | { readonly kind: "region"; readonly region: string }
  | { readonly kind: "person"; readonly email: string; readonly region: string | null };

export type ReportKind = "monthly_pack" | "appraisal_results";

/** Roles that read the department pack: director, president, GM and HR, and the marketing manager (RP-01). */
export const DEPARTMENT_ROLES: ReadonlySet<string> = new Set(["president", "gm", "director", "mkt_manager", "hr"]);

/** One report to one recipient for one month: a Reports log row. */
export interface ReportDelivery {
  readonly kind: ReportKind;
  readonly recipient: ReportPerson;
  readonly scope: ReportScope;
}

/** The Reports log `scope` cell: ALL, a region code, or SELF. */
export function scopeCode(scope: ReportScope): string {
  return scope.kind === "department" ? "ALL" : scope.kind === "region" ? scope.region : "SELF";
}

/** The Reports log ID of a delivery: `2026-10#monthly_pack#ALL#li.na@example.com`. */
export function deliveryId(month: string, delivery: Pick<ReportDelivery, "kind" | "scope"> & { readonly recipient: { readonly email: string } }): string {
  return `${month}#${delivery.kind}#${scopeCode(delivery.scope)}#${emailKey(delivery.recipient.email)}`;
}

/** People by email key, from People rows; a blank `active` counts as active. */
export function reportPeople(rows: readonly TableRecord[], fallback: Language): Map<string, ReportPerson> {
  const out = new Map<string, ReportPerson>();
  for (const r of rows) {
    const email = text(r.email);
    if (email === "") continue;
    out.set(emailKey(email), {
      email,
      name: text(r.name) || email,
      role: text(r.role).toLowerCase(),
      region: text(r.region) === "" ? null : text(r.region).toUpperCase(),
      language: languageOf(r.language, fallback),
      active: r.active === null || r.active === undefined || r.active === "" ? true : isTrue(r.active),
    });
  }
  return out;
}

/** Whether a person's data may appear in a report of `scope`. */
export function inScope(scope: ReportScope, person: { readonly email: string; readonly region: string | null } | undefined): boolean {
  if (!person) return scope.kind === "department";
  switch (scope.kind) {
    case "department":
      return true;
    case "region":
      return person.region === scope.region;
    case "person":
      return emailKey(person.email) === emailKey(scope.email);
  }
}

/** Whether a region's figures may appear in a report of `scope`. */
export function regionInScope(scope: ReportScope, region: string | null): boolean {
  if (scope.kind === "department") return true;
  return region !== null && region === scope.region;
}

/** The region managers: Regions `manager_email` when set, else the active `regional` people of each region. */
export function regionManagers(regions: readonly TableRecord[], people: ReadonlyMap<string, ReportPerson>): Map<string, ReportPerson> {
  const out = new Map<string, ReportPerson>();
  for (const r of regions) {
    if (r.active === false) continue;
    const code = text(r.code).toUpperCase();
    const manager = people.get(emailKey(r.manager_email));
    if (code !== "" && manager?.active) out.set(code, manager);
  }
  for (const p of people.values()) if (p.active && p.role === "regional" && p.region !== null && !out.has(p.region)) out.set(p.region, p);
  return out;
}

/**
 * Every report of a month: the department pack to each department reader, the regional pack to
 * each region manager, the personal scorecard to each `appraised` person (those with a Monthly
 * results row for the month). Ordered department, regions, people, so the readers who act first
 * get theirs first when the quota runs short.
 */
export function monthlyDeliveries(people: ReadonlyMap<string, ReportPerson>, regions: readonly TableRecord[], appraised: readonly string[]): ReportDelivery[] {
  const out: ReportDelivery[] = [];
  for (const p of people.values()) if (p.active && DEPARTMENT_ROLES.has(p.role)) out.push({ kind: "monthly_pack", recipient: p, scope: { kind: "department" } });
  for (const [region, manager] of [...regionManagers(regions, people)].sort(([a], [b]) => a.localeCompare(b))) {
    out.push({ kind: "monthly_pack", recipient: manager, scope: { kind: "region", region } });
  }
  for (const email of appraised) {
    const p = people.get(emailKey(email));
    if (p?.active) out.push({ kind: "appraisal_results", recipient: p, scope: { kind: "person", email: p.email, region: p.region } });
  }
  return out;
}

/** The widest report a person may read: the department, their region (as its manager), or their own. */
export function widestScope(person: ReportPerson, managers: ReadonlyMap<string, ReportPerson>): ReportScope {
  if (DEPARTMENT_ROLES.has(person.role)) return { kind: "department" };
  for (const [region, manager] of managers) if (emailKey(manager.email) === emailKey(person.email)) return { kind: "region", region };
  return { kind: "person", email: person.email, region: person.region };
}

/**
 * The appraised people the reports job sends a personal scorecard to: one email per person per
 * month (RP-12, RP-28). With `PUBLISH_EMAIL_PERSONAL` on (the default) the publication's result
 * email, which carries the appeal deadline (SC-54), is that email, so the job sends none; with it
 * off, nobody was emailed at publication and the job sends each their scorecard.
 * @example personalScorecardsFor(["li.na@…"], {}) → []; with { PUBLISH_EMAIL_PERSONAL: "FALSE" } → ["li.na@…"]
 */
export function personalScorecardsFor(appraised: readonly string[], settings: Readonly<Record<string, unknown>>): readonly string[] {
  return personalEmailOn(settings) ? [] : appraised;
}
