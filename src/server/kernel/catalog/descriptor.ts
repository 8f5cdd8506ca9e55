import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import type { MessageTemplate } from '../../core/outbox/templates.ts';
import type { DocumentKindDef } from '../documents/index.ts';
import type { LinkKindDef } from '../links/kinds.ts';
import type { StatsDeclaration } from '../stats/declaration.ts';
import type { ImportDeclaration } from '../imports/declaration.ts';

/** What a visibility rule decides on: the user's roles and unit (and an enterprise account's enterprise). */
export type ScopedUser = Pick<SessionUser, 'roles' | 'unitPath'> & Partial<Pick<SessionUser, 'enterpriseId'>>;

/** How a module's audit events read for people (timeline, audit viewer). */
export interface ItemWording {
  /** zh-CN names of the module's audit actions, by full action code (e.g. 'petition.accept' → 受理) */
  actions: Readonly<Record<string, string>>;
  /** the readable detail of one of its events; null lets the kernel describe the changed fields */
  describe?(action: string, before: unknown, after: unknown): string | null;
  /**
   * The audit viewer's names for the fields the module's audited records carry (caseNo → 信访件编号), with how a
   * value reads where it is a code (channel 'visit' → 来访); a field named nowhere is shown only under 技术细节.
   */
  fields?: Readonly<Record<string, FieldWord>>;
}

/** One audited field as people read it: its name, and its value in words (null: no readable form). */
export interface FieldWord {
  label: string;
  value?(v: unknown): string | null;
}

/**
 * Everything a module declares to the kernel, in one place (registered in modules/registry.ts).
 * The kernel and the shared features (我的待办, work-item detail, timeline, reminders, 督办, the audit
 * viewer, the outbox) read modules only through these descriptors; none of them names a module.
 */
export interface ModuleDescriptor {
  /** work_items.module of its items, e.g. 'petition' */
  kind: string;
  /** the module's zh-CN name, e.g. 信访 */
  name: string;
  /**
   * The letters its case numbers start with (XF-519901-2026-000015 is a 信访件): two to four capital Latin letters,
   * no two modules alike (the catalog refuses both at start-up), so a number names its module on paper and on the phone.
   */
  caseNoPrefix: string;
  /** the console page that opens one of its items */
  detailHref(id: number): string;
  /** its states with their zh-CN names (the machine's) */
  states: Readonly<Record<string, { name: string }>>;
  /**
   * The module's own visibility rule, ANDed with the kernel's (owner unit in scope, or an active
   * party in scope). SQL over the work_items alias `wi`, read by EVERY path that shows an item:
   * lists, detail, 我的待办, exports, timeline, notifications, 督办, search, drill-downs, look-ups.
   * A rule that needs the module's own rows reads them by `${wi}.id`.
   */
  visibility?(user: ScopedUser, wi: string): RawBuilder<SqlBool>;
  /**
   * The items of this module its `visibility` hides from `user` (never mind the kernel's scope), as a subquery
   * returning work item ids — exactly the module's items for which `visibility` is false, read from the module's own
   * (small, indexed) rows. Lets a count kept in a rollup subtract what the reader may not see instead of testing the
   * rule on every item (the dashboard's trend). A module whose rule cannot name its hidden items leaves it out.
   */
  hiddenIdsSql?(user: ScopedUser): RawBuilder<unknown>;
  /**
   * What an outside party's account (an enterprise: a role marked external) may see of the module's items — it
   * replaces the kernel's unit scope for such accounts. A module without it shows them nothing.
   */
  externalVisibility?(user: ScopedUser, wi: string): RawBuilder<SqlBool>;
  /** timeline and audit wording */
  wording: ItemWording;
  /** clocks whose overdue brings an automatic 督办通知 (by rule key) */
  overdueRuleKeys: readonly string[];
  /**
   * 升级督办: the unit whose leaders receive the escalation when an automatic 督办通知 on one of the module's items
   * passed its reply limit unanswered (its leaders: the leader records of that unit or overseeing it, with an
   * account). Returns null when the item names no such unit; a module without it is never escalated.
   */
  escalationUnit?(db: Kysely<DB>, workItemId: number): Promise<number | null>;
  /** message templates to the people outside (the outbox renders them) */
  messages: Readonly<Record<string, MessageTemplate>>;
  /** the written documents (文书) its items may be issued, each with its default template */
  documentKinds: readonly Pick<DocumentKindDef<never>, 'kind' | 'name' | 'addressedTo' | 'defaultTemplate'>[];
  /** link kinds of its own beside the kernel's (reveals, escalates, decides, relates), usable between items of any modules */
  linkKinds?: readonly LinkKindDef[];
  /** its statistics (facts, counts, indicators, dimensions), served for every module by /stats/{module} */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module's own count and dimension keys
  stats?: StatsDeclaration<any, any>;
  /**
   * How the audit viewer names the module's own audited records (entity type → ids → names), e.g. 信访's
   * petitioner → "<case number> 信访人张*"; never a revealed value.
   */
  entityNames?: Readonly<Record<string, (db: Kysely<DB>, ids: readonly number[]) => Promise<Map<number, string>>>>;
  /** its Excel imports of existing 台账 (columns, validation, registration), served by /imports/{kind} */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each import's own parsed row type
  imports?: readonly ImportDeclaration<any>[];
  /**
   * 领导驾驶舱: the module's own key figures beside the kernel's (新增, 在办, 超期, 挂牌督办, 积案) — e.g. 重大隐患 —
   * each a condition over its open items (work_items alias `wi`; its own rows read by `${wi}.id`), counted and drilled
   * down with the same SQL.
   */
  keyFigures?: readonly KeyFigure[];
}

/** One of a module's own key figures on the leaders' dashboard: counted over its open items matching `where`. */
export interface KeyFigure {
  /** stable code, unique within the module (a query parameter of the drill-down) */
  key: string;
  /** zh-CN name as the leaders read it, e.g. 重大隐患 */
  name: string;
  where(wi: string): RawBuilder<SqlBool>;
}
