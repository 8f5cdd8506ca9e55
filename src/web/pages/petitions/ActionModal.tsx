import { useState } from 'react';
import { Alert, Form, Modal, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { petitionApi, type AllowedAction, type PetitionDetail } from '../../api/petitions.ts';
import { ActionForm, type RenderPicker } from '../../components/action-form/ActionForm.tsx';
import { objectSchema } from '../../components/action-form/jsonSchema.ts';
import type { FormValues } from '../../components/action-form/toPayload.ts';
import { useLastDefined } from '../../hooks/useLastDefined.ts';
import { ApproverPicker, LeaderPicker, UnitPicker } from './Pickers.tsx';

/**
 * The form of one allowed action, built from the input schema the server sends with it. Without a
 * schema the action cannot be done here (the console never guesses a form). A refusal of the server
 * (409: not allowed now, guard failed …) stays inside the form so the user reads why and nothing else changes.
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
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const schema = shown ? objectSchema(shown.inputSchema) : null;

  const renderPicker: RenderPicker = (kind) =>
    kind === 'unit' ? (
      <UnitPicker />
    ) : kind === 'units' ? (
      <UnitPicker multiple />
    ) : kind === 'leader' ? (
      <LeaderPicker />
    ) : (
      <ApproverPicker petitionId={petition.id} />
    );

  const submit = async (input: FormValues) => {
    if (!shown) return;
    setSaving(true);
    setError(null);
    try {
      onDone(await petitionApi.act(petition.id, shown.code, input), shown);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      const field = e?.field;
      if (field && form.getFieldInstance(field) !== undefined) form.setFields([{ name: field, errors: [e!.message] }]);
      // an ended session: the sign-in dialog is over the page; once through, the same form is submitted again
      setError(e?.status === 401 ? '登录已过期，未能提交。重新登录后请再点“确定”，已填写的内容仍在。' : (e?.message ?? String(err)));
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
      okButtonProps={{ disabled: !schema }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (!open) setError(null);
      }}
    >
      {schema ? (
        <ActionForm
          schema={schema}
          form={form}
          renderPicker={renderPicker}
          onSubmit={(input) => void submit(input)}
          testId={`action-form-${shown?.code ?? ''}`}
          empty={
            <Typography.Paragraph>
              确认对 {petition.caseNo} 执行“{shown?.name}”？
            </Typography.Paragraph>
          }
        >
          {error && <Alert type="error" showIcon title={error} data-testid="action-error" />}
        </ActionForm>
      ) : (
        <Alert
          type="error"
          showIcon
          title="无法显示该操作的表单"
          description="服务器没有提供此操作的填写项定义。请刷新页面后重试；仍然如此请联系系统管理员。"
          data-testid="action-schema-missing"
        />
      )}
    </Modal>
  );
}
