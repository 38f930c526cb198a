/**
 * 市场部 MarketOps → 建立/更新表单 Build / update forms: one Google Form per request type (促销计划书,
 * 调货申请单, 换货, 退货退款, 返利, 费用预算, 经销商开发, 考核申诉, 流程变更, …) built from the engine's
 * questions (src/core/approvals/request-types.ts): bilingual titles, required answers, number and
 * length validation, dropdowns filled from People / Regions / Products / Customers / Dealers /
 * Promotions. Each form sends its responses to this spreadsheet; the installable triggers the
 * approval flow runs on are created once (form submit, on edit, hourly timers). Running it again
 * creates nothing new: it refreshes the dropdowns and adds questions a newer version asks. The same
 * run keeps the data-entry forms (实绩填报 Actuals entry, 拜访与活动填报 Activity entry, issue 9 §2,
 * src/core/imports/data-forms.ts), whose responses the same form-submit trigger writes to Actuals
 * and Activities (src/gas/data-entry.ts).
 */
import { both, UserError } from "../../core/i18n";
import type { Bilingual } from "../../core/i18n";
import { ownTriggerOf, requireOwnAuthority, runsOnOwnAuthority } from "../access";
import type { RequestTypeKey } from "../../core/approvals/model";
import type { ChoiceSource, FormItemSpec } from "../../core/approvals/questions";
import { CHOICE_SOURCES, choiceText, formItem } from "../../core/approvals/questions";
import { formQuestions, REQUEST_TYPES, requestTypeSpec } from "../../core/approvals/request-types";
import type { DataFormKind } from "../../core/imports/data-forms";
import { DATA_FORM_KINDS, dataFormSpec, dataFormTitle } from "../../core/imports/data-forms";
import { decisionEditors } from "../../core/approvals/sheet-editors";
import { sheetTemplate } from "../../core/templates/catalog";
import { wholeColumn } from "../installer";
import { layOutWorkbook } from "../layout";
import { readTable } from "../table";
import { webAppUrl } from "./link";
import { loadApprovalWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Form = GoogleAppsScript.Forms.Form;

const FORM_ID_PREFIX = "APPROVAL_FORM_";
const FORM_SHEETS_PROPERTY = "APPROVAL_FORM_SHEETS";
/** The data-entry forms (issue 9 §2) are kept apart from the request forms: ids and responses tabs. */
const DATA_FORM_ID_PREFIX = "DATA_FORM_";
const DATA_FORM_SHEETS_PROPERTY = "DATA_FORM_SHEETS";

/** The handlers the approval flow needs as installable triggers. */
export const APPROVAL_TRIGGERS = { formSubmit: "onFormSubmit", edit: "onApprovalEdit", timers: "approvalTimers" } as const;

/**
 * The title of a request type's form: both languages, as people find it in Drive.
 * @example formTitle("stock_transfer") → "调货申请单 / Stock transfer"
 */
export function formTitle(type: RequestTypeKey): string {
  return both(requestTypeSpec(type).label);
}

/**
 * Where form ids and the responses sheets' types are kept: the document's properties (they belong
 * to this spreadsheet), or the script's when the script is not bound to one.
 * https://developers.google.com/apps-script/reference/properties/properties-service#getDocumentProperties()
 */
function formProperties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties() ?? PropertiesService.getScriptProperties();
}

function sheetMapOf<K extends string>(property: string): Record<string, K> {
  const text = formProperties().getProperty(property);
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, K>) : {};
  } catch {
    return {};
  }
}

/** Responses sheet id → request type, as recorded when each form was linked. */
export function formSheetTypes(): Record<string, RequestTypeKey> {
  return sheetMapOf<RequestTypeKey>(FORM_SHEETS_PROPERTY);
}

/** Responses sheet id → data-form kind, as recorded when each data form was linked. */
export function dataFormSheetKinds(): Record<string, DataFormKind> {
  return sheetMapOf<DataFormKind>(DATA_FORM_SHEETS_PROPERTY);
}

