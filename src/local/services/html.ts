/**
 * HtmlService and ContentService for the local host: the HtmlOutput / TextOutput objects a web app's
 * `doGet` / `doPost` returns, and the controller that turns one into the reply the local web app
 * server sends (a page with the output's title, meta tags and favicon, or text with its MIME type).
 * Templates (`createTemplate`, `createTemplateFromFile`, `createHtmlOutputFromFile`) are not
 * emulated: MarketOps renders its pages in its own code (src/render) and passes finished HTML.
 */
import { emulated } from "../emulation";
import type { WebReply } from "../webapp";
import type { ServiceEnv } from "./env";
import { withHead } from "./page";
import { escapeHtml, invalidArgument, realmArray, stringOf } from "./values";

export type XFrameOptionsModeName = "ALLOWALL" | "DEFAULT";
export type SandboxModeName = "EMULATED" | "IFRAME" | "NATIVE";
export type MimeTypeName = "ATOM" | "CSV" | "ICAL" | "JAVASCRIPT" | "JSON" | "RSS" | "TEXT" | "VCARD" | "XML";

export interface HtmlOutputMetaTagObject {
  getContent(): string;
  getName(): string;
}

export interface HtmlOutputObject {
  addMetaTag(name: unknown, content: unknown): HtmlOutputObject;
  append(addedContent: unknown): HtmlOutputObject;
  appendUntrusted(addedContent: unknown): HtmlOutputObject;
  clear(): HtmlOutputObject;
  getContent(): string;
  getFaviconUrl(): string | null;
  getHeight(): number;
  getMetaTags(): HtmlOutputMetaTagObject[];
  getTitle(): string;
  getWidth(): number;
  setContent(content: unknown): HtmlOutputObject;
  setFaviconUrl(iconUrl: unknown): HtmlOutputObject;
  setHeight(height: unknown): HtmlOutputObject;
  setSandboxMode(mode: unknown): HtmlOutputObject;
  setTitle(title: unknown): HtmlOutputObject;
  setWidth(width: unknown): HtmlOutputObject;
  setXFrameOptionsMode(mode: unknown): HtmlOutputObject;
}

export interface TextOutputObject {
  append(addedContent: unknown): TextOutputObject;
  clear(): TextOutputObject;
  downloadAsFile(filename: unknown): TextOutputObject;
  getContent(): string;
  getFileName(): string | null;
  getMimeType(): MimeTypeName;
  setContent(content: unknown): TextOutputObject;
  setMimeType(mimeType: unknown): TextOutputObject;
}

export interface HtmlServiceGlobal {
  readonly SandboxMode: Readonly<Record<SandboxModeName, SandboxModeName>>;
  readonly XFrameOptionsMode: Readonly<Record<XFrameOptionsModeName, XFrameOptionsModeName>>;
  createHtmlOutput(html?: unknown): HtmlOutputObject;
}

export interface ContentServiceGlobal {
  readonly MimeType: Readonly<Record<MimeTypeName, MimeTypeName>>;
  createTextOutput(content?: unknown): TextOutputObject;
}

export interface HtmlController {
  /**
   * The HTTP reply for what `doGet` / `doPost` returned: an HtmlOutput becomes a page, a TextOutput
   * its text with the chosen MIME type. Anything else gets the page Apps Script shows then.
   */
  reply(output: unknown): WebReply;
}

interface HtmlState {
  content: string;
  title: string;
  faviconUrl: string | null;
  metaTags: { name: string; content: string }[];
  xFrameOptions: XFrameOptionsModeName;
  width: number;
  height: number;
}

interface TextState {
  content: string;
  mimeType: MimeTypeName;
  fileName: string | null;
}

/** Only these may be added: https://developers.google.com/apps-script/reference/html/html-output#addMetaTag(String,String) */
const ALLOWED_META = new Set(["apple-mobile-web-app-capable", "google-site-verification", "mobile-web-app-capable", "viewport"]);

/** Content types served for each ContentService.MimeType (https://developers.google.com/apps-script/reference/content/mime-type). */
const CONTENT_TYPES: Readonly<Record<MimeTypeName, string>> = {
  ATOM: "application/atom+xml",
  CSV: "text/csv",
  ICAL: "text/calendar",
  JAVASCRIPT: "application/javascript",
  JSON: "application/json",
  RSS: "application/rss+xml",
  TEXT: "text/plain",
  VCARD: "text/vcard",
  XML: "application/xml",
};

/** The page Apps Script serves when doGet/doPost returns neither an HtmlOutput nor a TextOutput. */
const NOTHING_RETURNED = "The script completed but did not return anything.";

function enumOf<T extends string>(env: ServiceEnv, className: string, names: readonly T[]): Readonly<Record<T, T>> {
  return emulated(className, Object.fromEntries(names.map((n) => [n, n])) as Record<T, T>, env.counter);
}

