/**
 * The forms of every request type and the reading of their answers: what the installer builds,
 * typed values from what people submit, and bilingual problems that name the question (and the
 * responses sheet's cell) for every bad answer, including the rules across answers of WF-05.3,
 * SC-54 and the rest. Nothing typed is lost: a bad answer is kept as typed.
 */
import { describe, expect, it } from "vitest";
import { choiceKey, choiceText, formItem, questionTitle, readAnswer } from "../../../src/core/approvals/questions";
import type { Question } from "../../../src/core/approvals/questions";
import { formQuestions, REQUEST_TYPES } from "../../../src/core/approvals/request-types";
import { answersFromForm, nextRequestId, parseSubmission } from "../../../src/core/approvals/submission";
import { ANSWERS, ZONE, at } from "./fixtures";

const ctx = { now: at("2026-11-02"), timeZone: ZONE, appealDays: 7 };

describe("the forms", () => {
  it("covers the request types of the Requests sheet (the close's monthly_appraisal and the annual sign-off have no form, SC-57), each with a title first and the revision reference last", () => {
    expect(REQUEST_TYPES.map((t) => t.key)).toEqual([
      "regional_plan", "promotion_plan", "promotion_summary", "stock_transfer", "exchange", "return",
      "rebate_policy", "rebate_calc", "expense_budget", "dealer_target", "distribution_agreement", "process_change", "appeal",
      "monthly_appraisal", "annual_appraisal", "annual_plan",
    ]);
    expect(REQUEST_TYPES.filter((t) => t.formless).map((t) => t.key)).toEqual(["monthly_appraisal", "annual_appraisal"]);
    for (const t of REQUEST_TYPES) {
      const qs = formQuestions(t.key);
      expect(qs[0]?.key).toBe("title");
      expect(qs[qs.length - 1]?.key).toBe("revises");
      expect(new Set(qs.map((q) => q.key)).size).toBe(qs.length);
      expect(t.label.zh).not.toBe(t.key);
    }
  });

  it("turns questions into Forms items: bilingual titles, number validation, dates, sheet-filled lists, fixed choices", () => {
    const qs = formQuestions("stock_transfer");
    const byKey = (k: string): Question => qs.find((q) => q.key === k) as Question;
    expect(formItem(byKey("quantity"))).toMatchObject({ type: "TEXT", title: "申请调货数量 / Quantity to transfer", required: true, validation: { rule: "numberGreaterThanOrEqualTo", a: 1 } });
    expect(formItem(byKey("product_sku"))).toMatchObject({ type: "LIST", source: "products", choices: [] });
    expect(formItem(byKey("reason"))).toMatchObject({ type: "PARAGRAPH_TEXT", validation: { rule: "lengthLessThanOrEqualTo", a: 2000 } });
    const promo = formQuestions("promotion_plan").find((q) => q.key === "start_on") as Question;
    expect(formItem(promo)).toMatchObject({ type: "DATE" });
    const cross = formQuestions("process_change").find((q) => q.key === "cross_department") as Question;
    expect(formItem(cross)).toMatchObject({ type: "MULTIPLE_CHOICE", choices: ["是 / Yes", "否 / No"] });
    const score = formQuestions("dealer_target").find((q) => q.key === "credit_score") as Question;
    expect(formItem(score).validation).toMatchObject({ rule: "numberBetween", a: 0, b: 100 });
  });

  it("fills sheet lists as `key · name` and reads the key back", () => {
    expect(choiceText("EAST", "华东 East")).toBe("EAST · 华东 East");
    expect(choiceKey("EAST · 华东 East")).toBe("EAST");
    expect(choiceKey("SKU-001")).toBe("SKU-001");
  });
});

describe("reading answers", () => {
  const money: Question = { key: "amount", title: { zh: "金额", en: "Amount" }, kind: "money", required: true, min: 0 };
  it("reads money with separators and a currency sign", () => {
    expect(readAnswer(money, "¥1,250,000.50").value).toBe(1250000.5);
    expect(readAnswer(money, "3600 元").value).toBe(3600);
    expect(readAnswer(money, 12).value).toBe(12);
  });

  it("keeps a bad answer as typed, with a problem naming the question in both languages", () => {
    const read = readAnswer(money, "一万二", {}, { sheet: "Form Responses 1", row: 7 });
    expect(read.value).toBeNull();
    expect(read.typed).toBe("一万二");
    expect(read.problem).toEqual({
      code: "ANSWER_NOT_NUMBER",
      text: { zh: "「金额」须为数字,收到「一万二」", en: "\"Amount\" must be a number, got \"一万二\"" },
      question: "amount",
      at: { sheet: "Form Responses 1", row: 7, column: "金额 / Amount" },
    });
  });

  it("reads dates in ISO or slashed form and refuses impossible ones", () => {
    const date: Question = { key: "d", title: { zh: "日期", en: "Date" }, kind: "date", required: true };
    expect(readAnswer(date, "2026/3/5").value).toBe("2026-03-05");
    expect(readAnswer(date, "2026-02-30").problem?.code).toBe("ANSWER_NOT_DATE");
  });

  it("checks a key against its sheet when the sheet's keys are known", () => {
    const product = formQuestions("stock_transfer").find((q) => q.key === "product_sku") as Question;
    expect(readAnswer(product, "SKU-001 · 白酒礼盒", { products: new Set(["SKU-001"]) }).value).toBe("SKU-001");
    const unknown = readAnswer(product, "SKU-999", { products: new Set(["SKU-001"]) });
    expect(unknown.problem?.code).toBe("ANSWER_UNKNOWN_REF");
    expect(unknown.problem?.text.en).toBe("\"Product\": \"SKU-999\" is not in the Products sheet; add it there first or pick another");
  });

  it("reads yes/no in either language and fixed choices by label or value", () => {
    const cross = formQuestions("process_change").find((q) => q.key === "cross_department") as Question;
    expect(readAnswer(cross, "是 / Yes").value).toBe(true);
    expect(readAnswer(cross, "No").value).toBe(false);
    const periodType = formQuestions("regional_plan").find((q) => q.key === "period_type") as Question;
    expect(readAnswer(periodType, "Quarterly").value).toBe("quarter");
    expect(readAnswer(periodType, "weekly").problem?.code).toBe("ANSWER_NOT_CHOICE");
  });
});

