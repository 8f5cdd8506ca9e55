import { useState } from 'react';
import { App, Button, Card, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { useAsync } from '../../hooks/useAsync.ts';
import { useApiError } from '../../hooks/useApiError.ts';
import { BackdateReasonField, OccurredOnPicker, useBusinessDateRule } from '../action-form/BusinessDateFields.tsx';
import { itemLinksApi, type ItemLink } from './itemLinksApi.ts';

interface AddValues {
  toRefNo: string;
  kind: string;
  toModule?: string;
  note?: string;
  occurredOn?: Dayjs;
  backdateReason?: string;
}

/**
 * 关联事项 on any item's page: its links both ways (a petition that revealed a hazard, the case it escalated
 * to …), each opening the other item's page; add one by case number with its kind, note and date, remove one
 * with a reason. The server leaves out links to items the user may not see, and says whether they may link.
 */
export function ItemLinksCard({ workItemId }: { workItemId: number }) {
  const { message } = App.useApp();
  const showError = useApiError();
  const links = useAsync(() => itemLinksApi.list(workItemId), [workItemId]);
  const kinds = useAsync(() => itemLinksApi.kinds(), []);
  const meetings = useAsync(() => itemLinksApi.meetings(workItemId), [workItemId]);
  const dateRule = useBusinessDateRule();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<ItemLink | null>(null);
  const [busy, setBusy] = useState(false);
  const [addForm] = Form.useForm<AddValues>();
  const [removeForm] = Form.useForm<{ reason: string }>();

  if (links.error) return null;
  const items = links.data?.items ?? [];
  const meetingItems = meetings.data?.items ?? [];
  const mayLink = links.data?.mayLink === true;

  const submitAdd = async () => {
    const v = await addForm.validateFields().catch(() => null); // the form shows what is missing
    if (!v) return;
    setBusy(true);
    try {
      await itemLinksApi.add(workItemId, {
        toRefNo: v.toRefNo.trim(),
        kind: v.kind,
        toModule: v.toModule || undefined,
        note: v.note?.trim() || undefined,
        occurredOn: v.occurredOn ? v.occurredOn.format('YYYY-MM-DD') : undefined,
        backdateReason: v.backdateReason?.trim() || undefined,
      });
      void message.success('已关联');
      setAdding(false);
      addForm.resetFields();
      links.reload();
    } catch (e) {
      showError(e, addForm);
    } finally {
      setBusy(false);
    }
  };

  const submitRemove = async () => {
    const v = await removeForm.validateFields().catch(() => null);
    if (!removing || !v) return;
    setBusy(true);
    try {
      await itemLinksApi.remove(workItemId, removing.id, v.reason.trim());
      void message.success('已解除关联');
      setRemoving(null);
      removeForm.resetFields();
      links.reload();
    } catch (e) {
      showError(e, removeForm);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title="关联事项"
      style={{ marginBottom: 16 }}
      data-testid="item-links-card"
      extra={
        mayLink && (
          <Button size="small" icon={<LinkOutlined />} onClick={() => setAdding(true)} data-testid="item-links-add">
            添加关联
          </Button>
        )
      }
    >
      {(items.length > 0 || meetingItems.length === 0) && (
        <List
          size="small"
          loading={links.loading}
          locale={{ emptyText: '暂无关联事项' }}
          dataSource={items}
          renderItem={(l) => (
            <List.Item
              data-testid="item-link"
              actions={
                mayLink
                  ? [
                      <Button key="remove" type="link" size="small" danger onClick={() => setRemoving(l)}>
                        解除
                      </Button>,
                    ]
                  : []
              }
            >
              <Space orientation="vertical" size={2}>
                <Space size={6} wrap>
                  <Tag color={l.direction === 'out' ? 'blue' : 'purple'}>{l.name}</Tag>
                  <Tag>{l.other.moduleName}</Tag>
                  <Link to={l.other.href}>
                    {l.other.refNo} {l.other.title}
                  </Link>
                  <Typography.Text type="secondary">{l.other.stateName}</Typography.Text>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.occurredOn}
                  {l.createdByName ? ` · ${l.createdByName}` : ''}
                  {l.note ? ` · ${l.note}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {meetingItems.length > 0 && (
        <List
          size="small"
          dataSource={meetingItems}
          renderItem={(mt) => (
            <List.Item data-testid="item-meeting">
              <Space orientation="vertical" size={2}>
                <Space size={6} wrap>
                  <Tag color="gold">会议研究</Tag>
                  <Tag>{mt.typeName}</Tag>
                  <Link to={mt.href}>{mt.name}</Link>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {mt.heldOn} · {mt.topic}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}

      <Modal
        title="添加关联事项"
        open={adding}
        onOk={submitAdd}
        onCancel={() => setAdding(false)}
        confirmLoading={busy}
        okText="确认关联"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={addForm} layout="vertical" initialValues={{ occurredOn: dayjs() }}>
          <Form.Item name="toRefNo" label="对方事项编号" rules={[{ required: true, whitespace: true, message: '请填写要关联的事项编号' }]}>
            <Input placeholder="如 XF-519901-2026-000123" maxLength={60} />
          </Form.Item>
          <Form.Item name="kind" label="关联类型" rules={[{ required: true, message: '请选择关联类型' }]}>
            <Select
              placeholder="本事项与对方事项的关系"
              loading={kinds.loading}
              options={(kinds.data?.items ?? []).map((k) => ({
                value: k.code,
                label: k.forward === k.reverse ? k.forward : `${k.forward}（对方事项显示“${k.reverse}”）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="toModule" label="对方事项类型" extra="编号带类型字母（如 XF、JF）时不必选择；不带字母的旧编号提示重复时再选">
            <Select allowClear placeholder="不限" options={(kinds.data?.modules ?? []).map((m) => ({ value: m.kind, label: m.name }))} />
          </Form.Item>
          <Form.Item name="note" label="关联说明">
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
          <Form.Item name="occurredOn" label="发生日期" extra="关联关系形成的日期，默认今天">
            <OccurredOnPicker rule={dateRule} allowClear={false} />
          </Form.Item>
          <BackdateReasonField rule={dateRule} />
        </Form>
      </Modal>

      <Modal
        title={removing ? `解除关联：${removing.name} ${removing.other.refNo}` : '解除关联'}
        open={removing !== null}
        onOk={submitRemove}
        onCancel={() => setRemoving(null)}
        confirmLoading={busy}
        okText="确认解除"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">解除后关联记录仍予保留，并在两个事项的办理记录中留痕。</Typography.Paragraph>
        <Form form={removeForm} layout="vertical">
          <Form.Item name="reason" label="解除理由" rules={[{ required: true, whitespace: true, min: 2, message: '解除关联须说明理由（至少 2 个字）' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
