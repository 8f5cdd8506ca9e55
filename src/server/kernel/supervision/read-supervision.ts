import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { loadVisibleItem, type ModuleCatalog } from '../catalog/index.ts';
import { isCountySupervisor, mayHandle, mayInstruct, mayIssueNotice, mayRequestInstruction } from './supervision-policy.ts';
import { itemInstructionRequests, type InstructionRequestView } from './instruction-requests.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export interface NoticeView {
  id: number;
  workItemId: number;
  level: 'county' | 'township';
  text: string;
  issuedByName: string;
  issuedAt: string;
  ruleKey: string;
  replyDue: string;
  overdue: boolean;
  replyText: string | null;
  repliedByName: string | null;
  repliedAt: string | null;
}

export interface ListingView {
  id: number;
  reason: string;
  listedByName: string;
  listedAt: string;
  delistReason: string | null;
  delistedByName: string | null;
  delistedAt: string | null;
}

export interface BacklogView {
  id: number;
  workItemId: number;
  plan: string;
  leaderId: number | null;
  leaderName: string | null;
  unitId: number;
  unitName: string;
  dueDate: string;
  createdByName: string;
  createdAt: string;
  resultText: string | null;
  resultById: number | null;
  resultByName: string | null;
  resultAt: string | null;
  closedByName: string | null;
  closedAt: string | null;
  closeNote: string | null;
}

export interface InstructionView {
  id: number;
  leaderName: string | null;
  authorName: string;
  text: string;
  at: string;
}

export interface SupervisionView {
  workItemId: number;
  listed: boolean;
  listings: ListingView[];
  notices: NoticeView[];
  backlog: BacklogView[];
  instructions: InstructionView[];
  /** 报请领导批示 on the item, open ones (answeredAt null) awaiting the leader's 批示 */
  instructionRequests: InstructionRequestView[];
  /** what the caller may do now: the console shows buttons by these */
  allowed: {
    issueCountyNotice: boolean;
    issueTownshipNotice: boolean;
    replyNotice: boolean;
    list: boolean;
    delist: boolean;
    instruct: boolean;
    requestInstruction: boolean;
    openBacklog: boolean;
    reportBacklog: boolean;
    closeBacklog: boolean;
    recordAssistance: boolean;
  };
}

type NoticeRow = {
  id: number;
  work_item_id: number;
  level: 'county' | 'township';
  text: string;
  issuer: string;
  issued_at: Date;
  rule_key: string;
  reply_due: string;
  reply_text: string | null;
  replier: string | null;
  replied_at: Date | null;
};
export const presentNotice = (r: NoticeRow, today: string): NoticeView => ({
  id: Number(r.id),
  workItemId: Number(r.work_item_id),
  level: r.level,
  text: r.text,
  issuedByName: r.issuer,
  issuedAt: iso(r.issued_at)!,
  ruleKey: r.rule_key,
  replyDue: r.reply_due,
  overdue: r.replied_at === null && r.reply_due < today,
  replyText: r.reply_text,
  repliedByName: r.replier,
  repliedAt: iso(r.replied_at),
});

export function noticeQuery(db: Kysely<DB>) {
  return (
    db
      .selectFrom('supervision_notices as n')
      // automatic notices have no issuing user: they are shown as issued by 系统
      .leftJoin('users as iu', 'iu.id', 'n.issued_by')
      .leftJoin('users as ru', 'ru.id', 'n.replied_by')
      .select((eb) => eb.fn.coalesce('iu.display_name', sql.lit('系统')).as('issuer'))
      .select([
        'n.id',
        'n.work_item_id',
        'n.level',
        'n.text',
        'n.issued_at',
        'n.rule_key',
        'n.reply_due',
        'n.reply_text',
        'ru.display_name as replier',
        'n.replied_at',
      ])
  );
}

export function backlogQuery(db: Kysely<DB>) {
  return db
    .selectFrom('backlog_entries as b')
    .innerJoin('units as bu', 'bu.id', 'b.unit_id')
    .leftJoin('leaders as bl', 'bl.id', 'b.leader_id')
    .innerJoin('users as cu', 'cu.id', 'b.created_by')
    .leftJoin('users as rsu', 'rsu.id', 'b.result_by')
    .leftJoin('users as clu', 'clu.id', 'b.closed_by')
    .select([
      'b.id',
      'b.work_item_id',
      'b.plan',
      'b.leader_id',
      'bl.name as leader_name',
      'b.unit_id',
      'bu.name as unit_name',
      'b.due_date',
      'cu.display_name as creator',
      'b.created_at',
      'b.result_text',
      'b.result_by',
      'rsu.display_name as result_by_name',
      'b.result_at',
      'clu.display_name as closer',
      'b.closed_at',
      'b.close_note',
    ]);
}

