import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { petitionApi, type PetitionerView } from '../../api/petitions.ts';
import { useLastDefined } from '../../hooks/useLastDefined.ts';

type Field = 'name' | 'idNumber' | 'phone';
const FIELD_ZH: Record<Field, string> = { name: '姓名', idNumber: '身份证号', phone: '电话' };

interface Target {
  petitioner: PetitionerView;
  field: Field;
}

/** A masked value with 查看: the plain value only after a stated reason, which the server audits. */
function MaskedValue({ masked, revealed, onReveal }: { masked: string | null | undefined; revealed?: string | null; onReveal: () => void }) {
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (revealed !== undefined) return <Typography.Text data-testid="revealed-value">{revealed ?? '—'}</Typography.Text>;
  return (
    <>
      <span>{masked}</span>
      <Button type="link" size="small" onClick={onReveal}>
        查看
      </Button>
    </>
  );
}

/** 信访人: masked by default (personal data), revealed one value at a time with a reason. */
export function PetitionersCard({ petitionId, petitioners, anonymous }: { petitionId: number; petitioners: PetitionerView[]; anonymous?: boolean }) {
  const [target, setTarget] = useState<Target | null>(null);
  const shown = useLastDefined(target);
  const [revealed, setRevealed] = useState<Record<string, string | null>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const key = (p: PetitionerView, f: Field) => `${p.id}:${f}`;

  const reveal = async ({ reason }: { reason: string }) => {
    if (!target) return;
    setSaving(true);
    setError(null);
    try {
      const { value } = await petitionApi.reveal(petitionId, target.petitioner.id, target.field, reason.trim());
      setRevealed((r) => ({ ...r, [key(target.petitioner, target.field)]: value }));
      setTarget(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="信访人" style={{ marginBottom: 16 }} data-testid="petitioners-card">
      {petitioners.length === 0 && <Typography.Text type="secondary">{anonymous ? '匿名信访' : '无'}</Typography.Text>}
      {petitioners.map((p, i) => (
        <Descriptions key={p.id} size="small" column={1} title={petitioners.length > 1 ? `信访人 ${i + 1}` : undefined} style={{ marginBottom: 8 }}>
          {(['name', 'idNumber', 'phone'] as Field[]).map((f) => (
            <Descriptions.Item key={f} label={FIELD_ZH[f]}>
              <MaskedValue
                masked={f === 'name' ? p.nameMasked : f === 'idNumber' ? p.idNumberMasked : p.phoneMasked}
                revealed={revealed[key(p, f)]}
                onReveal={() => {
                  form.resetFields();
                  setError(null);
                  setTarget({ petitioner: p, field: f });
                }}
              />
            </Descriptions.Item>
          ))}
          <Descriptions.Item label="地址">{p.address || '—'}</Descriptions.Item>
        </Descriptions>
      ))}
      <Modal
        open={!!target}
        title={`查看${shown ? FIELD_ZH[shown.field] : ''}`}
        okText="查看"
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setTarget(null)}
        destroyOnHidden
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="查看个人信息将被记录"
          description="系统会在审计日志中记录查看人、时间、所查看的信息和您填写的理由。请仅在办理需要时查看。"
        />
        <Form form={form} layout="vertical" onFinish={reveal} preserve={false}>
          <Form.Item name="reason" label="查看理由" rules={[{ required: true, whitespace: true, message: '请填写查看理由' }]}>
            <Input.TextArea rows={2} maxLength={200} placeholder="例如：电话联系信访人告知受理情况" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </Card>
  );
}
