/**
 * FormApp on the local host: forms the bundle builds (title, items, validation, destination
 * spreadsheet), and the host-side act of a person submitting one.
 *
 * What Google does when a response arrives, and so what this does: the form refuses answers that
 * break a required item, a choice list or a validation (a respondent sees the error in the form and
 * nothing is sent); an accepted response is stored in the form's response store, appended as a row
 * to the linked responses sheet (timestamp first, then one column per question in form order), and
 * the spreadsheet's installable form-submit triggers fire with `values`, `namedValues` and `range`.
 * https://developers.google.com/apps-script/reference/forms/form-app
 * https://developers.google.com/apps-script/reference/forms/form#setDestination(DestinationType,String)
 * https://developers.google.com/apps-script/guides/triggers/events#form-submit
 */
import { emulated, NotEmulatedError } from "./emulation";
import { fromWallClock } from "../core/time";
import type { ServiceEnv } from "./services/env";

export type FormItemType = "TEXT" | "PARAGRAPH_TEXT" | "MULTIPLE_CHOICE" | "LIST" | "CHECKBOX" | "DATE" | "SCALE" | "SECTION_HEADER";

export interface TextValidationState {
  readonly rule: "number" | "integer" | "numberGreaterThanOrEqualTo" | "numberBetween" | "email" | "lengthLessThanOrEqualTo";
  readonly a?: number;
  readonly b?: number;
  readonly helpText: string;
}

export interface FormItemState {
  id: number;
  type: FormItemType;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  showOther: boolean;
  scale?: { low: number; high: number };
  validation?: TextValidationState;
}

/** https://developers.google.com/apps-script/reference/forms/email-collection-type */
export type EmailCollection = "DO_NOT_COLLECT" | "VERIFIED" | "RESPONDER_INPUT";

export interface FormResponseState {
  readonly id: string;
  readonly timestamp: number;
  readonly respondentEmail: string;
  readonly answers: readonly (string | readonly string[])[];
}

export interface FormState {
  id: string;
  title: string;
  description: string;
  confirmationMessage: string;
  collectEmail: boolean;
  /** How the respondent's email is collected: VERIFIED (signed-in account), RESPONDER_INPUT (typed) or DO_NOT_COLLECT. */
  emailCollection?: EmailCollection;
  /** Only signed-in users of the owner's domain may respond (a Workspace setting). */
  requireLogin?: boolean;
  /** Published forms take responses; a new form is a draft until published. */
  published?: boolean;
  acceptingResponses: boolean;
  items: FormItemState[];
  /** The responses sheet; `sheetId` absent for state saved before it was kept. */
  destination?: { spreadsheetId: string; sheetName: string; sheetId?: number };
  responses: FormResponseState[];
}

/** How the forms reach the spreadsheet: the host implements it over the workbook model. */
export interface ResponseSheets {
  /** The spreadsheet id of the bound workbook (the only destination the host models). */
  readonly spreadsheetId: string;
  /**
   * Creates the responses sheet for a newly linked form (Sheets names it "Form Responses N") with
   * its header row, and returns its name. https://support.google.com/docs/answer/2917686
   */
  createResponseSheet(headers: readonly string[]): { name: string; sheetId: number };
  /** Appends `headers` that the sheet's header row lacks (a question added after linking). */
  extendHeaders(sheetName: string, headers: readonly string[]): void;
  /** Appends one response row; returns its 1-based row number. */
  appendRow(sheetName: string, row: readonly unknown[]): number;
}

/** A response a person submits: answers by question title or item id. */
export type Answers = Readonly<Record<string, string | number | readonly string[]>>;

export interface SubmittedResponse {
  readonly form: FormState;
  readonly response: FormResponseState;
  /** Row appended to the responses sheet, or undefined when the form has no destination. */
  readonly sheetName?: string;
  readonly row?: number;
  /** The row as written: timestamp Date, [email], answers (dates as Date, checkboxes joined). */
  readonly rowValues: readonly unknown[];
  readonly headers: readonly string[];
}

/** Thrown when a submission would be refused by the form itself (the respondent sees this). */
export class FormRejectedError extends Error {
  /** Each problem in English, as the form says it. */
  readonly problems: readonly string[];
  /** The same problems in Chinese, in the same order. */
  readonly problemsZh: readonly string[];
  constructor(problems: readonly Problem[]) {
    super(`表单不接受这份回答:${problems.map((p) => p.zh).join(";")} / the form refuses this response: ${problems.map((p) => p.en).join("; ")}`);
    this.name = "FormRejectedError";
    this.problems = problems.map((p) => p.en);
    this.problemsZh = problems.map((p) => p.zh);
  }
}

