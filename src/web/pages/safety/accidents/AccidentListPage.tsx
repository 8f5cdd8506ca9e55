import { Button, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { ListPage } from '../../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../../components/list-page/useListQuery.ts';
import { useUnits } from '../../../hooks/useUnits.ts';
import { accidentsApi, beijingMinute, GRADE_COLORS, GRADE_OPTIONS, TYPE_OPTIONS, type AccidentQuery, type AccidentRow } from './accidentsApi.ts';

const SPEC = { keys: ['grade', 'type', 'townshipUnitId', 'open', 'from', 'to', 'q'] as const };

/** 事故快报台账: every accident the user may see, filtered in the URL, exported as filtered. */
export function AccidentListPage() {
  const navigate = useNavigate();
  const units = useUnits();
  const townships = units.list
    .filter((u) => (u.kind === 'township' || u.kind === 'street') && !u.disabled)
    .map((u) => ({ value: String(u.id), label: u.name }));
  const toQuery = (f: Partial<Record<(typeof SPEC.keys)[number], string>>): AccidentQuery => ({
    grade: f.grade as AccidentQuery['grade'],
    type: f.type as AccidentQuery['type'],
    townshipUnitId: f.townshipUnitId ? Number(f.townshipUnitId) : undefined,
    open: f.open as AccidentQuery['open'],
    from: f.from,
    to: f.to,
    q: f.q,
  });
  const list = useListQuery(SPEC, (st) => accidentsApi.list({ ...toQuery(st.filters), page: st.page, pageSize: st.pageSize }));
  const exportQuery = new URLSearchParams(Object.entries(toQuery(list.filters)).filter(([, v]) => v !== undefined && v !== '') as [string, string][]);

  const columns: TableProps<AccidentRow>['columns'] = [
    { title: '编号', key: 'refNo', dataIndex: 'refNo', width: 170, render: (no: string, a) => <Link to={`/safety/accidents/${a.id}`}>{no}</Link> },
    { title: '事故', key: 'title', dataIndex: 'title', width: 240 },
    { title: '等级', key: 'grade', width: 110, render: (_: unknown, a) => <Tag color={GRADE_COLORS[a.grade]}>{a.gradeName}</Tag> },
    { title: '类别', key: 'type', dataIndex: 'typeName', width: 90 },
    { title: '属地', key: 'township', dataIndex: 'townshipName', width: 90 },
    { title: '发生时间', key: 'occurredAt', width: 150, render: (_: unknown, a) => beijingMinute(a.occurredAt) },
    { title: '伤亡', key: 'casualties', width: 120, render: (_: unknown, a) => `死亡${a.deaths}人 重伤${a.seriousInjuries}人` },
    { title: '直接经济损失', key: 'loss', dataIndex: 'lossText', width: 110 },
    { title: '状态', key: 'state', dataIndex: 'stateName', width: 80 },
    {
      title: '最近期限',
      key: 'next',
      width: 210,
      fixed: 'right',
      render: (_: unknown, a) =>
        a.nextClock ? (
          <span>
            {a.nextClock.label}
            <br />
            <Typography.Text type="secondary">{a.nextClock.due.includes('T') ? beijingMinute(a.nextClock.due) : a.nextClock.due}</Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <ListPage
      title="生产安全事故"
      actions={
        <Space wrap>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/safety/accidents/stats')}>
            事故统计
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/safety/accidents/new')} data-testid="accident-new">
            事故快报
          </Button>
        </Space>
      }
      list={list}
      columns={columns}
      rowKey="id"
      filters={[
        { type: 'search', key: 'q', placeholder: '编号、事故或单位名称' },
        { type: 'select', key: 'grade', placeholder: '事故等级', options: GRADE_OPTIONS, width: 130 },
        { type: 'select', key: 'type', placeholder: '事故类别', options: TYPE_OPTIONS, width: 130 },
        { type: 'select', key: 'townshipUnitId', placeholder: '属地乡镇', options: townships, width: 130, searchable: true },
        { type: 'dateRange', from: 'from', to: 'to', placeholder: ['发生日期起', '发生日期止'] },
        {
          type: 'select',
          key: 'open',
          placeholder: '办理状态',
          width: 110,
          options: [
            { value: 'true', label: '未结案' },
            { value: 'false', label: '已结案' },
          ],
        },
      ]}
      exportHref={`/api/v1/safety/accidents/export.xlsx?${exportQuery.toString()}`}
      emptyText="没有符合条件的事故"
      unit="起"
      testId="accident-list"
      scrollX={1400}
    />
  );
}
