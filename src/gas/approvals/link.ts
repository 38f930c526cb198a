/**
 * The decision links' secret and signer, and the web app address they point to. The secret is a
 * random UUID kept in Script Properties (created on first use, never shown to anyone); signing is
 * HMAC-SHA256 of the token body under it, as web-safe base64 (encoded in the core), so a token cannot be forged or altered
 * without the secret (src/core/approvals/token.ts checks it in constant time).
 * https://developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String)
 * https://developers.google.com/apps-script/reference/properties/properties-service#getScriptProperties()
 */
import type { Sign } from "../../core/approvals/token";
import { base64UrlOfBytes } from "../../core/approvals/token";
import type { LinkBase } from "../../core/approvals/web-app-url";
import { linkBase } from "../../core/approvals/web-app-url";

const SECRET_PROPERTY = "APPROVAL_LINK_SECRET";

/** The link secret from Script Properties, created with `Utilities.getUuid()` the first time. */
function linkSecret(): string {
  const properties = PropertiesService.getScriptProperties();
  const existing = properties.getProperty(SECRET_PROPERTY);
  if (existing) return existing;
  const secret = `${Utilities.getUuid()}${Utilities.getUuid()}`;
  properties.setProperty(SECRET_PROPERTY, secret);
  return secret;
}

/** The signer tokens are created and verified with. */
export function linkSigner(): Sign {
  const secret = linkSecret();
  return (text: string) => base64UrlOfBytes(Utilities.computeHmacSha256Signature(text, secret));
}

/**
 * The base of decision links: Settings `WEB_APP_URL`, else the service URL when it is the `/exec`
 * one; never a `/dev` URL (src/core/approvals/web-app-url.ts says why).
 * https://developers.google.com/apps-script/reference/script/service#getUrl()
 */
export function decisionLinkBase(configured: string): LinkBase {
  return linkBase(configured, ScriptApp.getService().getUrl());
}

/** The web app's `/exec` URL, or null when none is known (see decisionLinkBase). */
export function webAppUrl(configured: string): string | null {
  return decisionLinkBase(configured).url;
}

/** The link an approval email carries: the web app with the token as `?t=`. */
export function decisionUrl(token: string, base: string | null): string | null {
  return base === null ? null : `${base}${base.includes("?") ? "&" : "?"}t=${encodeURIComponent(token)}`;
}
