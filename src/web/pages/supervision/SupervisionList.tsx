import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { downloadUrl } from '../../api/download.ts';
import { ListPage, type ListRows } from '../../components/list-page/ListPage.tsx';
import type { Option } from '../../components/list-page/ListFilters.tsx';
import type { ListState } from '../../components/list-page/listState.ts';
import { useListQuery } from '../../components/list-page/useListQuery.ts';
import { itemHref, type ItemRef } from './supervisionApi.ts';

/** The 事项 column: case number and title, opening the item. Rows carry the item inline or under `item`. */
export const itemColumn = {
  title: '事项',
  key: 'item',
  render: (_: unknown, r: { item?: ItemRef } & Partial<ItemRef>) => {
    const item = (r.item ?? r) as ItemRef;
    return (
      <Link to={itemHref(item)}>
        <Typography.Text strong>{item.refNo}</Typography.Text> {item.title}
      </Link>
    );
  },
};
export const unitColumn = {
  title: '承办单位',
  key: 'unit',
  width: 150,
  render: (_: unknown, r: { item?: ItemRef; ownerUnitName?: string }) => r.item?.ownerUnitName ?? r.ownerUnitName,
};

type Key = 'status' | 'q';
/** The query every 督办 list and its export take: status (where the list has one), 编号/标题 search and date order. */
export type SupervisionQuery<S extends string> = { status?: S; q?: string; order: 'asc' | 'desc'; page: number; pageSize: number };

interface Props<T, S extends string> {
  /** status filter shown above the table; omitted = no filter */
  statuses?: (Option & { value: S })[];
  load: (query: SupervisionQuery<S>) => Promise<ListRows<T>>;
  /** labels of the date order (ascending first), e.g. ['化解时限由近到远', '化解时限由远到近'] */
  orderLabels: [string, string];
  defaultOrder: 'asc' | 'desc';
  columns: ColumnsType<T>;
  rowKey: keyof T & string;
  testId: string;
  /** the list's Excel export (same filters, unpaged), e.g. /supervision/backlog/export.xlsx */
  exportPath: string;
  emptyText: string;
}

/** One paged, optionally filtered 督办 list (挂牌督办, 积案台账, 督办通知 share it). */
export function SupervisionList<T extends object, S extends string = never>({
  statuses,
  load,
  orderLabels,
  defaultOrder,
  columns,
  rowKey,
  testId,
  exportPath,
  emptyText,
}: Props<T, S>) {
  const spec = { keys: ['status', 'q'] as const, defaults: statuses ? { status: statuses[0]!.value } : {}, defaultSort: defaultOrder };
  const toQuery = (s: ListState<Key>): SupervisionQuery<S> => ({
    status: s.filters.status as S | undefined,
    q: s.filters.q,
    order: s.sort === 'asc' ? 'asc' : 'desc',
    page: s.page,
    pageSize: s.pageSize,
  });
  const list = useListQuery<Key, ListRows<T>>(spec, (s) => load(toQuery(s)));
  return (
    <ListPage<T, Key>
      bare
      list={list}
      columns={columns}
      rowKey={rowKey}
      testId={testId}
      size="small"
      emptyText={emptyText}
      filters={[
        ...(statuses ? [{ type: 'segmented' as const, key: 'status' as const, options: statuses }] : []),
        { type: 'search', key: 'q', placeholder: '编号或标题', width: 200, testId: `${testId}-search` },
      ]}
      sort={{
        options: [
          { value: 'asc', label: orderLabels[0] },
          { value: 'desc', label: orderLabels[1] },
        ],
      }}
      exportHref={downloadUrl(exportPath, { ...toQuery(list), page: undefined, pageSize: undefined })}
    />
  );
}
