import type { ReactNode } from 'react';
import { Checkbox, DatePicker, Form, Input, InputNumber, Select, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { enumLabel, FIELD_HELP, FIELD_LABELS } from './fieldLabels.ts';
import { fieldDescriptionHint, fieldKind, fieldLabel, isRequired, unwrap, type JsonSchema } from './jsonSchema.ts';
import { toPayload, type FormValues } from './toPayload.ts';
import type { BusinessDateRule } from './businessDate.ts';
import { BackdateReasonField, OccurredOnPicker, useBusinessDateRule } from './BusinessDateFields.tsx';
import { fillLimits, useLegalRules } from '../../hooks/useLegalRules.ts';

/** The pickers an id field needs: the page supplies them (a 批准人 depends on the case). */
export type PickerKind = 'unit' | 'units' | 'leader' | 'user';
export type RenderPicker = (kind: PickerKind) => ReactNode;

const enumOptions = (values: unknown[] | undefined) => (values ?? []).map((v) => ({ value: v as string, label: enumLabel(v) }));

/** The business-date fields every action takes (kernel defineMachine): 发生日期 and its 补录说明. */
const hasBusinessDate = (schema: JsonSchema) => schema.properties?.occurredOn !== undefined;

function SchemaField({
  name,
  path,
  schema,
  required,
  renderPicker,
  dateRule,
}: {
  name: string;
  path: string[];
  schema: JsonSchema;
  required: boolean;
  renderPicker: RenderPicker;
  /** set on the top-level fields of a form with a 发生日期 (loaded or not) */
  dateRule?: { rule: BusinessDateRule | undefined };
}) {
  const legalRules = useLegalRules();
  const kind = fieldKind(name, schema);
  const s = unwrap(schema);
  const label = fieldLabel(name, schema, FIELD_LABELS);
  if (kind === 'object') {
    return (
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <Typography.Text strong>{label}</Typography.Text>
        {Object.entries(s.properties ?? {}).map(([child, cs]) => (
          <SchemaField key={child} name={child} path={[...path, child]} schema={cs} required={isRequired(s, child)} renderPicker={renderPicker} />
        ))}
      </fieldset>
    );
  }
  const rules = required ? [{ required: true, message: `请填写${label}` }] : [];
  const limit = (kind === 'integer' || kind === 'number') && s.maximum !== undefined && !FIELD_HELP[name] ? `最多 ${s.maximum}` : undefined;
  const fieldHelp = FIELD_HELP[name] === undefined ? undefined : fillLimits(FIELD_HELP[name], legalRules);
  const help = [fieldHelp, fieldDescriptionHint(schema), limit].filter(Boolean).join(' ') || undefined;
  const common = { name: path, label, rules, extra: help };
  if (dateRule && name === 'occurredOn' && kind === 'date') {
    return (
      <Form.Item {...common}>
        <OccurredOnPicker rule={dateRule.rule} style={{ width: '100%' }} />
      </Form.Item>
    );
  }
  if (dateRule && name === 'backdateReason') return <BackdateReasonField rule={dateRule.rule} maxLength={s.maxLength} />;
  switch (kind) {
    case 'unit':
    case 'units':
    case 'leader':
    case 'user':
      return <Form.Item {...common}>{renderPicker(kind)}</Form.Item>;
    case 'date':
      return (
        <Form.Item {...common}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item {...common}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item {...common}>
          <Select options={enumOptions(s.enum)} />
        </Form.Item>
      );
    case 'enumMulti':
      return (
        <Form.Item {...common}>
          <Select mode="multiple" options={enumOptions(unwrap(s.items ?? {}).enum)} />
        </Form.Item>
      );
    case 'integer':
    case 'number':
      return (
        <Form.Item {...common}>
          <InputNumber min={s.minimum} max={s.maximum} precision={kind === 'integer' ? 0 : undefined} style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item name={path} valuePropName="checked" extra={help}>
          <Checkbox>{label}</Checkbox>
        </Form.Item>
      );
    case 'tags':
      return (
        <Form.Item {...common}>
          <Select mode="tags" open={false} tokenSeparators={['；', ';', '\n']} placeholder="输入后回车，可填写多条" />
        </Form.Item>
      );
    case 'textarea':
      return (
        <Form.Item {...common}>
          <Input.TextArea rows={3} maxLength={s.maxLength} showCount={!!s.maxLength} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item {...common}>
          <Input maxLength={s.maxLength} />
        </Form.Item>
      );
  }
}

/** Initial values: a required day starts at today; optional ones stay empty so the server applies its own clock. */
export function initialValuesFor(schema: JsonSchema): FormValues {
  const values: FormValues = {};
  for (const [name, raw] of Object.entries(schema.properties ?? {}))
    if (fieldKind(name, raw) === 'date' && isRequired(schema, name)) values[name] = dayjs() as Dayjs;
  return values;
}

/**
 * One form for any action, built from the action's input schema: the console follows the server's
 * exact fields (a field added on the server appears here without code). `onSubmit` gets the input
 * ready to send.
 */
export function ActionForm({
  schema,
  form,
  renderPicker,
  onSubmit,
  empty,
  children,
  testId,
}: {
  schema: JsonSchema;
  form: FormInstance<FormValues>;
  renderPicker: RenderPicker;
  onSubmit: (input: FormValues) => void;
  /** shown when the action takes no input */
  empty?: ReactNode;
  /** below the fields (e.g. the server's refusal) */
  children?: ReactNode;
  testId?: string;
}) {
  const fields = Object.entries(schema.properties ?? {});
  const withDate = hasBusinessDate(schema);
  const rule = useBusinessDateRule(withDate);
  const dateRule = withDate ? { rule } : undefined;
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => onSubmit(toPayload(schema, values))}
      initialValues={initialValuesFor(schema)}
      preserve={false}
      data-testid={testId}
    >
      {fields.length === 0 && empty}
      {fields.map(([name, raw]) => (
        <SchemaField key={name} name={name} path={[name]} schema={raw} required={isRequired(schema, name)} renderPicker={renderPicker} dateRule={dateRule} />
      ))}
      {children}
    </Form>
  );
}
