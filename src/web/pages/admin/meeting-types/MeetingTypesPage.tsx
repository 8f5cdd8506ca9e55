import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client.ts';
import { apiClient, type ApiOk } from '../../../api/typed.ts';
import { useAsync } from '../../../hooks/useAsync.ts';

type Row = ApiOk<'/supervision/meeting-types'>['items'][number];
/** a row being edited: a new type has no code yet (the server gives it one) */
interface Draft {
  key: string;
  code?: string;
  name: string;
  disabled: boolean;
  meetings: number;
}
const toDrafts = (items: Row[]): Draft[] => items.map((r) => ({ key: r.code, code: r.code, name: r.name, disabled: r.disabled, meetings: r.meetings }));

/** 会议类型: the kinds of meeting the county records (联席会议, 会商研判会 …) — add, rename, 停用; a type in use is kept. */
export function MeetingTypesPage() {
  const { message } = App.useApp();
  const types = useAsync(() => apiClient.get('/supervision/meeting-types'), []);
  const [rows, setRows] = useState<Draft[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState(0);

  useEffect(() => {
    if (types.data) setRows(toDrafts(types.data.items));
  }, [types.data]);

  const set = (key: string, patch: Partial<Draft>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const r = await apiClient.put('/supervision/meeting-types', {
        body: { types: rows.map((x) => ({ code: x.code, name: x.name.trim(), disabled: x.disabled })) },
      });
      setRows(toDrafts(r.items));
      void message.success('会议类型已保存');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  if (types.error) return <Alert type="error" showIcon message={types.error instanceof Error ? types.error.message : String(types.error)} />;
  return (
    <Card title="会议类型" style={{ maxWidth: 900 }} data-testid="meeting-types">
      <Typography.Paragraph type="secondary">
        登记会议时从这里的类型中选择。改名只影响以后登记的会议，已登记的会议保留当时的名称；已有会议使用的类型不能删除，不再使用时请停用。
      </Typography.Paragraph>
      <Table<Draft>
        rowKey="key"
        size="small"
        loading={types.loading}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 560 }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (v: string, r) => (
              <Input
                value={v}
                maxLength={40}
                status={v.trim() ? undefined : 'error'}
                onChange={(e) => set(r.key, { name: e.target.value })}
                aria-label="会议类型名称"
              />
            ),
          },
          {
            title: '已登记会议',
            dataIndex: 'meetings',
            width: 110,
            render: (n: number, r) => (r.code ? `${n} 次` : <Tag color="blue">新增</Tag>),
          },
          {
            title: '启用',
            dataIndex: 'disabled',
            width: 90,
            render: (d: boolean, r) => <Switch checked={!d} checkedChildren="启用" unCheckedChildren="停用" onChange={(on) => set(r.key, { disabled: !on })} />,
          },
          {
            title: '操作',
            width: 90,
            render: (_: unknown, r) =>
              r.meetings > 0 ? (
                <Typography.Text type="secondary">可停用</Typography.Text>
              ) : (
                <Popconfirm title={`删除“${r.name}”？`} okText="删除" cancelText="取消" onConfirm={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                  <Button size="small" danger type="link">
                    删除
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button
          icon={<PlusOutlined />}
          onClick={() => {
            setAdded((n) => n + 1);
            setRows((rs) => [...rs, { key: `new-${added}`, name: '', disabled: false, meetings: 0 }]);
          }}
        >
          新增会议类型
        </Button>
        <Button type="primary" loading={saving} disabled={rows.some((r) => !r.name.trim())} onClick={() => void save()} data-testid="meeting-types-save">
          保存
        </Button>
        <Button onClick={() => types.reload()}>放弃修改</Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </Card>
  );
}
