import { useState } from 'react';
import { App, Button, Card, Dropdown, Input, List, Modal, Typography } from 'antd';
import { DownOutlined, FileWordOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { documentsApi, shanghaiMinute } from './documentsApi.ts';

/**
 * 文书 card on the case page: the documents made so far (download links — the decisions issue their notices
 * themselves) and a "生成文书" menu of the kinds the server says make sense in the case's current state; a
 * notice of a step the case has passed (补制) asks for the reason the audit keeps. `state` reloads it after an action.
 */
export function PetitionDocumentsCard({ petitionId, state }: { petitionId: number; state: string }) {
  const { message } = App.useApp();
  const { data, loading, error, reload } = useAsync(() => documentsApi.list(petitionId), [petitionId, state]);
  const [busy, setBusy] = useState(false);

  const [late, setLate] = useState<{ kind: string; name: string } | null>(null);
  const [reason, setReason] = useState('');

  const generate = async (kind: string, why?: string) => {
    setBusy(true);
    try {
      const doc = await documentsApi.generate(petitionId, kind, why);
      message.success(`已生成${doc.name}（${doc.number}）`);
      setLate(null);
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '生成失败');
    } finally {
      setBusy(false);
    }
  };

  const kinds = data?.kinds ?? [];
  const pick = (kind: string) => {
    const k = kinds.find((x) => x.kind === kind);
    if (k?.needsReason) {
      setReason('');
      setLate({ kind: k.kind, name: k.name });
    } else void generate(kind);
  };
  const extra = (
    <Dropdown
      disabled={kinds.length === 0 || busy}
      menu={{ items: kinds.map((k) => ({ key: k.kind, label: k.needsReason ? `${k.name}（补制）` : k.name })), onClick: ({ key }) => pick(key) }}
    >
      <Button size="small" loading={busy} data-testid="documents-generate">
        生成文书 <DownOutlined />
      </Button>
    </Dropdown>
  );

  return (
    <Card size="small" title="文书" extra={extra} style={{ marginBottom: 16 }} data-testid="documents-card">
      <Modal
        open={late !== null}
        title={`补制${late?.name ?? ''}`}
        okText="生成"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: reason.trim() === '' }}
        onOk={() => late && void generate(late.kind, reason.trim())}
        onCancel={() => setLate(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>事项已过该文书所属的办理环节，补制须说明理由（记入审计）。</Typography.Paragraph>
        <Input.TextArea
          aria-label="补制理由"
          value={reason}
          maxLength={500}
          rows={3}
          placeholder="如：信访人遗失原件，申请补发"
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
      {error ? (
        <Typography.Text type="danger">{error.message}</Typography.Text>
      ) : (
        <List
          size="small"
          loading={loading && !data}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '尚未制作文书' }}
          renderItem={(d) => (
            <List.Item key={d.id} data-testid="document-row">
              <List.Item.Meta
                avatar={<FileWordOutlined style={{ fontSize: 18, color: '#2b579a' }} />}
                title={
                  <a href={documentsApi.downloadUrl(d.id)} download={d.fileName}>
                    {d.name}
                  </a>
                }
                description={`${d.number} · ${shanghaiMinute(d.createdAt)}${d.createdBy ? ` · ${d.createdBy}` : ''}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
