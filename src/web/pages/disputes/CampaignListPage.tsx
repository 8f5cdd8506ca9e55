import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { disputesApi, type CampaignRow } from './disputesApi.ts';

const KINDS = [
  { value: 'concentrated', label: '集中排查' },
  { value: 'key', label: '重点排查' },
  { value: 'regular', label: '经常性排查' },
];
interface Values {
  kind: 'concentrated' | 'key' | 'regular';
  name: string;
  period: [Dayjs, Dayjs];
  focus?: string;
}

/** 矛盾纠纷排查活动: who screens in which period; how many units reported, reported nothing (零报告) or stayed silent. */
export function CampaignListPage() {
  const navigate = useNavigate();
  const [version, setVersion] = useState(0);
  const { data, loading, error } = useAsync(() => disputesApi.campaigns(), [version]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const [saveError, setSaveError] = useState<string | null>(null);

  const create = async (v: Values) => {
    setSaveError(null);
    try {
      const { id } = await disputesApi.createCampaign({
        kind: v.kind,
        name: v.name,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        focus: v.focus || undefined,
      });
      setOpen(false);
      setVersion((x) => x + 1);
      navigate(`/disputes/campaigns/${id}`);
    } catch (err) {
      setSaveError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Card
      title="矛盾纠纷排查活动"
      extra={
        <Space>
          <Link to="/disputes">
            <Button>纠纷台账</Button>
          </Link>
          {data?.mayOrganise && (
            <Button type="primary" onClick={() => setOpen(true)} data-testid="campaign-new">
              部署排查
            </Button>
          )}
        </Space>
      }
      data-testid="campaign-list"
    >
      <Typography.Paragraph type="secondary">
        各乡镇（街道）、村（社区）在排查时段内登记发现的纠纷并报送；没有发现纠纷的应如实作“零报告”，不报送的显示为“未报告”。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error instanceof Error ? error.message : String(error)} />}
      <Table<CampaignRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '还没有排查活动' }}
        columns={[
          { title: '排查活动', dataIndex: 'name', render: (v: string, r) => <Link to={`/disputes/campaigns/${r.id}`}>{v}</Link> },
          { title: '类型', dataIndex: 'kindName', width: 100 },
          { title: '排查时段', key: 'period', width: 200, render: (_: unknown, r) => `${r.periodFrom} 至 ${r.periodTo}` },
          { title: '部署单位', dataIndex: 'organiserName', width: 160, ellipsis: true },
          { title: '排查单位', key: 'units', width: 90, render: (_: unknown, r) => r.tally.units },
          {
            title: '报送情况',
            key: 'tally',
            width: 240,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                <Tag color="green">已报告 {r.tally.reported}</Tag>
                <Tag color="blue">零报告 {r.tally.zero}</Tag>
                <Tag color={r.tally.silent ? 'red' : 'default'}>未报告 {r.tally.silent}</Tag>
              </Space>
            ),
          },
          { title: '发现纠纷', key: 'found', width: 90, render: (_: unknown, r) => r.tally.found },
        ]}
      />
      <Modal open={open} title="部署矛盾纠纷排查" okText="部署" cancelText="取消" onOk={() => form.submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void create(v)} initialValues={{ kind: 'concentrated' }}>
          <Form.Item name="kind" label="排查类型" rules={[{ required: true }]}>
            <Select options={KINDS} />
          </Form.Item>
          <Form.Item name="name" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
            <Input maxLength={100} placeholder="如：春节前矛盾纠纷集中排查" />
          </Form.Item>
          <Form.Item name="period" label="排查时段" rules={[{ required: true, message: '请选择排查时段' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="focus" label="排查重点">
            <Input.TextArea rows={3} maxLength={1000} placeholder="如：婚姻家庭、土地山林、劳资纠纷" />
          </Form.Item>
          <Typography.Text type="secondary">排查单位为本单位辖区内的全部乡镇（街道）、村（社区）。</Typography.Text>
          {saveError && <Alert type="error" showIcon message={saveError} style={{ marginTop: 8 }} />}
        </Form>
      </Modal>
    </Card>
  );
}
