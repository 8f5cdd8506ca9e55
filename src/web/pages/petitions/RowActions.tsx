import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Space, Table, Typography, message } from 'antd';
import { ApiError } from '../../api/client.ts';
import { apiClient } from '../../api/typed.ts';
import { petitionApi, type AllowedAction, type PetitionDetail, type PetitionListItem } from '../../api/petitions.ts';
import { ActionForm } from '../../components/action-form/ActionForm.tsx';
import { objectSchema, type JsonSchema } from '../../components/action-form/jsonSchema.ts';
import type { FormValues } from '../../components/action-form/toPayload.ts';
import { ActionModal } from './ActionModal.tsx';
import { LeaderPicker, UnitPicker } from './Pickers.tsx';

/** The actions a row offers (the server still decides: the form opens only when the case allows it now). */
export type RowAction = 'accept' | 'assign' | 'urge';
export const ROW_ACTION_NAMES: Record<RowAction, string> = { accept: '受理', assign: '交办', urge: '催办' };

/** Which row actions a 信访局 user sees on a row: 受理/交办 while it waits for a decision, 催办 while a deadline runs. */
export function rowActionsFor(p: Pick<PetitionListItem, 'state' | 'nearestDue'>, role: { xfj: boolean; supervisor: boolean }): RowAction[] {
  const out: RowAction[] = [];
  if (role.xfj && p.state === 'registered') out.push('accept', 'assign');
  if (role.supervisor && p.nearestDue && p.state !== 'registered') out.push('urge');
  return out;
}

const errorText = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

/**
 * The row actions of the 信访 list and their dialogs: 受理 and 交办 through the case's own action form (ActionModal,
 * built from the schema the server sends with the case), 催办 as a 督办通知, batch 交办 as one form applied to each
 * selected case with a result per case.
 */
export function usePetitionRowActions(reload: () => void) {
  const [petition, setPetition] = useState<PetitionDetail | null>(null);
  const [action, setAction] = useState<AllowedAction | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [urging, setUrging] = useState<PetitionListItem | null>(null);
  const [batch, setBatch] = useState<{ rows: PetitionListItem[]; schema: JsonSchema } | null>(null);

  const open = async (row: PetitionListItem, code: Exclude<RowAction, 'urge'>) => {
    setOpening(`${row.id}:${code}`);
    try {
      const detail = await petitionApi.get(row.id);
      const allowed = detail.allowedActions.find((a) => a.code === code);
      if (!allowed) {
        void message.warning(`${row.caseNo} 当前不能${ROW_ACTION_NAMES[code]}，请打开事项查看`);
        return;
      }
      setPetition(detail);
      setAction(allowed);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setOpening(null);
    }
  };

  const openBatch = async (rows: PetitionListItem[]) => {
    if (rows.length === 0) return;
    setOpening('batch');
    try {
      // every selected case waits for 交办, so they share the form; the first one brings its schema
      const detail = await petitionApi.get(rows[0]!.id);
      const assign = detail.allowedActions.find((a) => a.code === 'assign');
      const schema = assign ? objectSchema(assign.inputSchema) : null;
      if (!schema) void message.warning(`${rows[0]!.caseNo} 当前不能交办`);
      else setBatch({ rows, schema });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setOpening(null);
    }
  };

  const buttons = (row: PetitionListItem, actions: RowAction[]) =>
    actions.length > 0 && (
      <Space size={0} onClick={(e) => e.stopPropagation()}>
        {actions.map((a) => (
          <Button
            key={a}
            type="link"
            size="small"
            loading={opening === `${row.id}:${a}`}
            onClick={() => (a === 'urge' ? setUrging(row) : void open(row, a))}
            data-testid={`row-${a}`}
          >
            {ROW_ACTION_NAMES[a]}
          </Button>
        ))}
      </Space>
    );

  const modals = (
    <>
      {petition && (
        <ActionModal
          petition={petition}
          action={action}
          onClose={() => setAction(null)}
          onDone={(updated, done) => {
            setAction(null);
            void message.success(`${updated.caseNo} 已${done.name}`);
            reload();
          }}
        />
      )}
      <UrgeModal row={urging} onClose={() => setUrging(null)} onDone={reload} />
      {batch && (
        <BatchAssignModal
          rows={batch.rows}
          schema={batch.schema}
          onClose={(changed) => {
            setBatch(null);
            if (changed) reload();
          }}
        />
      )}
    </>
  );
  return { buttons, modals, openBatch, batchOpening: opening === 'batch' };
}

