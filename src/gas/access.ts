/**
 * Who may run what. Every top-level function of the project can be called by any visitor of the web
 * app through `google.script.run` (https://developers.google.com/apps-script/guides/html/reference/run),
 * and the web app runs "execute as me" — with the owner's authority. So an administrative function
 * (install, build forms, retry, the timers, the demo load) must not trust that it was started from
 * the menu: it runs only when the person at the keyboard runs it on their own authority (a menu
 * item runs as the person who picks it, so the active and the effective user are the same), or when
 * it is one of this project's own installable triggers firing. A web visitor is the active user
 * (or "", when Google does not say) while the owner is the effective one: refused.
 * https://developers.google.com/apps-script/reference/base/session#getActiveUser()
 * https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()
 */
import { UserError } from "../core/i18n";
import type { Bilingual } from "../core/i18n";

/** True when the code runs with the authority of the person at the keyboard (a menu item, the script editor). */
export function runsOnOwnAuthority(): boolean {
  const active = Session.getActiveUser().getEmail().trim().toLowerCase();
  return active !== "" && active === Session.getEffectiveUser().getEmail().trim().toLowerCase();
}

/** Throws a bilingual refusal unless the caller runs on their own authority (see above). */
export function requireOwnAuthority(what: Bilingual): void {
  if (runsOnOwnAuthority()) return;
  throw new UserError("NOT_FROM_MENU", {
    zh: `「${what.zh}」只能由有编辑权限的人从表格菜单「市场部 MarketOps」运行`,
    en: `${what.en} runs only from the spreadsheet's 市场部 MarketOps menu, by someone who may edit it`,
  });
}

/**
 * The installable trigger an event came from, when it is one of the effective user's triggers of
 * this project (its `triggerUid` among getProjectTriggers()), else null. A web visitor cannot pass
 * a trigger's id it was never shown.
 * https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()
 * https://developers.google.com/apps-script/guides/triggers/events
 */
/**
 * Throws the bilingual refusal unless `e` comes from one of this project's own installable triggers
 * or the caller runs on their own authority (a menu item, the script editor).
 */
export function requireTriggerOrOwnAuthority(e: unknown, what: Bilingual): void {
  if (ownTriggerOf(e) !== null) return;
  requireOwnAuthority(what);
}

export function ownTriggerOf(e: unknown): GoogleAppsScript.Script.Trigger | null {
  const uid = typeof e === "object" && e !== null && "triggerUid" in e ? (e as { triggerUid?: unknown }).triggerUid : undefined;
  if (typeof uid !== "string" || uid === "") return null;
  return ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === uid) ?? null;
}
