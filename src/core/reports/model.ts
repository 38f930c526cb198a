/**
 * The monthly report model (RP-28, the product's report pack): everything one reader's email shows,
 * already scoped to what that reader may see (audience.ts), built from plain rows (inputs.ts) by
 * the report modules, each reusing the scoring rules they cite. The renderer
 * (src/render/reports/email.ts) only formats it. Pure: rows, the month, the reader and the day in;
 * the model out.
 *
 * Sections, in the order a reader meets them: what needs your action (actions.ts); plan vs actual
 * for sales and new customers, month / quarter / year to date (RP-01, RP-02); collections with the
 * roll-over (SC-09..11); expenses vs budget (SC-05, RP-18); appraisal results with the grade
 * distribution, movers and flags (RP-12, SC-36, SC-57, AMB-65); work standards and missing
 * activity logs (KPI-07..10, RP-03, RP-14); pending approvals; overdue tasks; stale customer files.
 */
import type { Language } from "../i18n";
import type { ActionItem } from "./actions";
import { readerActions } from "./actions";
import type { ReportKind, ReportPerson, ReportScope } from "./audience";
import { inScope, regionInScope, reportPeople } from "./audience";
import type { CollectionFigure } from "./collections";
import { collectionFigure } from "./collections";
import type { ExpenseFigure } from "./expenses";
import { expenseFigure } from "./expenses";
import type { ReportInputs, ReportSettings } from "./inputs";
import { emailKey, reportSettings, text } from "./inputs";
import { quarterOf } from "./months";
import type { OverdueTask, PendingApproval } from "./operations";
import { overdueTasks, pendingApprovals, samePerson } from "./operations";
import type { FigureScope, PeriodFigures } from "./plan-actual";
import { ActualBook, PlanBook, planVsActual } from "./plan-actual";
import type { GradeCount, GradeMove, PersonResult } from "./results";
import { gradeDistribution, gradeMoves, latestResults, monthResults } from "./results";
import type { StaleFile, StandardsLine } from "./standards";
import { staleFiles, standardsLines } from "./standards";

