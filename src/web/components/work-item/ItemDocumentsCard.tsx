import { useState } from 'react';
import { App, Button, Card, Dropdown, List } from 'antd';
import { DownOutlined, FileWordOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { apiClient } from '../../api/typed.ts';
import { useAsync } from '../../hooks/useAsync.ts';

const minute = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * 文书 of any item: the documents made so far (GET /work-items/:id/documents, the item's visibility; each a DOCX
 * download) and a "制作文书" menu of the kinds the module says the user may make now (`kinds`, by name), made through
 * the module's own route (`issue`). `version` reloads the list after the item changed.
 */
export function ItemDocumentsCard({
  itemId,
  kinds,
  issue,
  version = 0,
  onIssued,
}: {
  itemId: number;
  kinds: readonly { kind: string; name: string }[];
  issue: (kind: string) => Promise<{ name: string; number: string }>;
  version?: number;
  onIssued?: () => void;
}) {
  const { message } = App.useApp();
  const { data, loading, error, reload } = useAsync(() => apiClient.get('/work-items/{id}/documents', { params: { id: itemId } }), [itemId, version]);
  const [busy, setBusy] = useState(false);

  const make = async (kind: string) => {
    setBusy(true);
    try {
      const doc = await issue(kind);
      message.success(`已制作${doc.name}（${doc.number}）`);
      reload();
      onIssued?.();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '制作失败，请重试');
    } finally {
      setBusy(false);
    }
  };
  const extra =
    kinds.length > 0 ? (
      <Dropdown disabled={busy} menu={{ items: kinds.map((k) => ({ key: k.kind, label: k.name })), onClick: ({ key }) => void make(key) }}>
        <Button size="small" loading={busy} data-testid="documents-generate">
          制作文书 <DownOutlined />
        </Button>
      </Dropdown>
    ) : null;

  return (
    <Card size="small" title="文书" extra={extra} data-testid="documents-card">
      <List
        size="small"
        loading={loading && !data}
        dataSource={data?.items ?? []}
        locale={{ emptyText: error ? error.message : '尚未制作文书' }}
        renderItem={(d) => (
          <List.Item key={d.id} data-testid="document-row">
            <List.Item.Meta
              avatar={<FileWordOutlined style={{ fontSize: 18, color: '#2b579a' }} />}
              title={
                <a href={`/api/v1/work-items/${itemId}/documents/${d.id}`} download={d.fileName}>
                  {d.kindName}
                </a>
              }
              description={`${d.number} · ${minute(d.createdAt)}${d.createdBy ? ` · ${d.createdBy}` : ''}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
