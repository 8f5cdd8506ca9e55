import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Input, Modal, Popconfirm, Space, Spin, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { reportsApi, statusColor, type Report, type ReportItems, type ReportItemsQuery } from './reportsApi.ts';

type Row = Report['rows'][number];
type Column = Report['columns'][number];
type Drill = { column: Column; row: Row };
/** the minute of an instant as read in the county (Asia/Shanghai) */
const shanghaiMinute = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const show = (c: Column, v: number | null | undefined) =>
  v === null || v === undefined ? '—' : c.kind === 'rate' ? `${v}%` : c.kind === 'money' ? v.toFixed(2) : v;

/** One 隐患排查治理情况统计表: its figures by sector (every number opens its hazards), 签发/退回, 重新生成, Excel. */
export function HazardReportPage() {
  const id = Number(useParams().id);
  const [version, setVersion] = useState(0);
  const { data: r, loading, error } = useAsync(() => reportsApi.report(id), [id, version]);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await what();
      void message.success(done);
      setVersion((v) => v + 1);
      return true;
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (loading && !r) return <Spin />;
  if (error || !r) return <Alert type="error" showIcon message={error instanceof Error ? error.message : '未找到该统计表，或您无权查看'} />;

  const cell = (c: Column): ColumnsType<Row>[number] => ({
    title: c.name,
    key: c.key,
    align: 'right' as const,
    width: c.kind === 'rate' ? 80 : 96,
    render: (_: unknown, row: Row) => {
      const v = row.cells[c.key];
      const drillable = c.kind !== 'money' && (c.kind === 'rate' ? v !== null && v !== undefined : (v ?? 0) > 0);
      return drillable ? (
        <Typography.Link onClick={() => setDrill({ column: c, row })} aria-label={`${row.name}${c.group ?? ''}${c.name}的隐患`}>
          {show(c, v)}
        </Typography.Link>
      ) : (
        show(c, v)
      );
    },
  });
  const groups = [...new Set(r.columns.map((c) => c.group))];
  const columns: ColumnsType<Row> = [
    { title: '行业领域', dataIndex: 'name', fixed: 'left', width: 150, render: (v: string, row) => (row.sectorId === null ? <strong>{v}</strong> : v) },
    ...groups.flatMap((g): ColumnsType<Row> => {
      const cols = r.columns.filter((c) => c.group === g);
      return g === null ? cols.map(cell) : [{ title: g, key: g, children: cols.map(cell) }];
    }),
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="hazard-report">
      <Card
        styles={{ title: { whiteSpace: 'normal' } }}
        title={
          <Space wrap>
            <span>{r.title}</span>
            <Tag color={statusColor(r)}>{r.statusName}</Tag>
          </Space>
        }
      >
        <div style={{ marginBottom: 12 }}>
          <Space wrap>
            {r.maySign && (
              <Popconfirm
                title="签发后数据锁定，不能再修改。确认签发？"
                okText="签发"
                cancelText="取消"
                onConfirm={() => void run(() => reportsApi.sign(id), '已签发')}
              >
                <Button type="primary" loading={busy}>
                  审核签发
                </Button>
              </Popconfirm>
            )}
            {r.maySign && <Button onClick={() => setReturning(true)}>退回</Button>}
            {r.mayRegenerate && (
              <Button
                loading={busy}
                onClick={() =>
                  void run(() => reportsApi.generate({ periodKind: r.periodKind, year: r.year, ...(r.quarter ? { quarter: r.quarter } : {}) }), '已重新生成')
                }
              >
                重新生成
              </Button>
            )}
            <Button href={`/api/v1/safety/hazard-reports/${r.id}/export.xlsx`}>导出 Excel</Button>
          </Space>
        </div>
        {r.status === 'returned' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${r.returnedByName ?? ''}于 ${r.returnedAt ? shanghaiMinute(r.returnedAt) : ''} 退回：${r.returnReason ?? ''}`}
            description="请核对台账后重新生成，再交审核签发。"
          />
        )}
        {r.status === 'draft' && !r.maySign && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message="待本单位另一名有权限的人员审核签发（生成人不能签发自己生成的统计表）。" />
        )}
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 3 }} size="small" bordered>
          <Descriptions.Item label="填报单位">{r.unitName}</Descriptions.Item>
          <Descriptions.Item label="统计范围">{r.scopeName}</Descriptions.Item>
          <Descriptions.Item label="统计期">
            {r.periodFrom} 至 {r.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label="报送期限">{r.dueDate}</Descriptions.Item>
          <Descriptions.Item label="制表">
            {r.generatedByName}，{shanghaiMinute(r.generatedAt)}
            {r.generation > 1 ? `（第${r.generation}次生成）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="签发">{r.signedByName && r.signedAt ? `${r.signedByName}，${shanghaiMinute(r.signedAt)}` : '未签发'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="统计表" extra={<Typography.Text type="secondary">点击数字查看对应的隐患</Typography.Text>}>
        <Table<Row>
          rowKey={(row) => String(row.sectorId ?? 'total')}
          size="small"
          bordered
          columns={columns}
          dataSource={r.rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
        <ul style={{ marginTop: 12, paddingLeft: 20 }}>
          {r.notes.map((n) => (
            <li key={n}>
              <Typography.Text type="secondary">{n}</Typography.Text>
            </li>
          ))}
        </ul>
      </Card>
      <ItemsDrawer reportId={r.id} drill={drill} onClose={() => setDrill(null)} />
      <Modal
        open={returning}
        title="退回统计表"
        okText="退回"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim().length < 2, loading: busy }}
        onCancel={() => setReturning(false)}
        onOk={() =>
          void run(() => reportsApi.return(id, reason.trim()), '已退回').then((ok) => {
            if (ok) {
              setReturning(false);
              setReason('');
            }
          })
        }
      >
        <Typography.Paragraph>请写明退回理由，制表人据此核对后重新生成。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} showCount value={reason} onChange={(e) => setReason(e.target.value)} aria-label="退回理由" />
      </Modal>
    </Space>
  );
}

