import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Input, Modal, Space, Table, TreeSelect, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { unitApi } from '../../../api/endpoints.ts';
import { ApiError } from '../../../api/client.ts';
import type { UnitDetail } from '../../../api/types.ts';
import type { UnitNode } from '../../../hooks/useUnits.ts';
import { useLastDefined } from '../../../hooks/useLastDefined.ts';
import { KindTag, isGroupKind } from './KindTag.tsx';
import { byTreeOrder, treeOrder } from './treeOrder.ts';

/** The server's column limit for a member's duty (unit_members.duty, zod max 200). */
const DUTY_MAX = 200;

interface Row {
  id: number;
  duty: string;
}

interface PickNode {
  value: number;
  title: string;
  disabled?: boolean;
  children: PickNode[];
}

/**
 * Groups themselves cannot be members (the server refuses it), nor can a group be its own member;
 * a disabled (停用) unit cannot be added, but an existing member that was disabled later stays pickable
 * so saving does not silently drop it.
 */
function pickTree(nodes: UnitNode[], current: ReadonlySet<number>): PickNode[] {
  return nodes.map((n) => {
    const group = isGroupKind(n.unit.kind);
    return {
      value: n.unit.id,
      title: group ? `${n.unit.name}（${n.unit.kindName ?? '议事协调机构'}，不能作为成员）` : n.unit.disabled ? `${n.unit.name}（已停用）` : n.unit.name,
      disabled: group || (n.unit.disabled && !current.has(n.unit.id)),
      children: pickTree(n.children, current),
    };
  });
}

/** 设置成员单位: pick the member units of a 领导小组 / 联席会议 and optionally each one's duty. */
export function UnitMembersModal({
  group,
  tree,
  onClose,
  onSaved,
}: {
  group: UnitDetail | null;
  tree: UnitNode[];
  onClose: () => void;
  onSaved: (count: number) => void;
}) {
  const shown = useLastDefined(group);
  const [rows, setRows] = useState<Row[]>([]);
  const [bulkDuty, setBulkDuty] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const order = useMemo(() => treeOrder(tree), [tree]);
  useEffect(() => {
    if (!group) return;
    setRows(group.members.map((m) => ({ id: m.id, duty: m.duty ?? '' })).sort(byTreeOrder(order)));
    setBulkDuty('');
    setError(undefined);
  }, [group, order]);

  const originalIds = useMemo(() => new Set(shown?.members.map((m) => m.id) ?? []), [shown]);
  const treeData = useMemo(() => pickTree(tree, originalIds), [tree, originalIds]);
  const memberName = (id: number) => order.get(id)?.unit.name ?? shown?.members.find((m) => m.id === id)?.name ?? `#${id}`;

  const select = (ids: number[]) => {
    const duties = new Map(rows.map((r) => [r.id, r.duty]));
    setRows(ids.map((id) => ({ id, duty: duties.get(id) ?? '' })).sort(byTreeOrder(order)));
  };
  const setDuty = (id: number, duty: string) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, duty } : r)));
  const fillBlank = () => {
    const duty = bulkDuty.trim();
    if (duty) setRows((rs) => rs.map((r) => (r.duty.trim() ? r : { ...r, duty })));
  };

  const save = async () => {
    if (!group) return;
    setSaving(true);
    setError(undefined);
    try {
      // every member's duty is sent explicitly: a blank one clears it (the server stores null)
      const duties: Record<string, string> = {};
      for (const r of rows) if (r.duty.trim()) duties[String(r.id)] = r.duty.trim();
      const saved = await unitApi.setMembers(group.id, { memberIds: rows.map((r) => r.id), duties });
      onSaved(saved.members.length);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // the client already sends us to /login
      setError(err instanceof ApiError ? err.message : `保存失败：${String(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!group}
      title={`设置成员单位（${shown?.name ?? ''}）`}
      width={760}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {error && <Alert type="error" showIcon title={error} data-testid="unit-members-error" />}
        <div>
          <Typography.Text>成员单位</Typography.Text>
          <TreeSelect<number[]>
            multiple
            allowClear
            value={rows.map((r) => r.id)}
            onChange={(ids) => select(ids ?? [])}
            treeData={treeData}
            treeDefaultExpandedKeys={tree.map((n) => n.unit.id)}
            showSearch={{ treeNodeFilterProp: 'title' }}
            maxTagCount="responsive"
            placeholder="选择县直部门、乡镇（街道）等作为成员单位"
            style={{ width: '100%', marginTop: 4 }}
            listHeight={360}
            aria-label="成员单位"
            data-testid="unit-members-select"
          />
        </div>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={bulkDuty}
            onChange={(e) => setBulkDuty(e.target.value)}
            maxLength={DUTY_MAX}
            placeholder="职责（可选），如：成员单位"
            aria-label="统一职责"
          />
          <Button onClick={fillBlank} disabled={!bulkDuty.trim() || rows.every((r) => r.duty.trim())}>
            填入未填写职责的成员
          </Button>
        </Space.Compact>
        <Table<Row>
          size="small"
          rowKey="id"
          dataSource={rows}
          pagination={false}
          scroll={{ y: 300 }}
          locale={{ emptyText: '尚未选择成员单位' }}
          title={() => `已选 ${rows.length} 个成员单位`}
          columns={[
            { title: '单位', dataIndex: 'id', ellipsis: true, render: (id: number) => memberName(id) },
            {
              title: '类型',
              dataIndex: 'id',
              key: 'kind',
              width: 96,
              render: (id: number) => {
                const kind = order.get(id)?.unit.kind ?? shown?.members.find((m) => m.id === id)?.kind;
                return kind ? <KindTag kind={kind} /> : null;
              },
            },
            {
              title: '职责（可选）',
              dataIndex: 'duty',
              width: 300,
              render: (duty: string, r) => (
                <Input
                  size="small"
                  value={duty}
                  maxLength={DUTY_MAX}
                  onChange={(e) => setDuty(r.id, e.target.value)}
                  aria-label={`${memberName(r.id)}的职责`}
                />
              ),
            },
            {
              title: '',
              key: 'remove',
              width: 48,
              render: (_, r) => (
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`移除${memberName(r.id)}`}
                  onClick={() => setRows((rs) => rs.filter((x) => x.id !== r.id))}
                />
              ),
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
