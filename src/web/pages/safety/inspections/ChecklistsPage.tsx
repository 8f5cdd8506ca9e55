import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { safetyApi } from '../safetyApi.ts';
import { SectorSelect } from './pickers.tsx';
import { inspectionsApi, TIE_OPTIONS, type Checklist, type ChecklistBody, type Tie } from './inspectionsApi.ts';

type Item = ChecklistBody['items'][number];

/** One checklist's editor: name, sector, items in order with their 判定依据 and 已核对, 停用. */
function ChecklistEditor({ list, onClose, onSaved }: { list: Checklist | 'new'; onClose: () => void; onSaved: () => void }) {
  const isNew = list === 'new';
  const [name, setName] = useState(isNew ? '' : list.name);
  const [sectorId, setSectorId] = useState<number | undefined>(isNew ? undefined : (list.sectorId ?? undefined));
  const [disabled, setDisabled] = useState(isNew ? false : list.disabled);
  const [items, setItems] = useState<Item[]>(isNew ? [{ content: '', basis: '', basisVerified: false }] : list.items.map((i) => ({ ...i })));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<Item>) => setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const move = (i: number, d: -1 | 1) =>
    setItems((xs) => {
      const next = [...xs];
      [next[i], next[i + d]] = [next[i + d]!, next[i]!];
      return next;
    });
  const save = async () => {
    setError(null);
    if (!name.trim()) return setError('请填写检查表名称');
    const blank = items.findIndex((x) => !x.content.trim() || !x.basis.trim());
    if (blank >= 0) return setError(`第 ${blank + 1} 个检查项目：请填写检查内容和判定依据`);
    setSaving(true);
    try {
      const body: ChecklistBody = {
        name: name.trim(),
        sectorId: sectorId ?? null,
        disabled,
        items: items.map((x) => ({ ...x, content: x.content.trim(), basis: x.basis.trim() })),
      };
      if (isNew) await inspectionsApi.createChecklist(body);
      else await inspectionsApi.saveChecklist(list.id, body);
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={isNew ? '新增检查表' : `修改检查表：${list.name}`}
      width={900}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap style={{ width: '100%' }}>
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={60}
            placeholder="检查表名称"
            style={{ width: 300 }}
            data-testid="checklist-name"
          />
          <div style={{ width: 240 }}>
            <SectorSelect value={sectorId} onChange={setSectorId} placeholder="适用的行业领域（可不选）" />
          </div>
          <Space>
            <Switch checked={disabled} onChange={setDisabled} /> 停用
          </Space>
        </Space>
        <Typography.Text type="secondary">
          项目按顺序显示在现场检查记录上。修改内容不影响已提交的检查记录；删除的项目停用保留。判定依据未核对原文的，现场和文书上标注“待核实”。
        </Typography.Text>
        {items.map((x, i) => (
          <Card key={i} size="small" data-testid={`checklist-item-${i}`}>
            <Space align="start" style={{ width: '100%' }} wrap>
              <Typography.Text strong>{i + 1}.</Typography.Text>
              <Space direction="vertical" style={{ flex: 1, minWidth: 260 }}>
                <Input.TextArea value={x.content} onChange={(e) => set(i, { content: e.target.value })} autoSize maxLength={300} placeholder="检查内容" />
                <Input value={x.basis} onChange={(e) => set(i, { basis: e.target.value })} maxLength={300} placeholder="判定依据（法律法规、标准的条款）" />
                <Checkbox checked={x.basisVerified} onChange={(e) => set(i, { basisVerified: e.target.checked })}>
                  判定依据已核对原文（不勾选则标注“待核实”）
                </Checkbox>
              </Space>
              <Space direction="vertical">
                <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="上移" />
                <Button size="small" icon={<ArrowDownOutlined />} disabled={i === items.length - 1} onClick={() => move(i, 1)} aria-label="下移" />
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={items.length === 1}
                  onClick={() => setItems((xs) => xs.filter((_, j) => j !== i))}
                  aria-label="删除"
                />
              </Space>
            </Space>
          </Card>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setItems((xs) => [...xs, { content: '', basis: '', basisVerified: false }])}>
          增加检查项目
        </Button>
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Modal>
  );
}

function ChecklistsTab() {
  const [version, setVersion] = useState(0);
  const lists = useAsync(() => inspectionsApi.checklists(), [version]);
  const [editing, setEditing] = useState<Checklist | 'new' | null>(null);
  const { message } = App.useApp();
  return (
    <>
      {editing && (
        <ChecklistEditor
          list={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setVersion((v) => v + 1);
            void message.success('检查表已保存');
          }}
        />
      )}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增检查表
        </Button>
      </Space>
      {lists.error && <Alert type="error" showIcon title={lists.error.message} />}
      <Table<Checklist>
        rowKey="id"
        loading={lists.loading}
        dataSource={lists.data?.items ?? []}
        scroll={{ x: 720 }}
        pagination={false}
        expandable={{
          expandedRowRender: (c) => (
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {c.items.map((i) => (
                <li key={i.id} style={{ marginBottom: 4 }}>
                  {i.content}
                  <br />
                  <Typography.Text type="secondary">判定依据：{i.basis}</Typography.Text> {!i.basisVerified && <Tag color="gold">待核实</Tag>}
                </li>
              ))}
            </ol>
          ),
        }}
        columns={[
          { title: '检查表', dataIndex: 'name' },
          { title: '行业领域', dataIndex: 'sectorName', width: 160, render: (v: string | null) => v ?? '通用' },
          { title: '检查项目', key: 'n', width: 100, render: (_: unknown, c) => `${c.items.length} 项` },
          {
            title: '判定依据',
            key: 'verified',
            width: 140,
            render: (_: unknown, c) => {
              const n = c.items.filter((i) => !i.basisVerified).length;
              return n ? <Tag color="gold">{n} 项待核实</Tag> : <Tag color="green">均已核对</Tag>;
            },
          },
          { title: '状态', dataIndex: 'disabled', width: 80, render: (v: boolean) => (v ? <Tag>已停用</Tag> : <Tag color="blue">在用</Tag>) },
          {
            title: '操作',
            key: 'op',
            width: 80,
            render: (_: unknown, c) => (
              <Button size="small" onClick={() => setEditing(c)}>
                修改
              </Button>
            ),
          },
        ]}
        data-testid="checklist-table"
      />
    </>
  );
}

interface TieValues {
  userId: number;
  enterpriseId: number;
  tie: Tie['tie'];
  note?: string;
}

function TiesTab() {
  const [version, setVersion] = useState(0);
  const ties = useAsync(() => inspectionsApi.ties(), [version]);
  const inspectors = useAsync(() => inspectionsApi.inspectors(), []);
  const [q, setQ] = useState('');
  const enterprises = useAsync(() => safetyApi.enterprises({ q: q || undefined, page: 1, pageSize: 50 }), [q]);
  const [form] = Form.useForm<TieValues>();
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const add = async (v: TieValues) => {
    setError(null);
    try {
      await inspectionsApi.addTie({ ...v, note: v.note?.trim() || undefined });
      form.resetFields();
      setVersion((x) => x + 1);
      void message.success('回避关系已登记');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <>
      <Typography.Paragraph type="secondary">
        检查人员与企业（场所）存在近亲属、曾在该单位任职等关系的，登记后双随机抽查不会派其检查该企业，制定检查计划时也不能将其列入。
      </Typography.Paragraph>
      <Card size="small" title="登记回避关系" style={{ marginBottom: 16 }}>
        <Form<TieValues> form={form} layout="vertical" onFinish={(v) => void add(v)} data-testid="tie-form">
          <Space wrap align="start">
            <Form.Item name="userId" label="检查人员" rules={[{ required: true, message: '请选择检查人员' }]}>
              <Select
                style={{ width: 220 }}
                showSearch
                optionFilterProp="label"
                loading={inspectors.loading}
                options={(inspectors.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.displayName}（${i.unitName}）` }))}
                placeholder="输入姓名查找"
              />
            </Form.Item>
            <Form.Item name="enterpriseId" label="企业（场所）" rules={[{ required: true, message: '请选择企业（场所）' }]}>
              <Select
                style={{ width: 260 }}
                showSearch
                filterOption={false}
                onSearch={setQ}
                loading={enterprises.loading}
                options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.townshipName}）` }))}
                placeholder="输入企业名称查找"
              />
            </Form.Item>
            <Form.Item name="tie" label="回避情形" rules={[{ required: true, message: '请选择回避情形' }]}>
              <Select style={{ width: 200 }} options={TIE_OPTIONS} />
            </Form.Item>
            <Form.Item name="note" label="说明">
              <Input style={{ width: 220 }} maxLength={200} placeholder="如：配偶经营" />
            </Form.Item>
            <Form.Item label=" ">
              <Button type="primary" htmlType="submit">
                登记
              </Button>
            </Form.Item>
          </Space>
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      </Card>
      <Table<Tie>
        rowKey="id"
        loading={ties.loading}
        dataSource={ties.data?.items ?? []}
        scroll={{ x: 720 }}
        locale={{ emptyText: '尚未登记回避关系' }}
        columns={[
          { title: '检查人员', key: 'user', render: (_: unknown, t) => `${t.userName}（${t.unitName}）` },
          { title: '企业（场所）', dataIndex: 'enterpriseName' },
          { title: '回避情形', dataIndex: 'tieName', width: 160 },
          { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          { title: '登记日期', dataIndex: 'createdAt', width: 110, render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
        ]}
        data-testid="tie-table"
      />
    </>
  );
}

/** 检查表与回避: the sector checklists (安委办 edits items, 判定依据, 待核实, 停用) and the inspectors' recorded 回避 ties. */
export function ChecklistsPage() {
  const tab = useParams().tab ?? 'checklists';
  const navigate = useNavigate();
  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        检查表与回避关系
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'checklists' ? '/safety/checklists' : `/safety/checklists/${k}`)}
        items={[
          { key: 'checklists', label: '行业检查表', children: <ChecklistsTab /> },
          { key: 'ties', label: '回避关系', children: <TiesTab /> },
        ]}
      />
    </div>
  );
}
