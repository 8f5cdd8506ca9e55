import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { MessageTemplate } from '../../core/outbox/templates.ts';
import { itemVisibleSql } from '../parties/index.ts';
import { isExternal } from '../../core/access/scope.ts';
import { mergeLinkKinds, type LinkKindDef } from '../links/kinds.ts';
import { CASE_NO_PREFIX, caseNoCandidates, splitCaseNo } from '../numbering/index.ts';
import type { FieldWord, ModuleDescriptor, ScopedUser } from './descriptor.ts';

/** The registered modules, and what the shared features ask of them. Built once from modules/registry.ts. */
export interface ModuleCatalog {
  readonly modules: readonly ModuleDescriptor[];
  /** 信访, 安全隐患 …; an unregistered kind reads as 事项 */
  name(kind: string): string;
  href(kind: string, id: number): string;
  stateName(kind: string, state: string): string;
  /** how any screen names an item: its module's name, the page that opens it, its state in words */
  words(item: { module: string; id: number; state: string }): { moduleName: string; href: string; stateName: string };
  /** the zh-CN name of an audit action declared by a module, else undefined */
  auditLabel(action: string): string | undefined;
  /** a module's wording of one of its audit events, else null */
  describeAudit(action: string, before: unknown, after: unknown): string | null;
  /** how a field of an audited record of the action's module reads (its descriptor's word), else undefined */
  fieldWord(action: string, key: string): FieldWord | undefined;
  /** a state's name in the action's module (undefined when the module or state is unknown, never a guess) */
  auditStateName(action: string, state: string): string | undefined;
  /** a message template by key, from the module that declares it */
  message(key: string): MessageTemplate | undefined;
  /** a document kind's zh-CN name (受理告知书 …), from the module that declares it */
  documentName(kind: string): string | undefined;
  /** a link kind by code: the kernel's or one a module declares */
  linkKind(code: string): LinkKindDef | undefined;
  /** the modules' namers of their own audited records, by entity type */
  entityNamer(type: string): NonNullable<ModuleDescriptor['entityNames']>[string] | undefined;
  /** the letters a module's case numbers start with (XF …) */
  caseNoPrefix(kind: string): string | undefined;
  /**
   * What a typed case number may stand for, as (module, ref_no) pairs: with a module's prefix (any case, spaces or a
   * full-width dash tolerated) that module's item — new or issued before prefixes; without one, the number in every
   * module (the old numbers coincide across modules; the caller asks for the type when several answer).
   */
  readCaseNo(typed: string): { module: string; refNo: string }[];
  /** a module's statistics, if it declares any */
  stats(kind: string): NonNullable<ModuleDescriptor['stats']> | undefined;
  /** every link kind, the kernel's first */
  readonly linkKinds: readonly LinkKindDef[];
  /**
   * THE visibility rule over work_items alias `wi`: the kernel's scope (owner or active party) AND
   * the rule of the item's module. Every read path of every shared feature uses this.
   */
  visibleSql(user: ScopedUser, wi?: string): RawBuilder<SqlBool>;
  /**
   * The modules' own rules alone, without the kernel's scope: whether a unit's staff may be told about an item at
   * all (a reminder or 督办通知 addressed to the unit). Judged with no role, so a rule that opens items to some roles
   * (county-wide ones) opens nothing here.
   */
  moduleRulesSql(user: ScopedUser, wi?: string): RawBuilder<SqlBool>;
}

/** One module's full rule: the kernel's scope AND its own (its own lists use this, others the catalog). */
export function moduleVisibleSql(module: Pick<ModuleDescriptor, 'visibility' | 'externalVisibility'>, user: ScopedUser, wi = 'wi'): RawBuilder<SqlBool> {
  if (isExternal(user)) return module.externalVisibility ? module.externalVisibility(user, wi) : sql<SqlBool>`false`;
  const scope = itemVisibleSql(wi, user);
  return module.visibility ? sql<SqlBool>`(${scope} and ${module.visibility(user, wi)})` : scope;
}

/** The module an audit action belongs to: its code's first segment ('petition.accept' → petition). */
const actionModule = (action: string) => action.slice(0, Math.max(0, action.indexOf('.')));