/** The form id of every key (request type or data kind) that has a form, from one read of the properties. */
function formIdsOf<K extends string>(properties: GoogleAppsScript.Properties.Properties, prefix: string, keys: readonly K[]): Map<K, string> {
  const all = properties.getProperties();
  const out = new Map<K, string>();
  for (const key of keys) {
    const id = all[prefix + key];
    if (typeof id === "string" && id !== "") out.set(key, id);
  }
  return out;
}

function formIdsByType(properties: GoogleAppsScript.Properties.Properties): Map<RequestTypeKey, string> {
  return formIdsOf(properties, FORM_ID_PREFIX, REQUEST_TYPES.map((t) => t.key));
}

function dataFormIds(properties: GoogleAppsScript.Properties.Properties): Map<DataFormKind, string> {
  return formIdsOf(properties, DATA_FORM_ID_PREFIX, DATA_FORM_KINDS);
}

/**
 * Which request type's form sends its responses to `sheet`, from the sheet itself: its form URL
 * against the stored form ids (a URL naming the id), else the form that URL opens.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFormUrl()
 * https://developers.google.com/apps-script/reference/forms/form-app#openByUrl(String)
 */
function typeFromFormUrl<K extends string>(sheet: GoogleAppsScript.Spreadsheet.Sheet, ids: ReadonlyMap<K, string>): K | null {
  const url = sheet.getFormUrl();
  if (!url) return null;
  for (const [type, id] of ids) if (url.includes(`/${id}/`) || url.endsWith(`/${id}`)) return type;
  let openedId: string;
  try {
    openedId = FormApp.openByUrl(url).getId();
  } catch {
    return null;
  }
  for (const [type, id] of ids) if (id === openedId) return type;
  return null;
}

/**
 * The request type of a responses sheet: from the map kept when the forms were built, or — when the
 * map lacks it (the tab appeared after Build forms ran) — from the sheet's form URL, repairing the
 * map so the next response finds it at once. Null for a sheet no request form writes to.
 */
export function requestTypeOfSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): RequestTypeKey | null {
  return keyOfSheet(sheet, FORM_SHEETS_PROPERTY, formIdsByType);
}

/** The data-form kind of a responses sheet, found and repaired the same way (issue 10 §1.1); null for any other sheet. */
export function dataFormKindOfSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): DataFormKind | null {
  return keyOfSheet(sheet, DATA_FORM_SHEETS_PROPERTY, dataFormIds);
}

function keyOfSheet<K extends string>(sheet: GoogleAppsScript.Spreadsheet.Sheet, property: string, idsOf: (p: GoogleAppsScript.Properties.Properties) => Map<K, string>): K | null {
  const map = sheetMapOf<K>(property);
  const known = map[String(sheet.getSheetId())];
  if (known) return known;
  const properties = formProperties();
  const key = typeFromFormUrl(sheet, idsOf(properties));
  if (!key) return null;
  map[String(sheet.getSheetId())] = key;
  properties.setProperty(property, JSON.stringify(map));
  return key;
}

/** Every choice source's dropdown texts ("KEY · name"), one `getValues` per sheet. */
function sourceChoices(spreadsheet: Spreadsheet, sources: ReadonlySet<ChoiceSource>): Map<ChoiceSource, string[]> {
  const out = new Map<ChoiceSource, string[]>();
  for (const source of sources) {
    const { sheet, keyColumn } = CHOICE_SOURCES[source];
    const texts: string[] = [];
    for (const r of readTable(spreadsheet, sheet).rows) {
      const key = r.values[keyColumn];
      if (key === null || key === undefined || String(key).trim() === "" || r.values.active === false) continue;
      const name = [r.values.name, r.values.name_zh, r.values.name_en].filter((v) => typeof v === "string" && v.trim() !== "").join(" ");
      texts.push(choiceText(String(key).trim(), name));
    }
    out.set(source, texts);
  }
  return out;
}

/**
 * A text validation from the question's rule.
 * https://developers.google.com/apps-script/reference/forms/text-validation-builder
 */
