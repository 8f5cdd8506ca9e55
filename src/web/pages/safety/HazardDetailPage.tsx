import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { ActionForm } from '../../components/action-form/ActionForm.tsx';
import { objectSchema } from '../../components/action-form/jsonSchema.ts';
import type { FormValues } from '../../components/action-form/toPayload.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { ItemAttachmentsCard } from '../../components/work-item/ItemAttachmentsCard.tsx';
import { ItemDocumentsCard } from '../../components/work-item/ItemDocumentsCard.tsx';
import { useAuth } from '../../hooks/auth.tsx';
import { safetyApi, type HazardDetail } from './safetyApi.ts';
import { ItemAccountabilityCard } from '../../components/work-item/ItemAccountabilityCard.tsx';

type Allowed = HazardDetail['allowedActions'][number];
type Upward = HazardDetail['upwardReports'][number];
const shanghaiMinute = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
/** the day of an instant as read in the county (Asia/Shanghai), e.g. 2026-11-17 */
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** One hazard: every ledger field in words, its 治理方案 and decisions, deadlines, the actions the user may take, the timeline. */
export function HazardDetailPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const [version, setVersion] = useState(0);
  const { data: h, loading, error } = useAsync(() => safetyApi.hazard(id), [id, version]);
  const [action, setAction] = useState<Allowed | null>(null);
  const [form] = Form.useForm<FormValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const schema = action ? objectSchema(action.inputSchema) : null;
  const [upward, setUpward] = useState<Upward | null>(null);
  const [upwardText, setUpwardText] = useState('');
  const [upwardOn, setUpwardOn] = useState<Dayjs>(dayjs());
  const [upwardError, setUpwardError] = useState<string | null>(null);

  const openUpward = (u: Upward) => {
    setUpward(u);
    setUpwardText(u.draft ?? '');
    setUpwardOn(dayjs());
    setUpwardError(null);
  };
  const reportUpward = async () => {
    if (!upward) return;
    try {
      await safetyApi.reportUpward(id, upward.id, { content: upwardText.trim() || undefined, reportedOn: upwardOn.format('YYYY-MM-DD') });
      setUpward(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setUpwardError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const submit = async (input: FormValues) => {
    if (!action) return;
    setRefusal(null);
    try {
      await safetyApi.act(id, action.code, input as Record<string, unknown>);
      setAction(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setRefusal(err instanceof ApiError ? err.message : String(err));
    }
  };

  if (loading && !h) return <Spin />;
  if (error || !h) return <Alert type="error" showIcon message={error instanceof Error ? error.message : '未找到该隐患，或您无权查看'} />;
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="hazard-detail">
      <Card
        title={
          <Space wrap>
            <span>{h.refNo}</span>
            <Tag color={h.grade === 'major' ? 'red' : 'default'}>{h.gradeName}</Tag>
            <Tag color={h.state === 'closed' ? 'green' : 'blue'}>{h.stateName}</Tag>
            {h.warningName && h.warningLevel !== 'normal' && <Tag color="red">{h.warningName}</Tag>}
            {h.listed && <Tag color="volcano">挂牌督办</Tag>}
          </Space>
        }
      >
        {h.allowedActions.length > 0 && (
          <Space wrap style={{ marginBottom: 12 }} data-testid="hazard-actions">
            {h.allowedActions.map((a) => (
              <Button key={a.code} onClick={() => setAction(a)} type={a.code === 'verify' || a.code === 'submit' ? 'primary' : 'default'}>
                {a.name}
              </Button>
            ))}
          </Space>
        )}
        {h.closeFlaggedOn && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={`该单位已于 ${h.closeFlaggedOn} 因多次受到行政处罚被提请关闭（安全生产法第一百一十三条）`}
          />
        )}
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="隐患单位">{h.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="行业领域">{h.sectorName}</Descriptions.Item>
          <Descriptions.Item label="属地">{h.townshipName}</Descriptions.Item>
          <Descriptions.Item label="行业主管部门">{dash(h.regulatorName)}</Descriptions.Item>
          <Descriptions.Item label="来源">{h.sourceName}</Descriptions.Item>
          {h.inspectionUnitName && <Descriptions.Item label="检查单位">{h.inspectionUnitName}</Descriptions.Item>}
          {h.inspectionRecordNo && <Descriptions.Item label="检查记录">{h.inspectionRecordNo}</Descriptions.Item>}
          <Descriptions.Item label="类别">{h.category}</Descriptions.Item>
          <Descriptions.Item label="隐患描述" span={2}>
            {h.description}
          </Descriptions.Item>
          <Descriptions.Item label="部位">{dash(h.location)}</Descriptions.Item>
          <Descriptions.Item label="发现日期">{h.foundOn}</Descriptions.Item>
          <Descriptions.Item label="判定依据" span={2}>
            {dash(h.basis)}
          </Descriptions.Item>
          <Descriptions.Item label="整改措施" span={2}>
            {dash(h.measures)}
          </Descriptions.Item>
          <Descriptions.Item label="整改责任人">{dash(h.responsibleName)}</Descriptions.Item>
          <Descriptions.Item label="整改资金（元）">{dash(h.funds)}</Descriptions.Item>
          <Descriptions.Item label="整改期限">{h.dueOn}</Descriptions.Item>
          <Descriptions.Item label="督办级别">{dash(h.supervisionLevelName)}</Descriptions.Item>
          <Descriptions.Item label="临时防范措施" span={2}>
            {dash(h.tempMeasures)}
          </Descriptions.Item>
          <Descriptions.Item label="整改情况" span={2}>
            {dash(h.rectification)}
            {h.rectifiedByName ? `（${h.rectifiedByName}，${h.rectifiedOn}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="复查验收">{h.verifiedByName ? `${h.verifiedByName}，${h.verifiedOn}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="复查结论">{dash(h.verifyConclusion)}</Descriptions.Item>
          <Descriptions.Item label="销号日期">{dash(h.closedOn)}</Descriptions.Item>
          <Descriptions.Item label="停产停业整顿">
            {h.suspended
              ? `已责令${h.resumeAppliedOn ? `；${h.resumeAppliedOn} 申请复产` : ''}${h.resumePassed ? `；${h.resumeCheckedOn} 复产审查合格` : ''}`
              : '否'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {h.grade === 'major' && (
        <Card title="重大事故隐患治理方案" size="small">
          {h.planMissing.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`治理方案尚缺：${h.planMissing.join('、')}`} />}
          {h.plan && (
            <Descriptions column={1} size="small" bordered>
              {h.plan.elements.map((e) => (
                <Descriptions.Item key={e.name} label={e.name}>
                  {e.text}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Card>
      )}
      {h.upwardReports.length > 0 && (
        <Card title="重大隐患上报" size="small" data-testid="hazard-upward">
          {h.upwardReports.map((u) => (
            <div key={u.id} style={{ marginBottom: 12 }}>
              <Space wrap>
                <Typography.Text strong>{u.kindName}</Typography.Text>
                {u.reported ? (
                  <Tag color={u.late ? 'orange' : 'green'}>{u.late ? '已上报（超时）' : '已上报'}</Tag>
                ) : (
                  <Tag color={u.late ? 'red' : 'blue'}>{u.late ? '逾期未上报' : '待上报'}</Tag>
                )}
                <Typography.Text type="secondary">应于 {u.dueAt ? shanghaiMinute(u.dueAt) : (u.dueDate ?? '—')} 前上报</Typography.Text>
                {!u.reported && h.mayReportUpward && (
                  <Button size="small" type="primary" onClick={() => openUpward(u)}>
                    上报
                  </Button>
                )}
              </Space>
              {u.reported && (
                <>
                  <div>
                    {u.reportedOn} 由{u.reportedByName ?? '—'}报送：{u.recipients.join('、')}
                  </div>
                  <Typography.Paragraph
                    type="secondary"
                    style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                    ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}
                  >
                    {u.content}
                  </Typography.Paragraph>
                </>
              )}
            </div>
          ))}
        </Card>
      )}
      {h.escalations.length > 0 && (
        <Card title="升级督办与责任倒查" size="small" data-testid="hazard-escalations">
          {h.escalations.map((e) => (
            <div key={e.id} style={{ marginBottom: 12 }}>
              <Alert
                type="error"
                showIcon
                message={`${shanghaiMinute(e.escalatedAt)} 升级督办至${e.unitName ?? '（未指定单位）'}${e.leaderNames.length ? `（${e.leaderNames.join('、')}）` : ''}`}
                description={e.text}
              />
              <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginTop: 8 }}>
                <Descriptions.Item label="责任单位">{e.responsibleUnitName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="经办人">{e.responsibleUserName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="超期事项" span={2}>
                  {e.overdueText}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Text strong>提醒与督办经过</Typography.Text>
              <Timeline
                style={{ marginTop: 8 }}
                items={e.chain.map((c) => ({
                  color: c.kind === 'escalation' ? 'red' : c.kind === 'notice' ? 'orange' : 'blue',
                  children: (
                    <>
                      <Typography.Text type="secondary">{shanghaiMinute(c.at)}</Typography.Text> {c.text}
                    </>
                  ),
                }))}
              />
            </div>
          ))}
        </Card>
      )}
      {h.decisions.length > 0 && (
        <Card title="执法决定" size="small">
          {h.decisions.map((d) => (
            <Typography.Paragraph key={d.id}>
              {d.decidedOn} {d.kindName}
              {d.docNo ? `（${d.docNo}）` : ''}：{d.content}
              {d.amount ? `，罚款 ${d.amount} 元` : ''}
            </Typography.Paragraph>
          ))}
        </Card>
      )}
      <ItemAttachmentsCard itemId={h.id} title="现场照片与附件" stages={['整改前', '整改后']} mayUpload={!!user && !user.roles.every((r) => r === 'auditor')} />
      <ItemAccountabilityCard workItemId={h.id} />
      <ItemDocumentsCard itemId={h.id} kinds={h.documentKinds} version={version} issue={(kind) => safetyApi.issueDocument(id, kind)} />
      <Card title="期限" size="small">
        {h.deadlines.map((d) => (
          <Typography.Paragraph key={d.id}>
            {d.label}：{d.dueDate ?? '—'}（{d.statusName}）<Typography.Text type="secondary"> {d.explanation}</Typography.Text>
          </Typography.Paragraph>
        ))}
      </Card>
      <Card title="办理记录" size="small">
        <Timeline
          items={h.timeline.map((e) => ({
            children: (
              <>
                <Typography.Text strong>{e.label}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {shanghaiDay(e.at)} {e.actorName}
                </Typography.Text>
                {e.detail && <div>{e.detail}</div>}
              </>
            ),
          }))}
        />
      </Card>
      <Modal
        open={!!upward}
        title={upward ? `上报：${upward.kindName}` : ''}
        okText="确认上报"
        cancelText="取消"
        onOk={() => void reportUpward()}
        onCancel={() => setUpward(null)}
        destroyOnHidden
        width={640}
      >
        <Typography.Paragraph type="secondary">报送县安委办和上级应急管理部门（名单见系统设置）。报告内容已按隐患信息生成，可修改。</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="上报日期" required>
            <DatePicker value={upwardOn} onChange={(d) => d && setUpwardOn(d)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
          </Form.Item>
          <Form.Item label="报告内容">
            <Input.TextArea rows={8} maxLength={4000} showCount value={upwardText} onChange={(e) => setUpwardText(e.target.value)} />
          </Form.Item>
        </Form>
        {upwardError && <Alert type="error" showIcon message={upwardError} />}
      </Modal>
      <Modal open={!!action} title={action?.name} okText="确定" cancelText="取消" onOk={() => form.submit()} onCancel={() => setAction(null)} destroyOnHidden>
        {schema && (
          <ActionForm schema={schema} form={form} renderPicker={() => null} onSubmit={(input) => void submit(input)} testId="hazard-action-form">
            {refusal && <Alert type="error" showIcon message={refusal} />}
          </ActionForm>
        )}
      </Modal>
    </Space>
  );
}