export interface RegionName {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/** One line of the performance tables: the department, a region or a person. */
export interface PerformanceLine {
  readonly level: FigureScope["level"];
  /** Region code or email; blank for the department. */
  readonly id: string;
  /** What the line is called: a region's name or a person's. */
  readonly name: RegionName | { readonly code: string; readonly zh: string; readonly en: string };
  readonly sales: PeriodFigures;
  readonly newCustomers: PeriodFigures;
  readonly collections: CollectionFigure;
  readonly expenses: ExpenseFigure | null;
}

export interface NamedPerson {
  readonly email: string;
  readonly name: string;
}

export interface ReportModel {
  readonly kind: ReportKind;
  readonly month: string;
  readonly quarter: string;
  readonly today: string;
  readonly reader: ReportPerson;
  readonly language: Language;
  readonly scope: ReportScope;
  /** The scope's region name (region scope), for titles. */
  readonly regionName: RegionName | null;
  readonly sheetUrl: string;
  readonly actions: readonly ActionItem[];
  readonly lines: readonly PerformanceLine[];
  readonly results: readonly PersonResult[];
  /** Whether any result of the month in scope is still unsigned (SC-57). */
  readonly pending: boolean;
  readonly grades: readonly GradeCount[];
  readonly moves: readonly GradeMove[];
  readonly standards: readonly StandardsLine[];
  readonly approvals: readonly (PendingApproval & { readonly holder: NamedPerson | null })[];
  readonly tasks: readonly (OverdueTask & { readonly owner: NamedPerson | null })[];
  readonly staleFiles: readonly StaleFile[];
  readonly settings: ReportSettings;
}

/** The report's shared, unscoped part: computed once per run, then scoped per reader. */
export interface ReportBase {
  readonly month: string;
  readonly inputs: ReportInputs;
  readonly settings: ReportSettings;
  readonly people: ReadonlyMap<string, ReportPerson>;
  readonly regions: readonly RegionName[];
  readonly plans: PlanBook;
  readonly actuals: ActualBook;
  readonly latest: ReadonlyMap<string, PersonResult>;
  readonly results: readonly PersonResult[];
  readonly standards: readonly StandardsLine[];
  readonly staleFiles: readonly StaleFile[];
  readonly approvals: readonly PendingApproval[];
  readonly tasks: readonly OverdueTask[];
  /** People who carry a person-level plan or actual in the month's year, by email key. */
  readonly planHolders: readonly string[];
}

export function reportBase(inputs: ReportInputs, month: string): ReportBase {
  const settings = reportSettings(inputs.settings);
  const people = reportPeople(inputs.people, settings.language);
  const latest = latestResults(inputs.results);
  const actuals = new ActualBook(inputs.actuals);
  const year = month.slice(0, 4);
  const holders = new Set<string>();
  for (const r of inputs.plans) if (text(r.level) === "person" && text(r.period).startsWith(year) && emailKey(r.person_email) !== "") holders.add(emailKey(r.person_email));
  for (const r of inputs.actuals) if (text(r.period).startsWith(year) && emailKey(r.person_email) !== "") holders.add(emailKey(r.person_email));
  return {
    month,
    inputs,
    settings,
    people,
    regions: inputs.regions
      .filter((r) => text(r.code) !== "" && r.active !== false)
      .map((r) => ({ code: text(r.code).toUpperCase(), zh: text(r.name_zh) || text(r.code), en: text(r.name_en) || text(r.code) })),
    plans: new PlanBook(inputs.plans),
    actuals,
    latest,
    results: monthResults(latest, month),
    standards: standardsLines([...people.values()], inputs.activities, actuals, month, settings, inputs.holidays, inputs.today),
    staleFiles: staleFiles(inputs.customers, inputs.today, settings, inputs.activities),
    approvals: pendingApprovals(inputs.requests, inputs.approvals, inputs.today),
    tasks: overdueTasks(inputs.tasks, inputs.today),
    planHolders: [...holders],
  };
}

function line(base: ReportBase, scope: FigureScope, name: PerformanceLine["name"]): PerformanceLine {
  const { plans, actuals, month, settings } = base;
  return {
    level: scope.level,
    id: scope.level === "region" ? scope.region : scope.level === "person" ? scope.email : "",
    name,
    sales: planVsActual(plans, actuals, month, scope, "sales", "sales"),
    newCustomers: planVsActual(plans, actuals, month, scope, "new_customers", "new_customers"),
    collections: collectionFigure(plans, actuals, month, scope, settings.creditSurplus),
    expenses: expenseFigure(plans, actuals, month, scope, settings.expensePenaltyPerPp),
  };
}

/**
 * A person's name may be shown in a report of `scope` when the person is in scope or works at
 * headquarters (no region): never a person of another region.
 */
function visible(base: ReportBase, scope: ReportScope, email: string): NamedPerson | null {
  const p = base.people.get(emailKey(email));
  if (!p) return scope.kind === "department" && email !== "" ? { email, name: email } : null;
  if (scope.kind === "department" || p.region === null || inScope(scope, p)) return { email: p.email, name: p.name };
  return null;
}

/** The person a row is about, by email, for scoping (results carry their own region). */
function personOf(base: ReportBase, email: string, region: string | null): { email: string; region: string | null } {
  return { email, region: base.people.get(emailKey(email))?.region ?? region };
}

/** The model of one report for one reader. */
export function buildReport(base: ReportBase, kind: ReportKind, reader: ReportPerson, scope: ReportScope): ReportModel {
  const regionName = scope.kind === "region" ? (base.regions.find((r) => r.code === scope.region) ?? { code: scope.region, zh: scope.region, en: scope.region }) : null;
  const lines: PerformanceLine[] = [];
  if (scope.kind === "department") lines.push(line(base, { level: "department" }, { code: "", zh: "全部门", en: "Department" }));
  for (const r of base.regions) if (scope.kind !== "person" && regionInScope(scope, r.code)) lines.push(line(base, { level: "region", region: r.code }, r));
  for (const email of base.planHolders) {
    const p = base.people.get(email);
    if (!p || !inScope(scope, p)) continue;
    lines.push(line(base, { level: "person", email: p.email }, { code: p.region ?? "", zh: p.name, en: p.name }));
  }
  const results = base.results.filter((r) => inScope(scope, personOf(base, r.email, r.region)));
  const standards = base.standards.filter((s) => inScope(scope, personOf(base, s.email, s.region)));
  const files = base.staleFiles.filter((f) =>
    scope.kind === "department" ? true : scope.kind === "region" ? f.region === scope.region : samePerson(f.ownerEmail, scope.email),
  );
  const approvals = base.approvals
    .filter((a) => {
      if (scope.kind === "department") return true;
      if (samePerson(a.holderEmail, reader.email) || samePerson(a.requesterEmail, reader.email)) return true;
      return scope.kind === "region" && (a.region === scope.region || inScope(scope, base.people.get(emailKey(a.requesterEmail))));
    })
    .map((a) => ({ ...a, requesterEmail: visible(base, scope, a.requesterEmail)?.email ?? "", holder: visible(base, scope, a.holderEmail) }));
  const tasks = base.tasks
    .filter((t) => {
      if (scope.kind === "department") return true;
      if (samePerson(t.ownerEmail, reader.email) || samePerson(t.assignerEmail, reader.email)) return true;
      return scope.kind === "region" && inScope(scope, base.people.get(emailKey(t.ownerEmail)));
    })
    .map((t) => ({ ...t, assignerEmail: visible(base, scope, t.assignerEmail)?.email ?? "", owner: visible(base, scope, t.ownerEmail) }));
  const actions = readerActions({
    reader,
    scope,
    month: base.month,
    signerRole: base.settings.signerRole,
    results,
    approvals: base.approvals,
    tasks: base.tasks,
    standards,
    staleFiles: files,
    monthlyNewCustomers: base.settings.monthlyNewCustomers,
  });
  return {
    kind,
    month: base.month,
    quarter: quarterOf(base.month),
    today: base.inputs.today,
    reader,
    language: reader.language,
    scope,
    regionName,
    sheetUrl: base.inputs.sheetUrl,
    actions,
    lines,
    results,
    pending: results.some((r) => r.grade === null),
    grades: gradeDistribution(results),
    moves: gradeMoves(base.latest, results),
    standards,
    approvals,
    tasks,
    staleFiles: files,
    settings: base.settings,
  };
}