function textValidation(spec: NonNullable<FormItemSpec["validation"]>): GoogleAppsScript.Forms.TextValidation {
  const builder = FormApp.createTextValidation();
  switch (spec.rule) {
    case "number":
      builder.requireNumber();
      break;
    case "integer":
      builder.requireWholeNumber();
      break;
    case "numberGreaterThanOrEqualTo":
      builder.requireNumberGreaterThanOrEqualTo(spec.a ?? 0);
      break;
    case "numberBetween":
      builder.requireNumberBetween(spec.a ?? 0, spec.b ?? 0);
      break;
    case "email":
      builder.requireTextIsEmail();
      break;
    case "lengthLessThanOrEqualTo":
      builder.requireTextLengthLessThanOrEqualTo(spec.a ?? 0);
      break;
  }
  return builder.setHelpText(spec.helpText).build();
}

/**
 * Adds a question to a form.
 * https://developers.google.com/apps-script/reference/forms/form#addTextItem()
 * https://developers.google.com/apps-script/reference/forms/form#addParagraphTextItem()
 * https://developers.google.com/apps-script/reference/forms/form#addListItem()
 * https://developers.google.com/apps-script/reference/forms/form#addMultipleChoiceItem()
 * https://developers.google.com/apps-script/reference/forms/form#addDateItem()
 */
function addItem(form: Form, spec: FormItemSpec, choices: readonly string[]): void {
  switch (spec.type) {
    case "TEXT": {
      const item = form.addTextItem().setTitle(spec.title).setHelpText(spec.helpText).setRequired(spec.required);
      if (spec.validation) item.setValidation(textValidation(spec.validation));
      return;
    }
    case "PARAGRAPH_TEXT": {
      const item = form.addParagraphTextItem().setTitle(spec.title).setHelpText(spec.helpText).setRequired(spec.required);
      if (spec.validation) item.setValidation(textValidation(spec.validation));
      return;
    }
    case "LIST":
      form.addListItem().setTitle(spec.title).setHelpText(spec.helpText).setRequired(spec.required).setChoiceValues([...choices]);
      return;
    case "MULTIPLE_CHOICE":
      form.addMultipleChoiceItem().setTitle(spec.title).setHelpText(spec.helpText).setRequired(spec.required).setChoiceValues([...choices]);
      return;
    case "DATE":
      form.addDateItem().setTitle(spec.title).setHelpText(spec.helpText).setRequired(spec.required);
      return;
  }
}

/**
 * The one choice a dropdown shows while its source sheet has no rows yet: a form never gets a
 * choice question with an empty list (Forms cannot show one, and a required one could never be
 * answered). Picking it is refused by the engine like any name not in the sheet; the next Build
 * forms run, once the sheet has rows, replaces it with them.
 */
export const NO_CHOICES_YET = both({ zh: "(暂无可选项,请联系管理员)", en: "(no choices yet: ask the administrator)" });

function choicesOf(spec: FormItemSpec, sources: ReadonlyMap<ChoiceSource, string[]>): string[] {
  const list = spec.source ? (sources.get(spec.source) ?? []) : [...spec.choices];
  return list.length > 0 ? list : [NO_CHOICES_YET];
}

/**
 * Opens the type's form by the id kept in properties, or null when it was never built or was deleted.
 * https://developers.google.com/apps-script/reference/forms/form-app#openById(String)
 */
function existingForm(property: string): Form | null {
  const id = formProperties().getProperty(property);
  if (!id) return null;
  try {
    return FormApp.openById(id);
  } catch {
    return null;
  }
}

/**
 * The responses sheet of every form, found from each tab's form URL: the whole map is rebuilt on
 * every Build-forms run, so a tab that appeared after the run that linked its form (Sheets adds it
 * asynchronously), or was renamed, is mapped again. Tabs are known by sheet id.
 * https://developers.google.com/apps-script/reference/forms/form#setDestination(DestinationType,String)
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFormUrl()
 */
function responseSheetMap<K extends string>(sheets: readonly GoogleAppsScript.Spreadsheet.Sheet[], ids: ReadonlyMap<K, string>): Record<string, K> {
  const out: Record<string, K> = {};
  for (const sheet of sheets) {
    const type = typeFromFormUrl(sheet, ids);
    if (type) out[String(sheet.getSheetId())] = type;
  }
  return out;
}

