import { useEffect } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { apiClient, type ApiBody, type ApiOk } from '../../../api/typed.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { useApiError } from '../../../hooks/useApiError.ts';

type IntakeSettings = ApiOk<'/settings/petition-intake'>;
type Rule = IntakeSettings['representatives']['byProvince'][string];
/** The form edits the provinces as a list; the API keeps them keyed by province code. */
interface FormValues {
  collectiveMinPersons: number;
  max: number;
  source: string;
  provinces: (Rule & { code: string })[];
}

const toForm = (s: IntakeSettings): FormValues => ({
  collectiveMinPersons: s.collectiveMinPersons,
  max: s.representatives.max,
  source: s.representatives.source,
  provinces: Object.entries(s.representatives.byProvince).map(([code, r]) => ({ code, ...r })),
});
const fromForm = (v: FormValues): ApiBody<'/settings/petition-intake', 'put'> => ({
  collectiveMinPersons: v.collectiveMinPersons,
  representatives: {
    max: v.max,
    source: v.source,
    byProvince: Object.fromEntries((v.provinces ?? []).map(({ code, max, source }) => [code, { max, source }])),
  },
});

/** 信访登记设置: 集体访 threshold and the representatives limit with its source (national and per province). */
export function PetitionIntakeSettingsCard() {
  const { data, loading, reload } = useAsync(() => apiClient.get('/settings/petition-intake'), []);
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const showError = useApiError();

  useEffect(() => {
    if (data) form.setFieldsValue(toForm(data));
  }, [data, form]);

  const save = async (v: FormValues) => {
    try {
      await apiClient.put('/settings/petition-intake', { body: fromForm(v) });
      void message.success('信访登记设置已保存；登记校验和登记页提示即按新值执行');
      reload();
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <Card title="信访登记设置" loading={loading && !data} style={{ marginBottom: 12 }}>
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 720 }}>
        <Form.Item
          name="collectiveMinPersons"
          label="集体访人数"
          extra="来访人数达到此数即标记为集体访（默认 5 人；该数值无明确法律依据，请按本地规定设置）。"
          rules={[{ required: true, message: '请填写集体访人数' }]}
        >
          <InputNumber min={2} max={1000} precision={0} suffix="人" style={{ width: 200 }} />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="max" label="集体访代表人数上限" rules={[{ required: true, message: '请填写上限' }]}>
            <InputNumber min={1} max={50} precision={0} suffix="人" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="source" label="依据" rules={[{ required: true, message: '请填写依据' }]}>
            <Input style={{ width: 360 }} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">分省规定（按登记单位所在省适用；未列出的省份适用上面的全国规定）：</Typography.Paragraph>
        <Form.List name="provinces">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'code']} rules={[{ required: true, pattern: /^\d{2}$/, message: '两位省级代码，如 33' }]}>
                    <Input placeholder="省级代码" style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'max']} rules={[{ required: true, message: '上限' }]}>
                    <InputNumber min={1} max={50} precision={0} suffix="人" style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'source']} rules={[{ required: true, message: '请填写依据' }]}>
                    <Input placeholder="依据（地方性法规条款）" style={{ width: 320 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} aria-label="删除" />
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" onClick={() => add({ code: '', max: 3, source: '' })} icon={<PlusOutlined />}>
                  添加分省规定
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="intake-settings-save">
            保存
          </Button>
          <Button onClick={() => data && form.setFieldsValue(toForm(data))}>还原</Button>
        </Space>
      </Form>
    </Card>
  );
}
