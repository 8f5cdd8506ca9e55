import { useMemo, useState, type Key, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Popconfirm, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ApartmentOutlined, BankOutlined, EditOutlined, HomeOutlined, PlusOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import { unitApi } from '../../../api/endpoints.ts';
import type { Unit, UnitKind } from '../../../api/types.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import { useUnits, type UnitNode } from '../../../hooks/useUnits.ts';
import { KindTag } from './KindTag.tsx';
import { asUnitKind } from '../../../labels.ts';
import { UnitMembersPanel } from './UnitMembersPanel.tsx';
import { UnitFormModal, type UnitFormTarget } from './UnitFormModal.tsx';

const KIND_ICONS: Record<UnitKind, ReactNode> = {
  county: <BankOutlined />,
  township: <ApartmentOutlined />,
  street: <ApartmentOutlined />,
  village: <HomeOutlined />,
  community: <HomeOutlined />,
  department: <ShopOutlined />,
  leading_group: <TeamOutlined />,
  joint_meeting: <TeamOutlined />,
  office: <ShopOutlined />,
};

function matches(node: UnitNode, q: string): boolean {
  return node.unit.name.includes(q) || node.unit.code.toLowerCase().includes(q.toLowerCase()) || node.children.some((c) => matches(c, q));
}

function allKeys(nodes: TreeDataNode[]): Key[] {
  return nodes.flatMap((n) => [n.key, ...allKeys(n.children ?? [])]);
}

function toTreeData(nodes: UnitNode[], q: string): TreeDataNode[] {
  return nodes
    .filter((n) => !q || matches(n, q))
    .map((n) => ({
      key: n.unit.id,
      icon: KIND_ICONS[asUnitKind(n.unit.kind) ?? 'office'],
      title: (
        <span className={n.unit.disabled ? 'anwen-disabled' : undefined}>
          <span className="anwen-unit-name">{n.unit.name}</span> <KindTag kind={n.unit.kind} />
          {n.unit.disabled && <Tag>已停用</Tag>}
        </span>
      ),
      children: toTreeData(n.children, q),
    }));
}

/** 单位管理: the unit tree, create child units, edit, disable / re-enable, member units of groups. */
export function UnitsPage() {
  const units = useUnits();
  const { message } = App.useApp();
  const showError = useApiError();
  const [selectedId, setSelectedId] = useState<number>();
  const [form, setForm] = useState<UnitFormTarget | null>(null);
  const [q, setQ] = useState('');
  const treeData = useMemo(() => toTreeData(units.tree, q.trim()), [units.tree, q]);
  const selected = selectedId === undefined ? undefined : units.byId.get(selectedId);
  const [expanded, setExpanded] = useState<Key[]>();
  const defaultExpanded = useMemo(() => units.tree.map((n) => n.unit.id), [units.tree]);
  // while filtering, open every branch that still has a match
  const expandedKeys = q.trim() ? allKeys(treeData) : (expanded ?? defaultExpanded);

  const toggleDisabled = async (unit: Unit) => {
    try {
      await unitApi.update(unit.id, { disabled: !unit.disabled });
      void message.success(unit.disabled ? '已启用' : '已停用');
      units.reload();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        单位管理
      </Typography.Title>
      {units.error && <Alert type="error" showIcon title={units.error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="单位树" extra={<Input.Search allowClear placeholder="按名称或编码筛选" onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} />}>
            {units.loading && !units.data ? (
              <Spin />
            ) : (
              <Tree
                showIcon
                blockNode
                height={560}
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys)}
                selectedKeys={selectedId === undefined ? [] : [selectedId]}
                onSelect={(keys) => setSelectedId(keys[0] === undefined ? undefined : Number(keys[0]))}
                data-testid="unit-tree"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="单位详情">
            {!selected ? (
              <Empty description="在单位树中选择一个单位" />
            ) : (
              <>
                <Descriptions column={1} size="small" bordered>
                  <Descriptions.Item label="名称">{selected.name}</Descriptions.Item>
                  <Descriptions.Item label="简称">{selected.shortName || '—'}</Descriptions.Item>
                  <Descriptions.Item label="机关全称">{selected.fullName || '—'}</Descriptions.Item>
                  <Descriptions.Item label="编码">{selected.code}</Descriptions.Item>
                  <Descriptions.Item label="类型">
                    <KindTag kind={selected.kind} />
                  </Descriptions.Item>
                  <Descriptions.Item label="上级">
                    {selected.parentId == null ? '—' : (units.byId.get(selected.parentId)?.name ?? selected.parentId)}
                  </Descriptions.Item>
                  <Descriptions.Item label="状态">{selected.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}</Descriptions.Item>
                </Descriptions>
                <Space wrap style={{ marginTop: 16 }}>
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create', parent: selected })} disabled={selected.disabled}>
                    新建下级单位
                  </Button>
                  <Button icon={<EditOutlined />} onClick={() => setForm({ mode: 'edit', unit: selected })}>
                    编辑
                  </Button>
                  <Popconfirm
                    title={selected.disabled ? '启用该单位？' : '停用该单位？'}
                    description={selected.disabled ? undefined : '停用后不能再向该单位分派事项；有下级单位或在岗人员时不能停用。'}
                    onConfirm={() => void toggleDisabled(selected)}
                    okText="确定"
                    cancelText="取消"
                  >
                    <Button danger={!selected.disabled}>{selected.disabled ? '启用' : '停用'}</Button>
                  </Popconfirm>
                </Space>
                <UnitMembersPanel key={selected.id} unit={selected} tree={units.tree} />
              </>
            )}
          </Card>
        </Col>
      </Row>
      <UnitFormModal
        target={form}
        onClose={() => setForm(null)}
        onSaved={(u) => {
          void message.success(form?.mode === 'create' ? `已新建单位“${u.name}”` : '已保存');
          setForm(null);
          setSelectedId(u.id);
          units.reload();
        }}
      />
    </div>
  );
}
