import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Grid, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLegalRules } from '../../hooks/useLegalRules.ts';
import type { LegalRule } from '../../api/types.ts';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal.tsx';
import { EnterpriseFormModal } from './EnterpriseFormModal.tsx';
import { safetyApi, type EnterpriseDetail, type HazardRow, type RevealField } from './safetyApi.ts';
import { accidentsApi, type AccidentList } from './accidents/accidentsApi.ts';

const GRADE_COLOR: Record<string, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue' };
/** The licence reminder's notice in days (legal rule haz.licence.remind, configured by the county); until it loads, none. */
function reminderDays(rules: readonly LegalRule[] | undefined): number {
  const rule = rules?.find((r) => r.key === 'haz.licence.remind');
  if (!rule) return 0;
  return rule.unit === 'months' ? rule.amount * 30 : rule.unit === 'hours' ? Math.ceil(rule.amount / 24) : rule.amount;
}

function expiryTag(expiresOn: string, soonDays: number) {
  const days = dayjs(expiresOn).diff(dayjs().startOf('day'), 'day');
  if (days < 0) return <Tag color="red">已过期 {-days} 天</Tag>;
  if (days <= soonDays) return <Tag color="orange">{days === 0 ? '今天到期' : `${days} 天后到期`}</Tag>;
  return <Tag color="green">有效</Tag>;
}

/**
 * 企业（场所）详情: the register entry (personal data masked, revealed with a reason), licences with expiry warnings, its
 * hazards, its accidents, its inspections, its accounts.
 */
