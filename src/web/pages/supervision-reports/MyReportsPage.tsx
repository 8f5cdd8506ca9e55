import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { reportsApi, shanghaiTime, STATUS_COLORS, type MyReports, type ReportDetail } from './reportsApi.ts';

type Item = MyReports['items'][number];

/** 本单位待报: each report period not yet reported (待报, or 缺报 to 补报) or still correctable, with its form and the one-click 零报告. */
export function MyReportsPage() {
  const [version, setVersion] = useState(0);
  const { data, loading, error } = useAsync(() => reportsApi.mine(), [version]);
  const { message, modal } = AntApp.useApp();
  const [editing, setEditing] = useState<{ item: Item; def: ReportDetail; values: Record<string, unknown> } | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [saveError, setSaveError] = useState<string | null>(null);

  const done = (r: { statusName: string; late: string | null; corrected: boolean }) => {
    void message.success(r.corrected ? '已更正' : r.late ? `已补报（迟报 ${r.late}）` : `已报送（${r.statusName}）`);
    setEditing(null);
    setVersion((v) => v + 1);
  };
  const zero = (item: Item) =>
    modal.confirm({
      title: `${item.name}（${item.slot.label}）零报告`,
      content: '确认本单位本期无相关情况，报送零报告？',
      okText: '报送零报告',
      cancelText: '取消',
      onOk: async () => {
        try {
          done(await reportsApi.submit(item.defId, { period: item.slot.periodStart, zero: true, values: {} }));
        } catch (err) {
          void message.error(err instanceof ApiError ? err.message : String(err));
        }
      },
    });
  const open = async (item: Item) => {
    setSaveError(null);
    try {
      const [def, mine] = await Promise.all([reportsApi.get(item.defId), reportsApi.mySubmission(item.defId, item.slot.periodStart)]);
      const values = { ...(mine.row?.values ?? {}), __note: mine.row?.note ?? undefined };
      form.resetFields();
      form.setFieldsValue(values);
      setEditing({ item, def, values });
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  const save = async (v: Record<string, unknown>) => {
    if (!editing) return;
    setSaveError(null);
    const { __note, ...rest } = v;
    const values = Object.fromEntries(Object.entries(rest).map(([k, x]) => [k, x === undefined || x === '' ? null : (x as string | number)]));
    try {
      done(await reportsApi.submit(editing.item.defId, { period: editing.item.slot.periodStart, zero: false, values, note: (__note as string) || undefined }));
    } catch (err) {
      setSaveError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Card
      title="本单位待报"
      extra={
        <Link to="/supervision/reports">
          <Button>定期报告列表</Button>
        </Link>
      }
      data-testid="reports-mine-page"
    >
      <Typography.Paragraph type="secondary">截止时间前报送的可以更正；过了截止时间未报的请尽快补报，补报计为迟报。</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error.message} />}
      <List<Item>
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '本单位目前没有待报的报告' }}
        renderItem={(item) => {
          const submitted = item.status === 'on_time';
          return (
            <List.Item
              data-testid="mine-item"
              actions={[
                <Button key="fill" type={submitted ? 'default' : 'primary'} onClick={() => void open(item)}>
                  {submitted ? '更正' : item.status === 'missing' ? '补报' : '填报'}
                </Button>,
                !submitted && item.status !== 'late' ? (
                  <Button key="zero" onClick={() => zero(item)} data-testid="zero-report">
                    零报告
                  </Button>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>
                      {item.name}（{item.slot.label}）
                    </span>
                    <Tag color={STATUS_COLORS[item.status]}>{submitted ? '已报送，截止前可更正' : item.statusName}</Tag>
                  </Space>
                }
                description={`${shanghaiTime(item.slot.dueAt)} 截止 · ${item.scheduleText} · 发起单位：${item.issuerName}`}
              />
            </List.Item>
          );
        }}
      />
      <Modal
        open={!!editing}
        title={editing ? `${editing.item.name}（${editing.item.slot.label}）` : ''}
        okText="报送"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editing?.def.instructions && <Typography.Paragraph type="secondary">{editing.def.instructions}</Typography.Paragraph>}
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          {editing?.def.fields.map((f) => (
            <Form.Item
              key={f.key}
              name={f.key}
              label={f.measure ? `${f.name}（${f.measure}）` : f.name}
              rules={f.required ? [{ required: true, message: `请填写${f.name}` }] : []}
            >
              {f.kind === 'number' ? (
                <InputNumber min={0} style={{ width: '100%' }} />
              ) : f.kind === 'choice' ? (
                <Select options={f.options.map((o) => ({ value: o, label: o }))} allowClear />
              ) : (
                <Input.TextArea rows={2} maxLength={2000} />
              )}
            </Form.Item>
          ))}
          <Form.Item name="__note" label="情况说明">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          {saveError && <Alert type="error" showIcon message={saveError} />}
        </Form>
      </Modal>
    </Card>
  );
}
