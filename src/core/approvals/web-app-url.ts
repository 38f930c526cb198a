/**
 * Where decision links point: the web app's deployment URL, which ends in `/exec`. Apps Script's
 * service URL (Service.getUrl, which the Apps Script host passes in) may give the `/dev` (test deployment) URL, which only editors of
 * the script can open (https://developers.google.com/apps-script/guides/web#test_a_web_app_deployment),
 * so a link is never built from it: the Settings value `WEB_APP_URL` (set once after deploying) is
 * used, else the service URL when it is an `/exec` one, else no link and the reason why.
 * https://developers.google.com/apps-script/reference/script/service#getUrl()
 */
import type { Bilingual } from "../i18n";

export type LinkBase = { readonly url: string; readonly reason?: undefined } | { readonly url: null; readonly reason: Bilingual };

const EXEC = /^https?:\/\/[^\s?#]+\/exec$/;

/**
 * The base of every decision link, from Settings `WEB_APP_URL` and the service URL.
 * @example linkBase("", "https://script.google.com/macros/s/ID/dev") → { url: null, reason: … "/dev" … }
 * @example linkBase("https://script.google.com/macros/s/ID/exec", null) → { url: "https://script.google.com/macros/s/ID/exec" }
 */
export function linkBase(configured: string, serviceUrl: string | null): LinkBase {
  const set = configured.trim();
  if (set !== "") {
    if (EXEC.test(set)) return { url: set };
    return {
      url: null,
      reason: {
        zh: `设置 WEB_APP_URL 不是网络应用的 /exec 地址(${set}),邮件中不附审批链接;请填写部署后显示的「网络应用」网址`,
        en: `Settings WEB_APP_URL is not the web app's /exec URL (${set}); emails carry no decision link until it is the Web app URL shown after deploying`,
      },
    };
  }
  const service = (serviceUrl ?? "").trim();
  if (EXEC.test(service)) return { url: service };
  if (service !== "") {
    return {
      url: null,
      reason: {
        zh: `只知道测试部署网址(${service}),只有脚本编辑者能打开;请在设置 WEB_APP_URL 填写 /exec 网址,邮件才附审批链接`,
        en: `Only the test deployment URL is known (${service}), which only the script's editors can open; set Settings WEB_APP_URL to the /exec URL for emails to carry decision links`,
      },
    };
  }
  return {
    url: null,
    reason: { zh: "脚本尚未部署为网络应用,邮件中不附审批链接;部署后在设置 WEB_APP_URL 填写 /exec 网址", en: "The script is not deployed as a web app, so emails carry no decision link; deploy it and set Settings WEB_APP_URL to its /exec URL" },
  };
}