type Item = ReportItems['items'][number];

/** The hazards behind one number, as frozen with the table. */
function ItemsDrawer({ reportId, drill, onClose }: { reportId: number; drill: Drill | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const query: ReportItemsQuery | null = drill
    ? { column: drill.column.key as ReportItemsQuery['column'], ...(drill.row.sectorId ? { sectorId: drill.row.sectorId } : {}), page, pageSize: 20 }
    : null;
  const { data, loading } = useAsync(
    () => (query ? reportsApi.items(reportId, query) : Promise.resolve({ items: [], total: 0 })),
    [reportId, drill?.column.key, drill?.row.sectorId, page],
  );
  const columns: ColumnsType<Item> = [
    { title: '隐患编号', dataIndex: 'refNo', width: 150, render: (v: string, i) => <Link to={`/safety/hazards/${i.id}`}>{v}</Link> },
    { title: '隐患单位', dataIndex: 'enterpriseName', width: 180 },
    { title: '级别', dataIndex: 'gradeName', width: 90 },
    { title: '隐患描述', dataIndex: 'description', ellipsis: true },
    { title: '发现日期', dataIndex: 'foundOn', width: 110 },
    { title: '整改期限', dataIndex: 'dueOn', width: 110 },
    { title: '现在状态', dataIndex: 'stateName', width: 90 },
  ];
  const title = drill ? `${drill.row.name} · ${drill.column.group ?? ''}${drill.column.kind === 'rate' ? '排查（项）' : drill.column.name}` : '';
  return (
    <Drawer
      open={!!drill}
      title={title}
      width="min(960px, 100vw)"
      onClose={() => {
        setPage(1);
        onClose();
      }}
    >
      <Table<Item>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 项` }}
      />
    </Drawer>
  );
}
