import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { reportsApi, type ReportInput } from './reportsApi.ts';

interface FieldValues {
  key?: string;
  name: string;
  kind: 'number' | 'text' | 'choice';
  measure?: string;
  required: boolean;
  options?: string;
}
interface Values {
  name: string;
  periodName?: string;
  fields: FieldValues[];
  zeroPolicy: ReportInput['zeroPolicy'];
  scopeKind: ReportInput['scopeKind'];
  unitIds?: number[];
  frequency: ReportInput['frequency'];
  dueTime: Dayjs;
  dueWeekday?: number;
  dueDay?: number;
  workdaysOnly: boolean;
  active: [Dayjs, Dayjs | null];
  instructions?: string;
  stopped?: boolean;
  remindBeforeMinutes: number;
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ value: i + 1, label: `星期${d}` }));

/** 发布 / 修改定期报告: name, the form's fields, who reports, how often and by when, rest days, the special period. */
export function ReportFormPage() {
  const { id } = useParams();
  const editing = id ? Number(id) : null;
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saveError, setSaveError] = useState<string | null>(null);
  const options = useAsync(() => reportsApi.options(), []);
  const existing = useAsync(() => (editing ? reportsApi.get(editing) : Promise.resolve(null)), [editing]);
  const frequency = Form.useWatch('frequency', form);
  const scopeKind = Form.useWatch('scopeKind', form);

  useEffect(() => {
    const d = existing.data;
    if (!d) return;
    form.setFieldsValue({
      name: d.name,
      periodName: d.periodName ?? undefined,
      fields: d.fields.map((f) => ({
        key: f.key,
        name: f.name,
        kind: f.kind,
        measure: f.measure ?? undefined,
        required: f.required,
        options: f.options.join('、'),
      })),
      zeroPolicy: d.zeroPolicy,
      scopeKind: d.scopeKind,
      unitIds: d.unitIds,
      frequency: d.frequency,
      dueTime: dayjs(`2000-01-01T${d.dueTime}`),
      dueWeekday: d.dueWeekday ?? undefined,
      dueDay: d.dueDay ?? undefined,
      workdaysOnly: d.workdaysOnly,
      active: [dayjs(d.activeFrom), d.activeTo ? dayjs(d.activeTo) : null],
      instructions: d.instructions ?? undefined,
      stopped: d.stopped,
      remindBeforeMinutes: d.remindBeforeMinutes,
    });
  }, [existing.data, form]);

  const save = async (v: Values) => {
    setSaveError(null);
    const body: ReportInput = {
      name: v.name,
      periodName: v.periodName || undefined,
      fields: (v.fields ?? []).map((f) => ({
        key: f.key,
        name: f.name,
        kind: f.kind,
        measure: f.kind === 'number' ? f.measure || undefined : undefined,
        required: !!f.required,
        options:
          f.kind === 'choice'
            ? (f.options ?? '')
                .split(/[、,，\s]+/)
                .map((o) => o.trim())
                .filter(Boolean)
            : undefined,
      })),
      zeroPolicy: v.zeroPolicy,
      scopeKind: v.scopeKind,
      unitIds: v.scopeKind === 'units' ? v.unitIds : undefined,
      frequency: v.frequency,
      dueTime: v.dueTime.format('HH:mm'),
      dueWeekday: v.frequency === 'weekly' ? v.dueWeekday : null,
      dueDay: v.frequency === 'monthly' || v.frequency === 'quarterly' ? v.dueDay : null,
      workdaysOnly: v.workdaysOnly,
      activeFrom: v.active[0].format('YYYY-MM-DD'),
      activeTo: v.active[1] ? v.active[1].format('YYYY-MM-DD') : null,
      instructions: v.instructions || undefined,
      stopped: v.stopped,
      remindBeforeMinutes: v.remindBeforeMinutes,
    };
    try {
      const { id: saved } = editing ? await reportsApi.update(editing, body) : await reportsApi.create(body);
      navigate(`/supervision/reports/${saved}`);
    } catch (err) {
      setSaveError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Card title={editing ? '修改定期报告' : '发布定期报告'} data-testid="report-form">
      {(options.error || existing.error) && <Alert type="error" showIcon message={(options.error ?? existing.error)!.message} />}
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 820 }}
        onFinish={(v) => void save(v)}
        initialValues={{
          zeroPolicy: 'required',
          scopeKind: 'townships',
          frequency: 'daily',
          dueTime: dayjs('2000-01-01T17:00'),
          workdaysOnly: true,
          remindBeforeMinutes: 60,
          active: [dayjs(), null],
          fields: [{ name: '', kind: 'number', required: true }],
        }}
      >
        <Form.Item name="name" label="报告名称" rules={[{ required: true, message: '请填写报告名称' }]}>
          <Input maxLength={60} placeholder="如：安全生产日报告" />
        </Form.Item>
        <Space wrap align="start" size="large">
          <Form.Item name="active" label="启用时段（特殊时期起止，截止日期可不填）" rules={[{ required: true, message: '请选择启用日期' }]}>
            <DatePicker.RangePicker allowEmpty={[false, true]} placeholder={['启用日期', '长期']} />
          </Form.Item>
          <Form.Item name="periodName" label="特殊时期名称">
            <Input maxLength={60} placeholder="如：国庆节期间、县两会期间" style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>填报项目</Typography.Title>
        <Form.List name="fields">
          {(items, { add, remove }) => (
            <>
              {items.map(({ key, name }) => (
                <Space key={key} wrap align="start" data-testid="report-field">
                  <Form.Item name={[name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[name, 'name']} rules={[{ required: true, message: '请填写项目名称' }]}>
                    <Input placeholder="项目名称，如：排查隐患" maxLength={40} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[name, 'kind']}>
                    <Select
                      style={{ width: 90 }}
                      options={[
                        { value: 'number', label: '数字' },
                        { value: 'text', label: '文字' },
                        { value: 'choice', label: '选项' },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['fields', name, 'kind']) === 'choice' ? (
                        <Form.Item name={[name, 'options']} rules={[{ required: true, message: '请填写选项' }]}>
                          <Input placeholder="选项，用顿号分隔：正常、异常" style={{ width: 220 }} />
                        </Form.Item>
                      ) : form.getFieldValue(['fields', name, 'kind']) === 'number' ? (
                        <Form.Item name={[name, 'measure']}>
                          <Input placeholder="单位，如：处、起、人" maxLength={10} style={{ width: 140 }} />
                        </Form.Item>
                      ) : null
                    }
                  </Form.Item>
                  <Form.Item name={[name, 'required']} valuePropName="checked">
                    <Checkbox>必填</Checkbox>
                  </Form.Item>
                  <Button onClick={() => remove(name)}>删除</Button>
                </Space>
              ))}
              <Button onClick={() => add({ name: '', kind: 'number', required: true })} style={{ marginBottom: 16 }}>
                添加填报项目
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="zeroPolicy" label="零报告">
          <Radio.Group
            options={[
              { value: 'required', label: '实行零报告制度（无情况也须报零报告）' },
              { value: 'allowed', label: '可作零报告' },
              { value: 'none', label: '不适用（须填写各项）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="scopeKind" label="报送单位">
          <Radio.Group
            options={[
              { value: 'townships', label: '全部乡镇（街道）' },
              { value: 'departments', label: '全部县直部门' },
              { value: 'units', label: '指定单位' },
            ]}
          />
        </Form.Item>
        {scopeKind === 'units' && (
          <Form.Item name="unitIds" label="选择报送单位" rules={[{ required: true, message: '请选择报送单位' }]}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              placeholder="输入单位名称查找"
              options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.kindName}）` }))}
            />
          </Form.Item>
        )}
        <Space wrap align="start" size="large">
          <Form.Item name="frequency" label="报送频次">
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'daily', label: '每日' },
                { value: 'weekly', label: '每周' },
                { value: 'monthly', label: '每月' },
                { value: 'quarterly', label: '每季度' },
              ]}
            />
          </Form.Item>
          {frequency === 'weekly' && (
            <Form.Item name="dueWeekday" label="每周截止日" rules={[{ required: true, message: '请选择' }]}>
              <Select style={{ width: 120 }} options={WEEKDAYS} />
            </Form.Item>
          )}
          {(frequency === 'monthly' || frequency === 'quarterly') && (
            <Form.Item
              name="dueDay"
              label={frequency === 'monthly' ? '次月几日前报上月' : '季度结束后次月几日前'}
              rules={[{ required: true, message: '请填写' }]}
            >
              <InputNumber min={1} max={31} addonAfter="日" />
            </Form.Item>
          )}
          <Form.Item name="dueTime" label="截止时间（北京时间）" rules={[{ required: true, message: '请选择截止时间' }]}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="workdaysOnly" label={frequency === 'daily' ? '节假日不报（含调休上班日照常报送）' : '截止日遇节假日顺延'} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="remindBeforeMinutes"
            label="截止前自动提醒未报单位"
            extra="填 0 则不自动提醒（仍可手动提醒）"
            rules={[{ required: true, message: '请填写提前提醒的分钟数，不提醒填 0' }]}
          >
            <InputNumber min={0} max={1440} precision={0} step={30} addonAfter="分钟前" data-testid="report-remind-before" />
          </Form.Item>
        </Space>
        <Form.Item name="instructions" label="填报说明">
          <Input.TextArea rows={3} maxLength={1000} placeholder="如：请各单位每日17时前报送当日安全生产情况，无情况的报零报告。" />
        </Form.Item>
        {editing && (
          <Form.Item name="stopped" label="停用" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {saveError && <Alert type="error" showIcon message={saveError} style={{ marginBottom: 12 }} />}
        <Space>
          <Button type="primary" htmlType="submit" data-testid="report-save">
            {editing ? '保存' : '发布'}
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
