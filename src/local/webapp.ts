/**
 * The local web app: an HTTP server on 127.0.0.1 that turns requests to `/exec` (and
 * `/exec/<pathInfo>`) into the event object Google passes to `doGet(e)` / `doPost(e)`
 * (https://developers.google.com/apps-script/guides/web#request_parameters) and sends back what the
 * host's handler returns; and, when the host models it, the calls pages make through
 * `google.script.run` (POST `/google.script.run/<function>`, see `SCRIPT_RUN_PATH`). Everything else is 404. Only loopback is ever bound: the local host holds
 * a real workbook and has no login, so it must not be reachable from the network. Request bodies
 * over `maxBodyBytes` are refused with 413.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** `e.postData` of a POST request. */
export interface WebAppPostData {
  readonly length: number;
  /** The MIME type of the body, without parameters such as `charset`. */
  readonly type: string;
  readonly contents: string;
  readonly name: "postData";
}

/** The `e` of `doGet(e)` / `doPost(e)`, as documented on https://developers.google.com/apps-script/guides/web. */
export interface WebAppEvent {
  /** The query string, or null when the URL has none. */
  readonly queryString: string | null;
  /** First value of each parameter. */
  readonly parameter: Readonly<Record<string, string>>;
  /** Every value of each parameter. */
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  /** "Not used, always the empty string." */
  readonly contextPath: "";
  /** Length of the request body for POST, -1 for GET. */
  readonly contentLength: number;
  /** The URL path after `/exec/`; absent when there is none. */
  readonly pathInfo?: string;
  readonly postData?: WebAppPostData;
}

