import { useState } from 'react';
import { Alert, Button, Card, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { apiClient, type ApiOk } from '../../api/typed.ts';

type ImportReport = ApiOk<'/imports/{kind}', 'post'>;
type ImportRow = ImportReport['rows'][number];

/** The file as base64 (the API takes a JSON body; no multipart needed). */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Any Excel import a module declares (GET /imports): template, upload, the per-row report; nothing is imported
 * unless every row is valid. `name` is what is imported (信访台账), `itemNoun` how one imported row is counted
 * (件信访事项), `description` what happens to each row.
 */
export function ImportPage({ kind, name, itemNoun, description }: { kind: string; name: string; itemNoun: string; description: string }) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filename, setFilename] = useState<string | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setReport(null);
    setFilename(file.name);
    try {
      setReport(await apiClient.post('/imports/{kind}', { params: { kind }, body: { fileBase64: await toBase64(file), filename: file.name } }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '上传失败');
    } finally {
      setBusy(false);
    }
  };
  const bad = report?.rows.filter((r) => !r.ok).length ?? 0;

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        导入{name}
      </Typography.Title>
      <Card style={{ marginBottom: 12 }}>
        <Steps
          size="small"
          current={report ? 2 : busy ? 1 : 0}
          style={{ marginBottom: 16 }}
          items={[{ title: '下载模板并填写' }, { title: '上传 .xlsx' }, { title: '逐行校验：全部无误才导入' }]}
        />
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={`/api/v1/imports/${kind}/template.xlsx`}>
            下载导入模板
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={busy}>
              选择台账文件并上传
            </Button>
          </Upload>
          {filename && <Typography.Text type="secondary">{filename}</Typography.Text>}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {description}只要有一行有误，整批都不导入。
        </Typography.Paragraph>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {report && (
        <Card className="anwen-table-card" data-testid="import-report">
          {report.imported > 0 ? (
            <Alert type="success" showIcon message={`已导入 ${report.imported} ${itemNoun}`} style={{ marginBottom: 12 }} />
          ) : (
            <Alert
              type="warning"
              showIcon
              message={`共 ${report.rows.length} 行，其中 ${bad} 行有误，未导入任何数据。请修改后重新上传。`}
              style={{ marginBottom: 12 }}
            />
          )}
          <Table<ImportRow>
            rowKey="row"
            size="small"
            dataSource={bad > 0 ? [...report.rows].sort((a, b) => Number(a.ok) - Number(b.ok) || a.row - b.row) : report.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: 'Excel 行号', dataIndex: 'row', width: 100 },
              {
                title: '结果',
                key: 'ok',
                width: 90,
                render: (_: unknown, r) => (r.ok ? <Tag color="green">{r.no ? '已导入' : '无误'}</Tag> : <Tag color="red">有误</Tag>),
              },
              {
                title: '说明',
                key: 'errors',
                render: (_: unknown, r) =>
                  r.no && r.href ? (
                    <Link to={r.href}>{r.no}</Link>
                  ) : (
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {r.errors.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
