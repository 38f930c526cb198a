/**
 * Routing (审批路线): the Routes sheet's rows are the routes, so a company changes who approves
 * what by editing that sheet, not the code. `routeRowsFrom` reads and checks the rows; `routeFor`
 * plans one request's route: the active rows of its type in step order, those whose condition holds
 * (`amount > 50000`, `cross_department = TRUE`; clauses joined by `;` or AND), each role resolved
 * to people through People (role and region, the requester's direct superior, the request region's
 * manager, the requester), "any of" / "all of" steps, copies (抄送) and where a rejection goes
 * (blank = Settings `DEFAULT_REJECT_ACTION`, WF-GEN.1). Nobody approves their own request: when
 * the requester holds the step's role, their direct superior decides. A role nobody holds is a
 * bilingual error naming the role and region to fill in People.
 */
import type { Bilingual, CellLocation } from "../i18n";
import { format } from "../i18n";
import { sheetTemplate } from "../templates/catalog";
import type { Directory, Person, SheetRow } from "./directory";
import { activePerson, assigneeOf, holdersOf, personRef, regionManager } from "./directory";
import type { Assignee, FieldValue, SheetRecord, FollowUpPlan, PersonRef, PlannedStep, Problem, RejectAction, RequestTypeKey, RouteResult, StepAction, StepMode } from "./model";
import { requestTypeSpec, roleLabel } from "./request-types";
import { DEFAULT_APPROVAL_SETTINGS } from "./settings";
import type { ApprovalSettings, FollowUpDaysSetting, FollowUpMonthsSetting } from "./settings";

export type Comparison = "=" | "!=" | ">" | ">=" | "<" | "<=";

export interface ConditionClause {
  readonly key: string;
  readonly op: Comparison;
  readonly value: string | number | boolean;
}

/** One Routes row, checked. */
export interface RouteRow {
  readonly requestType: string;
  readonly step: number;
  readonly name: Bilingual;
  readonly role: string;
  readonly action: StepAction;
  readonly mode: StepMode;
  readonly condition: readonly ConditionClause[];
  readonly conditionText: string;
  readonly ccRoles: readonly string[];
  readonly onReject: RejectAction | null;
  readonly rejectToStep: number | null;
  readonly rule: string;
  readonly decisionRef: string;
  readonly active: boolean;
  /** 1-based row of the Routes sheet (0 when the row did not come from a sheet). */
  readonly row: number;
}

/** What a route is planned for. */
export interface RouteRequest {
  readonly type: RequestTypeKey;
  readonly requester: string;
  readonly region: string | null;
  readonly amount: number | null;
  readonly fields: Readonly<Record<string, FieldValue>>;
}

const ACTIONS: readonly StepAction[] = ["approve", "advise", "verify", "accept", "confirm"];
const MODES: readonly StepMode[] = ["any", "all"];
const REJECTS: readonly RejectAction[] = ["return_to_initiator", "back_to_step", "close"];
/** Roles that are relations to the request rather than People roles. */
const RELATION_ROLES = ["region_manager", "direct_superior", "requester"] as const;

