import { useMemo, useState } from 'react';
import { Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useAsync } from '../../../hooks/useAsync.ts';
import { useUnits } from '../../../hooks/useUnits.ts';
import { safetyApi, type EnterpriseRow, type Sector } from '../safetyApi.ts';
import { inspectionsApi, RISK_OPTIONS } from './inspectionsApi.ts';

type TreeNode = { value: number; title: string; children: TreeNode[] };
/** the two-level 行业领域 tree of the sectors in use */
export function useSectorTree(): { tree: TreeNode[]; loading: boolean } {
  const sectors = useAsync(() => safetyApi.sectors(), []);
  const tree = useMemo(() => {
    const live = (sectors.data?.items ?? []).filter((s) => !s.disabled);
    const node = (s: Sector): TreeNode => ({ value: s.id, title: s.name, children: live.filter((c) => c.parentId === s.id).map(node) });
    return live.filter((s) => s.parentId === null).map(node);
  }, [sectors.data]);
  return { tree, loading: sectors.loading };
}

/** the townships and streets (属地乡镇) in use */
export function useTownships(): { options: { value: number; label: string }[]; loading: boolean } {
  const units = useUnits();
  return {
    options: units.list.filter((u) => (u.kind === 'township' || u.kind === 'street') && !u.disabled).map((u) => ({ value: u.id, label: u.name })),
    loading: units.loading,
  };
}

export function SectorSelect(props: { id?: string; value?: number; onChange?: (v: number | undefined) => void; placeholder?: string; testId?: string }) {
  const { tree, loading } = useSectorTree();
  return (
    <TreeSelect
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      treeData={tree}
      loading={loading}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      placeholder={props.placeholder ?? '全部行业领域'}
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}

export function TownshipSelect(props: { id?: string; value?: number; onChange?: (v: number | undefined) => void; placeholder?: string; testId?: string }) {
  const { options, loading } = useTownships();
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      options={options}
      loading={loading}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={props.placeholder ?? '全部乡镇（街道）'}
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}

export function RiskSelect(props: { id?: string; value?: string; onChange?: (v: string | undefined) => void; testId?: string }) {
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      options={RISK_OPTIONS.map((o) => ({ ...o }))}
      allowClear
      placeholder="全部风险等级"
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}

/** 检查人员: the staff the planner may name (应急、部门、乡镇), by name and unit. */
export function InspectorSelect(props: { id?: string; value?: number[]; onChange?: (v: number[]) => void; testId?: string; placeholder?: string }) {
  const inspectors = useAsync(() => inspectionsApi.inspectors(), []);
  const options = (inspectors.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.displayName}（${i.unitName}）` }));
  return (
    <Select
      id={props.id}
      mode="multiple"
      value={props.value}
      onChange={props.onChange}
      options={options}
      loading={inspectors.loading}
      showSearch
      optionFilterProp="label"
      placeholder={props.placeholder ?? '输入姓名或单位查找'}
      style={{ width: '100%' }}
      data-testid={props.testId}
      notFoundContent={inspectors.error ? inspectors.error.message : '没有可选的检查人员'}
    />
  );
}

/**
 * 检查对象 picked from the register: search by name, narrow by 行业领域 and 属地, tick the rows; the ticks stay while
 * the search changes, and the chosen list shows below by name.
 */
export function EnterprisePicker(props: { value?: number[]; onChange?: (v: number[]) => void }) {
  const [q, setQ] = useState('');
  const [sectorId, setSectorId] = useState<number>();
  const [townshipUnitId, setTownshipUnitId] = useState<number>();
  const [page, setPage] = useState(1);
  const [names, setNames] = useState<Record<number, string>>({});
  const list = useAsync(() => safetyApi.enterprises({ q: q || undefined, sectorId, townshipUnitId, page, pageSize: 10 }), [q, sectorId, townshipUnitId, page]);
  const selected = props.value ?? [];
  const choose = (ids: number[], rows: EnterpriseRow[]) => {
    setNames((n) => ({ ...n, ...Object.fromEntries(rows.filter(Boolean).map((r) => [r.id, r.name])) }));
    props.onChange?.(ids);
  };
  return (
    <div data-testid="enterprise-picker">
      <Space wrap style={{ marginBottom: 8, width: '100%' }}>
        <Input.Search
          allowClear
          placeholder="企业（场所）名称"
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 220 }}
          data-testid="enterprise-search"
        />
        <div style={{ width: 200 }}>
          <SectorSelect
            value={sectorId}
            onChange={(v) => {
              setSectorId(v);
              setPage(1);
            }}
          />
        </div>
        <div style={{ width: 170 }}>
          <TownshipSelect
            value={townshipUnitId}
            onChange={(v) => {
              setTownshipUnitId(v);
              setPage(1);
            }}
          />
        </div>
      </Space>
      <Table<EnterpriseRow>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys, rows) => choose(keys.map(Number), rows),
        }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small' }}
        columns={[
          { title: '企业（场所）名称', dataIndex: 'name', ellipsis: true },
          { title: '行业领域', dataIndex: 'sectorName', width: 140, ellipsis: true, responsive: ['md'] },
          { title: '属地', dataIndex: 'townshipName', width: 100 },
        ]}
        locale={{ emptyText: '没有符合条件的企业（场所）' }}
        scroll={{ x: 420 }}
      />
      <Typography.Text type="secondary">已选 {selected.length} 家：</Typography.Text>{' '}
      {selected.map((id) => (
        <Tag key={id} closable onClose={() => props.onChange?.(selected.filter((x) => x !== id))} style={{ marginBottom: 4 }}>
          {names[id] ?? '（已选）'}
        </Tag>
      ))}
    </div>
  );
}
