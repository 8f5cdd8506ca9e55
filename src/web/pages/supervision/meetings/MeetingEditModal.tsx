import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../api/client.ts';
import { MeetingHeaderFields } from './MeetingHeaderFields.tsx';
import { meetingsApi, type MeetingDetail, type MeetingOptions } from './meetingsApi.ts';

interface Values {
  typeCode: string;
  name: string;
  heldOn: Dayjs;
  startTime?: Dayjs | null;
  place: string;
  hostName: string;
  recorderName: string;
  convenerUnitId: number;
  backdateReason?: string;
  attendUsers?: number[];
  attendUnits?: number[];
  observeUsers?: number[];
  observeUnits?: number[];
  reason?: string;
}

const pick = (m: MeetingDetail, role: 'attend' | 'observe', key: 'userId' | 'unitId') =>
  m.attendees.filter((a) => a.role === role && a[key] !== null).map((a) => a[key]!);

/**
 * 修改会议信息: type, name, date and time, place, 主持人, 记录人, 召集单位 and who attended (出席/列席). Once the 纪要 is issued
 * the change needs a reason, kept in the meeting's 修改记录. A type 停用 since stays selectable only as the current one.
 */
export function MeetingEditModal({
  meeting: m,
  options: o,
  open,
  onClose,
  onSaved,
}: {
  meeting: MeetingDetail;
  options?: MeetingOptions;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const convenerUnitId = Form.useWatch('convenerUnitId', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({
      typeCode: m.typeCode,
      name: m.name,
      heldOn: dayjs(m.heldOn),
      startTime: m.startTime ? dayjs(`2000-01-01T${m.startTime}`) : null,
      place: m.place,
      hostName: m.hostName,
      recorderName: m.recorderName,
      convenerUnitId: m.convenerUnitId,
      backdateReason: undefined,
      attendUsers: pick(m, 'attend', 'userId'),
      attendUnits: pick(m, 'attend', 'unitId'),
      observeUsers: pick(m, 'observe', 'userId'),
      observeUnits: pick(m, 'observe', 'unitId'),
      reason: undefined,
    });
  }, [open, m, form]);

  const types = [
    ...(o?.types ?? []).map((t) => ({ value: t.code, label: t.name })),
    ...((o?.types ?? []).some((t) => t.code === m.typeCode) ? [] : [{ value: m.typeCode, label: `${m.typeName}（已停用）` }]),
  ];
  const users = (o?.users ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unitName}）` }));
  const units = (o?.units ?? []).map((u) => ({ value: u.id, label: u.name }));
  const hasTasks = m.decisions.some((d) => !d.withdrawn && d.tasks.some((t) => t.statusName !== '已撤销'));
  const convenerLocked = !!m.minutes || hasTasks;

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const att = (ids: number[] | undefined, key: 'userId' | 'unitId', role: 'attend' | 'observe') => (ids ?? []).map((id) => ({ [key]: id, role }));
    setBusy(true);
    setError(null);
    try {
      await meetingsApi.edit(m.id, {
        typeCode: v.typeCode,
        name: v.name,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        startTime: v.startTime ? v.startTime.format('HH:mm') : undefined,
        place: v.place,
        hostName: v.hostName,
        recorderName: v.recorderName,
        convenerUnitId: v.convenerUnitId === m.convenerUnitId ? undefined : v.convenerUnitId,
        backdateReason: v.backdateReason?.trim() || undefined,
        reason: v.reason?.trim() || undefined,
        attendees: [
          ...att(v.attendUsers, 'userId', 'attend'),
          ...att(v.attendUnits, 'unitId', 'attend'),
          ...att(v.observeUsers, 'userId', 'observe'),
          ...att(v.observeUnits, 'unitId', 'observe'),
        ] as { userId?: number; unitId?: number; role: 'attend' | 'observe' }[],
      });
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="修改会议信息"
      okText="保存"
      cancelText="取消"
      width={820}
      okButtonProps={{ loading: busy, 'data-testid': 'meeting-edit-save' } as ButtonProps}
      onCancel={onClose}
      onOk={() => void save()}
      destroyOnHidden
    >
      {m.minutes && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`会议纪要 ${m.minutes.number} 已印发，修改须说明理由，理由记入修改记录。`} />
      )}
      <Form form={form} name="meetingEdit" layout="vertical" data-testid="meeting-edit-form">
        <MeetingHeaderFields types={types} />
        <Form.Item
          name="convenerUnitId"
          label="召集单位"
          extra={
            convenerLocked
              ? m.minutes
                ? '会议纪要已按召集单位代字印发，召集单位不能更改。'
                : '召集单位是已交办督办事项的督办单位，不能更改；如确需更改，请先撤销议定事项。'
              : convenerUnitId !== m.convenerUnitId
                ? '更改后，会议由新的召集单位维护，本单位不能再修改本会议。'
                : undefined
          }
        >
          <Select showSearch optionFilterProp="label" style={{ width: 280 }} options={units} disabled={convenerLocked} />
        </Form.Item>
        <Form.Item name="backdateReason" label="补录说明（改到补录期限以前的日期时必填）">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="attendUsers" label="出席人员">
          <Select mode="multiple" showSearch optionFilterProp="label" options={users} placeholder="输入姓名搜索" />
        </Form.Item>
        <Form.Item name="attendUnits" label="出席单位">
          <Select mode="multiple" showSearch optionFilterProp="label" options={units} placeholder="输入名称搜索" />
        </Form.Item>
        <Form.Item name="observeUsers" label="列席人员">
          <Select mode="multiple" showSearch optionFilterProp="label" options={users} placeholder="输入姓名搜索" />
        </Form.Item>
        <Form.Item name="observeUnits" label="列席单位">
          <Select mode="multiple" showSearch optionFilterProp="label" options={units} placeholder="输入名称搜索" />
        </Form.Item>
        {m.minutes && (
          <Form.Item name="reason" label="修改理由" rules={[{ required: true, min: 2, message: '纪要已印发，请说明修改理由（至少 2 个字）' }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} placeholder="如：会议地点记录有误" />
          </Form.Item>
        )}
        <Typography.Text type="secondary">议题和议定事项不在这里修改：议定事项可以增加或撤销。</Typography.Text>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