const M = {
  badValue: { zh: "「{value}」不是有效的取值,可选:{options}", en: "\"{value}\" is not allowed; use one of: {options}" },
  badStep: { zh: "步骤须为 1–20 的整数", en: "the step must be a whole number from 1 to 20" },
  badCondition: {
    zh: "条件「{text}」无法识别;写作「列键 = 值」,如 amount > 50000 或 cross_department = TRUE,多个条件用分号分隔",
    en: "cannot read the condition \"{text}\"; write \"column key = value\", such as amount > 50000 or cross_department = TRUE, clauses separated by ;",
  },
  rejectStepMissing: { zh: "驳回去向为「退回指定步骤」时须填写退回步骤(且小于本步骤)", en: "\"back to a step\" needs a Back-to-step number lower than this step" },
  duplicateStep: { zh: "同一申请类型的步骤 {step} 出现两次", en: "step {step} appears twice for this request type" },
  approverMissing: {
    zh: "没有人担任「{role}」{where}:请在「人员 People」表中为该角色登记一位在职人员(审批路线第 {step} 步「{step_name}」)",
    en: "nobody holds the role \"{roleEn}\"{whereEn}: add an active person with this role in the People sheet (route step {step}, \"{step_nameEn}\")",
  },
  superiorMissing: {
    zh: "申请人 {who} 没有登记直属上级:请在「人员 People」表填写其直属上级(审批路线第 {step} 步「{step_name}」)",
    en: "the requester {who} has no direct superior: fill in their Direct superior in the People sheet (route step {step}, \"{step_nameEn}\")",
  },
  regionMissing: {
    zh: "申请没有区域,无法找到区域负责人:请在申请中选择区域,或在「区域 Regions」表登记负责人(审批路线第 {step} 步)",
    en: "the request has no region, so there is no region manager: pick a region in the request, or fill in the manager in the Regions sheet (route step {step})",
  },
  requesterMissing: {
    zh: "申请人 {who} 不在「人员 People」表中或已离职:请先登记此人",
    en: "the requester {who} is not an active person in the People sheet: add them first",
  },
  selfApproval: {
    zh: "申请人 {who} 本人担任此步骤的角色,改由其直属上级 {manager} 审批",
    en: "the requester {who} holds this step's role, so their direct superior {manager} decides",
  },
  ccMissing: { zh: "抄送角色「{role}」无人担任,未抄送", en: "nobody holds the copy-to role \"{roleEn}\"; no copy sent" },
  ownerMissing: {
    zh: "后续任务「{task}」没有责任人:请在「人员 People」表为角色「{role}」{where}登记一位在职人员",
    en: "the follow-up task \"{taskEn}\" has no owner: add an active person with the role \"{roleEn}\"{whereEn} in the People sheet",
  },
  noRoute: {
    zh: "「审批路线 Routes」表中没有「{type}」的有效步骤:请添加至少一行,或把现有行的「启用」打勾",
    en: "the Routes sheet has no active step for \"{typeEn}\": add a row, or tick Active on an existing one",
  },
} as const;

const ROUTES_TAB = (): string => sheetTemplate("routes").tabName;

function at(row: number, column: string): CellLocation {
  return row > 0 ? { sheet: ROUTES_TAB(), row, column } : { sheet: ROUTES_TAB(), column };
}

function str(values: SheetRecord, key: string): string {
  const v = values[key];
  return v === null || v === undefined ? "" : String(v).trim();
}

function templateEnum(sheet: string, column: string): readonly string[] {
  const c = sheetTemplate(sheet).columns.find((x) => x.key === column);
  return c?.validation?.kind === "enum" ? c.validation.values.map((v) => v.value) : [];
}

const CLAUSE = /^\s*([a-z][a-z0-9_]*)\s*(!=|<>|>=|<=|=|>|<)\s*(.+?)\s*$/i;

/**
 * A Routes condition as clauses; null when it cannot be read.
 * @example parseCondition("amount > 50000; region = EAST") → two clauses
 */