function textArg(value: unknown): string {
  return value === undefined || value === null ? "" : stringOf(value);
}

export function createHtmlService(env: ServiceEnv): { HtmlService: HtmlServiceGlobal; ContentService: ContentServiceGlobal; html: HtmlController } {
  const htmlStates = new WeakMap<object, HtmlState>();
  const textStates = new WeakMap<object, TextState>();

  function metaTag(name: string, content: string): HtmlOutputMetaTagObject {
    return emulated(
      "HtmlOutputMetaTag",
      {
        // https://developers.google.com/apps-script/reference/html/html-output-meta-tag#getContent()
        getContent: (): string => content,
        // https://developers.google.com/apps-script/reference/html/html-output-meta-tag#getName()
        getName: (): string => name,
      },
      env.counter,
    );
  }

  function htmlOutput(initial: string): HtmlOutputObject {
    const state: HtmlState = { content: initial, title: "", faviconUrl: null, metaTags: [], xFrameOptions: "DEFAULT", width: 600, height: 400 };
    const self: HtmlOutputObject = emulated(
      "HtmlOutput",
      {
        // https://developers.google.com/apps-script/reference/html/html-output#addMetaTag(String,String)
        addMetaTag(name: unknown, content: unknown): HtmlOutputObject {
          const n = textArg(name);
          if (!ALLOWED_META.has(n)) throw invalidArgument("name");
          state.metaTags.push({ name: n, content: textArg(content) });
          return self;
        },
        // https://developers.google.com/apps-script/reference/html/html-output#append(String)
        append(addedContent: unknown): HtmlOutputObject {
          state.content += textArg(addedContent);
          return self;
        },
        // https://developers.google.com/apps-script/reference/html/html-output#appendUntrusted(String)
        appendUntrusted(addedContent: unknown): HtmlOutputObject {
          state.content += escapeHtml(textArg(addedContent));
          return self;
        },
        // https://developers.google.com/apps-script/reference/html/html-output#clear()
        clear(): HtmlOutputObject {
          state.content = "";
          return self;
        },
        // https://developers.google.com/apps-script/reference/html/html-output#getContent()
        getContent: (): string => state.content,
        // https://developers.google.com/apps-script/reference/html/html-output#getFaviconUrl()
        getFaviconUrl: (): string | null => state.faviconUrl,
        // https://developers.google.com/apps-script/reference/html/html-output#getHeight()
        getHeight: (): number => state.height,
        // https://developers.google.com/apps-script/reference/html/html-output#getMetaTags()
        getMetaTags: (): HtmlOutputMetaTagObject[] => realmArray(env, state.metaTags.map((m) => metaTag(m.name, m.content))),
        // https://developers.google.com/apps-script/reference/html/html-output#getTitle()
        getTitle: (): string => state.title,
        // https://developers.google.com/apps-script/reference/html/html-output#getWidth()
        getWidth: (): number => state.width,
        // https://developers.google.com/apps-script/reference/html/html-output#setContent(String)
        setContent(content: unknown): HtmlOutputObject {
          state.content = textArg(content);
          return self;
        },
        // https://developers.google.com/apps-script/reference/html/html-output#setFaviconUrl(String)
        setFaviconUrl(iconUrl: unknown): HtmlOutputObject {
          state.faviconUrl = textArg(iconUrl);
          return self;
        },
        // https://developers.google.com/apps-script/reference/html/html-output#setHeight(Integer)
        setHeight(height: unknown): HtmlOutputObject {
          if (typeof height !== "number") throw invalidArgument("height");
          state.height = height;
          return self;
        },
        // https://developers.google.com/apps-script/reference/html/html-output#setSandboxMode(SandboxMode)
        // "This method now has no effect".
        setSandboxMode: (): HtmlOutputObject => self,
        // https://developers.google.com/apps-script/reference/html/html-output#setTitle(String)
        setTitle(title: unknown): HtmlOutputObject {
          state.title = textArg(title);
          return self;
        },
        // https://developers.google.com/apps-script/reference/html/html-output#setWidth(Integer)
        setWidth(width: unknown): HtmlOutputObject {
          if (typeof width !== "number") throw invalidArgument("width");
          state.width = width;
          return self;
        },
        // https://developers.google.com/apps-script/reference/html/html-output#setXFrameOptionsMode(XFrameOptionsMode)
        setXFrameOptionsMode(mode: unknown): HtmlOutputObject {
          if (mode !== "ALLOWALL" && mode !== "DEFAULT") throw invalidArgument("mode");
          state.xFrameOptions = mode;
          return self;
        },
      },
      env.counter,
    );
    htmlStates.set(self, state);
    return self;
  }

  function textOutput(initial: string): TextOutputObject {
    const state: TextState = { content: initial, mimeType: "TEXT", fileName: null };
    const self: TextOutputObject = emulated(
      "TextOutput",
      {
        // https://developers.google.com/apps-script/reference/content/text-output#append(String)
        append(addedContent: unknown): TextOutputObject {
          state.content += textArg(addedContent);
          return self;
        },
        // https://developers.google.com/apps-script/reference/content/text-output#clear()
        clear(): TextOutputObject {
          state.content = "";
          return self;
        },
        // https://developers.google.com/apps-script/reference/content/text-output#downloadAsFile(String)
        downloadAsFile(filename: unknown): TextOutputObject {
          state.fileName = textArg(filename);
          return self;
        },
        // https://developers.google.com/apps-script/reference/content/text-output#getContent()
        getContent: (): string => state.content,
        // https://developers.google.com/apps-script/reference/content/text-output#getFileName()
        getFileName: (): string | null => state.fileName,
        // https://developers.google.com/apps-script/reference/content/text-output#getMimeType()
        getMimeType: (): MimeTypeName => state.mimeType,
        // https://developers.google.com/apps-script/reference/content/text-output#setContent(String)
        setContent(content: unknown): TextOutputObject {
          state.content = textArg(content);
          return self;
        },
        // https://developers.google.com/apps-script/reference/content/text-output#setMimeType(MimeType)
        setMimeType(mimeType: unknown): TextOutputObject {
          const name = stringOf(mimeType) as MimeTypeName;
          if (!(name in CONTENT_TYPES)) throw invalidArgument("mimeType");
          state.mimeType = name;
          return self;
        },
      },
      env.counter,
    );
    textStates.set(self, state);
    return self;
  }

  const HtmlService: HtmlServiceGlobal = emulated(
    "HtmlService",
    {
      // https://developers.google.com/apps-script/reference/html/sandbox-mode
      SandboxMode: enumOf<SandboxModeName>(env, "SandboxMode", ["EMULATED", "IFRAME", "NATIVE"]),
      // https://developers.google.com/apps-script/reference/html/x-frame-options-mode
      XFrameOptionsMode: enumOf<XFrameOptionsModeName>(env, "XFrameOptionsMode", ["ALLOWALL", "DEFAULT"]),
      // https://developers.google.com/apps-script/reference/html/html-service#createHtmlOutput(String)
      createHtmlOutput(html?: unknown): HtmlOutputObject {
        if (html !== undefined && html !== null && typeof html !== "string") throw invalidArgument("html");
        return htmlOutput(textArg(html));
      },
    },
    env.counter,
  );

  const ContentService: ContentServiceGlobal = emulated(
    "ContentService",
    {
      // https://developers.google.com/apps-script/reference/content/mime-type
      MimeType: enumOf<MimeTypeName>(env, "MimeType", ["ATOM", "CSV", "ICAL", "JAVASCRIPT", "JSON", "RSS", "TEXT", "VCARD", "XML"]),
      // https://developers.google.com/apps-script/reference/content/content-service#createTextOutput(String)
      createTextOutput: (content?: unknown): TextOutputObject => textOutput(textArg(content)),
    },
    env.counter,
  );

  const html: HtmlController = {
    reply(output: unknown): WebReply {
      const key = output !== null && typeof output === "object" ? output : undefined;
      const page = key ? htmlStates.get(key) : undefined;
      if (page) {
        const head = [
          `<meta charset="utf-8">`,
          page.title ? `<title>${escapeHtml(page.title)}</title>` : "",
          ...page.metaTags.map((m) => `<meta name="${escapeHtml(m.name)}" content="${escapeHtml(m.content)}">`),
          page.faviconUrl ? `<link rel="icon" href="${escapeHtml(page.faviconUrl)}">` : "",
        ].join("");
        // https://developers.google.com/apps-script/reference/html/x-frame-options-mode:
        // ALLOWALL sets no X-Frame-Options header; DEFAULT keeps the usual protection.
        return {
          contentType: "text/html; charset=utf-8",
          body: withHead(page.content, head),
          ...(page.title ? { title: page.title } : {}),
          headers: page.xFrameOptions === "DEFAULT" ? { "x-frame-options": "SAMEORIGIN" } : {},
        };
      }
      const text = key ? textStates.get(key) : undefined;
      if (text) {
        return {
          contentType: `${CONTENT_TYPES[text.mimeType]}; charset=utf-8`,
          body: text.content,
          ...(text.fileName ? { headers: { "content-disposition": `attachment; filename="${text.fileName.replace(/["\\\r\n]/g, "_")}"` } } : {}),
        };
      }
      return { contentType: "text/html; charset=utf-8", body: withHead(`<p>${NOTHING_RETURNED}</p>`, `<meta charset="utf-8">`) };
    },
  };

  return { HtmlService, ContentService, html };
}
