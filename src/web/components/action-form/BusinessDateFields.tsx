import { DatePicker, Form, Input, type DatePickerProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { apiClient } from '../../api/typed.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { backdateCutoff, backdateReasonState, isFutureDay, type BusinessDateRule } from './businessDate.ts';

/**
 * The server's today and back-dating window (read when `enabled`, i.e. the form has a 发生日期); undefined until known,
 * or when the read failed (the server still checks the date).
 */
export function useBusinessDateRule(enabled = true): BusinessDateRule | undefined {
  return useAsync(() => (enabled ? apiClient.get('/settings/business-date') : Promise.resolve(undefined)), [enabled]).data;
}

/** A 发生日期 picker: no day after today. */
export function OccurredOnPicker({ rule, ...props }: { rule: BusinessDateRule | undefined } & Omit<DatePickerProps, 'disabledDate'>) {
  return <DatePicker {...props} disabledDate={(d) => isFutureDay(d, rule)} />;
}

/**
 * 补录说明, shown only when the chosen 发生日期 (form field `dateField`) is older than the back-dating window, and
 * required then; a reason typed and then made unnecessary by a later date is dropped with the field.
 */
export function BackdateReasonField({
  rule,
  name = 'backdateReason',
  dateField = 'occurredOn',
  maxLength = 500,
}: {
  rule: BusinessDateRule | undefined;
  name?: string;
  dateField?: string;
  maxLength?: number;
}) {
  return (
    <Form.Item noStyle dependencies={[dateField]}>
      {({ getFieldValue }) => {
        const state = backdateReasonState(getFieldValue(dateField) as Dayjs | null | undefined, rule);
        if (state === 'hidden') return null;
        const extra =
          state === 'required' && rule
            ? `发生日期早于 ${backdateCutoff(rule).format('YYYY-MM-DD')}，已超过 ${rule.backdateWindowDays} 日补录期限，请说明补录原因`
            : '发生日期超过补录期限时必填';
        return (
          <Form.Item
            name={name}
            label="补录说明"
            extra={extra}
            preserve={false}
            rules={state === 'required' ? [{ required: true, whitespace: true, message: '请填写补录说明' }] : []}
          >
            <Input.TextArea rows={2} maxLength={maxLength} showCount data-testid="backdate-reason" />
          </Form.Item>
        );
      }}
    </Form.Item>
  );
}