export function parseCondition(text: string): ConditionClause[] | null {
  if (text.trim() === "") return [];
  const clauses: ConditionClause[] = [];
  for (const part of text.split(/;|\s+AND\s+/i)) {
    if (part.trim() === "") continue;
    const m = CLAUSE.exec(part);
    if (!m) return null;
    const [, key = "", rawOp = "", rawValue = ""] = m;
    const op: Comparison = rawOp === "<>" ? "!=" : (rawOp as Comparison);
    const unquoted = rawValue.replace(/^["'“]|["'”]$/g, "");
    let value: string | number | boolean = unquoted;
    if (/^(true|false|是|否)$/i.test(unquoted)) value = /^(true|是)$/i.test(unquoted);
    else if (/^[+-]?\d+(\.\d+)?$/.test(unquoted.replace(/,/g, ""))) value = Number(unquoted.replace(/,/g, ""));
    if ((typeof value !== "number") && op !== "=" && op !== "!=") return null;
    clauses.push({ key: key.toLowerCase(), op, value });
  }
  return clauses;
}

/** A Routes row's problem, with the request type whose route it breaks. */
export interface RouteRowProblem extends Problem {
  readonly requestType: string;
}

/** The Routes sheet, read: the good rows, and the problems of the rows left out. */
export interface RouteTable {
  readonly rows: readonly RouteRow[];
  readonly problems: readonly RouteRowProblem[];
}

/** Reads the Routes sheet's rows; rows with problems are left out and reported. */
export function routeRowsFrom(rows: readonly SheetRow[]): RouteTable {
  const roles = templateEnum("routes", "role");
  const out: RouteRow[] = [];
  const problems: RouteRowProblem[] = [];
  const seen = new Set<string>();
  for (const { row, values } of rows) {
    const type = str(values, "request_type");
    if (type === "") continue;
    const rowProblems: Problem[] = [];
    const bad = (column: string, code: string, text: Bilingual, fill: Readonly<Record<string, string | number>> = {}): void => {
      rowProblems.push({ code, text: format(text, fill), at: at(row, column) });
    };
    const enumOf = <T extends string>(column: string, options: readonly T[], fallback: T | null): T | null => {
      const v = str(values, column).toLowerCase();
      if (v === "") return fallback;
      if ((options as readonly string[]).includes(v)) return v as T;
      bad(column, "ROUTE_BAD_VALUE", M.badValue, { value: v, options: options.join(", ") });
      return fallback;
    };
    const stepValue = Number(str(values, "step"));
    if (!Number.isInteger(stepValue) || stepValue < 1 || stepValue > 20) bad("step", "ROUTE_BAD_STEP", M.badStep);
    const role = str(values, "role").toLowerCase();
    if (!roles.includes(role) && !(RELATION_ROLES as readonly string[]).includes(role)) bad("role", "ROUTE_BAD_VALUE", M.badValue, { value: role, options: roles.join(", ") });
    const action = enumOf<StepAction>("action", ACTIONS, "approve") ?? "approve";
    const mode = enumOf<StepMode>("mode", MODES, "any") ?? "any";
    const onReject = enumOf<RejectAction>("on_reject", REJECTS, null);
    const conditionText = str(values, "condition");
    const condition = parseCondition(conditionText);
    if (condition === null) bad("condition", "ROUTE_BAD_CONDITION", M.badCondition, { text: conditionText });
    const rejectRaw = str(values, "reject_to_step");
    const rejectToStep = rejectRaw === "" ? null : Number(rejectRaw);
    if (onReject === "back_to_step" && (rejectToStep === null || !Number.isInteger(rejectToStep) || rejectToStep < 1 || rejectToStep >= stepValue)) {
      bad("reject_to_step", "ROUTE_BAD_REJECT_STEP", M.rejectStepMissing);
    }
    const ccRoles = str(values, "cc_roles").split(/[;,，；]/).map((r) => r.trim().toLowerCase()).filter((r) => r !== "");
    for (const cc of ccRoles) if (!roles.includes(cc) && !(RELATION_ROLES as readonly string[]).includes(cc)) bad("cc_roles", "ROUTE_BAD_VALUE", M.badValue, { value: cc, options: roles.join(", ") });
    const active = values.active === true || /^(true|是)$/i.test(str(values, "active"));
    const identity = `${type}#${stepValue}`;
    if (active && seen.has(identity)) bad("step", "ROUTE_DUPLICATE_STEP", M.duplicateStep, { step: stepValue });
    if (rowProblems.length) {
      problems.push(...rowProblems.map((p) => ({ ...p, requestType: type, text: { zh: `${type}:${p.text.zh}`, en: `${type}: ${p.text.en}` } })));
      continue;
    }
    if (active) seen.add(identity);
    out.push({
      requestType: type,
      step: stepValue,
      name: { zh: str(values, "name_zh") || str(values, "name_en"), en: str(values, "name_en") || str(values, "name_zh") },
      role,
      action,
      mode,
      condition: condition ?? [],
      conditionText,
      ccRoles,
      onReject,
      rejectToStep,
      rule: str(values, "rule"),
      decisionRef: str(values, "decision"),
      active,
      row,
    });
  }
  return { rows: out, problems };
}

function fieldOf(request: RouteRequest, key: string): FieldValue {
  if (key === "amount") return request.amount;
  if (key === "region") return request.region;
  if (key === "type" || key === "request_type") return request.type;
  return request.fields[key] ?? null;
}

function compare(actual: FieldValue, op: Comparison, expected: string | number | boolean): boolean {
  if (typeof expected === "boolean") {
    const truth = actual === true || (typeof actual === "string" && /^(true|是|yes)$/i.test(actual));
    return op === "=" ? truth === expected : truth !== expected;
  }
  if (typeof expected === "number") {
    const n = typeof actual === "number" ? actual : typeof actual === "string" && actual.trim() !== "" ? Number(actual) : NaN;
    if (!Number.isFinite(n)) return op === "!=";
    switch (op) {
      case "=":
        return n === expected;
      case "!=":
        return n !== expected;
      case ">":
        return n > expected;
      case ">=":
        return n >= expected;
      case "<":
        return n < expected;
      case "<=":
        return n <= expected;
    }
  }
  const a = actual === null ? "" : String(actual).trim().toLowerCase();
  const e = String(expected).trim().toLowerCase();
  return op === "=" ? a === e : a !== e;
}

/** Whether every clause of a condition holds for the request (an empty condition always holds). */
export function conditionHolds(condition: readonly ConditionClause[], request: RouteRequest): boolean {
  return condition.every((c) => compare(fieldOf(request, c.key), c.op, c.value));
}

interface Resolution {
  readonly people: readonly Person[];
  readonly problem: Problem | null;
}

function whereText(region: string | null): { where: string; whereEn: string } {
  return region === null ? { where: "", whereEn: "" } : { where: `(区域 ${region})`, whereEn: ` in region ${region}` };
}

function resolveRole(directory: Directory, role: string, requester: Person, region: string | null, stepFill: Readonly<Record<string, string | number>>): Resolution {
  const label = roleLabel(role);
  if (role === "requester") return { people: [requester], problem: null };
  if (role === "direct_superior") {
    const manager = activePerson(directory, requester.managerEmail);
    return manager
      ? { people: [manager], problem: null }
      : { people: [], problem: { code: "SUPERIOR_MISSING", text: format(M.superiorMissing, { who: `${requester.name} <${requester.email}>`, ...stepFill }), at: { sheet: sheetTemplate("people").tabName, row: requester.row, column: "manager_email" } } };
  }
  if (role === "region_manager") {
    if (region === null) return { people: [], problem: { code: "REGION_MISSING", text: format(M.regionMissing, stepFill) } };
    const manager = regionManager(directory, region);
    if (manager) return { people: [manager], problem: null };
    const regional = roleLabel("regional");
    return {
      people: [],
      problem: { code: "APPROVER_MISSING", text: format(M.approverMissing, { role: regional.zh, roleEn: regional.en, ...whereText(region), ...stepFill }), at: { sheet: sheetTemplate("people").tabName, column: "role" } },
    };
  }
  const holders = holdersOf(directory, role, region);
  return holders.length
    ? { people: holders, problem: null }
    : { people: [], problem: { code: "APPROVER_MISSING", text: format(M.approverMissing, { role: label.zh, roleEn: label.en, ...whereText(region), ...stepFill }), at: { sheet: sheetTemplate("people").tabName, column: "role" } } };
}

/** The effective reject action of a step, given which steps the route kept. */
function rejectOf(row: RouteRow, kept: readonly number[], fallback: RejectAction): { onReject: RejectAction; rejectToStep: number | null } {
  const action = row.onReject ?? fallback;
  if (action !== "back_to_step" || row.rejectToStep === null) return { onReject: action === "back_to_step" ? fallback : action, rejectToStep: null };
  const target = [...kept].filter((s) => s <= (row.rejectToStep ?? 0)).pop();
  return target === undefined ? { onReject: "return_to_initiator", rejectToStep: null } : { onReject: "back_to_step", rejectToStep: target };
}

type CompanyRoleSettings = Pick<ApprovalSettings, "annualPlanApprover" | "budgetFinalApprover" | "exchangeCompanyApprover">;

const COMPANY_STEP: Bilingual = { zh: "公司审批换货", en: "The company approves the exchange" };

/**
 * "The company" (公司, ROLE-COMPANY): the seeds name an unnamed company-level approver, and Settings
 * maps each to a People role; the default Routes rows follow the setting, and a row a company
 * changed by hand (another role) is left as it is.
 * - WF-22.2 / AMB-57: the annual business plan's approval is `ANNUAL_PLAN_APPROVER`'s role.
 * - WF-09 / AMB-42: the expense budget's final approval (default the director) is `BUDGET_FINAL_APPROVER`'s role.
 * - WF-06.5 / AMB-39: an exchange's company approval is merged into the director's step while
 *   `EXCHANGE_COMPANY_APPROVER` is the director (the default); another role gets a step of its own
 *   just before the director's written-application step.
 * Returns the rows in step order.
 */
export function companyRoles(rows: readonly RouteRow[], settings: Partial<CompanyRoleSettings>): RouteRow[] {
  const role = (value: string | undefined): string => value?.trim().toLowerCase() ?? "";
  const sorted = [...rows].sort((a, b) => a.step - b.step);
  const plan = role(settings.annualPlanApprover);
  const budget = role(settings.budgetFinalApprover);
  const exchange = role(settings.exchangeCompanyApprover);
  const lastBudgetStep = Math.max(0, ...sorted.filter((r) => r.requestType === "expense_budget" && r.action === "approve").map((r) => r.step));
  const out: RouteRow[] = [];
  for (const r of sorted) {
    if (r.requestType === "annual_plan" && r.rule === "WF-22" && r.action === "approve" && plan !== "") out.push({ ...r, role: plan });
    else if (r.requestType === "expense_budget" && r.step === lastBudgetStep && r.role === "director" && budget !== "") out.push({ ...r, role: budget });
    else if (r.requestType === "exchange" && r.role === "director" && r.action === "approve" && exchange !== "" && exchange !== "director") {
      out.push({ ...r, name: COMPANY_STEP, role: exchange, ccRoles: [], rule: "WF-06.5", decisionRef: "AMB-39" });
      out.push({ ...r, step: r.step + 1 });
    } else out.push(r.requestType === "exchange" && out.some((o) => o.requestType === "exchange" && o.rule === "WF-06.5") ? { ...r, step: r.step + 1 } : r);
  }
  return out;
}

/**
 * Plans a request's route: ordered steps with their people, copies and reject actions, and the
 * follow-up tasks approval will create, or the problems that stop it (for an administrator).
 * @example routeFor(stock transfer by a sales rep in EAST, default Routes rows, demo People, settings)
 *   → step 1 Marketing Manager 周海涛, step 2 Director 孙立新 (cc Warehouse); follow-up: Warehouse ships
 */
export function routeFor(
  request: RouteRequest,
  routeRows: readonly RouteRow[],
  directory: Directory,
  settings: Pick<ApprovalSettings, "defaultRejectAction"> & Partial<CompanyRoleSettings> & Partial<Pick<ApprovalSettings, FollowUpDaysSetting | FollowUpMonthsSetting>>,
): RouteResult {
  const requester = activePerson(directory, request.requester);
  if (!requester) {
    return { ok: false, problems: [{ code: "REQUESTER_MISSING", text: format(M.requesterMissing, { who: request.requester }), at: { sheet: sheetTemplate("people").tabName, column: "email" } }] };
  }
  const region = request.region ?? requester.region;
  const spec = requestTypeSpec(request.type);
  const rows = companyRoles(
    routeRows.filter((r) => r.requestType === request.type && r.active),
    settings,
  );
  if (rows.length === 0) {
    return { ok: false, problems: [{ code: "ROUTE_MISSING", text: format(M.noRoute, { type: spec.label.zh, typeEn: spec.label.en }), at: { sheet: ROUTES_TAB() } }] };
  }
  const kept = rows.filter((r) => conditionHolds(r.condition, request));
  const keptSteps = kept.map((r) => r.step);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const steps: PlannedStep[] = [];
  for (const row of kept) {
    const stepFill = { step: row.step, step_name: row.name.zh, step_nameEn: row.name.en };
    const resolved = resolveRole(directory, row.role, requester, region, stepFill);
    if (resolved.problem) {
      problems.push(resolved.problem);
      continue;
    }
    let people = resolved.people;
    let note: Bilingual | null = null;
    // Nobody approves their own request, but "accept" (WF-01.7: the region accepts its decomposed
    // tasks) and "confirm" (WF-07.6c) are the requester's own to do: the regional manager who wrote
    // the regional plan accepts its tasks themselves, never their superior (the Director who decomposed it).
    if (row.role !== "requester" && row.action !== "confirm" && row.action !== "accept" && people.some((p) => p.email === requester.email)) {
      const others = people.filter((p) => p.email !== requester.email);
      if (others.length) people = others;
      else {
        const manager = activePerson(directory, requester.managerEmail);
        if (!manager) {
          problems.push({ code: "SUPERIOR_MISSING", text: format(M.superiorMissing, { who: `${requester.name} <${requester.email}>`, ...stepFill }), at: { sheet: sheetTemplate("people").tabName, row: requester.row, column: "manager_email" } });
          continue;
        }
        people = [manager];
        note = format(M.selfApproval, { who: requester.name, manager: manager.name });
      }
    }
    const cc: PersonRef[] = [];
    for (const ccRole of row.ccRoles) {
      const found = resolveRole(directory, ccRole, requester, region, stepFill);
      if (found.problem) {
        const label = roleLabel(ccRole === "region_manager" ? "regional" : ccRole);
        warnings.push({ code: "CC_MISSING", text: format(M.ccMissing, { role: label.zh, roleEn: label.en }), at: at(row.row, "cc_roles") });
      }
      for (const p of found.people) if (!cc.some((c) => c.email === p.email)) cc.push(personRef(p));
    }
    const assignees: Assignee[] = people.map((p) => assigneeOf(directory, p));
    steps.push({
      step: row.step,
      name: row.name,
      role: row.role,
      roleLabel: roleLabel(row.role),
      action: row.action,
      mode: row.mode,
      ...rejectOf(row, keptSteps, settings.defaultRejectAction),
      rule: row.rule,
      decisionRef: row.decisionRef,
      assignees,
      cc,
      note,
    });
  }
  const followUps: FollowUpPlan[] = [];
  for (const f of spec.followUps) {
    const found = resolveRole(directory, f.ownerRole, requester, region, { step: "-", step_name: f.title.zh, step_nameEn: f.title.en });
    const owner = found.people[0];
    if (!owner) {
      const label = roleLabel(f.ownerRole === "region_manager" ? "regional" : f.ownerRole);
      problems.push({ code: "OWNER_MISSING", text: format(M.ownerMissing, { task: f.title.zh, taskEn: f.title.en, role: label.zh, roleEn: label.en, ...whereText(region) }), at: { sheet: sheetTemplate("people").tabName, column: "role" } });
      continue;
    }
    const workingDays = (f.workingDaysSetting && settings[f.workingDaysSetting]) ?? f.workingDays;
    const months = f.monthsSetting ? (settings[f.monthsSetting] ?? DEFAULT_APPROVAL_SETTINGS[f.monthsSetting]) : 0;
    const title = format(f.title, { horizon_min: settings.followupHorizonMin ?? DEFAULT_APPROVAL_SETTINGS.followupHorizonMin, horizon_max: settings.followupHorizonMax ?? DEFAULT_APPROVAL_SETTINGS.followupHorizonMax });
    followUps.push({ key: f.key, title, owner: personRef(owner), workingDays, ...(months > 0 ? { months } : {}), fromField: f.fromField, rule: f.rule });
  }
  return problems.length ? { ok: false, problems } : { ok: true, steps, followUps, warnings };
}
