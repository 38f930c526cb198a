/**
 * What breaks or misbehaves on Google that the local host used to hide (issue 10, items 1 and
 * 6–12): each test makes the host behave as Google documents it does, then drives the bundle the
 * way people would. Each host here is fresh: these tests change how the host behaves.
 */
import { describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import type { LocalHost } from "../../src/local/host";
import { openHost } from "./helpers";
import { formAnswers, formTitle, newestRequest, REQUESTS, rowsOf } from "./approvals-helpers";

const SALES = "kong.linghui@example.com";

async function installed(host: LocalHost): Promise<void> {
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
}

describe("issue 10 item 1: the responses tab appears after the Build-forms run that linked its form", () => {
  it("a submission to a tab the map never saw is resolved from its form URL and applied; the next Build forms run repairs the map", async () => {
    const host = await openHost();
    try {
      await installed(host);
      host.forms.delayResponseSheets(true);
      await host.clickMenu("buildForms");
      host.forms.delayResponseSheets(false);
      const map = () => JSON.parse(host.services.controllers.properties.snapshot("document").APPROVAL_FORM_SHEETS ?? "{}") as Record<string, string>;
      // The tabs were not visible to the run that linked the forms: nothing mapped.
      expect(Object.keys(map())).toHaveLength(0);
      await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", ANSWERS.stock_transfer), { as: SALES });
      const request = newestRequest(host, SALES);
      expect(request.Type).toBe("stock_transfer");
      expect(request.Status).toBe("pending");
      expect(Object.values(map())).toEqual(["stock_transfer"]);
      await host.clickMenu("buildForms");
      const types = Object.values(map()).sort();
      expect(types.length).toBeGreaterThan(5);
      expect(types).toContain("rebate_calc");
      expect(rowsOf(host, REQUESTS)).toHaveLength(1);
    } finally {
      host.close();
    }
  }, 120_000);
});

describe("issue 10 item 12: new forms", () => {
  it("require sign-in and a verified email, are published, and never give a dropdown an empty choice list", async () => {
    const host = await openHost();
    try {
      await host.clickMenu("installOrUpgrade");
      // Before the demo data: People, Customers, Promotions … are empty, so every source dropdown is.
      await host.clickMenu("buildForms");
      const forms = host.forms.forms();
      expect(forms.length).toBeGreaterThan(5);
      for (const form of forms) {
        expect(form.requireLogin, form.title).toBe(true);
        expect(form.emailCollection, form.title).toBe("VERIFIED");
        expect(form.published, form.title).toBe(true);
        for (const item of form.items.filter((i) => i.type === "LIST" || i.type === "MULTIPLE_CHOICE")) expect(item.choices.length, `${form.title}: ${item.title}`).toBeGreaterThan(0);
      }
      // An anonymous respondent is refused by the form itself.
      await expect(host.submitForm(formTitle("stock_transfer"), {}, { as: "" })).rejects.toThrow(/requires signing in/);
      // Once People has rows, the next run replaces the placeholder with them.
      await host.clickMenu("loadDemoData");
      await host.clickMenu("buildForms");
      const stock = host.forms.find(formTitle("stock_transfer"));
      const people = stock?.items.find((i) => i.type === "LIST" && i.choices.some((c) => c.includes("@") || c.includes("·")));
      expect(people?.choices.some((c) => c.includes("暂无可选项"))).toBe(false);
    } finally {
      host.close();
    }
  }, 120_000);

  it("on a consumer account, where sign-in and verified email are not allowed, the forms still build and the run says why", async () => {
    const host = await openHost();
    try {
      host.forms.setConsumerAccount(true);
      await host.clickMenu("installOrUpgrade");
      const report = await host.run<{ notices: string[] }>("buildForms");
      expect(report.value.notices.join("\n")).toContain("cannot require sign-in");
      expect(report.value.notices.join("\n")).toContain("cannot collect verified emails");
      expect(host.forms.forms().every((f) => f.collectEmail && f.published === true)).toBe(true);
      expect(host.spreadsheet.toasts.some((t) => t.message.includes("cannot require sign-in"))).toBe(true);
    } finally {
      host.close();
    }
  }, 120_000);
});
