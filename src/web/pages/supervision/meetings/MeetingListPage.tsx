import { useMemo } from 'react';
import { Alert, Button, Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { useAsync } from '../../../hooks/useAsync.ts';
import { meetingsApi, meetingsExportHref, minutesHref, type MeetingRow } from './meetingsApi.ts';

const FILTERS = ['typeCode', 'from', 'to', 'convenerUnitId'] as const;

/** 会议: the meetings the user sees (convening unit, attendees; a unit given a task sees the decisions that concern it), filtered by type, period and 召集单位, with its Excel. */
export function MeetingListPage() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => {
    const q: Record<string, string> = {};
    for (const k of FILTERS) {
      const v = params.get(k);
      if (v) q[k] = v;
    }
    return q;
  }, [params]);
  const options = useAsync(() => meetingsApi.options(), []);
  const { data, loading, error } = useAsync(
    () =>
      meetingsApi.list({
        typeCode: query.typeCode,
        from: query.from,
        to: query.to,
        convenerUnitId: query.convenerUnitId ? Number(query.convenerUnitId) : undefined,
      }),
    [query],
  );
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  return (
    <Card
      title="会议"
      extra={
        <Space wrap>
          <a href={meetingsExportHref(query)} download>
            <Button icon={<DownloadOutlined />}>导出 Excel</Button>
          </a>
          {data?.mayCreate && (
            <Link to="/supervision/meetings/new">
              <Button type="primary" data-testid="meeting-new">
                登记会议
              </Button>
            </Link>
          )}
        </Space>
      }
      data-testid="sv-meeting-list"
    >
      <Typography.Paragraph type="secondary">
        信访工作联席会议、矛盾纠纷会商研判会、安全生产调度会等：记录参会人员、研究的议题（可关联信访件、隐患、纠纷、稳评等事项）和议定事项，议定事项交办为督办事项跟踪到销号；印发会议纪要后会议内容定稿。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="会议类型"
          style={{ width: 220 }}
          value={query.typeCode}
          onChange={(v?: string) => set({ typeCode: v })}
          options={(options.data?.types ?? []).map((t) => ({ value: t.code, label: t.name }))}
        />
        <DatePicker.RangePicker
          placeholder={['会议日期起', '会议日期止']}
          value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
          onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="召集单位"
          style={{ width: 220 }}
          value={query.convenerUnitId ? Number(query.convenerUnitId) : undefined}
          onChange={(v?: number) => set({ convenerUnitId: v ? String(v) : undefined })}
          options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error instanceof Error ? error.message : String(error)} />}
      <Table<MeetingRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '没有符合条件的会议' }}
        columns={[
          { title: '会议日期', dataIndex: 'heldOn', width: 110 },
          { title: '会议类型', dataIndex: 'typeName', width: 180, render: (v: string) => <Tag>{v}</Tag> },
          { title: '会议名称', dataIndex: 'name', render: (v: string, r) => <Link to={`/supervision/meetings/${r.id}`}>{v}</Link> },
          { title: '召集单位', dataIndex: 'convenerName', width: 150 },
          {
            title: '议定事项',
            dataIndex: 'decisions',
            width: 90,
            align: 'right',
            render: (v: number, r) => <Link to={`/supervision/meetings/${r.id}#decisions`}>{v}</Link>,
          },
          {
            title: '督办事项（已销号/逾期）',
            key: 'tasks',
            width: 190,
            render: (_: unknown, r) => (
              <Link to={`/supervision/meetings/${r.id}#decisions`}>
                共 {r.tasks.total} 项，已销号 {r.tasks.done}
                {r.tasks.late > 0 && <Typography.Text type="danger">，逾期 {r.tasks.late}</Typography.Text>}
              </Link>
            ),
          },
          {
            title: '会议纪要',
            key: 'minutes',
            width: 170,
            render: (_: unknown, r) =>
              r.minutesNumber ? (
                <a href={minutesHref(r.id)} download>
                  {r.minutesNumber}
                </a>
              ) : (
                <Typography.Text type="secondary">未印发</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
