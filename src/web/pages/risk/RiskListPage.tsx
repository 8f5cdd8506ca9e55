import { Button, Space, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ListPage } from '../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../components/list-page/useListQuery.ts';
import { RiskRegisterModal } from './RiskRegisterModal.tsx';
import { exportLink, riskApi, type RiskRow } from './riskApi.ts';

const SPEC = { keys: ['state', 'matterKind', 'level', 'planYear', 'counted', 'filingLate', 'q'] as const };
const STATES = [
  { value: '', label: '全部' },
  { value: 'assessing', label: '评估中' },
  { value: 'decided', label: '待备案' },
  { value: 'filed', label: '跟踪化解中' },
  { value: 'closed', label: '已办结' },
];
const LEVEL_COLOR: Record<string, string> = { high: 'red', medium: 'orange', low: 'green' };
const thisYear = new Date().getFullYear();

/** 稳评事项清单: the year's matters with their step, level, decision and filing, filters in the URL, Excel export. */
export function RiskListPage() {
  const navigate = useNavigate();
  const [registering, setRegistering] = useState(false);
  const list = useListQuery(SPEC, (s) =>
    riskApi.list({
      state: (s.filters.state || undefined) as never,
      matterKind: (s.filters.matterKind || undefined) as never,
      level: (s.filters.level || undefined) as never,
      planYear: s.filters.planYear ? Number(s.filters.planYear) : undefined,
      counted: (s.filters.counted || undefined) as never,
      filingLate: (s.filters.filingLate || undefined) as never,
      q: s.filters.q || undefined,
      page: s.page,
      pageSize: s.pageSize,
    }),
  );
  const mayRecord = list.data?.mayRecord ?? false;
  const columns: TableProps<RiskRow>['columns'] = [
    { title: '编号', dataIndex: 'refNo', width: 150, render: (v: string, r) => <Link to={`/risk/assessments/${r.id}`}>{v}</Link> },
    { title: '事项名称', dataIndex: 'matterName', ellipsis: true, render: (v: string, r) => <Link to={`/risk/assessments/${r.id}`}>{v}</Link> },
    { title: '类别', dataIndex: 'matterKindName', width: 150 },
    { title: '责任单位', dataIndex: 'responsibleUnitName', width: 170, ellipsis: true },
    {
      title: '完成时限',
      dataIndex: 'targetOn',
      width: 110,
      render: (v: string, r) =>
        r.counted ? (
          <Space size={4}>
            {v}
            <Tag>考核</Tag>
          </Space>
        ) : (
          v
        ),
    },
    {
      title: '风险等级',
      dataIndex: 'levelName',
      width: 90,
      render: (v: string | null, r) => (v ? <Tag color={LEVEL_COLOR[r.level ?? '']}>{v}</Tag> : '未定级'),
    },
    {
      title: '进度',
      key: 'progress',
      width: 220,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <Tag color={r.state === 'closed' ? 'green' : 'blue'}>{r.currentStepName ?? r.stateName}</Tag>
          {r.decisionName && <Tag>{r.decisionName}</Tag>}
          {r.filingLate && <Tag color="red">逾期未备案</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <>
      <RiskRegisterModal open={registering} onClose={() => setRegistering(false)} onDone={(id) => navigate(`/risk/assessments/${id}`)} />
      <ListPage
        title="社会稳定风险评估"
        list={list}
        columns={columns}
        rowKey="id"
        tabs={{ key: 'state', items: STATES }}
        filters={[
          { type: 'search', key: 'q', placeholder: '编号、事项名称或责任单位', width: 220 },
          {
            type: 'select',
            key: 'matterKind',
            placeholder: '事项类别',
            width: 170,
            options: [
              { value: 'project', label: '重大固定资产投资项目' },
              { value: 'decision', label: '重大决策' },
              { value: 'event', label: '重大活动' },
            ],
          },
          {
            type: 'select',
            key: 'level',
            placeholder: '风险等级',
            width: 110,
            options: [
              { value: 'high', label: '高风险' },
              { value: 'medium', label: '中风险' },
              { value: 'low', label: '低风险' },
            ],
          },
          {
            type: 'select',
            key: 'planYear',
            placeholder: '评估年度',
            width: 110,
            options: [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: `${y}年度` })),
          },
          { type: 'select', key: 'counted', placeholder: '是否纳入考核', width: 130, options: [{ value: 'true', label: '纳入上级考核' }] },
          { type: 'select', key: 'filingLate', placeholder: '备案情况', width: 130, options: [{ value: 'true', label: '逾期未备案' }] },
        ]}
        actions={
          <Space>
            {mayRecord && (
              <Button type="primary" onClick={() => setRegistering(true)} data-testid="risk-register">
                列入评估清单
              </Button>
            )}
            <Link to="/stats?module=risk">
              <Button>完成率统计</Button>
            </Link>
          </Space>
        }
        exportHref={exportLink('/risk/assessments/export.xlsx', {
          state: list.filters.state,
          matterKind: list.filters.matterKind,
          level: list.filters.level,
          planYear: list.filters.planYear,
          counted: list.filters.counted,
          filingLate: list.filters.filingLate,
          q: list.filters.q,
        })}
        emptyText="没有符合条件的稳评事项"
        unit="项"
        testId="risk-list"
        scrollX={1100}
      />
    </>
  );
}
