import { Alert, Button, Card, Descriptions, Image, Space, Spin, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { useAsync } from '../../../hooks/useAsync.ts';
import { inspectionsApi, recordLinks, type RecordView } from './inspectionsApi.ts';

type Result = RecordView['results'][number];
const OUTCOME_COLOR: Record<string, string> = { 符合: 'green', 不符合: 'red', 不适用: 'default' };
const OUTCOME_WORD: Record<string, string> = { 符合: '合格', 不符合: '不合格', 不适用: '不涉及' };

/** 现场检查记录: items with their 判定依据 and results, photos, signatures, where and when, the hazards it registered and its two documents. */
export function RecordPage() {
  const id = Number(useParams().id);
  const { data: r, loading, error } = useAsync(() => inspectionsApi.record(id), [id]);
  if (loading && !r) return <Spin />;
  if (error || !r) return <Alert type="error" showIcon title={error?.message ?? '未找到该检查记录，或您无权查看'} />;
  const photos = r.files.filter((f) => f.kind === 'photo');
  const signature = (kind: 'inspector_signature' | 'party_signature') => r.files.find((f) => f.kind === kind);
  const sig = (kind: 'inspector_signature' | 'party_signature', alt: string) => {
    const f = signature(kind);
    return f ? (
      <img src={recordLinks.file(r.id, f.id)} alt={alt} style={{ height: 48, background: '#fff', border: '1px solid #eee' }} />
    ) : (
      <Typography.Text type="secondary">未签名</Typography.Text>
    );
  };
  return (
    <div className="anwen-page">
      <Space style={{ marginBottom: 8 }}>
        <Link to="/safety/inspections">← 检查计划</Link>
      </Space>
      <Typography.Title level={4} className="anwen-page-title">
        现场检查记录 {r.recordNo}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} href={recordLinks.recordDocx(r.id)} data-testid="record-docx">
          现场检查记录（Word）
        </Button>
        {r.orderNo && (
          <Button icon={<DownloadOutlined />} href={recordLinks.orderDocx(r.id)} data-testid="order-docx">
            责令限期整改指令书（Word）
          </Button>
        )}
      </Space>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="被检查单位">{r.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="检查计划">
            {r.planTitle}（{r.planKind}）
          </Descriptions.Item>
          <Descriptions.Item label="检查单位">{r.inspectingUnit}</Descriptions.Item>
          <Descriptions.Item label="检查时间">{dayjs(r.inspectedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label="检查人员">{r.inspectors.join('、')}</Descriptions.Item>
          <Descriptions.Item label="记录人">{r.inspector}</Descriptions.Item>
          <Descriptions.Item label="检查地点">
            {r.latitude !== null && r.longitude !== null ? `北纬 ${r.latitude.toFixed(5)}°，东经 ${r.longitude.toFixed(5)}°（现场定位）` : '未记录定位'}
          </Descriptions.Item>
          <Descriptions.Item label="被检查单位签字人">{r.partyName ?? '—'}</Descriptions.Item>
          {r.orderNo && <Descriptions.Item label="责令限期整改指令书">{r.orderNo}</Descriptions.Item>}
          <Descriptions.Item label="检查情况说明" span={{ xs: 1, sm: 2, lg: 3 }}>
            {r.remarks ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="检查项目" size="small" style={{ marginBottom: 16 }}>
        <Table<Result>
          rowKey={(x) => x.content}
          size="small"
          pagination={false}
          dataSource={r.results}
          scroll={{ x: 760 }}
          columns={[
            { title: '序号', key: 'n', width: 56, render: (_: unknown, __: Result, i: number) => i + 1 },
            { title: '检查项目', dataIndex: 'content' },
            { title: '判定依据', dataIndex: 'basis', width: 240, responsive: ['md'] },
            {
              title: '结果',
              dataIndex: 'outcome',
              width: 90,
              render: (v: string) => <Tag color={OUTCOME_COLOR[v] ?? 'default'}>{OUTCOME_WORD[v] ?? v}</Tag>,
            },
            { title: '发现的问题', dataIndex: 'finding', width: 240, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      {r.hazards.length > 0 && (
        <Card title={`登记的隐患（${r.hazards.length} 项）`} size="small" style={{ marginBottom: 16 }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={r.hazards}
            scroll={{ x: 600 }}
            columns={[
              {
                title: '隐患编号',
                dataIndex: 'refNo',
                width: 170,
                render: (v: string, h: RecordView['hazards'][number]) => <Link to={`/safety/hazards/${h.id}`}>{v}</Link>,
              },
              { title: '隐患描述', dataIndex: 'description' },
              { title: '整改期限', dataIndex: 'dueOn', width: 110 },
            ]}
          />
        </Card>
      )}
      <Card title="现场照片和签名" size="small">
        {photos.length ? (
          <Image.PreviewGroup>
            <Space wrap>
              {photos.map((p, i) => (
                <Image key={p.id} src={recordLinks.file(r.id, p.id)} alt={`现场照片${i + 1}`} width={140} height={105} style={{ objectFit: 'cover' }} />
              ))}
            </Space>
          </Image.PreviewGroup>
        ) : (
          <Typography.Paragraph type="secondary">没有现场照片</Typography.Paragraph>
        )}
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label="检查人员签名">{sig('inspector_signature', '检查人员签名')}</Descriptions.Item>
          <Descriptions.Item label="被检查单位签名">{sig('party_signature', '被检查单位签名')}</Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
}