/**
 * Installable triggers belong to the user who created them, and getProjectTriggers() lists only
 * the current user's: if each editor who ran Build forms created a set, every event would run once
 * per set. So one person owns the set, recorded here (Script Properties); anyone else is refused
 * until they take it over (takeOverApprovalTriggers). A trigger of anyone but the recorded owner is
 * stale: the first time it fires it deletes itself and does nothing.
 * https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()
 * https://developers.google.com/apps-script/guides/triggers/installable#restrictions
 */
const TRIGGER_OWNER_PROPERTY = "APPROVAL_TRIGGER_OWNER";

function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The recorded owner of the approval triggers, or "" before anyone built them. */
export function approvalTriggerOwner(): string {
  return PropertiesService.getScriptProperties().getProperty(TRIGGER_OWNER_PROPERTY) ?? "";
}

/** The spreadsheet's owner, or "" for a file in a shared drive (no owner). https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getOwner() */
function spreadsheetOwner(spreadsheet: Spreadsheet): string {
  return spreadsheet.getOwner()?.getEmail() ?? "";
}

/**
 * Refuses, in both languages, anyone but the owner of the approval triggers: the recorded one, or
 * before any is recorded the spreadsheet's owner. Triggers run as their creator, and only the
 * owner can write to the owner-only protected columns the flow writes (Status, Approval state).
 */
function requireTriggerOwner(me: string, sheetOwner: string): void {
  const owner = approvalTriggerOwner() || sheetOwner;
  if (owner === "" || sameEmail(owner, me)) return;
  throw new UserError("TRIGGERS_OWNED_BY_OTHER", {
    zh: `审批触发器属于 ${owner}(触发器以创建者身份运行)。请由 ${owner} 运行「建立/更新表单」${sheetOwner && !sameEmail(sheetOwner, owner) ? `;或由表格所有者 ${sheetOwner} 运行菜单「接管审批触发器」` : ""}`,
    en: `The approval triggers belong to ${owner} (triggers run as the user who created them). Ask ${owner} to run Build / update forms${sheetOwner && !sameEmail(sheetOwner, owner) ? `, or the spreadsheet's owner ${sheetOwner} to run Take over approval triggers from the menu` : ""}`,
  });
}

/**
 * Whether an approval handler may run for event `e`: "run" for a trigger of the recorded owner or
 * a run on the caller's own authority (the menu, the script editor); "stale" for another user's
 * trigger, which is deleted now; "refused" for anything else (a web visitor through
 * google.script.run, running as the owner).
 * https://developers.google.com/apps-script/reference/script/script-app#deleteTrigger(Trigger)
 */
export function approvalHandlerGate(e: unknown): "run" | "stale" | "refused" {
  const trigger = ownTriggerOf(e);
  if (trigger) {
    const owner = approvalTriggerOwner();
    if (owner === "" || sameEmail(owner, Session.getEffectiveUser().getEmail())) return "run";
    ScriptApp.deleteTrigger(trigger);
    console.warn(`MarketOps: deleted a stale ${trigger.getHandlerFunction()} trigger; the approval triggers belong to ${owner}`);
    return "stale";
  }
  return runsOnOwnAuthority() ? "run" : "refused";
}

/** For a handler: true to go on; false for a stale trigger; throws for a refused caller. */
export function approvalHandlerMayRun(e: unknown, what: Bilingual): boolean {
  const gate = approvalHandlerGate(e);
  if (gate === "refused") requireOwnAuthority(what);
  return gate === "run";
}

/**
 * Creates the approval flow's installable triggers that do not exist yet: form submit and on edit
 * on this spreadsheet, and the hourly reminder / escalation run.
 * https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()
 * https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder
 * https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyHours(Integer)
 */
function ensureTriggers(spreadsheet: Spreadsheet): number {
  const have = new Set(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()));
  let created = 0;
  if (!have.has(APPROVAL_TRIGGERS.formSubmit)) {
    ScriptApp.newTrigger(APPROVAL_TRIGGERS.formSubmit).forSpreadsheet(spreadsheet).onFormSubmit().create();
    created += 1;
  }
  if (!have.has(APPROVAL_TRIGGERS.edit)) {
    ScriptApp.newTrigger(APPROVAL_TRIGGERS.edit).forSpreadsheet(spreadsheet).onEdit().create();
    created += 1;
  }
  if (!have.has(APPROVAL_TRIGGERS.timers)) {
    ScriptApp.newTrigger(APPROVAL_TRIGGERS.timers).timeBased().everyHours(1).create();
    created += 1;
  }
  return created;
}

