import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { reportsApi, shanghaiTime, STATUS_COLORS, type BoardRow, type SlotStatus } from './reportsApi.ts';

const STATUS_WORDS: Record<SlotStatus, string> = { on_time: '按时报送', late: '迟报', pending: '待报', missing: '缺报' };

/** One report's period: each unit on time, late (how late), pending or missing; the office reminds who has not reported. */
export function ReportBoardPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? undefined;
  const status = params.get('status') as SlotStatus | null;
  const [version, setVersion] = useState(0);
  const { message } = AntApp.useApp();
  const detail = useAsync(() => reportsApi.get(id), [id]);
  const board = useAsync(() => reportsApi.board(id, period), [id, period, version]);
  const [busy, setBusy] = useState(false);
  const d = detail.data;
  const b = board.data;
  const rows = (b?.units ?? []).filter((u) => !status || u.status === status);
  const fields = d?.fields ?? [];

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const remind = async (unitIds?: number[]) => {
    if (!b?.slot) return;
    setBusy(true);
    try {
      const { reminded } = await reportsApi.remind(id, b.slot.periodStart, unitIds);
      void message.success(reminded ? `已提醒 ${reminded} 个单位` : '没有需要提醒的单位');
      setVersion((v) => v + 1);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const unreported = (b?.units ?? []).filter((u) => u.status === 'pending' || u.status === 'missing');

  return (
    <Card
      title={d ? `${d.name}${d.periodName ? `（${d.periodName}）` : ''}` : '定期报告'}
      extra={
        <Space wrap>
          <Link to="/supervision/reports">
            <Button>报告列表</Button>
          </Link>
          <Link to={`/supervision/reports/${id}/rollup`}>
            <Button data-testid="report-rollup">汇总与导出</Button>
          </Link>
          {d?.mayReport && (
            <Link to="/supervision/reports/mine">
              <Button>本单位待报</Button>
            </Link>
          )}
          {d?.mayManage && (
            <Link to={`/supervision/reports/${id}/edit`}>
              <Button>修改</Button>
            </Link>
          )}
        </Space>
      }
      data-testid="report-board"
    >
      {(detail.error || board.error) && <Alert type="error" showIcon message={(detail.error ?? board.error)!.message} />}
      {d && (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="报送要求">{d.scheduleText}</Descriptions.Item>
          <Descriptions.Item label="启用时段">
            {d.activeFrom} 至 {d.activeTo ?? '长期'}
          </Descriptions.Item>
          <Descriptions.Item label="发起单位">{d.issuerName}</Descriptions.Item>
          <Descriptions.Item label="零报告">{d.zeroPolicyName}</Descriptions.Item>
        </Descriptions>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <span>报送期：</span>
        <Select
          style={{ width: 260 }}
          value={b?.slot?.periodStart}
          onChange={(v: string) => set('period', v)}
          options={(d?.slots ?? []).map((s) => ({ value: s.periodStart, label: `${s.label}（${shanghaiTime(s.dueAt)} 截止）` }))}
          placeholder="尚无报送期"
          data-testid="report-period"
        />
        {b?.slot && <Typography.Text type="secondary">截止时间：{shanghaiTime(b.slot.dueAt)}</Typography.Text>}
      </Space>
      {b && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag.CheckableTag checked={!status} onChange={() => set('status', null)}>
            全部 {b.tally.total}
          </Tag.CheckableTag>
          {(['on_time', 'late', 'pending', 'missing'] as const).map((s) => (
            <Tag.CheckableTag key={s} checked={status === s} onChange={() => set('status', status === s ? null : s)} data-testid={`tally-${s}`}>
              {STATUS_WORDS[s]} {b.tally[s === 'on_time' ? 'onTime' : s]}
            </Tag.CheckableTag>
          ))}
          <Typography.Text type="secondary">（其中零报告 {b.tally.zero}）</Typography.Text>
          {b.mayRemind && unreported.length > 0 && (
            <Button type="primary" loading={busy} onClick={() => void remind()} data-testid="remind-all">
              提醒未报单位（{unreported.length}）
            </Button>
          )}
        </Space>
      )}
      <Table<BoardRow>
        rowKey="unitId"
        loading={board.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: status ? `没有${STATUS_WORDS[status]}的单位` : '没有报送单位' }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 170, fixed: 'left' },
          {
            title: '报送情况',
            key: 'status',
            width: 170,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLORS[r.status]} data-testid={`status-${r.unitId}`}>
                  {r.statusName}
                  {r.late ? ` ${r.late}` : ''}
                </Tag>
                {r.zero && <Tag color="cyan">零报告</Tag>}
                {r.corrections > 0 && <Tag>更正 {r.corrections} 次</Tag>}
              </Space>
            ),
          },
          { title: '报送时间', key: 'at', width: 130, render: (_: unknown, r) => (r.submittedAt ? shanghaiTime(r.submittedAt) : '—') },
          ...fields.map((f) => ({
            title: f.measure ? `${f.name}（${f.measure}）` : f.name,
            key: f.key,
            width: 120,
            render: (_: unknown, r: BoardRow) => (r.zero ? (f.kind === 'number' ? 0 : '—') : (r.values[f.key] ?? '—')),
          })),
          { title: '情况说明', dataIndex: 'note', width: 200, ellipsis: true, render: (v: string | null) => v ?? '—' },
          {
            title: '提醒',
            key: 'remind',
            width: 170,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {r.reminders > 0 && <Typography.Text type="secondary">已提醒 {r.reminders} 次</Typography.Text>}
                {b?.mayRemind && (r.status === 'pending' || r.status === 'missing') && (
                  <Button size="small" disabled={busy} onClick={() => void remind([r.unitId])}>
                    提醒
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
