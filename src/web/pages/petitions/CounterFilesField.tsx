import { useState, type Dispatch, type SetStateAction } from 'react';
import { Button, Form, List, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { petitionApi, type CounterUpload, type PetitionChannel } from '../../api/petitions.ts';

export type CounterFile = CounterUpload;

const MAX_FILES = 20;
const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * 材料 chosen at the counter: the scanned letter, the visit record (JPG/PNG/PDF). Each file is uploaded as it is chosen;
 * the registration then attaches them to the new case in its own transaction.
 */
export function CounterFilesField({
  channel,
  files,
  onChange,
}: {
  channel: PetitionChannel | undefined;
  files: CounterFile[];
  onChange: Dispatch<SetStateAction<CounterFile[]>>;
}) {
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const label = channel === 'visit' ? '来访记录' : channel === 'letter' ? '来信扫描件' : '材料';
  const add = async (file: File) => {
    setBusy((n) => n + 1);
    setError(null);
    try {
      const uploaded = await petitionApi.upload(file);
      // several files chosen at once arrive one by one: each is appended to the latest list
      onChange((prev) => [...prev, uploaded]);
    } catch (e) {
      setError(`${label}：${file.name} 未能上传，${e instanceof ApiError ? e.message : '请重试'}`);
    } finally {
      setBusy((n) => n - 1);
    }
  };
  return (
    <Form.Item
      label={label}
      extra="JPG、PNG 或 PDF，每个不超过 20 MB；随登记一并保存到该事项"
      validateStatus={error ? 'error' : undefined}
      help={error ?? undefined}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            if (files.length < MAX_FILES) void add(file);
            else setError(`${label}：最多 ${MAX_FILES} 个文件`);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy > 0} data-testid="counter-upload">
            选择{label}
          </Button>
        </Upload>
        {files.length > 0 && (
          <List
            size="small"
            bordered
            dataSource={files}
            data-testid="counter-files"
            renderItem={(f) => (
              <List.Item
                actions={[
                  <Button
                    key="remove"
                    type="text"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={`移除 ${f.name}`}
                    onClick={() => onChange((prev) => prev.filter((x) => x.token !== f.token))}
                  />,
                ]}
              >
                <Space>
                  <PaperClipOutlined />
                  <Typography.Text>{f.name}</Typography.Text>
                  <Typography.Text type="secondary">{sizeText(f.size)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Space>
    </Form.Item>
  );
}
