/**
 * Who may type in the Requests sheet's Decision column: the people the Routes can give a step to
 * (WF-GEN.1: every decision is an approver's, logged with their role). A sheet protection cannot
 * follow a request's step row by row, so the column is open to everyone who could ever be asked,
 * and the on-edit trigger then checks that the editor is this step's approver. Refreshed on every
 * Build forms run from People, Regions and Routes.
 *
 * Who could be asked, for each active Routes row's role:
 * - a People role: every active holder, whatever the region (holdersOf picks among them per request);
 * - `region_manager`: each active region's manager (Regions, else its regional manager);
 * - `direct_superior`: the direct superior of every active person;
 * - `requester`: nobody added while decision links work — a requester's own step (confirming a
 *   refund) is decided by the emailed link, so the column does not open to every requester; with
 *   no web app to link to, the sheet is the only way, so every active person (anyone may request).
 * and, for each of them, their delegate (a delegation may start before the next run) and their
 * direct superior (a step escalates there; a requester who holds the role is replaced by theirs).
 */
import type { Directory, Person } from "./directory";
import { activePerson, emailKey, regionManager } from "./directory";
import type { RouteRow } from "./routes";

/**
 * The Decision column's editors, lower-case emails in order (the owner and the trigger owner are
 * added by the caller).
 * @example decisionEditors(default Routes rows, demo People) → the director, the marketing manager,
 *   the regional managers, their delegates and superiors …; not a sales rep nor a promoter
 */
export function decisionEditors(routes: readonly RouteRow[], directory: Directory, options: { readonly linksWork: boolean } = { linksWork: true }): string[] {
  const roles = new Set(routes.filter((r) => r.active).map((r) => r.role));
  const active = [...directory.people.values()].filter((p) => p.active);
  if (roles.has("requester") && !options.linksWork) return [...new Set(active.map((p) => emailKey(p.email)))].sort();
  const asked = new Map<string, Person>();
  const ask = (p: Person | undefined): void => {
    if (p) asked.set(p.email, p);
  };
  for (const p of active) if (roles.has(p.role)) ask(p);
  if (roles.has("region_manager")) {
    for (const region of directory.regionManagers.keys()) ask(regionManager(directory, region));
    for (const p of active) if (p.role === "regional" && p.region !== null) ask(regionManager(directory, p.region));
  }
  if (roles.has("direct_superior")) for (const p of active) ask(activePerson(directory, p.managerEmail));
  const out = new Set<string>();
  for (const p of asked.values()) {
    out.add(emailKey(p.email));
    const delegate = activePerson(directory, p.delegateEmail);
    if (delegate) out.add(delegate.email);
    const manager = activePerson(directory, p.managerEmail);
    if (manager) out.add(manager.email);
  }
  return [...out].sort();
}