export function EnterpriseDetailPage() {
  const id = Number(useParams().id);
  const soonDays = reminderDays(useLegalRules());
  const navigate = useNavigate();
  // on a phone the buttons go under the name: beside it they would cut the enterprise's name off
  const narrow = !Grid.useBreakpoint().md;
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const { data: e, loading, error } = useAsync(() => safetyApi.enterprise(id), [id, version]);
  const hazards = useAsync(() => (e ? safetyApi.hazards({ enterpriseId: e.id, pageSize: 50, page: 1 }) : Promise.resolve(undefined)), [e?.id, version]);
  const accidents = useAsync(() => (e ? accidentsApi.list({ enterpriseId: e.id, pageSize: 50, page: 1 }) : Promise.resolve(undefined)), [e?.id]);
  const [editing, setEditing] = useState(false);
  const [revealed, setRevealed] = useState<Partial<Record<RevealField, string>>>({});
  const [revealing, setRevealing] = useState<{ field: RevealField; name: string } | null>(null);
  const [reason, setReason] = useState('');
  const [opening, setOpening] = useState(false);
  const [accountForm] = Form.useForm<{ username: string; displayName: string }>();
  const [secret, setSecret] = useState<{ title: string; who: string; password: string } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  if (loading && !e) return <Spin />;
  if (error || !e) return <Alert type="error" showIcon message={error instanceof Error ? error.message : '未找到该企业（场所），或您无权查看'} />;

  const reveal = async () => {
    if (!revealing) return;
    try {
      const { value } = await safetyApi.reveal(e.id, revealing.field, reason.trim());
      setRevealed((r) => ({ ...r, [revealing.field]: value ?? '未登记' }));
      setRevealing(null);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '查看失败');
    }
  };
  const personal = (field: RevealField, name: string, masked: string | null) =>
    masked === null ? (
      '—'
    ) : (
      <Space size={4}>
        <span>{revealed[field] ?? masked}</span>
        {!revealed[field] && (
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            onClick={() => {
              setReason('');
              setRevealing({ field, name });
            }}
          >
            查看完整
          </Button>
        )}
      </Space>
    );
  const openAccount = async (v: { username: string; displayName: string }) => {
    setRefusal(null);
    try {
      const made = await safetyApi.createAccount(e.id, v);
      setOpening(false);
      accountForm.resetFields();
      if (made.initialPassword) setSecret({ title: '企业账户已开通', who: `${v.displayName}（登录名 ${made.username}）`, password: made.initialPassword });
      else message.success('企业账户已开通');
      setVersion((x) => x + 1);
    } catch (err) {
      setRefusal(err instanceof ApiError ? err.message : String(err));
    }
  };
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
  const mine = hazards.data?.items ?? [];
  const actions = (
    <Space wrap>
      {e.mayEdit && (
        <Button type="primary" onClick={() => setEditing(true)}>
          修改登记信息
        </Button>
      )}
      <Button onClick={() => navigate('/safety/enterprises')}>返回登记册</Button>
    </Space>
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="enterprise-detail">
      <Card
        title={
          <Space wrap>
            <span>{e.name}</span>
            {e.riskGradeName && <Tag color={GRADE_COLOR[e.riskGrade ?? '']}>{e.riskGradeName}</Tag>}
          </Space>
        }
        extra={narrow ? null : actions}
        styles={{ title: { whiteSpace: 'normal' } }}
      >
        {narrow && <div style={{ marginBottom: 12 }}>{actions}</div>}
        {e.closeFlaggedOn && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={`该单位已于 ${e.closeFlaggedOn} 因多次受到行政处罚被提请关闭（安全生产法第一百一十三条）`}
          />
        )}
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="统一社会信用代码">{dash(e.creditCode)}</Descriptions.Item>
          <Descriptions.Item label="行业领域">{e.sectorName}</Descriptions.Item>
          <Descriptions.Item label="属地乡镇（街道）">{e.townshipName}</Descriptions.Item>
          <Descriptions.Item label="行业主管部门">{dash(e.regulatorName)}</Descriptions.Item>
          <Descriptions.Item label="第一责任人">{personal('legalRepName', '第一责任人姓名', e.legalRepName)}</Descriptions.Item>
          <Descriptions.Item label="第一责任人电话">{personal('legalRepPhone', '第一责任人电话', e.legalRepPhone)}</Descriptions.Item>
          <Descriptions.Item label="安全联系人">{dash(e.contactName)}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{personal('contactPhone', '联系电话', e.contactPhone)}</Descriptions.Item>
          <Descriptions.Item label="地址" span={2}>
            {dash(e.address)}
          </Descriptions.Item>
          <Descriptions.Item label="坐标">{e.longitude !== null && e.latitude !== null ? `东经 ${e.longitude}，北纬 ${e.latitude}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="从业人数">{dash(e.employees)}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title="证照" size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.licences}
          locale={{ emptyText: '未登记证照' }}
          scroll={{ x: 520 }}
          columns={[
            { title: '证照名称', dataIndex: 'name' },
            { title: '证号', dataIndex: 'number', width: 160, render: (v: string | null) => v ?? '—' },
            { title: '有效期至', dataIndex: 'expiresOn', width: 110 },
            { title: '状态', key: 'state', width: 130, render: (_: unknown, l: EnterpriseDetail['licences'][number]) => expiryTag(l.expiresOn, soonDays) },
          ]}
        />
      </Card>

      <Card
        title="隐患"
        size="small"
        extra={e.openHazards > 0 ? <Link to={`/safety/hazards?q=${encodeURIComponent(e.name)}`}>在隐患台账中查看（未销号 {e.openHazards} 条）</Link> : null}
      >
        <Table<HazardRow>
          rowKey="id"
          size="small"
          loading={hazards.loading}
          pagination={false}
          dataSource={mine}
          locale={{ emptyText: '没有登记隐患' }}
          scroll={{ x: 640 }}
          columns={[
            { title: '隐患编号', dataIndex: 'refNo', width: 150, render: (v: string, r) => <Link to={`/safety/hazards/${r.id}`}>{v}</Link> },
            { title: '隐患描述', dataIndex: 'description', ellipsis: true },
            { title: '级别', dataIndex: 'gradeName', width: 90 },
            { title: '整改期限', dataIndex: 'dueOn', width: 110 },
            { title: '状态', dataIndex: 'stateName', width: 90, render: (v: string, r) => <Tag color={r.state === 'closed' ? 'green' : 'blue'}>{v}</Tag> },
          ]}
        />
      </Card>

      <Card title="生产安全事故" size="small">
        <Table<AccidentList['items'][number]>
          rowKey="id"
          size="small"
          loading={accidents.loading}
          pagination={false}
          dataSource={accidents.data?.items ?? []}
          locale={{ emptyText: '没有登记的生产安全事故' }}
          scroll={{ x: 640 }}
          columns={[
            { title: '事故编号', dataIndex: 'refNo', width: 150, render: (v: string, r) => <Link to={`/safety/accidents/${r.id}`}>{v}</Link> },
            { title: '发生时间', dataIndex: 'occurredAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
            { title: '类别', dataIndex: 'typeName', width: 110 },
            { title: '等级', dataIndex: 'gradeName', width: 100 },
            { title: '伤亡', key: 'casualties', width: 120, render: (_: unknown, r) => `死亡 ${r.deaths} 人，重伤 ${r.seriousInjuries} 人` },
            { title: '状态', dataIndex: 'stateName', width: 90, render: (v: string, r) => <Tag color={r.open ? 'blue' : 'green'}>{v}</Tag> },
          ]}
        />
      </Card>

      <Card title="监督检查" size="small">
        <Table<EnterpriseDetail['inspections'][number]>
          rowKey="targetId"
          size="small"
          pagination={false}
          dataSource={e.inspections}
          locale={{ emptyText: '没有检查记录' }}
          scroll={{ x: 640 }}
          columns={[
            { title: '检查计划', dataIndex: 'planTitle', ellipsis: true },
            { title: '方式', dataIndex: 'kindName', width: 120 },
            { title: '检查单位', dataIndex: 'unitName', width: 160 },
            { title: '检查日期', key: 'on', width: 110, render: (_: unknown, r) => r.inspectedOn ?? `${r.periodFrom} 至 ${r.periodTo}` },
            { title: '检查记录', dataIndex: 'recordNo', width: 170, render: (v: string | null) => v ?? '—' },
            {
              title: '结果',
              dataIndex: 'resultName',
              width: 100,
              render: (v: string, r) => <Tag color={r.recordNo === null ? 'default' : v === '发现隐患' ? 'orange' : 'green'}>{v}</Tag>,
            },
          ]}
        />
      </Card>

      {(e.mayManageAccounts || e.accounts.length > 0) && (
        <Card
          title="企业账户"
          size="small"
          extra={
            e.mayManageAccounts ? (
              <Button size="small" onClick={() => setOpening(true)} data-testid="open-account">
                开通企业账户
              </Button>
            ) : null
          }
        >
          <Typography.Paragraph type="secondary">企业账户只能查看本企业及其隐患、自查自报隐患和上传整改照片；首次登录须修改密码。</Typography.Paragraph>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={e.accounts}
            locale={{ emptyText: '尚未开通企业账户' }}
            columns={[
              { title: '登录名', dataIndex: 'username' },
              { title: '姓名（名称）', dataIndex: 'displayName' },
              { title: '状态', dataIndex: 'disabled', width: 90, render: (d: boolean) => (d ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>) },
            ]}
          />
        </Card>
      )}

      <EnterpriseFormModal
        open={editing}
        enterprise={e}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          setRevealed({});
          message.success('登记信息已保存');
          setVersion((x) => x + 1);
        }}
      />
      <Modal
        open={!!revealing}
        title={`查看完整的${revealing?.name ?? ''}`}
        okText="查看"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim() === '' }}
        onOk={() => void reveal()}
        onCancel={() => setRevealing(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>个人信息受保护，查看须说明理由，理由和查看人记入审计。</Typography.Paragraph>
        <Input.TextArea
          aria-label="查看理由"
          rows={2}
          maxLength={200}
          value={reason}
          placeholder="如：联系企业核实隐患整改情况"
          onChange={(x) => setReason(x.target.value)}
        />
      </Modal>
      <Modal
        open={opening}
        title="开通企业账户"
        okText="开通"
        cancelText="取消"
        onOk={() => accountForm.submit()}
        onCancel={() => setOpening(false)}
        destroyOnHidden
      >
        <Form form={accountForm} layout="vertical" initialValues={{ displayName: e.name }} onFinish={(v) => void openAccount(v)}>
          <Form.Item
            name="username"
            label="登录名"
            rules={[{ required: true, message: '请填写登录名' }]}
            extra="以字母开头，3–32 位字母、数字或 _ . -，如 qy_yongxing"
          >
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label="显示名称" rules={[{ required: true, message: '请填写显示名称' }]}>
            <Input maxLength={30} />
          </Form.Item>
          {refusal && <Alert type="error" showIcon message={refusal} />}
        </Form>
      </Modal>
      <OneTimeSecretModal secret={secret} onClose={() => setSecret(null)} />
    </Space>
  );
}
