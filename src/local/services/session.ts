/**
 * Session for the local host: who is running the code, read from `env.session`, which the host
 * sets per execution. Apps Script hides the active user's email in some contexts
 * (https://developers.google.com/apps-script/reference/base/session#getActiveUser()): simple
 * triggers such as `onOpen(e)`/`onEdit(e)`, custom functions, and a web app deployed to "execute as
 * me" visited by someone outside the deployer's domain all see `""`. The host models those cases
 * by setting `env.session.activeUserEmail` to `""` for that execution.
 */
import { createHash } from "node:crypto";
import { emulated } from "../emulation";
import type { ServiceEnv } from "./env";

export interface SessionServiceOptions {
  /** Session.getActiveUserLocale(); default `en`, the example on the reference page. */
  readonly locale?: string;
  /** Salts the temporary user keys so they differ between script projects, as Apps Script's do. */
  readonly scriptId?: string;
}

export interface UserObject {
  getEmail(): string;
}

export interface SessionGlobal {
  getActiveUser(): UserObject;
  getActiveUserLocale(): string;
  getEffectiveUser(): UserObject;
  getScriptTimeZone(): string;
  getTemporaryActiveUserKey(): string;
}

export function createSessionService(env: ServiceEnv, options: SessionServiceOptions = {}): { Session: SessionGlobal } {
  const locale = options.locale ?? "en";
  const scriptId = options.scriptId ?? "local-script";

  function user(email: string): UserObject {
    return emulated(
      "User",
      {
        // https://developers.google.com/apps-script/reference/base/user#getEmail()
        getEmail: (): string => email,
      },
      env.counter,
    );
  }

  const Session: SessionGlobal = emulated(
    "Session",
    {
      // https://developers.google.com/apps-script/reference/base/session#getActiveUser()
      getActiveUser: (): UserObject => user(env.session.activeUserEmail),
      // https://developers.google.com/apps-script/reference/base/session#getActiveUserLocale()
      getActiveUserLocale: (): string => locale,
      // https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()
      getEffectiveUser: (): UserObject => user(env.session.effectiveUserEmail),
      // https://developers.google.com/apps-script/reference/base/session#getScriptTimeZone()
      getScriptTimeZone: (): string => env.scriptTimeZone,
      // https://developers.google.com/apps-script/reference/base/session#getTemporaryActiveUserKey()
      // "unique to the active user but does not reveal the user identity"; Google rotates it every
      // 30 days, the local host keeps it stable per user and script.
      getTemporaryActiveUserKey: (): string =>
        createHash("sha256").update(`${scriptId}\n${env.session.activeUserEmail}`).digest("base64url").slice(0, 43),
    },
    env.counter,
  );

  return { Session };
}