describe("every request type parses its valid answers", () => {
  it.each(REQUEST_TYPES.map((t) => t.key))("%s", (type) => {
    const { draft, problems } = parseSubmission(type, ANSWERS[type], ctx);
    expect(problems).toEqual([]);
    expect(draft.title).toBe(ANSWERS[type].title);
  });

  it("carries the amount and the region used by routing conditions", () => {
    const { draft } = parseSubmission("rebate_calc", ANSWERS.rebate_calc, ctx);
    expect(draft.amount).toBe(37500);
    expect(draft.region).toBe("EAST");
    expect(draft.fields.purchase_total).toBe(1250000);
  });
});

describe("bad answers become problems to fix (needs fixing), never a lost response", () => {
  function problems(type: Parameters<typeof parseSubmission>[0], change: Record<string, string>): string[] {
    return parseSubmission(type, { ...ANSWERS[type], ...change }, ctx).problems.map((p) => `${p.question}:${p.code}`);
  }

  it("a required answer left blank", () => {
    expect(problems("stock_transfer", { reason: " " })).toEqual(["reason:ANSWER_REQUIRED"]);
  });

  it("WF-05.3 stock transfer: stock that meets demand and safety stock does not warrant a transfer", () => {
    const result = parseSubmission("stock_transfer", { ...ANSWERS.stock_transfer, on_hand_qty: "2000" }, ctx);
    expect(result.problems[0]?.text.zh).toContain("库存 2000 既不少于需求 1200,也不低于安全库存 500");
    expect(problems("stock_transfer", { to_location: "武汉仓" })).toEqual(["to_location:SAME_LOCATION"]);
  });

  it("SC-54 appeal: within 7 days of publication (AMB-34), not before it", () => {
    expect(problems("appeal", { published_on: "2026-10-26" })).toEqual([]);
    const late = parseSubmission("appeal", { ...ANSWERS.appeal, published_on: "2026-10-25" }, ctx);
    expect(late.problems[0]?.code).toBe("APPEAL_LATE");
    expect(late.problems[0]?.text.en).toContain("results published on 2026-10-25 may be appealed within 7 days (until 2026-11-01); today is 2026-11-02 (SC-54)");
    expect(problems("appeal", { published_on: "2026-11-05" })).toEqual(["published_on:APPEAL_EARLY"]);
  });

  it("WF-02 promotion plan: the end date is not before the start", () => {
    expect(problems("promotion_plan", { end_on: "2026-12-01" })).toEqual(["end_on:END_BEFORE_START"]);
  });

  it("WF-06/07: a purchase date in the future; WF-08: a rebate above the purchases", () => {
    expect(problems("exchange", { purchase_date: "2026-12-01" })).toEqual(["purchase_date:DATE_IN_FUTURE"]);
    expect(problems("rebate_calc", { amount: "2,000,000" })).toEqual(["amount:REBATE_OVER_PURCHASES"]);
  });

  it("WF-01: the period must match its type", () => {
    expect(problems("regional_plan", { period: "2026-11" })).toEqual(["period:PERIOD_MISMATCH"]);
  });

  it("keeps every typed answer, good or bad", () => {
    const { draft } = parseSubmission("stock_transfer", { ...ANSWERS.stock_transfer, quantity: "九百" }, ctx);
    expect(draft.fields.quantity).toBeNull();
    expect(draft.typed.quantity).toBe("九百");
    expect(draft.typed.reason).toBe("双十一备货");
  });
});

describe("form responses and request IDs", () => {
  it("maps a response's answers by question title (e.namedValues) to question keys", () => {
    const qs = formQuestions("stock_transfer");
    const title = (k: string): string => questionTitle(qs.find((q) => q.key === k) as Question);
    const answers = answersFromForm("stock_transfer", { [title("title")]: ["华东补货"], [title("quantity")]: ["900"], Timestamp: ["2026/11/02 9:00:00"], "Email Address": ["a@b.c"] });
    expect(answers).toEqual({ title: "华东补货", quantity: "900" });
  });

  it("numbers requests by type and year on the workbook's calendar", () => {
    expect(nextRequestId("stock_transfer", ["ST-2026-0006", "ST-2026-0007", "EX-2026-0010", "ST-2025-0099"], at("2026-11-02"), ZONE)).toBe("ST-2026-0008");
    // 31 Dec 2026 20:00 in Los Angeles is already 1 Jan 2027 in Shanghai.
    expect(nextRequestId("appeal", [], Date.parse("2027-01-01T04:00:00Z"), ZONE)).toBe("AP-2027-0001");
  });
});
