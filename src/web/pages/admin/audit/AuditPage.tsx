import { useState } from 'react';
import { Alert, Button, Card, Space, Tag, Typography, Upload } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, FileProtectOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { auditApi } from '../../../api/endpoints.ts';
import { ListPage } from '../../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../../components/list-page/useListQuery.ts';
import type { AuditEvent, AuditVerifyResult } from '../../../api/types.ts';
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

/** The family of an action code, named, to tell apart two actions of the same name (领导批示 of 事项 and of 督办). */
const FAMILY: Record<string, string> = {
  auth: '登录',
  user: '用户',
  unit: '单位',
  deadline: '期限',
  calendar: '日历',
  rule: '时限规则',
  work_item: '事项',
  item: '事项',
  supervision: '督办',
  petition: '信访',
  personal: '个人信息',
};

/** Action options by name only; a name two actions share gets its family (领导批示（督办）). */
function actionOptions(actions: readonly { code: string; name: string }[]): { value: string; label: string }[] {
  const count = new Map<string, number>();
  for (const a of actions) count.set(a.name, (count.get(a.name) ?? 0) + 1);
  return actions.map((a) => {
    const family = FAMILY[a.code.slice(0, a.code.indexOf('.'))] ?? '其他';
    return { value: a.code, label: (count.get(a.name) ?? 0) > 1 ? `${a.name}（${family}）` : a.name };
  });
}

const KEYS = ['action', 'entityType', 'entityId', 'actor', 'from', 'to'] as const;
type Key = (typeof KEYS)[number];
const SPEC = { keys: KEYS };

/** 审计日志: every change with who, when, from where and what it changed; and the hash-chain check. */
export function AuditPage() {
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const showError = useApiError();
  const vocabulary = useAsync(() => auditApi.vocabulary(), []);

  const list = useListQuery(SPEC, (st): Promise<{ items: AuditEvent[]; total: number }> =>
    auditApi.events({ ...st.filters, page: st.page, pageSize: st.pageSize }),
  );
  const entityName = (code: string | null) => (code ? (vocabulary.data?.entityTypes.find((e) => e.code === code)?.name ?? '其他对象') : '—');

  /** checkpoints: files exported earlier (导出检查点), read in the browser and sent as they are */
  const runVerify = async (checkpoints?: unknown[]) => {
    setVerifying(true);
    try {
      setVerify(await auditApi.verify(checkpoints));
    } catch (err) {
      showError(err);
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableProps<AuditEvent>['columns'] = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => showTime(at) },
    { title: '操作人', dataIndex: 'actorName', width: 130, ellipsis: true, render: (n: string | null) => n ?? '—' },
    {
      title: '操作',
      dataIndex: 'actionName',
      width: 150,
      // the code stays a data attribute (filters, support), people read the name
      render: (name: string, e) => <span data-action={e.action}>{name}</span>,
    },
    {
      title: '对象',
      key: 'entity',
      width: 190,
      ellipsis: true,
      // by name (case number, unit, person); the bare type when the object has no name to show
      render: (_: unknown, e) => (e.entityType ? `${entityName(e.entityType)}${e.entityName ? ` ${e.entityName}` : ''}` : '—'),
    },
    { title: '经过', dataIndex: 'detail', key: 'detail', width: 320, ellipsis: { showTitle: true }, render: (d: string) => d || '—' },
    {
      title: '所在单位',
      dataIndex: 'actorUnitName',
      width: 150,
      ellipsis: true,
      render: (n: string | null | undefined) => n ?? '—',
    },
    { title: '来源 IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
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
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            beforeUpload={(file) => {
              void file
                .text()
                .then((text) => runVerify([JSON.parse(text) as unknown]))
                .catch(() => setVerify({ ok: false, count: 0, checkpoints: 0, reason: `${file.name} 不是审计检查点文件（JSON）` }));
              return false; // read here; only its content is sent
            }}
          >
            <Button icon={<FileProtectOutlined />} loading={verifying}>
              用检查点校验…
            </Button>
          </Upload>
          <Button icon={<DownloadOutlined />} href={auditApi.checkpointUrl()}>
            导出检查点
          </Button>
          <Typography.Text type="secondary">
            用本系统密钥逐条重算哈希，检查是否有记录被修改、删除或重排。定期导出检查点并保存在服务器之外：用它校验，可发现链尾被删除。
          </Typography.Text>
        </Space>
        {verify && (
          <Alert
            style={{ marginTop: 12 }}
            data-testid="audit-verify-result"
            showIcon
            type={verify.ok ? 'success' : 'error'}
            title={
              verify.ok
                ? `审计链完整：共 ${verify.count} 条事件，哈希逐条相符${verify.checkpoints ? `，经过所附检查点` : ''}`
                : verify.brokenSeq
                  ? `审计链已被破坏：第 ${verify.brokenSeq} 号事件${verify.actionName ? `（${verify.actionName}）` : ''}`
                  : '校验未完成'
            }
            description={
              verify.ok ? undefined : (
                <Space orientation="vertical" size={4}>
                  <span>{verify.reason}</span>
                  {verify.brokenSeq !== undefined && <span>此前 {verify.count} 条事件校验通过。请立即保全数据库并报告安全负责人。</span>}
                </Space>
              )
            }
          />
        )}
      </Card>
      <Card>
        <ListPage<AuditEvent, Key>
          bare
          list={list}
          testId="audit-table"
          toolbarTestId="audit-filters"
          rowKey="seq"
          columns={columns}
          scrollX={1280}
          unit="条"
          emptyText="没有符合条件的审计事件"
          filters={[
            { type: 'dateRange', from: 'from', to: 'to', placeholder: ['开始日期', '结束日期'] },
            {
              type: 'select',
              key: 'action',
              placeholder: '操作类型',
              width: 220,
              searchable: true,
              options: [
                { label: '按类别', options: ACTION_GROUPS.map((a) => ({ value: a.code, label: a.name })) },
                { label: '具体操作', options: actionOptions(vocabulary.data?.actions ?? []) },
              ],
            },
            {
              type: 'select',
              key: 'entityType',
              placeholder: '对象类型',
              width: 130,
              options: (vocabulary.data?.entityTypes ?? []).map((e) => ({ value: e.code, label: e.name })),
            },
            { type: 'search', key: 'entityId', placeholder: '对象编号', width: 150 },
            { type: 'search', key: 'actor', placeholder: '操作人（姓名或用户名）', width: 210 },
          ]}
          toolbarExtra={<Button onClick={list.reload}>刷新</Button>}
          tableProps={{
            onRow: (e) =>
              verify && !verify.ok && e.seq === verify.brokenSeq
                ? ({ style: { background: '#fff1f0' }, 'data-broken': 'true' } as React.HTMLAttributes<HTMLElement>)
                : {},
            expandable: { expandedRowRender: (e) => <AuditDiffView event={e} /> },
          }}
          below={
            <Space size={4} style={{ marginTop: 8 }}>
              <Tag>提示</Tag>
              <Typography.Text type="secondary">展开一行可查看变更前后的内容；日期范围按北京时间整日计算。</Typography.Text>
            </Space>
          }
        />
      </Card>
    </div>
  );
}
