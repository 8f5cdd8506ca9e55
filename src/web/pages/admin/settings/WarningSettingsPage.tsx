import { useEffect } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Space, Typography } from 'antd';
import { settingsApi } from '../../../api/endpoints.ts';
import type { WarningThresholds } from '../../../api/types.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import { WarningTag } from '../../../components/WarningTag.tsx';
import { PetitionIntakeSettingsCard } from './PetitionIntakeSettingsCard.tsx';

/** 预警设置: the thresholds of 临期 / 超期 / 严重超期 used by 我的待办 and the reminder sweep. */
export function WarningSettingsPage() {
  const { data, loading, error, reload } = useAsync(() => settingsApi.deadlineWarning(), []);
  const [form] = Form.useForm<WarningThresholds>();
  const { message } = App.useApp();
  const showError = useApiError();
  const values = Form.useWatch([], form) as WarningThresholds | undefined;
  const approaching = values?.approachingDays ?? data?.approachingDays;
  const severe = values?.severeOverdueDays ?? data?.severeOverdueDays;

  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  const save = async (input: WarningThresholds) => {
    try {
      await settingsApi.saveDeadlineWarning(input);
      void message.success('预警设置已保存；我的待办和到期提醒即按新阈值计算');
      reload();
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        预警设置
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Card loading={loading && !data} style={{ marginBottom: 12 }}>
        <Form<WarningThresholds> form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 520 }}>
          <Form.Item
            name="approachingDays"
            label="临期提前天数"
            extra="距届满日不超过这么多个自然日（含当天）时显示为临期，并向承办人和承办单位发出临期提醒。"
            rules={[{ required: true, message: '请填写临期提前天数' }]}
          >
            <InputNumber min={0} max={90} precision={0} suffix="天" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="severeOverdueDays"
            label="严重超期天数"
            extra="已超过届满日、且超期超过这么多个自然日时显示为严重超期（超期但未达到这一天数的为超期）。"
            rules={[{ required: true, message: '请填写严重超期天数' }]}
          >
            <InputNumber min={0} max={365} precision={0} suffix="天" style={{ width: 200 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="warning-save">
              保存
            </Button>
            <Button onClick={() => data && form.setFieldsValue(data)}>还原</Button>
          </Space>
        </Form>
      </Card>
      <Card title="各预警级别的含义">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={<WarningTag level="normal" />}>
            距届满日还有 {approaching === undefined ? 'N' : approaching + 1} 天及以上，或计时已暂停、停止。
          </Descriptions.Item>
          <Descriptions.Item label={<WarningTag level="approaching" />}>
            距届满日 0—{approaching ?? 'N'} 天（届满当天仍为临期）：应抓紧办理，必要时依法申请延期。
          </Descriptions.Item>
          <Descriptions.Item label={<WarningTag level="overdue" />}>已过届满日 1—{severe ?? 'N'} 天：已违反法定时限，应立即办结并说明原因。</Descriptions.Item>
          <Descriptions.Item label={<WarningTag level="severe" />}>已过届满日超过 {severe ?? 'N'} 天：列入督查督办，可能追究责任。</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          届满日本身按法定时限规则和工作日历计算（节假日顺延、调休上班日计入），预警阈值只决定提前多久提示、超期多久升级，按自然日计算。修改会记入审计日志。
        </Typography.Paragraph>
      </Card>
      <PetitionIntakeSettingsCard />
    </div>
  );
}
