import { Card, List, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { apiClient } from '../../api/typed.ts';
import { useAsync } from '../../hooks/useAsync.ts';

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/**
 * 附件 on the case page: files the petitioner uploaded through the portal (GET /petitions/:id/attachments,
 * scoped like the case). Each opens through /petition-attachments/:id with the staff session; the
 * petitioner's file name is shown as text only. Hidden when the case has none.
 */
export function AttachmentsCard({ petitionId }: { petitionId: number }) {
  const { data, error } = useAsync(() => apiClient.get('/petitions/{id}/attachments', { params: { id: petitionId } }), [petitionId]);
  if (error) return null;
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title="附件" style={{ marginBottom: 16 }} data-testid="attachments-card">
      <List
        size="small"
        dataSource={items}
        renderItem={(a) => (
          <List.Item>
            <a href={`/api/v1/petition-attachments/${a.id}`} target="_blank" rel="noopener noreferrer" download={a.name}>
              <PaperClipOutlined aria-hidden /> {a.name}
            </a>
            <Typography.Text type="secondary">
              {sizeText(a.size)} · {new Date(a.uploadedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
