import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { auditApi } from '../../../api/endpoints.ts';
import type { AuditQuery } from '../../../api/types.ts';
import type { AuditVerifyResult } from '../../../api/types.ts';
import type { AuditEventNamed as AuditEvent } from './auditDiff.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import { AuditDiffView } from './AuditDiffView.tsx';

/** Audit times are shown in the county's time zone whatever the browser's setting. */
const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const showTime = (iso: string) => TIME.format(new Date(iso));

/** Prefix filters for the common families of actions. */
const ACTION_GROUPS = [
  { code: 'auth.*', name: '登录与会话（全部）' },
  { code: 'user.*', name: '用户（全部）' },
  { code: 'unit.*', name: '单位（全部）' },
  { code: 'deadline.*', name: '期限（全部）' },
  { code: 'calendar.*', name: '工作日历（全部）' },
  { code: 'rule.*', name: '时限规则（全部）' },
];

interface Filters {
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** 审计日志: every change with who, when, from where and what it changed; and the hash-chain check. */
export function AuditPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const showError = useApiError();
  const vocabulary = useAsync(() => auditApi.vocabulary(), []);

  const query: AuditQuery = {
    page,
    pageSize,
    action: filters.action,
    entityType: filters.entityType,
    entityId: filters.entityId?.trim() || undefined,
    actor: filters.actor?.trim() || undefined,
    from: filters.range?.[0]?.format('YYYY-MM-DD'),
    to: filters.range?.[1]?.format('YYYY-MM-DD'),
  };
  const { data, loading, error, reload } = useAsync(() => auditApi.events(query), [JSON.stringify(query)]);
  const change = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const entityName = (code: string | null) => (code ? (vocabulary.data?.entityTypes.find((e) => e.code === code)?.name ?? code) : '—');

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await auditApi.verify());
    } catch (err) {
      showError(err);
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableProps<AuditEvent>['columns'] = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => showTime(at) },
    { title: '操作人', dataIndex: 'actorName', width: 180, ellipsis: true, render: (n: string | null) => n ?? '—' },
    { title: '所在单位', dataIndex: 'actorUnitName', width: 150, ellipsis: true, render: (n: string | null | undefined, e) => n ?? (e.actorUnitId !== null ? `#${e.actorUnitId}` : '—') },
    {
      title: '操作',
      dataIndex: 'actionName',
      width: 170,
      render: (name: string, e) => (
        <Tooltip title={e.action}>
          <span data-action={e.action}>{name}</span>
        </Tooltip>
      ),
    },
    {
      title: '对象',
      key: 'entity',
      width: 150,
      render: (_: unknown, e) =>
        e.entityType ? `${entityName(e.entityType)}${e.entityId ? (e.entityType === 'unit' && e.unitNames?.[e.entityId] ? ` ${e.unitNames[e.entityId]}` : ` #${e.entityId}`) : ''}` : '—',
    },
    { title: '来源 IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
    { title: '原因', dataIndex: 'reason', ellipsis: true, render: (r: string | null) => r ?? '' },
  ];

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        审计日志
      </Typography.Title>
      <Card style={{ marginBottom: 12 }}>
        <Space wrap align="center">
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()}>
            校验审计链
          </Button>
          <Typography.Text type="secondary">逐条重算哈希，检查是否有记录被修改、删除或重排。</Typography.Text>
        </Space>
        {verify && (
          <Alert
            style={{ marginTop: 12 }}
            data-testid="audit-verify-result"
            showIcon
            type={verify.ok ? 'success' : 'error'}
            title={verify.ok ? `审计链完整：共 ${verify.count} 条事件，哈希逐条相符` : `审计链已被破坏：第 ${verify.brokenSeq} 号事件`}
            description={
              verify.ok ? undefined : (
                <Space orientation="vertical" size={4}>
                  <span>{verify.reason}</span>
                  <span>此前 {verify.count} 条事件校验通过。请立即保全数据库并报告安全负责人。</span>
                </Space>
              )
            }
          />
        )}
      </Card>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Card>
        <div className="anwen-toolbar" data-testid="audit-filters">
          <DatePicker.RangePicker
            value={filters.range ?? null}
            onChange={(range) => change({ range: range as Filters['range'] })}
            placeholder={['开始日期', '结束日期']}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="操作类型"
            style={{ width: 220 }}
            value={filters.action}
            onChange={(action?: string) => change({ action })}
            options={[
              { label: '按类别', options: ACTION_GROUPS.map((a) => ({ value: a.code, label: a.name })) },
              { label: '具体操作', options: (vocabulary.data?.actions ?? []).map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` })) },
            ]}
          />
          <Select
            allowClear
            placeholder="对象类型"
            style={{ width: 130 }}
            value={filters.entityType}
            onChange={(entityType?: string) => change({ entityType })}
            options={(vocabulary.data?.entityTypes ?? []).map((e) => ({ value: e.code, label: `${e.name}（${e.code}）` }))}
          />
          <Input.Search allowClear placeholder="对象编号" style={{ width: 150 }} onSearch={(entityId) => change({ entityId })} />
          <Input.Search allowClear placeholder="操作人（姓名或用户名）" style={{ width: 210 }} onSearch={(actor) => change({ actor })} />
          <Button onClick={reload}>刷新</Button>
        </div>
        <Table<AuditEvent>
          data-testid="audit-table"
          rowKey="seq"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 1000 }}
          onRow={(e) => (verify && !verify.ok && e.seq === verify.brokenSeq ? { style: { background: '#fff1f0' }, 'data-broken': 'true' } : {})}
          expandable={{
            expandedRowRender: (e) => <AuditDiffView event={e} />,
          }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
        />
        <Space size={4} style={{ marginTop: 8 }}>
          <Tag>提示</Tag>
          <Typography.Text type="secondary">展开一行可查看变更前后的内容；日期范围按北京时间整日计算。</Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
