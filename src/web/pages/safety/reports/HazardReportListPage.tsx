import { useState } from 'react';
import { Alert, Button, Card, Grid, Select, Space, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { reportsApi, statusColor, type ReportListRow } from './reportsApi.ts';

/**
 * 隐患统计报表: the quarterly and annual 隐患排查治理情况统计表 of a unit, one line per ended period with its due date
 * and status (待生成, 待签发, 已退回, 已签发, 逾期); 生成 makes the table from the ledger, the table opens its page.
 */
export function HazardReportListPage() {
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ? Number(params.get('unitId')) : undefined;
  const [version, setVersion] = useState(0);
  const { data, loading, error } = useAsync(() => reportsApi.list(unitId), [unitId, version]);
  const [busy, setBusy] = useState<string | null>(null);
  const navigate = useNavigate();
  // a phone reads the due date under the period, with the status and the button beside it
  const wide = Grid.useBreakpoint().sm !== false;

  const generate = async (r: ReportListRow) => {
    setBusy(r.periodName);
    try {
      const { id } = await reportsApi.generate({ periodKind: r.periodKind, year: r.year, ...(r.quarter ? { quarter: r.quarter } : {}) });
      navigate(`/safety/hazard-reports/${id}`);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : String(err));
      setVersion((v) => v + 1);
    } finally {
      setBusy(null);
    }
  };

  const columns: ColumnsType<ReportListRow> = [
    {
      title: '统计期',
      dataIndex: 'periodName',
      render: (v: string, r) => (
        <>
          {r.id ? <Link to={`/safety/hazard-reports/${r.id}`}>{v}</Link> : v}
          {!wide && <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{r.dueDate} 前报送</div>}
        </>
      ),
    },
    ...(wide ? [{ title: '报送期限', dataIndex: 'dueDate', width: 120 }] : []),
    { title: '状态', key: 'status', width: wide ? 150 : undefined, render: (_, r) => <Tag color={statusColor(r)}>{r.statusName}</Tag> },
    {
      title: '签发',
      key: 'signed',
      responsive: ['md'],
      render: (_, r) => (r.signedOn ? `${r.signedByName ?? ''} ${r.signedOn}` : '—'),
    },
    {
      title: '操作',
      key: 'op',
      width: wide ? 150 : undefined,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.id && (
            <Link to={`/safety/hazard-reports/${r.id}`}>
              <Button size="small">查看</Button>
            </Link>
          )}
          {data?.mayGenerate && r.status === 'pending' && (
            <Button size="small" type="primary" loading={busy === r.periodName} onClick={() => void generate(r)}>
              生成
            </Button>
          )}
        </Space>
      ),
    },
  ];

  if (error) return <Alert type="error" showIcon message={error instanceof Error ? error.message : '加载失败'} />;
  return (
    <Card
      title="隐患排查治理情况统计表"
      extra={
        data && data.units.length > 1 ? (
          <Select
            style={{ minWidth: 200 }}
            value={data.unitId}
            options={data.units.map((u) => ({ value: u.id, label: u.name }))}
            onChange={(v: number) => setParams(v === data.units[0]?.id ? {} : { unitId: String(v) })}
            aria-label="填报单位"
          />
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">
        {data ? `${data.unitName}：` : ''}每季度结束后、每年结束后从隐患台账生成统计表，由本单位另一名有权限的人员审核签发后报送；报送期限按时限规则计算。
      </Typography.Paragraph>
      <Table<ReportListRow>
        rowKey={(r) => r.periodName}
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
