import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Row, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { calendarApi } from '../../../api/endpoints.ts';
import type { CalendarDay, CalendarYear } from '../../../api/types.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { LoadYearModal } from './LoadYearModal.tsx';
import { announceCalendarChanged } from '../../../layout/calendarEvents.ts';

function daysOf(value: CalendarDay[] | { days: CalendarDay[] } | undefined): CalendarDay[] {
  if (!value) return [];
  return Array.isArray(value) ? value : value.days;
}

/** 工作日历: which years are loaded (with their source notice), the exceptions of a year, load a new year. */
export function CalendarPage() {
  const years = useAsync(() => calendarApi.years(), []);
  const [year, setYear] = useState<number>();
  const [loading, setLoading] = useState(false);
  const { message } = App.useApp();
  const days = useAsync(() => (year ? calendarApi.days(year) : Promise.resolve(undefined)), [year]);

  useEffect(() => {
    if (year === undefined && years.data?.length) setYear(Math.max(...years.data.map((y) => y.year)));
  }, [years.data, year]);

  const yearColumns: TableProps<CalendarYear>['columns'] = [
    { title: '年度', dataIndex: 'year', width: 80, sorter: (a, b) => a.year - b.year, defaultSortOrder: 'descend' },
    { title: '依据', dataIndex: 'source', ellipsis: { showTitle: false }, render: (s: string) => <Tooltip title={s}>{s}</Tooltip> },
    {
      title: '节假日/调休',
      key: 'counts',
      width: 110,
      render: (_: unknown, y) => (y.holidayCount === undefined ? '—' : `${y.holidayCount} / ${y.workdayCount ?? 0}`),
    },
    { title: '加载时间', dataIndex: 'loadedAt', width: 150, render: (v: string | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—') },
  ];

  const dayColumns: TableProps<CalendarDay>['columns'] = [
    { title: '日期', dataIndex: 'date', width: 120 },
    { title: '星期', key: 'weekday', width: 80, render: (_: unknown, d) => dayjs(d.date).format('dddd') },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 110,
      render: (k: CalendarDay['kind']) => (k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>),
    },
    { title: '节日', dataIndex: 'name' },
  ];

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        工作日历
      </Typography.Title>
      {years.error && <Alert type="error" showIcon title={years.error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11}>
          <Card
            title="已加载年度"
            extra={
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setLoading(true)}>
                加载新年度
              </Button>
            }
          >
            <Table<CalendarYear>
              rowKey="year"
              size="small"
              loading={years.loading}
              columns={yearColumns}
              dataSource={years.data ?? []}
              pagination={{ pageSize: 12 }}
              rowClassName={(r) => (r.year === year ? 'ant-table-row-selected' : '')}
              onRow={(r) => ({ onClick: () => setYear(r.year), style: { cursor: 'pointer' } })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <Card title={year ? `${year} 年节假日与调休` : '节假日与调休'}>
            <Typography.Paragraph type="secondary">未列出的日期：周一至周五为工作日，周六、周日为休息日。</Typography.Paragraph>
            <Table<CalendarDay>
              rowKey="date"
              size="small"
              loading={days.loading}
              columns={dayColumns}
              dataSource={daysOf(days.data)}
              pagination={false}
              scroll={{ y: 480 }}
            />
          </Card>
        </Col>
      </Row>
      <LoadYearModal
        open={loading}
        onClose={() => setLoading(false)}
        onLoaded={(y, changed) => {
          setLoading(false);
          void message.success(`${y} 年日历已加载；重新计算后有 ${changed} 个未结期限发生变化`);
          years.reload();
          announceCalendarChanged();
          days.reload();
          setYear(y);
        }}
      />
    </div>
  );
}