type BacklogRow = Awaited<ReturnType<ReturnType<typeof backlogQuery>['execute']>>[number];
export const presentBacklog = (r: BacklogRow): BacklogView => ({
  id: Number(r.id),
  workItemId: Number(r.work_item_id),
  plan: r.plan,
  leaderId: r.leader_id === null ? null : Number(r.leader_id),
  leaderName: r.leader_name,
  unitId: Number(r.unit_id),
  unitName: r.unit_name,
  dueDate: r.due_date,
  createdByName: r.creator,
  createdAt: iso(r.created_at)!,
  resultText: r.result_text,
  resultById: r.result_by === null ? null : Number(r.result_by),
  resultByName: r.result_by_name,
  resultAt: iso(r.result_at),
  closedByName: r.closer,
  closedAt: iso(r.closed_at),
  closeNote: r.close_note,
});

/** Everything 督办 about one item, as `user` may see it (NOT_FOUND out of scope). */
export async function getSupervision(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  workItemId: number;
  today: string;
}): Promise<SupervisionView> {
  const { db, user, workItemId, today } = opts;
  await loadVisibleItem(db, opts.modules, user, workItemId);
  const [listings, notices, backlog, instructions, requests, item] = await Promise.all([
    db
      .selectFrom('supervision_listings as s')
      .innerJoin('users as lu', 'lu.id', 's.listed_by')
      .leftJoin('users as du', 'du.id', 's.delisted_by')
      .select(['s.id', 's.reason', 'lu.display_name as lister', 's.listed_at', 's.delist_reason', 'du.display_name as delister', 's.delisted_at'])
      .where('s.work_item_id', '=', workItemId)
      .orderBy('s.id', 'desc')
      .execute(),
    noticeQuery(db).where('n.work_item_id', '=', workItemId).orderBy('n.id', 'desc').execute(),
    backlogQuery(db).where('b.work_item_id', '=', workItemId).orderBy('b.id', 'desc').execute(),
    db
      .selectFrom('leader_instructions as i')
      .innerJoin('users as au', 'au.id', 'i.author_id')
      .leftJoin('leaders as l', 'l.id', 'i.leader_id')
      .select(['i.id', 'l.name as leader_name', 'au.display_name as author', 'i.text', 'i.at'])
      .where('i.work_item_id', '=', workItemId)
      .orderBy('i.id', 'desc')
      .execute(),
    itemInstructionRequests(db, workItemId),
    db.selectFrom('work_items').select('open').where('id', '=', workItemId).executeTakeFirstOrThrow(),
  ]);
  const listed = listings.some((l) => l.delisted_at === null);
  const openBacklog = backlog.find((b) => b.closed_at === null);
  const supervisor = isCountySupervisor(user);
  return {
    workItemId,
    listed,
    listings: listings.map((l) => ({
      id: Number(l.id),
      reason: l.reason,
      listedByName: l.lister,
      listedAt: iso(l.listed_at)!,
      delistReason: l.delist_reason,
      delistedByName: l.delister,
      delistedAt: iso(l.delisted_at),
    })),
    notices: notices.map((n) => presentNotice(n, today)),
    backlog: backlog.map(presentBacklog),
    instructions: instructions.map((i) => ({ id: Number(i.id), leaderName: i.leader_name, authorName: i.author, text: i.text, at: iso(i.at)! })),
    instructionRequests: requests,
    allowed: {
      issueCountyNotice: mayIssueNotice(user, 'county'),
      issueTownshipNotice: mayIssueNotice(user, 'township'),
      replyNotice: mayHandle(user) && notices.some((n) => n.replied_at === null),
      list: supervisor && !listed,
      delist: supervisor && listed,
      instruct: mayInstruct(user),
      requestInstruction: mayRequestInstruction(user) && item.open,
      openBacklog: supervisor && !openBacklog,
      reportBacklog: mayHandle(user) && openBacklog !== undefined,
      closeBacklog: supervisor && openBacklog !== undefined && openBacklog.result_by !== null && Number(openBacklog.result_by) !== user.id,
      recordAssistance: mayHandle(user),
    },
  };
}

export interface ItemRef {
  workItemId: number;
  module: string;
  moduleName: string;
  /** the console page that opens the item (its module's) */
  href: string;
  refNo: string;
  title: string;
  state: string;
  stateName: string;
  open: boolean;
  ownerUnitName: string;
}