/** A protection of ours on Requests, by what it guards: the description says so in both languages. */
const REQUESTS_PROTECTION = {
  decision: { zh: "MarketOps:「决定」列仅审批路线中的审批人(及其代理人、上级)可选", en: "MarketOps: Decision, for the Routes' approvers (their delegates and superiors) only" },
  withdraw: { zh: "MarketOps:「撤回」列仅人员表中的人可勾选(只有申请人本人的撤回生效)", en: "MarketOps: Withdraw, for People only (only the requester's own takes effect)" },
  owner: { zh: "MarketOps:系统列,只由 MarketOps 写入", en: "MarketOps: written by MarketOps only" },
} as const;

/**
 * Protects one whole Requests column (rows 2 … open-ended, so requests appended past the sheet's
 * first 1,000 rows are covered too) for `editors` alone — the owner always can — with the domain's
 * edit right off, or anyone in the domain of a file shared with it could type there anyway. Made
 * anew on every run (the new one before the old ones go), so a column protected by an older
 * version (a fixed 1,000 rows, a warning only, every People row) is put right.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#protect()
 * https://developers.google.com/apps-script/reference/spreadsheet/protection#setDomainEdit(Boolean)
 * https://developers.google.com/apps-script/reference/spreadsheet/protection#addEditors(String)
 */
function protectColumn(sheet: GoogleAppsScript.Spreadsheet.Sheet, column: number, description: string, editors: readonly string[], old: readonly GoogleAppsScript.Spreadsheet.Protection[]): void {
  const protection = wholeColumn(sheet, column).protect().setDescription(description);
  const me = Session.getEffectiveUser();
  // Keep the current user an editor before removing the others (Google's own sample does this).
  protection.addEditor(me);
  protection.removeEditors(protection.getEditors());
  protection.addEditors([me.getEmail(), ...editors].filter((e) => e.includes("@")));
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  for (const p of old) {
    const range = p.getRange();
    if (range.getColumn() === column && range.getNumColumns() === 1 && range.getRow() <= 2) p.remove();
  }
}

/**
 * Protects the Requests columns on every run, whole columns, the domain's edit right off:
 * - Decision: the owner, the trigger owner (who runs this) and the people the Routes can give a
 *   step to, with their delegates and superiors (decisionEditors, WF-GEN.1) — not every People
 *   row; the on-edit trigger then checks that the person is this step's approver;
 * - Withdraw: People (the engine accepts only the requester's own withdrawal);
 * - Status and every other column MarketOps keeps (the template marks them `owner`): the owner and
 *   the trigger owner alone, so nobody types `approved` into a Status cell.
 * Triggers and the web app run as the owner, so MarketOps still writes everywhere.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getProtections(ProtectionType)
 */
function protectRequests(spreadsheet: Spreadsheet): void {
  const book = loadApprovalWorkbook(spreadsheet);
  const { sheet, layout } = book.requests;
  const old = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
  const owner = spreadsheetOwner(spreadsheet);
  const at = (key: string): number | undefined => {
    const column = layout.columns.get(key);
    return column === undefined ? undefined : column + 1;
  };
  const decision = at("decision");
  // Without a web app to link to, the sheet is the only way to decide (a requester's own step included).
  const linksWork = webAppUrl(book.settings.webAppUrl) !== null;
  if (decision !== undefined) protectColumn(sheet, decision, both(REQUESTS_PROTECTION.decision), [owner, ...decisionEditors(book.routes.rows, book.directory, { linksWork })], old);
  const withdraw = at("withdraw");
  const people = [...book.directory.people.values()].filter((p) => p.active).map((p) => p.email);
  if (withdraw !== undefined) protectColumn(sheet, withdraw, both(REQUESTS_PROTECTION.withdraw), [owner, ...people], old);
  for (const c of sheetTemplate("requests").columns) {
    const column = c.protected === "owner" ? at(c.key) : undefined;
    if (column !== undefined) protectColumn(sheet, column, `${both(REQUESTS_PROTECTION.owner)}: ${both(c.header)}`, [owner], old);
  }
}

