import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Input, Modal, Space, Spin, Tag, Timeline, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError, postFile } from '../../../api/client.ts';
import { WarningTag } from '../../../components/WarningTag.tsx';
import { ItemAttachmentsCard } from '../../../components/work-item/ItemAttachmentsCard.tsx';
import { compressImage } from '../../../components/work-item/compressImage.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { dispatchesApi, statusColor, type TaskDetail } from './dispatchesApi.ts';
import { ItemAccountabilityCard } from '../../../components/work-item/ItemAccountabilityCard.tsx';

type Allowed = TaskDetail['allowedActions'][number];
interface Attachment {
  id: number;
  name: string;
}
/** each action's one text field: what it is called and what the server names it */
const TEXT_FIELD: Record<string, { name: string; label: string; required: boolean; min: number; placeholder?: string }> = {
  start: { name: 'note', label: '签收说明', required: false, min: 0 },
  report: { name: 'reportText', label: '办理情况', required: true, min: 2, placeholder: '写明采取的措施、完成情况；未完成的写明原因和下一步安排' },
  verify: { name: 'note', label: '核查意见', required: true, min: 2, placeholder: '如：经实地核查，已整改到位，同意销号' },
  sendBack: { name: 'reason', label: '退回理由', required: true, min: 2, placeholder: '写明哪些没有落实、需要补充什么' },
};
const PRIMARY = ['start', 'report', 'verify'];
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** One 督办事项: where it comes from, the unit's deadline, the unit's 反馈 (text + 佐证材料), the office's 核查销号 or 退回. */
export function TaskPage() {
  const id = Number(useParams().id);
  const [version, setVersion] = useState(0);
  const { data: t, loading, error } = useAsync(() => dispatchesApi.task(id), [id, version]);
  const [action, setAction] = useState<Allowed | null>(null);
  const [textValue, setTextValue] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [uploading, setUploading] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = (a: Allowed) => {
    setAction(a);
    setTextValue('');
    setFiles([]);
    setChosen([]);
    setRefusal(null);
  };
  const upload = async (file: File) => {
    setUploading(true);
    setRefusal(null);
    try {
      const small = await compressImage(file);
      const { items } = await postFile<{ items: Attachment[] }>(`/work-items/${id}/attachments`, small, small.name);
      // the file just uploaded is the item's newest attachment
      const newest = items.reduce((m, i) => Math.max(m, i.id), 0);
      setFiles(items);
      if (newest > 0) setChosen((c) => (c.includes(newest) ? c : [...c, newest]));
    } catch (err) {
      setRefusal(err instanceof ApiError ? err.message : '上传失败，请重试');
    } finally {
      setUploading(false);
    }
  };
  const submit = async () => {
    if (!action) return;
    const field = TEXT_FIELD[action.code];
    const body: Record<string, unknown> = {};
    if (field && textValue.trim()) body[field.name] = textValue.trim();
    if (action.code === 'report' && chosen.length) body.attachmentIds = chosen;
    setBusy(true);
    setRefusal(null);
    try {
      await dispatchesApi.act(id, action.code, body);
      setAction(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setRefusal(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (loading && !t) return <Spin />;
  if (error || !t) return <Alert type="error" showIcon message={error instanceof Error ? error.message : '未找到该督办事项，或您无权查看'} />;
  const field = action ? TEXT_FIELD[action.code] : undefined;
  const tooShort = !!field && field.required && textValue.trim().length < field.min;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="sv-task">
      <Card
        title={
          <Space wrap>
            <span>{t.refNo}</span>
            <Tag color={statusColor(t.status)} data-testid="task-status">
              {t.statusName}
            </Tag>
            {t.overdueDays > 0 && <Tag color="red">逾期 {t.overdueDays} 天</Tag>}
          </Space>
        }
      >
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t.title}
        </Typography.Title>
        {t.allowedActions.length > 0 && (
          <Space wrap style={{ marginBottom: 12 }} data-testid="task-actions">
            {t.allowedActions.map((a) => (
              <Button key={a.code} type={PRIMARY.includes(a.code) ? 'primary' : 'default'} onClick={() => open(a)} data-testid={`action-${a.code}`}>
                {a.name}
              </Button>
            ))}
          </Space>
        )}
        {t.returnReason && t.state === 'in_progress' && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`已被退回重办（第 ${t.returnedCount} 次）：${t.returnReason}`} />
        )}
        <Descriptions column={{ xs: 1, lg: 2 }} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t.source.kindName}>
            {t.source.href ? (
              <Link to={t.source.href} data-testid="task-source">
                {t.source.label}
              </Link>
            ) : (
              t.source.label
            )}
          </Descriptions.Item>
          <Descriptions.Item label="督办单位">{t.officeName}</Descriptions.Item>
          <Descriptions.Item label="承办单位">{t.unitName}</Descriptions.Item>
          <Descriptions.Item label="责任领导">{t.leaderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="交办日期">{t.assignedOn}</Descriptions.Item>
          <Descriptions.Item label="完成时限">{t.dueDate}</Descriptions.Item>
          {t.detail && (
            <Descriptions.Item label="具体要求" span={2}>
              {t.detail}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="办理情况" span={2}>
            {t.reportText ? (
              <span data-testid="task-report">
                {t.reportText}
                <Typography.Text type="secondary">
                  （{t.reportedBy}，{t.reportedOn} 反馈）
                </Typography.Text>
              </span>
            ) : (
              '尚未反馈'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="核查销号" span={2}>
            {t.verifiedOn ? `${t.verifiedOn} ${t.verifiedBy ?? ''} 核查销号：${t.verifyNote ?? ''}` : '未销号'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="期限" size="small" data-testid="task-deadlines">
        {t.deadlines.length === 0 && <Typography.Text type="secondary">完成时限：{t.dueDate}</Typography.Text>}
        {t.deadlines.map((x) => (
          <Typography.Paragraph key={x.id} style={{ marginBottom: 8 }}>
            <Space wrap size={4}>
              <span>
                {x.label}：{x.dueDate ?? '—'}（{x.statusName}）
              </span>
              {(x.status === 'running' || x.status === 'paused') && <WarningTag level={x.warningLevel} />}
            </Space>
            <br />
            <Typography.Text type="secondary">{x.explanation}</Typography.Text>
          </Typography.Paragraph>
        ))}
      </Card>
      <ItemAttachmentsCard itemId={t.id} title="佐证材料" key={`files-${version}`} />
      <ItemAccountabilityCard workItemId={t.id} />
      <Card title="办理记录" size="small">
        <Timeline
          items={t.timeline.map((e) => ({
            children: (
              <>
                <Typography.Text strong>{e.label}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {shanghaiDay(e.at)} {e.actorName}
                </Typography.Text>
                {e.detail && <div>{e.detail}</div>}
              </>
            ),
          }))}
        />
      </Card>
      <Modal
        open={!!action}
        title={action?.name}
        okText="确定"
        cancelText="取消"
        okButtonProps={{ disabled: tooShort || uploading, loading: busy }}
        onOk={() => void submit()}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        {field && (
          <>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {field.required && <Typography.Text type="danger">* </Typography.Text>}
              {field.label}
            </Typography.Paragraph>
            <Input.TextArea
              rows={4}
              maxLength={action?.code === 'report' ? 4000 : 1000}
              showCount
              value={textValue}
              onChange={(e) => setTextValue(e.target.value)}
              placeholder={field.placeholder}
              aria-label={field.label}
              data-testid="task-action-text"
            />
          </>
        )}
        {action?.code === 'report' && (
          <div style={{ marginTop: 16 }}>
            <Typography.Paragraph style={{ marginBottom: 4 }}>佐证材料（JPG、PNG 或 PDF，可多份）</Typography.Paragraph>
            <Upload
              accept="image/jpeg,image/png,application/pdf"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading} data-testid="task-report-upload">
                上传材料
              </Button>
            </Upload>
            {files.length > 0 && (
              <Checkbox.Group
                style={{ display: 'flex', flexDirection: 'column', marginTop: 8 }}
                value={chosen}
                onChange={(v) => setChosen(v)}
                options={files.map((f) => ({ value: f.id, label: f.name }))}
              />
            )}
          </div>
        )}
        {refusal && <Alert type="error" showIcon message={refusal} style={{ marginTop: 12 }} />}
      </Modal>
    </Space>
  );
}
