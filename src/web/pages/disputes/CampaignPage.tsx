import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Modal, Radio, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { disputesApi, type CampaignDetail } from './disputesApi.ts';

type UnitLine = CampaignDetail['units'][number];
const STATUS_COLOR: Record<string, string> = { reported: 'green', zero: 'blue', silent: 'red' };

/** One screening campaign: each unit's report (已报告 with the disputes found, 零报告, 未报告), by township; report for my unit. */
export function CampaignPage() {
  const id = Number(useParams().id);
  const [version, setVersion] = useState(0);
  const { data: c, loading, error } = useAsync(() => disputesApi.campaign(id), [id, version]);
  const [reporting, setReporting] = useState<UnitLine | null>(null);
  const [zero, setZero] = useState(true);
  const [screenedBy, setScreenedBy] = useState('');
  const [note, setNote] = useState('');
  const [reportError, setReportError] = useState<string | null>(null);

  const report = async () => {
    if (!reporting) return;
    setReportError(null);
    try {
      await disputesApi.report(id, { unitId: reporting.unitId, zero, screenedBy: screenedBy || undefined, note: note || undefined });
      setReporting(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setReportError(err instanceof ApiError ? err.message : String(err));
    }
  };

  if (loading && !c) return <Spin />;
  if (error || !c) return <Alert type="error" showIcon message={error instanceof Error ? error.message : '未找到该排查活动，或您无权查看'} />;
  const mayReport = new Set(c.mayReportFor.map((u) => u.unitId));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="campaign-detail">
      <Card
        title={
          <Space wrap>
            <span>{c.name}</span>
            <Tag>{c.kindName}</Tag>
          </Space>
        }
        extra={
          <Link to={`/disputes/new?campaignId=${c.id}`}>
            <Button type="primary">登记排查发现的纠纷</Button>
          </Link>
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered>
          <Descriptions.Item label="排查时段">
            {c.periodFrom} 至 {c.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label="部署单位">{c.organiserName}</Descriptions.Item>
          <Descriptions.Item label="发现纠纷">
            <Link to={`/disputes?campaignId=${c.id}`}>{c.tally.found} 件</Link>
          </Descriptions.Item>
          <Descriptions.Item label="报送情况" span={3}>
            排查单位 {c.tally.units} 个：已报告 {c.tally.reported}，零报告 {c.tally.zero}，
            <Typography.Text type={c.tally.silent ? 'danger' : undefined}>未报告 {c.tally.silent}</Typography.Text>
          </Descriptions.Item>
          {c.focus && (
            <Descriptions.Item label="排查重点" span={3}>
              {c.focus}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title="按乡镇（街道）汇总" size="small">
        <Table
          size="small"
          rowKey="townshipName"
          pagination={false}
          dataSource={c.townships}
          scroll={{ x: 560 }}
          columns={[
            { title: '乡镇（街道）', dataIndex: 'townshipName' },
            { title: '排查单位', key: 'u', render: (_: unknown, r: CampaignDetail['townships'][number]) => r.tally.units },
            { title: '已报告', key: 'r', render: (_: unknown, r: CampaignDetail['townships'][number]) => r.tally.reported },
            { title: '零报告', key: 'z', render: (_: unknown, r: CampaignDetail['townships'][number]) => r.tally.zero },
            {
              title: '未报告',
              key: 's',
              render: (_: unknown, r: CampaignDetail['townships'][number]) => (
                <Typography.Text type={r.tally.silent ? 'danger' : undefined}>{r.tally.silent}</Typography.Text>
              ),
            },
            { title: '发现纠纷', key: 'f', render: (_: unknown, r: CampaignDetail['townships'][number]) => r.tally.found },
          ]}
        />
      </Card>
      <Card title="各排查单位报送情况" size="small">
        <Table<UnitLine>
          size="small"
          rowKey="unitId"
          dataSource={c.units}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 760 }}
          columns={[
            { title: '排查单位', dataIndex: 'unitName' },
            { title: '所属乡镇（街道）', dataIndex: 'townshipName', render: (v: string | null) => v ?? '—' },
            { title: '报送', dataIndex: 'statusName', width: 90, render: (v: string, r) => <Tag color={STATUS_COLOR[r.status]}>{v}</Tag> },
            { title: '发现纠纷', dataIndex: 'found', width: 90 },
            { title: '报送日期', dataIndex: 'reportedOn', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '排查人员 / 说明', key: 'note', ellipsis: true, render: (_: unknown, r) => [r.screenedBy, r.note].filter(Boolean).join('；') || '—' },
            {
              title: '',
              key: 'act',
              width: 110,
              render: (_: unknown, r) =>
                mayReport.has(r.unitId) ? (
                  <Button
                    size="small"
                    onClick={() => {
                      setZero(r.found === 0);
                      setReporting(r);
                    }}
                  >
                    报送排查情况
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={!!reporting}
        title={reporting ? `报送排查情况：${reporting.unitName}` : ''}
        okText="报送"
        cancelText="取消"
        onOk={() => void report()}
        onCancel={() => setReporting(null)}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group value={zero} onChange={(e) => setZero(e.target.value as boolean)}>
            <Radio value={false}>已排查，发现纠纷 {reporting?.found ?? 0} 件（已登记）</Radio>
            <Radio value={true}>零报告：本次排查未发现矛盾纠纷</Radio>
          </Radio.Group>
          <Input placeholder="排查人员" maxLength={200} value={screenedBy} onChange={(e) => setScreenedBy(e.target.value)} />
          <Input.TextArea placeholder="排查情况说明" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
          {reportError && <Alert type="error" showIcon message={reportError} />}
        </Space>
      </Modal>
    </Space>
  );
}
