import { useState } from 'react';
import { Alert, Button, Modal, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client.ts';
import { actionsApi, itemsTemplateHref, type ActionDetail, type ImportResult } from './actionsApi.ts';

type PreviewRow = ImportResult['rows'][number];

/** The file as base64 (the API takes a JSON body, as the other Excel imports). */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * 从 Excel 导入问题清单: download the action's template, upload the filled file, see every row checked (errors per row and
 * column), then 确认列入 — all rows in one go, or none. The same file is checked again when confirmed.
 */
export function ImportItemsModal({ a, onClose, onSaved }: { a: Pick<ActionDetail, 'id' | 'name'>; onClose: () => void; onSaved: (n: number) => void }) {
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [busy, setBusy] = useState<'check' | 'save' | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (f: { name: string; base64: string }, confirm: boolean) => {
    setBusy(confirm ? 'save' : 'check');
    setError(null);
    try {
      const r = await actionsApi.importItems(a.id, { fileBase64: f.base64, filename: f.name, confirm });
      setResult(r);
      if (confirm && r.imported > 0) onSaved(r.imported);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '上传失败，请重试');
    } finally {
      setBusy(null);
    }
  };
  const bad = result?.rows.filter((r) => !r.ok).length ?? 0;
  const ready = !!result && result.rows.length > 0 && bad === 0;

  return (
    <Modal
      open
      width={1000}
      title={`从 Excel 导入问题清单 — ${a.name}`}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            disabled={!ready || !file}
            loading={busy === 'save'}
            onClick={() => file && void send(file, true)}
            data-testid="import-confirm"
          >
            确认列入{ready ? ` ${result.rows.length} 个问题` : ''}
          </Button>
        </Space>
      }
    >
      <Steps
        size="small"
        current={ready ? 2 : file ? 1 : 0}
        style={{ marginBottom: 16 }}
        items={[{ title: '下载模板并填写' }, { title: '上传，逐行检查' }, { title: '确认列入' }]}
      />
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={itemsTemplateHref(a.id)}>
          下载导入模板
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(f) => {
            void (async () => {
              const next = { name: f.name, base64: await toBase64(f) };
              setFile(next);
              setResult(null);
              await send(next, false);
            })();
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy === 'check'} data-testid="import-upload">
            {file ? '重新选择文件' : '选择填好的文件'}
          </Button>
        </Upload>
        {file && <Typography.Text type="secondary">{file.name}</Typography.Text>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        每行一个问题：责任单位、包案领导按名称填写，完成时限不得早于行动开始日期；关联事项编号可不填。所有行都无误才能列入，任何一行有误则一行也不列入。
      </Typography.Paragraph>
      {busy === 'check' && <Alert type="info" showIcon message="正在逐行检查，请稍候…" style={{ marginBottom: 12 }} />}
      {busy === 'save' && <Alert type="info" showIcon message="正在列入问题清单，请稍候…" style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="import-error" />}
      {result && (
        <div data-testid="import-preview">
          {bad > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={`共 ${result.rows.length} 行，其中 ${bad} 行有误，未列入任何问题。请在 Excel 中修改后重新上传。`}
            />
          ) : (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} message={`共 ${result.rows.length} 行，全部无误。请核对后点“确认列入”。`} />
          )}
          <Table<PreviewRow>
            rowKey="row"
            size="small"
            dataSource={bad > 0 ? [...result.rows].sort((x, y) => Number(x.ok) - Number(y.ok) || x.row - y.row) : result.rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 60 },
              {
                title: '检查结果',
                key: 'ok',
                width: 90,
                render: (_: unknown, r) => (r.ok ? <Tag color="green">无误</Tag> : <Tag color="red">有误</Tag>),
              },
              { title: '问题描述', dataIndex: 'title', width: 220 },
              { title: '责任单位', dataIndex: 'unitName', width: 120 },
              { title: '包案领导', dataIndex: 'leaderName', width: 80 },
              { title: '完成时限', dataIndex: 'dueDate', width: 100 },
              {
                title: '说明',
                key: 'errors',
                render: (_: unknown, r) =>
                  r.errors.length ? (
                    <ul style={{ margin: 0, paddingLeft: 18, color: '#cf1322' }}>
                      {r.errors.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  ) : (
                    <Typography.Text type="secondary">{r.linkedRefNo ? `关联 ${r.linkedRefNo}` : ''}</Typography.Text>
                  ),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