/** What the host answers for one request (built from the HtmlOutput / TextOutput the bundle returned). */
export interface WebReply {
  readonly contentType: string;
  readonly body: string;
  readonly title?: string;
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export type WebAppEntryPoint = "doGet" | "doPost";

export interface WebRequestInfo {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface WebAppOptions {
  /** 0 picks a free port; read the real one from the handle. */
  readonly port: number;
  /** Only loopback is allowed. */
  readonly host?: "127.0.0.1";
  /** Largest accepted request body in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  handle(kind: WebAppEntryPoint, event: WebAppEvent, request: WebRequestInfo): WebReply | Promise<WebReply>;
  /**
   * A page's `google.script.run.<functionName>(...args)` call (the client script the host puts in
   * served pages posts it here as JSON `{ args }`): resolves with the function's return value, or
   * rejects with the error the page's failure handler gets. Absent: the path is 404.
   */
  readonly scriptRun?: (functionName: string, args: unknown[], request: WebRequestInfo) => Promise<unknown>;
  /** Called once per request when its reply has been sent (the CLI's `serve` prints one line each). */
  readonly onRequest?: (line: WebRequestLine) => void;
}

/** One request as a log line shows it: the query's values are left out (a link's token is a secret). */
export interface WebRequestLine {
  readonly method: string;
  /** The path with the query's names only, e.g. `/exec?t=…&d=…`. */
  readonly path: string;
  readonly status: number;
  /** Real milliseconds from the request's arrival to the end of its reply. */
  readonly ms: number;
}

/** `/exec?t=abc&d=approve` → `/exec?t=…&d=…`. */
export function redactedPath(rawUrl: string): string {
  const url = new URL(rawUrl, "http://127.0.0.1");
  const names = [...url.searchParams.keys()];
  return names.length ? `${url.pathname}?${names.map((n) => `${n}=…`).join("&")}` : url.pathname;
}

export interface WebAppHandle {
  /** `http://127.0.0.1:<port>/exec` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Where the page's `google.script.run` client posts its calls (see `scriptRunClient`). */
export const SCRIPT_RUN_PATH = "/google.script.run/";

/**
 * The client half of `google.script.run` for pages the local web app serves, put first in their
 * head. Apps Script serves every HtmlService page with `google.script.run` defined: any top-level
 * server function can be called on it (asynchronously); `withSuccessHandler(fn)`,
 * `withFailureHandler(fn)` and `withUserObject(obj)` each return a runner with that handler set; a
 * success handler gets the function's return value and the user object, a failure handler an
 * Error with the server's message and the user object; a form element passed as a parameter becomes
 * an object of its fields' names and values.
 * https://developers.google.com/apps-script/guides/html/reference/run
 * Here each call is a POST of `{ args }` as JSON to `SCRIPT_RUN_PATH` + the function's name, and the
 * reply is `{ ok: true, value }` or `{ ok: false, message }`.
 */
export function scriptRunClient(): string {
  return (
    "<script>(function(){" +
    "function plain(v){if(v&&v.tagName==='FORM'){var o={};for(var i=0;i<v.elements.length;i++){var el=v.elements[i];" +
    "if(!el.name||el.disabled||el.type==='submit'||el.type==='button'||el.type==='file')continue;if((el.type==='checkbox'||el.type==='radio')&&!el.checked)continue;o[el.name]=el.value;}return o;}return v;}" +
    "function runner(ok,fail,user){var base={withSuccessHandler:function(f){return runner(f,fail,user);},withFailureHandler:function(f){return runner(ok,f,user);},withUserObject:function(u){return runner(ok,fail,u);}};" +
    "return new Proxy(base,{get:function(t,name){if(name in t)return t[name];if(typeof name!=='string')return undefined;return function(){" +
    "var args=Array.prototype.map.call(arguments,plain);" +
    "fetch('" + SCRIPT_RUN_PATH + "'+encodeURIComponent(name),{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({args:args})})" +
    ".then(function(r){return r.json();}).then(function(r){if(r.ok){if(ok)ok(r.value,user);}else if(fail)fail(new Error(r.message),user);}," +
    "function(e){if(fail)fail(e,user);});};}});}" +
    "window.google=window.google||{};google.script=google.script||{};google.script.run=runner(null,null,undefined);" +
    "})();</script>"
  );
}

/** Splits a query string into `e.parameter` / `e.parameters` form, appending to `into`. */
function addParameters(into: Map<string, string[]>, query: string): void {
  for (const [key, value] of new URLSearchParams(query)) {
    const list = into.get(key);
    if (list) list.push(value);
    else into.set(key, [value]);
  }
}

/** The event object for one request; exported so tests and the host can build events without a socket. */
export function webAppEvent(method: "GET" | "POST", rawUrl: string, body: Buffer | null, contentType: string | undefined): WebAppEvent {
  const url = new URL(rawUrl, "http://127.0.0.1");
  const rawQuery = rawUrl.includes("?") ? rawUrl.slice(rawUrl.indexOf("?") + 1).split("#")[0] ?? "" : null;
  const params = new Map<string, string[]>();
  if (rawQuery) addParameters(params, rawQuery);
  const pathInfo = url.pathname.replace(/^\/exec\/?/, "");
  const mime = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  let postData: WebAppPostData | undefined;
  if (method === "POST") {
    const contents = (body ?? Buffer.alloc(0)).toString("utf8");
    postData = { length: body?.length ?? 0, type: mime || "application/octet-stream", contents, name: "postData" };
    // Form posts are also exposed as parameters, after the query string's.
    if (mime === "application/x-www-form-urlencoded") addParameters(params, contents);
  }
  return {
    queryString: rawQuery,
    parameter: Object.fromEntries([...params].map(([k, v]) => [k, v[0] ?? ""])),
    parameters: Object.fromEntries(params),
    contextPath: "",
    contentLength: method === "POST" ? (body?.length ?? 0) : -1,
    ...(pathInfo ? { pathInfo: decodeURIComponent(pathInfo) } : {}),
    ...(postData ? { postData } : {}),
  };
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      if (!over) chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendText(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(text);
}

export async function startWebApp(options: WebAppOptions): Promise<WebAppHandle> {
  const host = options.host ?? "127.0.0.1";
  if (host !== "127.0.0.1") throw new Error(`the local web app binds to 127.0.0.1 only, not ${String(host)}`);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const server = http.createServer((req, res) => {
    const started = Date.now();
    if (options.onRequest) {
      const onRequest = options.onRequest;
      res.once("finish", () => onRequest({ method: req.method ?? "GET", path: redactedPath(req.url ?? "/"), status: res.statusCode, ms: Date.now() - started }));
    }
    void (async () => {
      const rawUrl = req.url ?? "/";
      const pathname = new URL(rawUrl, "http://127.0.0.1").pathname;
      if (options.scriptRun && pathname.startsWith(SCRIPT_RUN_PATH) && req.method === "POST") {
        const read = await readBody(req, maxBodyBytes);
        if (read === "too-large") {
          sendText(res, 413, `Request body over ${maxBodyBytes} bytes`);
          return;
        }
        let args: unknown[] = [];
        try {
          const parsed = JSON.parse(read.toString("utf8")) as { args?: unknown };
          if (Array.isArray(parsed.args)) args = parsed.args;
        } catch {
          sendText(res, 400, "Bad google.script.run request");
          return;
        }
        const name = decodeURIComponent(pathname.slice(SCRIPT_RUN_PATH.length));
        const info: WebRequestInfo = { method: "POST", url: rawUrl, headers: req.headers };
        let body: string;
        try {
          body = JSON.stringify({ ok: true, value: (await options.scriptRun(name, args, info)) ?? null });
        } catch (error) {
          body = JSON.stringify({ ok: false, message: error instanceof Error ? error.message : String(error) });
        }
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(body);
        return;
      }
      if (pathname !== "/exec" && !pathname.startsWith("/exec/")) {
        sendText(res, 404, "Not found");
        return;
      }
      const method = req.method ?? "GET";
      if (method !== "GET" && method !== "POST") {
        sendText(res, 405, "Method not allowed", { allow: "GET, POST" });
        return;
      }
      let body: Buffer | null = null;
      if (method === "POST") {
        const declared = Number(req.headers["content-length"] ?? "0");
        if (declared > maxBodyBytes) {
          sendText(res, 413, `Request body over ${maxBodyBytes} bytes`, { connection: "close" });
          req.destroy();
          return;
        }
        const read = await readBody(req, maxBodyBytes);
        if (read === "too-large") {
          sendText(res, 413, `Request body over ${maxBodyBytes} bytes`);
          return;
        }
        body = read;
      }
      const event = webAppEvent(method, rawUrl, body, req.headers["content-type"]);
      const info: WebRequestInfo = { method, url: rawUrl, headers: req.headers };
      const reply = await options.handle(method === "GET" ? "doGet" : "doPost", event, info);
      res.writeHead(reply.status ?? 200, { "content-type": reply.contentType, ...(reply.headers ?? {}) });
      res.end(reply.body);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, error instanceof Error ? error.message : String(error));
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/exec`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
