import { useState } from 'react';
import { App, Button, Card, Dropdown, List, Typography } from 'antd';
import { DownOutlined, FileWordOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { documentsApi, shanghaiMinute } from './documentsApi.ts';

/**
 * 文书 card on the case page: the documents made so far (download links) and a "生成文书" menu of
 * the kinds the server says make sense in the case's current state. `state` reloads it after an action.
 */
export function PetitionDocumentsCard({ petitionId, state }: { petitionId: number; state: string }) {
  const { message } = App.useApp();
  const { data, loading, error, reload } = useAsync(() => documentsApi.list(petitionId), [petitionId, state]);
  const [busy, setBusy] = useState(false);

  const generate = async (kind: string) => {
    setBusy(true);
    try {
      const doc = await documentsApi.generate(petitionId, kind);
      message.success(`已生成${doc.name}（${doc.number}）`);
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '生成失败');
    } finally {
      setBusy(false);
    }
  };

  const kinds = data?.kinds ?? [];
  const extra = (
    <Dropdown
      disabled={kinds.length === 0 || busy}
      menu={{ items: kinds.map((k) => ({ key: k.kind, label: k.name })), onClick: ({ key }) => void generate(key) }}
    >
      <Button size="small" loading={busy} data-testid="documents-generate">
        生成文书 <DownOutlined />
      </Button>
    </Dropdown>
  );

  return (
    <Card size="small" title="文书" extra={extra} style={{ marginBottom: 16 }} data-testid="documents-card">
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