export function createCatalog(modules: readonly ModuleDescriptor[]): ModuleCatalog {
  const byKind = new Map<string, ModuleDescriptor>();
  for (const m of modules) {
    if (byKind.has(m.kind)) throw new Error(`module registry: kind ${m.kind} registered twice`);
    byKind.set(m.kind, m);
  }
  const byPrefix = new Map<string, ModuleDescriptor>();
  for (const m of modules) {
    if (!CASE_NO_PREFIX.test(m.caseNoPrefix)) throw new Error(`module registry: case-number prefix ${m.caseNoPrefix} of ${m.kind} is not 2–4 capital letters`);
    const other = byPrefix.get(m.caseNoPrefix);
    if (other) throw new Error(`module registry: case-number prefix ${m.caseNoPrefix} declared by both ${other.kind} and ${m.kind}`);
    byPrefix.set(m.caseNoPrefix, m);
  }
  const readCaseNo = (typed: string): { module: string; refNo: string }[] => {
    const { prefix } = splitCaseNo(typed, [...byPrefix.keys()]);
    const of = prefix === null ? modules : [byPrefix.get(prefix)!];
    return of.flatMap((m) => caseNoCandidates(typed, m.caseNoPrefix).map((refNo) => ({ module: m.kind, refNo })));
  };
  const messages = new Map<string, MessageTemplate>();
  for (const m of modules) {
    for (const [k, v] of Object.entries(m.messages)) {
      if (messages.has(k)) throw new Error(`module registry: message template ${k} declared twice`);
      messages.set(k, v);
    }
  }
  const documentNames = new Map<string, string>();
  for (const m of modules) {
    for (const d of m.documentKinds) {
      if (documentNames.has(d.kind)) throw new Error(`module registry: document kind ${d.kind} declared twice`);
      documentNames.set(d.kind, d.name);
    }
  }
  const linkKinds = mergeLinkKinds(modules.map((m) => ({ owner: m.kind, kinds: m.linkKinds ?? [] })));
  const withRules = modules.filter((m) => m.visibility);
  const withExternal = modules.filter((m) => m.externalVisibility);
  // an outside party's account sees only what a module opens to it, each module's rule on its own items
  const externalSql = (user: ScopedUser, wi: string): RawBuilder<SqlBool> =>
    withExternal.length === 0
      ? sql<SqlBool>`false`
      : sql<SqlBool>`(${sql.join(
          withExternal.map((m) => sql<SqlBool>`(${sql.ref(`${wi}.module`)} = ${m.kind} and ${m.externalVisibility!(user, wi)})`),
          sql` or `,
        )})`;
  // each module's rule applies to its own items only
  const moduleRulesSql = (user: ScopedUser, wi = 'wi'): RawBuilder<SqlBool> =>
    withRules.length === 0
      ? sql<SqlBool>`true`
      : sql<SqlBool>`(${sql.join(
          withRules.map((m) => sql<SqlBool>`(${sql.ref(`${wi}.module`)} <> ${m.kind} or ${m.visibility!(user, wi)})`),
          sql` and `,
        )})`;
  const name = (kind: string) => byKind.get(kind)?.name ?? '事项';
  const href = (kind: string, id: number) => byKind.get(kind)?.detailHref(id) ?? `/work-items/${id}`;
  const stateName = (kind: string, state: string) => byKind.get(kind)?.states[state]?.name ?? '办理中';
  return {
    modules,
    name,
    href,
    stateName,
    words: (item) => ({ moduleName: name(item.module), href: href(item.module, item.id), stateName: stateName(item.module, item.state) }),
    // a module may also name the audit actions of its own records that are not work items (a roster, a register)
    auditLabel: (action) =>
      byKind.get(actionModule(action))?.wording.actions[action] ?? modules.find((m) => Object.hasOwn(m.wording.actions, action))?.wording.actions[action],
    describeAudit: (action, before, after) => byKind.get(actionModule(action))?.wording.describe?.(action, before, after) ?? null,
    fieldWord: (action, key) => byKind.get(actionModule(action))?.wording.fields?.[key],
    auditStateName: (action, state) => byKind.get(actionModule(action))?.states[state]?.name,
    message: (key) => messages.get(key),
    documentName: (kind) => documentNames.get(kind),
    linkKind: (code) => linkKinds.get(code),
    caseNoPrefix: (kind) => byKind.get(kind)?.caseNoPrefix,
    readCaseNo,
    stats: (kind) => byKind.get(kind)?.stats,
    entityNamer: (type) => modules.find((m) => m.entityNames?.[type])?.entityNames?.[type],
    linkKinds: [...linkKinds.values()],
    visibleSql: (user, wi = 'wi') => (isExternal(user) ? externalSql(user, wi) : sql<SqlBool>`(${itemVisibleSql(wi, user)} and ${moduleRulesSql(user, wi)})`),
    moduleRulesSql,
  };
}