const itemCols = ['wi.module', 'wi.ref_no', 'wi.title', 'wi.state', 'wi.open', 'ou.name as owner_unit_name'] as const;
const itemRef = (
  modules: ModuleCatalog,
  r: { module: string; ref_no: string; title: string; state: string; open: boolean; owner_unit_name: string },
  id: number,
): ItemRef => ({
  workItemId: id,
  module: r.module,
  ...modules.words({ module: r.module, id: id, state: r.state }),
  refNo: r.ref_no,
  title: r.title,
  state: r.state,
  open: r.open,
  ownerUnitName: r.owner_unit_name,
});

/**
 * Filters shared by the 督办 lists and their Excel exports: `q` matches the item's 编号 or 标题
 * (LIKE wildcards in it are literal); `order` flips the list's date order (挂牌时间, 化解时限, 回复期限).
 */
export interface SupervisionListFilter {
  q?: string;
  order?: 'asc' | 'desc';
}
const matchSql = (q: string | undefined) => {
  const t = q?.trim();
  if (!t) return sql<boolean>`true`;
  const like = `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`(wi.ref_no ilike ${like} or wi.title ilike ${like})`;
};

/** 挂牌督办 list: items listed now, in the caller's scope, newest listing first. */
export async function listListed(opts: { db: Kysely<DB>; modules: ModuleCatalog; user: SessionUser; page: number; pageSize: number } & SupervisionListFilter) {
  const base = opts.db
    .selectFrom('supervision_listings as s')
    .innerJoin('work_items as wi', 'wi.id', 's.work_item_id')
    .innerJoin('units as ou', 'ou.id', 'wi.owner_unit_id')
    .where('s.delisted_at', 'is', null)
    .where(opts.modules.visibleSql(opts.user))
    .where(matchSql(opts.q));
  const [rows, total] = await Promise.all([
    base
      .innerJoin('users as lu', 'lu.id', 's.listed_by')
      .select(['s.id', 's.work_item_id', 's.reason', 's.listed_at', 'lu.display_name as lister', ...itemCols])
      .orderBy('s.listed_at', opts.order ?? 'desc')
      .orderBy('s.id', opts.order ?? 'desc')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      ...itemRef(opts.modules, r, Number(r.work_item_id)),
      listingId: Number(r.id),
      reason: r.reason,
      listedAt: iso(r.listed_at)!,
      listedByName: r.lister,
    })),
    total: Number(total.n),
  };
}

/** 积案台账: open or 销号 entries in the caller's scope; open ones by due date. */
export async function listBacklog(
  opts: {
    db: Kysely<DB>;
    modules: ModuleCatalog;
    user: SessionUser;
    status: 'open' | 'closed' | 'all';
    page: number;
    pageSize: number;
  } & SupervisionListFilter,
) {
  let base = backlogQuery(opts.db)
    .innerJoin('work_items as wi', 'wi.id', 'b.work_item_id')
    .innerJoin('units as ou', 'ou.id', 'wi.owner_unit_id')
    .where(opts.modules.visibleSql(opts.user))
    .where(matchSql(opts.q));
  if (opts.status === 'open') base = base.where('b.closed_at', 'is', null);
  if (opts.status === 'closed') base = base.where('b.closed_at', 'is not', null);
  const [rows, total] = await Promise.all([
    base
      .select([...itemCols])
      .orderBy(sql`b.closed_at is not null`)
      .orderBy('b.due_date', opts.order ?? 'asc')
      .orderBy('b.id', opts.order ?? 'asc')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ ...presentBacklog(r), item: itemRef(opts.modules, r, Number(r.work_item_id)) })), total: Number(total.n) };
}

/** 督办通知 in the caller's scope: awaiting reply (by due date), overdue only, or all. */
export async function listNotices(
  opts: {
    db: Kysely<DB>;
    modules: ModuleCatalog;
    user: SessionUser;
    today: string;
    status: 'pending' | 'overdue' | 'all';
    page: number;
    pageSize: number;
  } & SupervisionListFilter,
) {
  let base = noticeQuery(opts.db)
    .innerJoin('work_items as wi', 'wi.id', 'n.work_item_id')
    .innerJoin('units as ou', 'ou.id', 'wi.owner_unit_id')
    .where(opts.modules.visibleSql(opts.user))
    .where(matchSql(opts.q));
  if (opts.status !== 'all') base = base.where('n.replied_at', 'is', null);
  if (opts.status === 'overdue') base = base.where('n.reply_due', '<', opts.today);
  const [rows, total] = await Promise.all([
    base
      .select([...itemCols])
      .orderBy('n.reply_due', opts.order ?? 'asc')
      .orderBy('n.id', opts.order ?? 'asc')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ ...presentNotice(r, opts.today), item: itemRef(opts.modules, r, Number(r.work_item_id)) })), total: Number(total.n) };
}