/** Form methods newer than the type definitions: verified email collection and publishing. */
type PublishableForm = Form & {
  setEmailCollectionType(type: unknown): Form;
  setPublished(enabled: boolean): Form;
};

/**
 * Only signed-in people of the domain may respond, and the email recorded is their verified account
 * (not typed): the requester the flow routes and mails is who they are. Both are Google Workspace
 * settings; where the account does not allow one, the form keeps collecting a typed email and the
 * run says so.
 * https://developers.google.com/apps-script/reference/forms/form#setRequireLogin(Boolean)
 * https://developers.google.com/apps-script/reference/forms/form#setEmailCollectionType(EmailCollectionType)
 */
function secureForm(form: Form, notices: Set<string>): void {
  const emailTypes = (FormApp as unknown as { EmailCollectionType: { VERIFIED: unknown } }).EmailCollectionType;
  try {
    (form as PublishableForm).setEmailCollectionType(emailTypes.VERIFIED);
  } catch {
    notices.add(both({ zh: "此账号不支持收集经验证的邮箱,表单改为让填写人输入邮箱", en: "This account cannot collect verified emails; the forms ask respondents to type theirs" }));
  }
  try {
    form.setRequireLogin(true);
  } catch {
    notices.add(both({ zh: "此账号不支持要求登录,任何拿到链接的人都可填写表单", en: "This account cannot require sign-in; anyone with the link can respond" }));
  }
}

/** One form Build forms keeps: where its id is kept, its texts and its questions. */
interface FormBuild {
  readonly property: string;
  readonly title: string;
  readonly description: string;
  readonly confirmation: string;
  readonly specs: readonly FormItemSpec[];
}

export interface FormsReport {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly triggersCreated: number;
  /** What the account did not allow (bilingual), e.g. sign-in or verified email on a consumer account. */
  readonly notices: readonly string[];
}

/**
 * Builds (or refreshes) every request type's form and the approval triggers, the regional
 * marketing plan's included (WF-01.3-5: its targets and plan text start the regional plan chain).
 * https://developers.google.com/apps-script/reference/forms/form-app#create(String)
 * https://developers.google.com/apps-script/reference/forms/form#setCollectEmail(Boolean)
 * https://developers.google.com/apps-script/reference/forms/list-item#setChoiceValues(String)
 */
