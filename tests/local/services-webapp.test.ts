/**
 * The local web app: requests to /exec become the documented `doGet(e)` / `doPost(e)` event, and
 * what the bundle returns (HtmlOutput / TextOutput) is what the browser receives.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/local/clock";
import { Realm, ServiceCounter } from "../../src/local/emulation";
import type { ServiceEnv } from "../../src/local/services/env";
import { createHtmlService } from "../../src/local/services/html";
import { startWebApp, type WebAppEvent, type WebAppHandle, type WebReply } from "../../src/local/webapp";

function makeEnv(): ServiceEnv {
  return {
    counter: new ServiceCounter(),
    realm: new Realm(vm.createContext({})),
    clock: new SimulatedClock(Date.UTC(2024, 4, 1)),
    scriptTimeZone: "Asia/Shanghai",
    session: { activeUserEmail: "", effectiveUserEmail: "owner@example.com" },
    outDir: fs.mkdtempSync(path.join(os.tmpdir(), "mo-webapp-")),
  };
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(url: string, method: "GET" | "POST" | "PUT", body?: string, contentType?: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: contentType ? { "content-type": contentType } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

let server: WebAppHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A web app whose doGet/doPost echo the event as JSON through ContentService, as the guide's example does. */
async function echoServer(): Promise<{ events: [string, WebAppEvent][]; handle: WebAppHandle }> {
  const { ContentService, html } = createHtmlService(makeEnv());
  const events: [string, WebAppEvent][] = [];
  const handle = await startWebApp({
    port: 0,
    maxBodyBytes: 64,
    handle: (kind, event): WebReply => {
      events.push([kind, event]);
      return html.reply(ContentService.createTextOutput(JSON.stringify(event)).setMimeType(ContentService.MimeType.JSON));
    },
  });
  return { events, handle };
}

describe("local web app", () => {
  it("gives doGet the documented event: queryString, parameter (first values), parameters, contextPath, contentLength -1, pathInfo", async () => {
    const { events, handle } = await echoServer();
    server = handle;
    expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/exec$/);

    const res = await request(`${handle.url}/approve/REQ-42?token=a%2Bb&n=1&n=2`, "GET");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    const expected = {
      queryString: "token=a%2Bb&n=1&n=2",
      parameter: { token: "a+b", n: "1" },
      parameters: { token: ["a+b"], n: ["1", "2"] },
      contextPath: "",
      contentLength: -1,
      pathInfo: "approve/REQ-42",
    };
    expect(JSON.parse(res.body)).toEqual(expected);
    expect(events).toEqual([["doGet", expected]]);

    const bare = JSON.parse((await request(handle.url, "GET")).body) as WebAppEvent;
    expect(bare.queryString).toBeNull();
    expect(bare).not.toHaveProperty("pathInfo");
  });

  it("gives doPost postData, and merges a form-encoded body into the parameters", async () => {
    const { events, handle } = await echoServer();
    server = handle;

    await request(`${handle.url}?via=link`, "POST", "decision=approve&comment=%E5%90%8C%E6%84%8F", "application/x-www-form-urlencoded; charset=UTF-8");
    await request(handle.url, "POST", '{"id":"REQ-42"}', "application/json");

    const [form, json] = events.map(([, e]) => e);
    expect(events.map(([kind]) => kind)).toEqual(["doPost", "doPost"]);
    expect(form).toMatchObject({
      queryString: "via=link",
      parameter: { via: "link", decision: "approve", comment: "同意" },
      parameters: { via: ["link"], decision: ["approve"], comment: ["同意"] },
      contentLength: 43,
      postData: { length: 43, type: "application/x-www-form-urlencoded", contents: "decision=approve&comment=%E5%90%8C%E6%84%8F", name: "postData" },
    });
    expect(json).toMatchObject({ parameter: {}, contentLength: 15, postData: { type: "application/json", contents: '{"id":"REQ-42"}', length: 15 } });
  });

  it("serves nothing but /exec, refuses other methods and oversized bodies", async () => {
    const { events, handle } = await echoServer();
    server = handle;
    const root = handle.url.replace(/\/exec$/, "");
    expect((await request(`${root}/`, "GET")).status).toBe(404);
    expect((await request(`${root}/execute`, "GET")).status).toBe(404);
    expect((await request(handle.url, "PUT")).status).toBe(405);
    expect((await request(handle.url, "POST", "x".repeat(65), "text/plain")).status).toBe(413);
    expect(events).toEqual([]);
  });

  it("serves an HtmlOutput as a page with its title and meta tags, and says so when doGet returns nothing", () => {
    const { HtmlService, html } = createHtmlService(makeEnv());
    const page = HtmlService.createHtmlOutput("<p>审批</p>")
      .append("<p>REQ-42</p>")
      .appendUntrusted("<script>x</script>")
      .setTitle("审批 / Approve")
      .addMetaTag("viewport", "width=device-width, initial-scale=1")
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL);
    const reply = html.reply(page);
    expect(reply.contentType).toBe("text/html; charset=utf-8");
    expect(reply.title).toBe("审批 / Approve");
    expect(reply.headers).toEqual({});
    expect(reply.body).toContain("<title>审批 / Approve</title>");
    expect(reply.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(reply.body).toContain("<p>审批</p><p>REQ-42</p>&lt;script&gt;x&lt;/script&gt;");
    expect(() => page.addMetaTag("refresh", "0")).toThrow("Invalid argument: name");
    expect(() => (HtmlService as unknown as { createTemplateFromFile(f: string): unknown }).createTemplateFromFile("Index")).toThrow(
      "not emulated: HtmlService.createTemplateFromFile",
    );
    expect(html.reply(undefined).body).toContain("The script completed but did not return anything.");
  });
});
