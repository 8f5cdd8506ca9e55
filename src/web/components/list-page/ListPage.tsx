import type { ReactNode } from 'react';
import { Alert, Button, Card, Checkbox, Dropdown, Empty, Popover, Select, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { ColumnHeightOutlined, DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { ListFilter, type FilterDef, type Option, type SortDef } from './ListFilters.tsx';
import type { ListQuery } from './useListQuery.ts';
import { DENSITY_LABELS, useTableSettings, type Density } from './tableSettings.ts';
import { SavedFilters } from './SavedFilters.tsx';

export interface ListRows<T> {
  items: T[];
  /** the server's count for a paged route; absent when the route answers the whole list */
  total?: number;
  /** the server stopped counting at `total` (LIST_COUNT_CAP): there are more rows — "共 10,000+ 件" */
  totalCapped?: boolean;
}

export interface ListPageProps<T extends object, K extends string> {
  list: ListQuery<K, ListRows<T> | undefined>;
  columns: ColumnsType<T>;
  rowKey: keyof T & string;
  /** the page heading; omitted when the list sits inside another page (a tab, a card) */
  title?: ReactNode;
  /** buttons next to the heading (登记, 新建 …) */
  actions?: ReactNode;
  /** above the table card (summary cards …) */
  above?: ReactNode;
  tabs?: { key: K; items: Option[] };
  filters?: FilterDef<K>[];
  sort?: SortDef;
  /** a column whose key is listed sorts the list by the mapped value (the server sorts) */
  columnSorts?: Record<string, string>;
  /** a column whose key is listed filters by the mapped list filter, with these options */
  columnFilters?: Record<string, { key: K; options: Option[] }>;
  /** more toolbar buttons (刷新 …) */
  toolbarExtra?: ReactNode;
  toolbarTestId?: string;
  /** below the table (hints) */
  below?: ReactNode;
  /** the Excel export of the current filter: a same-origin link (GET /…/export.xlsx) */
  exportHref?: string;
  exportTestId?: string;
  /** shown when no row matches, in Chinese */
  emptyText: string;
  /** "共 N 件" */
  unit?: string;
  testId: string;
  scrollX?: number;
  size?: 'small' | 'middle';
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'rowKey' | 'loading' | 'pagination' | 'onChange'>;
  /** no page heading, no card: the list is part of another page */
  bare?: boolean;
  /** 列设置 and 密度 buttons (choices kept per list in the browser); on by default for a page-level list */
  settings?: boolean;
  /** 常用筛选 (named filters kept per person on the server); on by default for a list with filters, tabs or a sort */
  savedFilters?: boolean;
}

const columnTitle = (c: ColumnsType<object>[number]): string => (typeof c.title === 'string' ? c.title : String(c.key ?? ''));

/**
 * The one way the console shows a list: filters, sort and paging in the URL (a list is a link; back and
 * forward work), Excel export of exactly what is filtered, loading, error and a Chinese empty state.
 */
export function ListPage<T extends object, K extends string>(props: ListPageProps<T, K>) {
  const {
    list,
    columns,
    rowKey,
    title,
    actions,
    above,
    tabs,
    filters = [],
    sort,
    columnSorts = {},
    columnFilters = {},
    exportHref,
    exportTestId,
    emptyText,
    unit = '件',
    testId,
    toolbarExtra,
    toolbarTestId,
    below,
    scrollX = 960,
    size = 'middle',
    tableProps,
    bare,
    settings: showSettings = !bare,
    savedFilters: showSaved = filters.length > 0 || !!tabs || !!sort,
  } = props;
  const [settings, setSettings] = useTableSettings(testId);
  const density: Density = settings.density ?? size;
  const rows = list.data?.items ?? [];
  const serverPaged = list.data?.total !== undefined;

  // a fixed column (期限, 预警, 操作) is never hidden: it is what the list is read by
  const hideable = columns.filter((c) => !c.fixed && c.key !== undefined && c.title);
  const hidden = new Set(settings.hidden);
  const shownColumns: ColumnsType<T> = columns
    .filter((c) => c.fixed || !hidden.has(String(c.key)))
    .map((c) => {
      const key = String(c.key ?? '');
      const sortValue = columnSorts[key];
      const filter = columnFilters[key];
      return {
        ...c,
        ...(sortValue ? { sorter: true, sortDirections: ['ascend' as const], sortOrder: list.sort === sortValue ? ('ascend' as const) : null } : {}),
        ...(filter
          ? {
              filters: filter.options.map((o) => ({ text: o.label, value: o.value })),
              filterMultiple: false,
              filteredValue: list.filters[filter.key] ? [list.filters[filter.key]!] : null,
            }
          : {}),
      };
    });

  const onChange: TableProps<T>['onChange'] = (pagination, tableFilters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
      const value = s?.order ? columnSorts[String(s.columnKey)] : undefined;
      // the list always has an order: clearing a column's sort goes back to the default one
      list.setSort(value);
    } else if (extra.action === 'filter') {
      const patch: Partial<Record<K, string | undefined>> = {};
      for (const [column, f] of Object.entries(columnFilters)) {
        const v = tableFilters[column]?.[0];
        patch[f.key] = typeof v === 'string' ? v : undefined;
      }
      list.setFilters(patch);
    } else list.setPage(pagination.current ?? 1, pagination.pageSize);
  };

  const exportButton = exportHref && (
    <Button icon={<DownloadOutlined />} href={exportHref} data-testid={exportTestId ?? `${testId}-export`}>
      导出 Excel
    </Button>
  );
  const settingButtons = showSettings && (
    <>
      {hideable.length > 0 && (
        <Popover
          trigger="click"
          placement="bottomRight"
          title="显示的列"
          content={
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              value={hideable.map((c) => String(c.key)).filter((k) => !hidden.has(k))}
              options={hideable.map((c) => ({ value: String(c.key), label: columnTitle(c as ColumnsType<object>[number]) }))}
              onChange={(shown) => setSettings({ hidden: hideable.map((c) => String(c.key)).filter((k) => !shown.includes(k)) })}
              data-testid={`${testId}-columns`}
            />
          }
        >
          <Button icon={<SettingOutlined />} data-testid={`${testId}-column-settings`}>
            列设置
          </Button>
        </Popover>
      )}
      <Dropdown
        trigger={['click']}
        menu={{
          selectable: true,
          selectedKeys: [density],
          items: (Object.keys(DENSITY_LABELS) as Density[]).map((d) => ({ key: d, label: DENSITY_LABELS[d] })),
          onClick: ({ key }) => setSettings({ density: key as Density }),
        }}
      >
        <Button icon={<ColumnHeightOutlined />} data-testid={`${testId}-density`}>
          行高：{DENSITY_LABELS[density]}
        </Button>
      </Dropdown>
    </>
  );
  const toolbar = (filters.length > 0 || sort || toolbarExtra || exportHref || settingButtons || showSaved) && (
    <Space wrap style={{ marginBottom: 12 }} className="anwen-list-toolbar" data-testid={toolbarTestId}>
      {showSaved && <SavedFilters listKey={testId} query={list.savedQuery} onApply={list.applySavedQuery} />}
      {filters.map((def) => (
        <ListFilter key={def.type === 'dateRange' ? def.from : def.key} def={def} values={list.filters} onChange={list.setFilters} />
      ))}
      {sort && (
        <Select aria-label="排序" value={list.sort} style={{ width: sort.width ?? 170 }} onChange={(v: string) => list.setSort(v)} options={sort.options} />
      )}
      {exportButton}
      {toolbarExtra}
      {settingButtons}
    </Space>
  );

  const body = (
    <>
      {tabs && (
        <Tabs
          activeKey={list.filters[tabs.key]}
          onChange={(k) => list.setFilters({ [tabs.key]: k } as Partial<Record<K, string>>)}
          items={tabs.items.map((t) => ({ key: t.value, label: t.label }))}
        />
      )}
      {toolbar}
      {list.error && (
        <Alert
          type="error"
          showIcon
          title={list.error.message}
          style={{ marginBottom: 12 }}
          action={
            <Button size="small" onClick={list.reload} loading={list.loading}>
              重试
            </Button>
          }
          data-testid={`${testId}-error`}
        />
      )}
      {/* a failed load shows only the error and 重试 (never an empty list or zeros); the first load a skeleton */}
      {list.error ? null : list.loading && list.data === undefined ? (
        <div data-testid={`${testId}-loading`} aria-busy="true" aria-label="正在加载">
          <Skeleton active title={false} paragraph={{ rows: 8 }} />
        </div>
      ) : (
        <Table<T>
          rowKey={rowKey}
          size={density}
          loading={list.loading}
          columns={shownColumns}
          dataSource={rows}
          scroll={{ x: scrollX }}
          onChange={onChange}
          locale={{ emptyText: list.loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: serverPaged ? list.data?.total : rows.length,
            showSizeChanger: true,
            showTotal: (n) => (serverPaged && list.data?.totalCapped ? `共 ${n.toLocaleString('zh-CN')}+ ${unit}` : `共 ${n} ${unit}`),
          }}
          {...tableProps}
        />
      )}
      {below}
    </>
  );

  if (bare) return <div data-testid={testId}>{body}</div>;
  return (
    <div className="anwen-page" data-testid={testId}>
      {(title || actions) && (
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
          {title && (
            <Typography.Title level={4} className="anwen-page-title">
              {title}
            </Typography.Title>
          )}
          {actions && <Space wrap>{actions}</Space>}
        </Space>
      )}
      {above}
      <Card className="anwen-table-card">{body}</Card>
    </div>
  );
}