export function buildForms(): FormsReport {
  requireOwnAuthority({ zh: "建立/更新表单", en: "Build / update forms" });
  const me = Session.getEffectiveUser().getEmail();
  requireTriggerOwner(me, spreadsheetOwner(SpreadsheetApp.getActiveSpreadsheet()));
  const lock = LockService.getScriptLock();
  lock.waitLock(30_000);
  try {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const types = REQUEST_TYPES.filter((t) => t.formless !== true).map((t) => t.key);
    const builds: FormBuild[] = [
      ...types.map((type): FormBuild => {
        const label = requestTypeSpec(type).label;
        return {
          property: FORM_ID_PREFIX + type,
          title: formTitle(type),
          description: both({ zh: `提交后按审批路线逐级审批;修改被退回的申请时填写原申请编号。(${label.zh})`, en: `Approved step by step along its route; to revise a returned request, give its ID. (${label.en})` }),
          confirmation: both({ zh: "已提交,审批进度会通过邮件通知您。", en: "Submitted: you will be emailed as your request moves on." }),
          specs: formQuestions(type).map(formItem),
        };
      }),
      // The data-entry forms (issue 9 §2): actuals and activity, validated like the CSV import.
      ...DATA_FORM_KINDS.map((kind): FormBuild => {
        const spec = dataFormSpec(kind);
        return { property: DATA_FORM_ID_PREFIX + kind, title: dataFormTitle(kind), description: both(spec.description), confirmation: both(spec.confirmation), specs: spec.questions.map(formItem) };
      }),
    ];
    const sources = new Set<ChoiceSource>();
    for (const build of builds) for (const spec of build.specs) if (spec.source) sources.add(spec.source);
    const choices = sourceChoices(spreadsheet, sources);
    const properties = formProperties();
    const created: string[] = [];
    const updated: string[] = [];
    const notices = new Set<string>();
    for (const build of builds) {
      const { specs } = build;
      const form = existingForm(build.property);
      if (form) {
        const items = form.getItems();
        const titles = new Set(items.map((i) => i.getTitle()));
        for (const item of items) {
          const spec = specs.find((s) => s.title === item.getTitle());
          if (spec?.source && item.getType() === FormApp.ItemType.LIST) item.asListItem().setChoiceValues(choicesOf(spec, choices));
        }
        for (const spec of specs) if (!titles.has(spec.title)) addItem(form, spec, choicesOf(spec, choices));
        updated.push(build.title);
        continue;
      }
      const fresh = FormApp.create(build.title).setDescription(build.description).setConfirmationMessage(build.confirmation).setCollectEmail(true);
      secureForm(fresh, notices);
      for (const spec of specs) addItem(fresh, spec, choicesOf(spec, choices));
      // https://developers.google.com/workspace/forms/api/guides/publish-form (Form.setPublished)
      (fresh as PublishableForm).setPublished(true);
      fresh.setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheet.getId());
      properties.setProperty(build.property, fresh.getId());
      created.push(build.title);
    }
    // The new tabs may only show once pending changes are applied.
    // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush()
    SpreadsheetApp.flush();
    const sheets = spreadsheet.getSheets();
    const sheetTypes = responseSheetMap(sheets, formIdsByType(properties));
    properties.setProperty(FORM_SHEETS_PROPERTY, JSON.stringify(sheetTypes));
    const dataSheets = responseSheetMap(sheets, dataFormIds(properties));
    properties.setProperty(DATA_FORM_SHEETS_PROPERTY, JSON.stringify(dataSheets));
    // Sheets puts each new responses tab first: move them behind the working sheets (issue 11 §1).
    layOutWorkbook(spreadsheet, new Set([...Object.keys(sheetTypes), ...Object.keys(dataSheets)].map(Number)));
    protectRequests(spreadsheet);
    const triggersCreated = ensureTriggers(spreadsheet);
    if (approvalTriggerOwner() === "") PropertiesService.getScriptProperties().setProperty(TRIGGER_OWNER_PROPERTY, me);
    // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Integer)
    if (notices.size) spreadsheet.toast([...notices].join("\n"), both({ zh: "表单设置", en: "Form settings" }), 15);
    return { created, updated, triggersCreated, notices: [...notices] };
  } finally {
    lock.releaseLock();
  }
}

export interface TakeOverReport {
  readonly owner: string;
  readonly previousOwner: string;
  readonly triggersCreated: number;
}

/**
 * Menu: the spreadsheet's owner (any editor, for a file in a shared drive, which has no owner)
 * becomes the owner of the approval triggers and gets the set (their own triggers are the only ones
 * they can see or create). The previous owner's triggers delete themselves the first time they
 * fire, so no event runs twice.
 */
export function takeOverApprovalTriggers(): TakeOverReport {
  requireOwnAuthority({ zh: "接管审批触发器", en: "Take over approval triggers" });
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const me = Session.getEffectiveUser().getEmail();
  const sheetOwner = spreadsheetOwner(spreadsheet);
  if (sheetOwner !== "" && !sameEmail(sheetOwner, me)) {
    throw new UserError("TAKE_OVER_OWNER_ONLY", {
      zh: `只有表格所有者 ${sheetOwner} 可以接管审批触发器`,
      en: `Only the spreadsheet's owner, ${sheetOwner}, can take over the approval triggers`,
    });
  }
  const lock = LockService.getScriptLock();
  lock.waitLock(30_000);
  try {
    const previousOwner = approvalTriggerOwner();
    PropertiesService.getScriptProperties().setProperty(TRIGGER_OWNER_PROPERTY, me);
    const triggersCreated = ensureTriggers(spreadsheet);
    spreadsheet.toast(both({ zh: `审批触发器现由 ${me} 负责`, en: `The approval triggers now belong to ${me}` }), "市场部 MarketOps", 10);
    return { owner: me, previousOwner, triggersCreated };
  } finally {
    lock.releaseLock();
  }
}