/** A reason the form refuses a response, in both languages. */
interface Problem {
  readonly zh: string;
  readonly en: string;
}

const TIMESTAMP_HEADER = "Timestamp";
const EMAIL_HEADER = "Email Address";

export interface FormsController {
  forms(): readonly FormState[];
  /**
   * Test switch: a newly linked form's responses tab appears only after the execution that linked
   * it has ended (Sheets creates it asynchronously; the execution that called setDestination may
   * not see it in getSheets()). Off by default.
   */
  delayResponseSheets(on: boolean): void;
  /** The host calls this when an execution ends: delayed responses tabs appear now. */
  endExecution(): void;
  /** Sheet.getFormUrl(): the URL of the form whose responses go to this sheet, or null. */
  formUrlOfSheet(sheetId: number, sheetName: string): string | null;
  /** Test switch: the owner's account is a consumer (gmail.com) account, where domain-only settings are refused. */
  setConsumerAccount(on: boolean): void;
  find(idOrTitle: string): FormState | undefined;
  submit(idOrTitle: string, answers: Answers, respondentEmail: string): SubmittedResponse;
  exportState(): FormState[];
  importState(state: readonly FormState[]): void;
}

export function createFormService(env: ServiceEnv, sheets: ResponseSheets): { FormApp: object; controller: FormsController } {
  let forms: FormState[] = [];
  let delayed = false;
  let consumer = false;
  const pending: FormState[] = [];
  const c = env.counter;
  const validations = new WeakMap<object, TextValidationState>();

  const nextId = (): string => `local-form-${String(forms.length + 1).padStart(4, "0")}-${env.clock.now().toString(36)}`;
  const findForm = (id: string): FormState | undefined => forms.find((f) => f.id === id);
  const headersOf = (form: FormState): string[] => [
    TIMESTAMP_HEADER,
    ...(form.collectEmail ? [EMAIL_HEADER] : []),
    ...form.items.filter((i) => i.type !== "SECTION_HEADER").map((i) => i.title),
  ];

  const ItemType = Object.freeze(Object.fromEntries(
    (["TEXT", "PARAGRAPH_TEXT", "MULTIPLE_CHOICE", "LIST", "CHECKBOX", "DATE", "SCALE", "SECTION_HEADER"] as const).map((t) => [t, t]),
  ));

  // https://developers.google.com/apps-script/reference/forms/text-validation-builder
  function textValidationBuilder(): object {
    let state: TextValidationState | undefined;
    let helpText = "";
    const set = (v: Omit<TextValidationState, "helpText">) => {
      state = { ...v, helpText };
      return builder;
    };
    const builder: object = emulated("TextValidationBuilder", {
      requireNumber: () => set({ rule: "number" }),
      requireWholeNumber: () => set({ rule: "integer" }),
      requireNumberGreaterThanOrEqualTo: (n: number) => set({ rule: "numberGreaterThanOrEqualTo", a: n }),
      requireNumberBetween: (a: number, b: number) => set({ rule: "numberBetween", a, b }),
      requireTextIsEmail: () => set({ rule: "email" }),
      requireTextLengthLessThanOrEqualTo: (n: number) => set({ rule: "lengthLessThanOrEqualTo", a: n }),
      setHelpText(text: string) {
        helpText = String(text);
        if (state) state = { ...state, helpText };
        return builder;
      },
      build() {
        if (!state) throw new Error("Invalid argument: a text validation needs a rule.");
        const validation = emulated("TextValidation", {}, c);
        validations.set(validation, { ...state, helpText });
        return validation;
      },
    }, c);
    return builder;
  }

  function itemProxy(form: FormState, item: FormItemState): object {
    const self = (): object => itemProxy(form, item);
    const common = {
      getId: () => item.id,
      getTitle: () => item.title,
      getHelpText: () => item.helpText,
      getIndex: () => form.items.indexOf(item),
      getType: () => item.type,
      setTitle(title: string) {
        item.title = String(title);
        return self();
      },
      setHelpText(text: string) {
        item.helpText = String(text);
        return self();
      },
    };
    const answerable = {
      isRequired: () => item.required,
      setRequired(required: boolean) {
        item.required = Boolean(required);
        return self();
      },
    };
    const choices = {
      setChoiceValues: (values: unknown) => {
        if (!Array.isArray(values)) throw new Error("Invalid argument: values");
        // What Forms does with a choice question left with no choices is not modelled (a required
        // one can never be answered): the host refuses it loudly.
        if (values.length === 0) throw new NotEmulatedError(`${item.type} item "${item.title}" with an empty choice list`);
        item.choices = (values as unknown[]).map(String);
        return self();
      },
      getChoices: () => env.realm.copyIn(item.choices.map((v) => ({ getValue: () => v }))),
      showOtherOption: (enabled: boolean) => {
        item.showOther = Boolean(enabled);
        return self();
      },
    };
    const validated = {
      setValidation(validation: object) {
        const state = validations.get(validation);
        if (!state) throw new Error("Invalid argument: validation");
        item.validation = state;
        return self();
      },
    };
    // A list (dropdown) item has no "Other" option. https://developers.google.com/apps-script/reference/forms/list-item
    const { showOtherOption: _noOther, ...listChoices } = choices;
    const byType: Record<FormItemType, object> = {
      TEXT: { ...common, ...answerable, ...validated },
      PARAGRAPH_TEXT: { ...common, ...answerable, ...validated },
      MULTIPLE_CHOICE: { ...common, ...answerable, ...choices },
      LIST: { ...common, ...answerable, ...listChoices },
      CHECKBOX: { ...common, ...answerable, ...choices },
      DATE: { ...common, ...answerable },
      SCALE: {
        ...common,
        ...answerable,
        setBounds(low: number, high: number) {
          item.scale = { low, high };
          return self();
        },
      },
      SECTION_HEADER: common,
    };
    const className = {
      TEXT: "TextItem",
      PARAGRAPH_TEXT: "ParagraphTextItem",
      MULTIPLE_CHOICE: "MultipleChoiceItem",
      LIST: "ListItem",
      CHECKBOX: "CheckboxItem",
      DATE: "DateItem",
      SCALE: "ScaleItem",
      SECTION_HEADER: "SectionHeaderItem",
    }[item.type];
    return emulated(className, byType[item.type], c);
  }

  /** A generic `Item` as returned by getItems(): `asTextItem()` etc. narrow it. */
  function genericItem(form: FormState, item: FormItemState): object {
    const as = (type: FormItemType) => () => {
      if (item.type !== type) throw new Error(`Item ${item.id} is not of type ${type}.`);
      return itemProxy(form, item);
    };
    return emulated("Item", {
      getId: () => item.id,
      getTitle: () => item.title,
      getHelpText: () => item.helpText,
      getIndex: () => form.items.indexOf(item),
      getType: () => item.type,
      asTextItem: as("TEXT"),
      asParagraphTextItem: as("PARAGRAPH_TEXT"),
      asMultipleChoiceItem: as("MULTIPLE_CHOICE"),
      asListItem: as("LIST"),
      asCheckboxItem: as("CHECKBOX"),
      asDateItem: as("DATE"),
      asScaleItem: as("SCALE"),
      asSectionHeaderItem: as("SECTION_HEADER"),
    }, c);
  }

  function formProxy(form: FormState): object {
    const self = (): object => formProxy(form);
    const add = (type: FormItemType) => () => {
      const item: FormItemState = { id: 1_000_000 + form.items.length + 1, type, title: "", helpText: "", required: false, choices: [], showOther: false };
      form.items.push(item);
      return itemProxy(form, item);
    };
    return emulated("Form", {
      getId: () => form.id,
      getTitle: () => form.title,
      setTitle(title: string) {
        form.title = String(title);
        return self();
      },
      getDescription: () => form.description,
      setDescription(text: string) {
        form.description = String(text);
        return self();
      },
      setConfirmationMessage(text: string) {
        form.confirmationMessage = String(text);
        return self();
      },
      getConfirmationMessage: () => form.confirmationMessage,
      setCollectEmail(collect: boolean) {
        form.collectEmail = Boolean(collect);
        if (!collect) form.emailCollection = "DO_NOT_COLLECT";
        else if (form.emailCollection === undefined || form.emailCollection === "DO_NOT_COLLECT") form.emailCollection = "RESPONDER_INPUT";
        return self();
      },
      collectsEmail: () => form.collectEmail,
      // https://developers.google.com/apps-script/reference/forms/form#setEmailCollectionType(EmailCollectionType)
      // VERIFIED (the signed-in account's address, not typed) needs a Google Workspace account.
      setEmailCollectionType(type: string) {
        if (type !== "VERIFIED" && type !== "RESPONDER_INPUT" && type !== "DO_NOT_COLLECT") throw new Error("Invalid argument: type");
        if (type === "VERIFIED" && consumer) throw new Error("Verified email collection is only available to Google Workspace accounts.");
        form.emailCollection = type;
        form.collectEmail = type !== "DO_NOT_COLLECT";
        return self();
      },
      getEmailCollectionType: () => form.emailCollection ?? (form.collectEmail ? "RESPONDER_INPUT" : "DO_NOT_COLLECT"),
      // https://developers.google.com/apps-script/reference/forms/form#setRequireLogin(Boolean)
      // "Only available for Google Workspace users"; a consumer account is refused.
      setRequireLogin(requireLogin: boolean) {
        if (consumer) throw new Error("Requiring sign-in is only available to Google Workspace accounts.");
        form.requireLogin = Boolean(requireLogin);
        return self();
      },
      requiresLogin: () => form.requireLogin === true,
      // https://developers.google.com/workspace/forms/api/guides/publish-form (Form.setPublished, Form.isPublished)
      setPublished(enabled: boolean) {
        form.published = Boolean(enabled);
        if (enabled) form.acceptingResponses = true;
        return self();
      },
      isPublished: () => form.published !== false,
      setAcceptingResponses(accepting: boolean) {
        form.acceptingResponses = Boolean(accepting);
        return self();
      },
      isAcceptingResponses: () => form.acceptingResponses,
      getPublishedUrl: () => `local://forms/${form.id}/viewform`,
      getEditUrl: () => `local://forms/${form.id}/edit`,
      addTextItem: add("TEXT"),
      addParagraphTextItem: add("PARAGRAPH_TEXT"),
      addMultipleChoiceItem: add("MULTIPLE_CHOICE"),
      addListItem: add("LIST"),
      addCheckboxItem: add("CHECKBOX"),
      addDateItem: add("DATE"),
      addScaleItem: add("SCALE"),
      addSectionHeaderItem: add("SECTION_HEADER"),
      getItems: () => env.realm.copyIn(form.items.map((i) => genericItem(form, i))),
      getItemById(id: number) {
        const item = form.items.find((i) => i.id === id);
        return item ? genericItem(form, item) : null;
      },
      deleteItem(itemOrIndex: number | { getId(): number }) {
        const index = typeof itemOrIndex === "number" ? itemOrIndex : form.items.findIndex((i) => i.id === itemOrIndex.getId());
        if (index < 0 || index >= form.items.length) throw new Error("Invalid argument: item");
        form.items.splice(index, 1);
      },
      // https://developers.google.com/apps-script/reference/forms/form#setDestination(DestinationType,String)
      setDestination(type: string, id: string) {
        if (type !== "SPREADSHEET") throw new Error("Invalid argument: type");
        if (id !== sheets.spreadsheetId) throw new NotEmulatedError("Form.setDestination (a spreadsheet other than the bound one)");
        if (form.destination) return self();
        if (delayed) {
          // Sheets adds the tab later: this execution does not see it (see delayResponseSheets).
          form.destination = { spreadsheetId: id, sheetName: "" };
          pending.push(form);
          return self();
        }
        const created = sheets.createResponseSheet(headersOf(form));
        form.destination = { spreadsheetId: id, sheetName: created.name, sheetId: created.sheetId };
        return self();
      },
      getDestinationId: () => {
        if (!form.destination) throw new Error("This form does not currently have a response destination.");
        return form.destination.spreadsheetId;
      },
      getDestinationType: () => (form.destination ? "SPREADSHEET" : null),
      removeDestination() {
        delete form.destination;
        return self();
      },
      getResponses: () => env.realm.copyIn(form.responses.map((r) => emulated("FormResponse", {
        getId: () => r.id,
        getTimestamp: () => env.realm.date(r.timestamp),
        getRespondentEmail: () => r.respondentEmail,
      }, c))),
    }, c);
  }

  const FormApp = emulated("FormApp", {
    DestinationType: Object.freeze({ SPREADSHEET: "SPREADSHEET" }),
    ItemType,
    create(title: string) {
      const form: FormState = {
        id: nextId(),
        title: String(title),
        description: "",
        confirmationMessage: "",
        collectEmail: false,
        acceptingResponses: true,
        items: [],
        responses: [],
      };
      forms.push(form);
      return formProxy(form);
    },
    // https://developers.google.com/apps-script/reference/forms/form-app#openByUrl(String)
    openByUrl(url: string) {
      const id = /^local:\/\/forms\/([^/]+)\//.exec(String(url))?.[1];
      const form = id ? findForm(id) : undefined;
      if (!form) throw new Error(`No item with the given ID could be found, or you do not have permission to access it.`);
      return formProxy(form);
    },
    // https://developers.google.com/apps-script/reference/forms/email-collection-type
    EmailCollectionType: Object.freeze({ DO_NOT_COLLECT: "DO_NOT_COLLECT", VERIFIED: "VERIFIED", RESPONDER_INPUT: "RESPONDER_INPUT" }),
    openById(id: string) {
      const form = findForm(String(id));
      // Apps Script's wording when a form cannot be opened.
      if (!form) throw new Error(`No item with the given ID could be found, or you do not have permission to access it.`);
      return formProxy(form);
    },
    createTextValidation: () => textValidationBuilder(),
  }, c);

  function validate(form: FormState, answers: Answers): { values: (string | readonly string[])[]; problems: Problem[] } {
    const problems: Problem[] = [];
    const values: (string | readonly string[])[] = [];
    const known = new Set<string>();
    for (const item of form.items) {
      if (item.type === "SECTION_HEADER") continue;
      known.add(item.title);
      known.add(String(item.id));
      const raw = answers[item.title] ?? answers[String(item.id)];
      const given = raw === undefined ? "" : Array.isArray(raw) ? (raw as readonly string[]).map(String) : String(raw);
      const empty = Array.isArray(given) ? given.length === 0 : given.trim() === "";
      if (empty) {
        if (item.required) problems.push({ zh: `"${item.title}" 为必填项`, en: `"${item.title}" is required` });
        values.push(Array.isArray(given) ? [] : "");
        continue;
      }
      const list = Array.isArray(given) ? given : [given];
      if (item.type === "CHECKBOX" || !Array.isArray(given)) {
        if (["MULTIPLE_CHOICE", "LIST", "CHECKBOX"].includes(item.type) && !item.showOther) {
          for (const v of list) if (!item.choices.includes(v)) problems.push({ zh: `"${item.title}":"${v}" 不在选项中`, en: `"${item.title}": "${v}" is not one of the choices` });
        }
      } else {
        problems.push({ zh: `"${item.title}" 只能有一个答案`, en: `"${item.title}" takes one answer` });
      }
      if (item.type === "DATE" && !/^\d{4}-\d{2}-\d{2}$/.test(list[0] ?? "")) problems.push({ zh: `"${item.title}" 应为日期(YYYY-MM-DD)`, en: `"${item.title}" must be a date (YYYY-MM-DD)` });
      if (item.type === "SCALE" && item.scale) {
        const n = Number(list[0]);
        if (!Number.isInteger(n) || n < item.scale.low || n > item.scale.high) problems.push({ zh: `"${item.title}" 应在 ${item.scale.low}–${item.scale.high} 之间`, en: `"${item.title}" must be ${item.scale.low}–${item.scale.high}` });
      }
      if (item.validation) {
        const problem = checkText(list[0] ?? "", item.validation);
        if (problem) problems.push({ zh: `"${item.title}":${item.validation.helpText || problem.zh}`, en: `"${item.title}": ${item.validation.helpText || problem.en}` });
      }
      values.push(item.type === "CHECKBOX" ? list : list[0] ?? "");
    }
    for (const key of Object.keys(answers)) if (!known.has(key)) problems.push({ zh: `表单没有问题 "${key}"`, en: `the form has no question "${key}"` });
    return { values, problems };
  }

  const controller: FormsController = {
    forms: () => forms,
    delayResponseSheets(on) {
      delayed = on;
    },
    endExecution() {
      for (const form of pending.splice(0)) {
        if (!form.destination) continue;
        const created = sheets.createResponseSheet(headersOf(form));
        form.destination = { ...form.destination, sheetName: created.name, sheetId: created.sheetId };
      }
    },
    formUrlOfSheet(sheetId, sheetName) {
      const form = forms.find((f) => f.destination !== undefined && f.destination.sheetName !== "" && (f.destination.sheetId === undefined ? f.destination.sheetName === sheetName : f.destination.sheetId === sheetId));
      return form ? `local://forms/${form.id}/viewform` : null;
    },
    setConsumerAccount(on) {
      consumer = on;
    },
    find: (idOrTitle) => findForm(idOrTitle) ?? forms.find((f) => f.title === idOrTitle),
    submit(idOrTitle, answers, respondentEmail) {
      const form = controller.find(idOrTitle);
      if (!form) throw new Error(`no form "${idOrTitle}" (known: ${forms.map((f) => f.title).join(", ") || "none"})`);
      if (!form.acceptingResponses) throw new FormRejectedError([{ zh: "表单已停止接受回答", en: "the form is no longer accepting responses" }]);
      if (form.published === false) throw new FormRejectedError([{ zh: "表单尚未发布", en: "the form is not published" }]);
      if (form.requireLogin && respondentEmail === "") throw new FormRejectedError([{ zh: "表单要求登录", en: "the form requires signing in" }]);
      const { values, problems } = validate(form, answers);
      if (form.collectEmail && !respondentEmail) problems.push({ zh: "表单要收集提交人的邮箱", en: "the form collects the respondent's email" });
      if (problems.length) throw new FormRejectedError(problems);
      const timestamp = env.clock.now();
      const response: FormResponseState = { id: `resp-${form.responses.length + 1}-${timestamp.toString(36)}`, timestamp, respondentEmail, answers: values };
      form.responses.push(response);
      const answerCells = form.items
        .filter((i) => i.type !== "SECTION_HEADER")
        .map((item, k) => {
          const v = values[k] ?? "";
          if (item.type === "CHECKBOX") return (v as readonly string[]).join(", ");
          if (item.type === "DATE" && v !== "") {
            const [year = 0, month = 1, day = 1] = (v as string).split("-").map(Number);
            return new Date(fromWallClock({ year, month, day }, env.scriptTimeZone));
          }
          // The response row holds exactly what was submitted: an answer that starts with an
          // apostrophe keeps it (cell input would take it as the text marker and drop it).
          return typeof v === "string" && v.startsWith("'") ? `'${v}` : v;
        });
      const rowValues = [new Date(timestamp), ...(form.collectEmail ? [respondentEmail] : []), ...answerCells];
      const headers = headersOf(form);
      if (!form.destination) return { form, response, rowValues, headers };
      if (form.destination.sheetName === "") throw new Error("the form's responses tab has not appeared yet (delayResponseSheets)");
      sheets.extendHeaders(form.destination.sheetName, headers);
      const row = sheets.appendRow(form.destination.sheetName, rowValues);
      return { form, response, sheetName: form.destination.sheetName, row, rowValues, headers };
    },
    exportState: () => structuredClone(forms),
    importState(state) {
      forms = structuredClone(state as FormState[]);
    },
  };
  return { FormApp, controller };
}

function checkText(text: string, v: TextValidationState): Problem | undefined {
  const n = Number(text);
  switch (v.rule) {
    case "number":
      return Number.isFinite(n) && text.trim() !== "" ? undefined : { zh: "应为数字", en: "must be a number" };
    case "integer":
      return Number.isInteger(n) && text.trim() !== "" ? undefined : { zh: "应为整数", en: "must be a whole number" };
    case "numberGreaterThanOrEqualTo":
      return Number.isFinite(n) && n >= (v.a ?? 0) ? undefined : { zh: `应为 ≥ ${v.a} 的数字`, en: `must be a number ≥ ${v.a}` };
    case "numberBetween":
      return Number.isFinite(n) && n >= (v.a ?? 0) && n <= (v.b ?? 0) ? undefined : { zh: `应在 ${v.a} 与 ${v.b} 之间`, en: `must be between ${v.a} and ${v.b}` };
    case "email":
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? undefined : { zh: "应为邮箱地址", en: "must be an email address" };
    case "lengthLessThanOrEqualTo":
      return text.length <= (v.a ?? Infinity) ? undefined : { zh: `最多 ${v.a} 个字符`, en: `must be at most ${v.a} characters` };
  }
}
