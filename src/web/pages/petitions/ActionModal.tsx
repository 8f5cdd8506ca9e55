import { useState } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { petitionApi, type AllowedAction, type JsonSchema, type PetitionDetail } from '../../api/petitions.ts';
import { useLastDefined } from '../../hooks/useLastDefined.ts';
import { enumLabel, FIELD_HELP, fieldDescriptionHint, fieldKind, fieldLabel, isRequired, schemaFor, unwrap } from './actionFields.ts';
import { ApproverPicker, LeaderPicker, UnitPicker } from './Pickers.tsx';

type Values = Record<string, unknown>;

/** Dayjs → 'YYYY-MM-DD', empty strings/arrays dropped, nested objects kept. */
function toPayload(schema: JsonSchema, values: Values): Values {
  const out: Values = {};
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const v = values[name];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    const kind = fieldKind(name, raw);
    if (kind === 'object' && typeof v === 'object') out[name] = toPayload(unwrap(raw), v as Values);
    else if (dayjs.isDayjs(v)) out[name] = unwrap(raw).format === 'date-time' ? v.toISOString() : v.format('YYYY-MM-DD');
    else if (typeof v === 'string') out[name] = v.trim();
    else out[name] = v;
  }
  return out;
}

function Field({ name, path, schema, required, petitionId }: { name: string; path: string[]; schema: JsonSchema; required: boolean; petitionId: number }) {
  const kind = fieldKind(name, schema);
  const s = unwrap(schema);
  const label = fieldLabel(name, schema);
  if (kind === 'object') {
    return (
      <fieldset style={{ border: 0, padding: 0 }}>
        <Typography.Text strong>{label}</Typography.Text>
        {Object.entries(s.properties ?? {}).map(([child, cs]) => (
          <Field key={child} name={child} path={[...path, child]} schema={cs} required={isRequired(s, child)} petitionId={petitionId} />
        ))}
      </fieldset>
    );
  }
  const rules = required ? [{ required: true, message: `请填写${label}` }] : [];
  const help = [FIELD_HELP[name], fieldDescriptionHint(schema)].filter(Boolean).join(' ') || undefined;
  const common = { name: path, label, rules, extra: help };
  switch (kind) {
    case 'unit':
      return <Form.Item {...common}><UnitPicker /></Form.Item>;
    case 'units':
      return <Form.Item {...common}><UnitPicker multiple /></Form.Item>;
    case 'leader':
      return <Form.Item {...common}><LeaderPicker /></Form.Item>;
    case 'user':
      return <Form.Item {...common}><ApproverPicker petitionId={petitionId} /></Form.Item>;
    case 'date':
      return <Form.Item {...common}><DatePicker style={{ width: '100%' }} /></Form.Item>;
    case 'enum':
      return (
        <Form.Item {...common}>
          <Select options={(s.enum ?? []).map((v) => ({ value: v as string, label: enumLabel(v) }))} />
        </Form.Item>
      );
    case 'integer':
    case 'number':
      return (
        <Form.Item {...common} extra={[help, s.maximum !== undefined ? `最多 ${s.maximum}` : ''].filter(Boolean).join(' ') || undefined}>
          <InputNumber min={s.minimum} max={s.maximum} precision={kind === 'integer' ? 0 : undefined} style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'boolean':
      return <Form.Item name={path} valuePropName="checked" extra={help}><Checkbox>{label}</Checkbox></Form.Item>;
    case 'enumMulti':
      return (
        <Form.Item {...common}>
          <Select mode="multiple" options={(unwrap(s.items ?? {}).enum ?? []).map((v) => ({ value: v as string, label: enumLabel(v) }))} />
        </Form.Item>
      );
    case 'tags':
      return (
        <Form.Item {...common}>
          <Select mode="tags" open={false} tokenSeparators={['；', ';', '\n']} placeholder="输入后回车，可填写多条" />
        </Form.Item>
      );
    case 'textarea':
      return <Form.Item {...common}><Input.TextArea rows={3} maxLength={s.maxLength} showCount={!!s.maxLength} /></Form.Item>;
    default:
      return <Form.Item {...common}><Input maxLength={s.maxLength} /></Form.Item>;
  }
}

/**
 * The form of one allowed action. A refusal of the server (409: not allowed now, guard failed …)
 * stays inside the form so the user reads why and nothing else changes.
 */
export function ActionModal({
  petition,
  action,
  onClose,
  onDone,
}: {
  petition: PetitionDetail;
  action: AllowedAction | null;
  onClose: () => void;
  onDone: (updated: PetitionDetail, action: AllowedAction) => void;
}) {
  const shown = useLastDefined(action);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const schema = shown ? schemaFor(shown.code, shown.inputSchema) : undefined;
  const fields = Object.entries(schema?.properties ?? {});

  const initialValues: Values = {};
  // a required date starts at today; optional ones stay empty so the server applies its own clock
  for (const [name, raw] of fields) if (fieldKind(name, raw) === 'date' && schema && isRequired(schema, name)) initialValues[name] = dayjs() as Dayjs;

  const submit = async (values: Values) => {
    if (!shown || !schema) return;
    setSaving(true);
    setError(null);
    try {
      const updated = await petitionApi.act(petition.id, shown.code, toPayload(schema, values));
      onDone(updated, shown);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      const field = e?.field;
      if (field && form.getFieldInstance(field) !== undefined) form.setFields([{ name: field, errors: [e!.message] }]);
      setError(e?.message ?? String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!action}
      title={shown?.name}
      okText="确定"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (!open) setError(null);
      }}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues} preserve={false} data-testid={`action-form-${shown?.code ?? ''}`}>
        {fields.length === 0 && <Typography.Paragraph>确认对 {petition.caseNo} 执行“{shown?.name}”？</Typography.Paragraph>}
        {fields.map(([name, raw]) => (
          <Field key={name} name={name} path={[name]} schema={raw} required={!!schema && isRequired(schema, name)} petitionId={petition.id} />
        ))}
        {error && <Alert type="error" showIcon title={error} data-testid="action-error" />}
      </Form>
    </Modal>
  );
}