/** 催办: a 督办通知 to the handling unit with a reply limit from the rules. */
function UrgeModal({ row, onClose, onDone }: { row: PetitionListItem | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ level: 'county' | 'township'; text: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { level: 'county' | 'township'; text: string }) => {
    if (!row) return;
    setSaving(true);
    setError(null);
    try {
      const r = await apiClient.post('/work-items/{id}/supervision/notices', { params: { id: row.id }, body: v });
      void message.success(`已向承办单位催办 ${row.caseNo}，应于 ${r.replyDue} 前回复`);
      onClose();
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={!!row}
      title={row ? `催办 ${row.caseNo}` : '催办'}
      okText="发出催办"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ level: 'county', text: '请抓紧办理，按期答复信访人，并回复办理进展。' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="level" label="督办层级">
          <Radio.Group
            options={[
              { value: 'county', label: '县级' },
              { value: 'township', label: '乡级' },
            ]}
          />
        </Form.Item>
        <Form.Item name="text" label="催办内容" rules={[{ required: true, message: '请填写催办内容' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="urge-error" />}
      </Form>
    </Modal>
  );
}

type BatchResult = { id: number; caseNo: string; ok: boolean; text: string };

/** 批量交办: one 交办 form, sent for each selected case in turn; a refusal of one case does not stop the others. */
function BatchAssignModal({ rows, schema, onClose }: { rows: PetitionListItem[]; schema: JsonSchema; onClose: (changed: boolean) => void }) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [results, setResults] = useState<BatchResult[] | null>(null);

  const submit = async (input: FormValues) => {
    setSaving(true);
    const out: BatchResult[] = [];
    for (const r of rows) {
      try {
        await petitionApi.act(r.id, 'assign', input);
        out.push({ id: r.id, caseNo: r.caseNo, ok: true, text: '已交办' });
      } catch (err) {
        out.push({ id: r.id, caseNo: r.caseNo, ok: false, text: errorText(err) });
      }
      setResults([...out]);
    }
    setSaving(false);
  };
  const done = results?.filter((r) => r.ok).length ?? 0;

  return (
    <Modal
      open
      title={`批量交办（${rows.length} 件）`}
      okText={results ? '完成' : '交办'}
      confirmLoading={saving}
      cancelButtonProps={{ style: results ? { display: 'none' } : undefined }}
      onOk={() => (results ? onClose(done > 0) : form.submit())}
      onCancel={() => onClose(done > 0)}
      width={640}
      destroyOnHidden
    >
      {results ? (
        <div data-testid="batch-results">
          <Typography.Paragraph>
            {done} 件已交办{results.length - done > 0 ? `，${results.length - done} 件未能交办（原因见下）` : ''}。
          </Typography.Paragraph>
          <Table<BatchResult>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={results}
            columns={[
              { title: '编号', dataIndex: 'caseNo', width: 190 },
              { title: '结果', dataIndex: 'text', render: (t: string, r) => <Typography.Text type={r.ok ? 'success' : 'danger'}>{t}</Typography.Text> },
            ]}
          />
        </div>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{rows.map((r) => r.caseNo).join('、')}</Typography.Paragraph>
          <ActionForm
            schema={schema}
            form={form}
            renderPicker={(kind) => (kind === 'unit' ? <UnitPicker /> : kind === 'units' ? <UnitPicker multiple /> : <LeaderPicker />)}
            onSubmit={(input) => void submit(input)}
            testId="batch-assign-form"
          />
        </>
      )}
    </Modal>
  );
}
