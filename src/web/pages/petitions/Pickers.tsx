import { useMemo } from 'react';
import { Select, TreeSelect } from 'antd';
import { itemsOf, leaderApi } from '../../api/endpoints.ts';
import { petitionApi } from '../../api/petitions.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useUnits } from '../../hooks/useUnits.ts';
import { handlingUnitTree, subtreeOf } from './unitOptions.ts';

interface PickerProps<T> {
  value?: T;
  onChange?: (v: T) => void;
  id?: string;
}

/** A handling unit (部门、乡镇、村社区), one or several; `within` offers only the units below that one. */
export function UnitPicker({ multiple, within, ...props }: PickerProps<number | number[]> & { multiple?: boolean; within?: number | null }) {
  const units = useUnits();
  const tree = useMemo(() => {
    const all = handlingUnitTree(units.tree);
    return within ? subtreeOf(all, within) : all;
  }, [units.tree, within]);
  return (
    <TreeSelect
      {...props}
      treeData={tree}
      multiple={multiple}
      showSearch
      allowClear
      treeNodeFilterProp="title"
      loading={units.loading}
      placeholder="输入名称搜索单位"
      style={{ width: '100%' }}
    />
  );
}

/** 包案领导 from GET /leaders. */
export function LeaderPicker(props: PickerProps<number>) {
  const { data, loading } = useAsync(() => leaderApi.list(), []);
  const options = itemsOf(data)
    .filter((l) => !l.disabled)
    .map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }));
  return <Select {...props} options={options} loading={loading} showSearch optionFilterProp="label" allowClear placeholder="选择包案领导" />;
}

/** The approver of an extension: a user of the lead unit, or a county leader (GET /users). */
/** Who may approve an extension of this case: the handling unit's staff (not the requester) and county leaders. */
export function ApproverPicker({ petitionId, ...props }: PickerProps<number> & { petitionId: number }) {
  const { data, loading } = useAsync(() => petitionApi.approvers(petitionId).then((r) => r.items), [petitionId]);
  const options = useMemo(() => (data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.unitName}）` })), [data]);
  return (
    <Select {...props} options={options} loading={loading} showSearch optionFilterProp="label" placeholder="选择批准人" notFoundContent="没有可选的批准人" />
  );
}
