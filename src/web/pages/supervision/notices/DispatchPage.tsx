import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Modal, Segmented, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { dispatchDocxHref, dispatchesApi, STATUS_ORDER, statusColor, type DispatchDetail, type DispatchTask, type TaskStatus } from './dispatchesApi.ts';

type SupervisedItem = DispatchDetail['items'][number];
const isStatus = (s: string | null): s is TaskStatus => STATUS_ORDER.some((x) => x.key === s);

/** One 督办通知: its number and text, each unit's task at a glance (done / late / not started …) with filters, the DOCX, 作废. */
export function DispatchPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : undefined;
  const [version, setVersion] = useState(0);
  const { data: d, loading, error } = useAsync(() => dispatchesApi.get(id, status), [id, status, version]);
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const [voidError, setVoidError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setStatus = (s: TaskStatus | undefined) => setParams(s ? { status: s } : {}, { replace: true });
  const doVoid = async () => {
    setBusy(true);
    setVoidError(null);
    try {
      await dispatchesApi.void(id, reason.trim());
      setVoiding(false);
      setReason('');
      setVersion((v) => v + 1);
    } catch (err) {
      setVoidError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (loading && !d) return <Spin />;
  if (error || !d) return <Alert type="error" showIcon message={error instanceof Error ? error.message : '未找到该督办通知，或您无权查看'} />;
  const shown = STATUS_ORDER.filter((s) => s.key !== 'withdrawn' || d.counts.withdrawn > 0);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="sv-dispatch">
      <Card
        title={
          <Space wrap>
            <span data-testid="dispatch-doc-no">{d.docNo}</span>
            {d.voided ? <Tag>已作废</Tag> : <Tag color="blue">有效</Tag>}
          </Space>
        }
      >
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {d.subject}
        </Typography.Title>
        <div style={{ marginBottom: 12 }}>
          <Space wrap>
            <a href={dispatchDocxHref(d.id)} download data-testid="dispatch-docx">
              <Button icon={<FileWordOutlined />}>下载公文</Button>
            </a>
            {d.mayVoid && (
              <Button danger onClick={() => setVoiding(true)} data-testid="dispatch-void">
                作废
              </Button>
            )}
          </Space>
        </div>
        {d.voided && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`本通知已作废：${d.voidReason ?? ''}。文号保留，不再使用。`} />}
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="发文单位">{d.officeName}</Descriptions.Item>
          <Descriptions.Item label="印发日期">{d.issuedOn}</Descriptions.Item>
          <Descriptions.Item label="经办人">{d.issuedBy}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{d.body}</Typography.Paragraph>
        <Typography.Paragraph>
          <Typography.Text strong>反馈要求：</Typography.Text>
          {d.feedbackRequired}
        </Typography.Paragraph>
      </Card>

      {d.counts.total > 0 && (
        <Card title="各承办单位办理情况" size="small" data-testid="dispatch-glance">
          <Space wrap size={[32, 12]} style={{ marginBottom: 12 }}>
            <Statistic title="交办单位" value={d.counts.total} suffix="个" />
            {shown.map((s) => (
              <a
                key={s.key}
                role="button"
                tabIndex={0}
                aria-pressed={status === s.key}
                title={status === s.key ? '再点一次显示全部单位' : `只看${s.name}的单位`}
                onClick={() => setStatus(status === s.key ? undefined : s.key)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') setStatus(status === s.key ? undefined : s.key);
                }}
                style={{
                  cursor: 'pointer',
                  display: 'block',
                  padding: '0 8px',
                  borderBottom: status === s.key ? '2px solid #1677ff' : '2px solid transparent',
                }}
                data-testid={`glance-${s.key}`}
              >
                <Statistic
                  title={s.name}
                  value={d.counts[s.key]}
                  styles={{ content: { color: s.key === 'late' && d.counts.late > 0 ? '#cf1322' : s.key === 'done' ? '#389e0d' : undefined } }}
                />
              </a>
            ))}
            <Statistic title="办结率" value={d.doneRate} suffix="%" />
          </Space>
          <div style={{ marginBottom: 12, overflowX: 'auto' }}>
            <Segmented<string>
              value={status ?? 'all'}
              onChange={(v) => setStatus(v === 'all' ? undefined : (v as TaskStatus))}
              options={[{ value: 'all', label: '全部' }, ...shown.map((s) => ({ value: s.key, label: `${s.name} ${d.counts[s.key]}` }))]}
              data-testid="dispatch-status-filter"
            />
          </div>
          <Table<DispatchTask>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={d.tasks}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: status ? `没有${STATUS_ORDER.find((s) => s.key === status)?.name}的单位` : '本人可见范围内没有督办事项' }}
            columns={[
              { title: '承办单位', dataIndex: 'unitName', width: 150, fixed: 'left' },
              {
                title: '督办事项',
                dataIndex: 'title',
                render: (v: string, r) => (
                  <Link to={`/supervision/tasks/${r.id}`} data-testid={`task-link-${r.unitName}`}>
                    {v}
                  </Link>
                ),
              },
              { title: '完成时限', dataIndex: 'dueDate', width: 110 },
              {
                title: '办理情况',
                key: 'status',
                width: 170,
                render: (_: unknown, r) => (
                  <Space size={4} wrap data-testid={`task-status-${r.unitName}`}>
                    <Tag color={statusColor(r.status)}>{r.statusName}</Tag>
                    {r.overdueDays > 0 && <Typography.Text type="danger">逾期 {r.overdueDays} 天</Typography.Text>}
                  </Space>
                ),
              },
              { title: '反馈日期', dataIndex: 'reportedOn', width: 110, render: (v: string | null) => v ?? '—' },
              { title: '销号日期', dataIndex: 'verifiedOn', width: 110, render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Card>
      )}

      {d.items.length > 0 && (
        <Card title="督办的已有事项" size="small" data-testid="dispatch-items">
          <Table<SupervisedItem>
            rowKey="noticeId"
            size="small"
            dataSource={d.items}
            pagination={false}
            scroll={{ x: 800 }}
            columns={[
              { title: '编号', dataIndex: 'refNo', width: 180, render: (v: string, r) => <Link to={r.href}>{v}</Link> },
              { title: '事项', dataIndex: 'title' },
              { title: '类别', dataIndex: 'moduleName', width: 100 },
              { title: '回复时限', dataIndex: 'replyDue', width: 110 },
              {
                title: '回复情况',
                key: 'replied',
                width: 160,
                render: (_: unknown, r) =>
                  r.replied ? (
                    <Tag color={r.overdue ? 'orange' : 'green'}>
                      {r.repliedOn} 已回复{r.overdue ? '（超期）' : ''}
                    </Tag>
                  ) : (
                    <Tag color={r.overdue ? 'red' : 'default'}>{r.overdue ? '超期未回复' : '待回复'}</Tag>
                  ),
              },
            ]}
          />
        </Card>
      )}

      <Modal
        open={voiding}
        title={`作废 ${d.docNo}`}
        okText="作废"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 4, loading: busy }}
        cancelText="取消"
        onOk={() => void doVoid()}
        onCancel={() => setVoiding(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          作废后文号保留、不再使用，尚未签收的督办事项一并撤销。承办单位已签收或反馈的通知不能作废。请写明作废理由（记入审计日志）：
        </Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} showCount value={reason} onChange={(e) => setReason(e.target.value)} data-testid="void-reason" />
        {voidError && <Alert type="error" showIcon message={voidError} style={{ marginTop: 8 }} />}
      </Modal>
    </Space>
  );
}
