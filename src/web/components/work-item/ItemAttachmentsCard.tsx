import { useState } from 'react';
import { App, Button, Card, Image, List, Space, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, postFile } from '../../api/client.ts';
import { apiClient } from '../../api/typed.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { compressImage } from './compressImage.ts';

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const minute = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * Any item's attachments (GET /work-items/:id/attachments, the item's visibility): pictures as thumbnails, other
 * files as links. With `stages` (e.g. 整改前 / 整改后) each upload button labels the file with its stage (stored beside
 * the file, not in its name), and pictures are shown under their label, so a photo says what it shows; photos are
 * made smaller in the browser first. Without `mayUpload` the card only lists.
 */
export function ItemAttachmentsCard({
  itemId,
  title = '附件',
  stages = [],
  mayUpload = false,
}: {
  itemId: number;
  title?: string;
  stages?: readonly string[];
  mayUpload?: boolean;
}) {
  const { message } = App.useApp();
  const { data, error, reload } = useAsync(() => apiClient.get('/work-items/{id}/attachments', { params: { id: itemId } }), [itemId]);
  const [busy, setBusy] = useState<string | null>(null);
  const items = data?.items ?? [];
  const href = (attachmentId: number) => `/api/v1/work-items/${itemId}/attachments/${attachmentId}`;

  const send = async (file: File, stage: string) => {
    setBusy(stage);
    try {
      const small = await compressImage(file);
      await postFile(`/work-items/${itemId}/attachments${stage ? `?label=${encodeURIComponent(stage)}` : ''}`, small, small.name);
      message.success(`已上传${stage ? `${stage}照片` : '附件'}`);
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '上传失败，请重试');
    } finally {
      setBusy(null);
    }
  };
  const button = (stage: string) => (
    <Upload
      key={stage || 'file'}
      accept="image/jpeg,image/png,application/pdf"
      showUploadList={false}
      beforeUpload={(file) => {
        void send(file, stage);
        return false;
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={busy === stage} disabled={busy !== null && busy !== stage}>
        {stage ? `上传${stage}照片` : '上传附件'}
      </Button>
    </Upload>
  );
  const pictures = items.filter((a) => a.type.startsWith('image/'));
  const others = items.filter((a) => !a.type.startsWith('image/'));
  // pictures under their label, the page's stages first in their order, then any other label, then unlabelled ones
  const labels = [...new Set([...stages, ...pictures.map((a) => a.label ?? '')])].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : 0));
  const groups = labels.map((l) => [l, pictures.filter((a) => (a.label ?? '') === l)] as const).filter(([, g]) => g.length > 0);

  return (
    <Card size="small" title={title} data-testid="item-attachments">
      {mayUpload && (
        <div style={{ marginBottom: 12 }}>
          <Space wrap>{(stages.length ? stages : ['']).map(button)}</Space>
        </div>
      )}
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      {!error && items.length === 0 && <Typography.Text type="secondary">尚无{stages.length ? '照片或' : ''}附件</Typography.Text>}
      {groups.map(([label, group], i) => (
        <div key={label || 'unlabelled'} style={{ marginBottom: i < groups.length - 1 || others.length ? 12 : 0 }}>
          {groups.length > 1 || label ? (
            <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
              {label || '其他照片'}
            </Typography.Text>
          ) : null}
          <Image.PreviewGroup>
            <Space wrap size={12}>
              {group.map((a) => (
                <figure key={a.id} style={{ margin: 0, width: 132 }}>
                  <Image
                    src={href(a.id)}
                    alt={a.label ? `${a.label}：${a.name}` : a.name}
                    width={132}
                    height={100}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                  />
                  <figcaption style={{ fontSize: 12, lineHeight: 1.4, wordBreak: 'break-all' }}>
                    {a.name}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {minute(a.uploadedAt)}
                    </Typography.Text>
                  </figcaption>
                </figure>
              ))}
            </Space>
          </Image.PreviewGroup>
        </div>
      ))}
      {others.length > 0 && (
        <List
          size="small"
          dataSource={others}
          renderItem={(a) => (
            <List.Item>
              <a href={href(a.id)} target="_blank" rel="noopener noreferrer" download={a.name}>
                <PaperClipOutlined aria-hidden /> {a.name}
              </a>
              <Typography.Text type="secondary">
                {sizeText(a.size)} · {minute(a.uploadedAt)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
