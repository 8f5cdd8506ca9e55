import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { ActionForm } from '../../components/action-form/ActionForm.tsx';
import { objectSchema } from '../../components/action-form/jsonSchema.ts';
import type { FormValues } from '../../components/action-form/toPayload.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { ItemDocumentsCard } from '../../components/work-item/ItemDocumentsCard.tsx';
import { ItemLinksCard } from '../../components/item-links/ItemLinksCard.tsx';
import { UnitPicker } from '../petitions/Pickers.tsx';
import { disputesApi, type DisputeDetail, type RevealField } from './disputesApi.ts';
import { ItemAccountabilityCard } from '../../components/work-item/ItemAccountabilityCard.tsx';

type Allowed = DisputeDetail['allowedActions'][number];
type Party = DisputeDetail['parties'][number];
/** the day of an instant as read in the county (Asia/Shanghai) */
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const FIELD_NAMES: Record<RevealField, string> = { name: '姓名', idNumber: '身份证号码', phone: '联系电话' };
const FINAL = ['closed', 'failed', 'refused', 'escalated'];
const PRIMARY = ['accept', 'agree', 'sign', 'perform', 'revisit'];

/** One dispute: the record in words, parties (masked, revealed with a reason), mediation, agreement, 司法确认 window, actions, timeline. */
export function DisputeDetailPage() {
  const id = Number(useParams().id);
  const [version, setVersion] = useState(0);
  const { data: d, loading, error } = useAsync(() => disputesApi.get(id), [id, version]);
  const [action, setAction] = useState<Allowed | null>(null);
  const [form] = Form.useForm<FormValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [reveal, setReveal] = useState<{ party: Party; field: RevealField } | null>(null);
  const [reason, setReason] = useState('');
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [revealError, setRevealError] = useState<string | null>(null);
  const schema = action ? objectSchema(action.inputSchema) : null;

  const submit = async (input: FormValues) => {
    if (!action) return;
    setRefusal(null);
    try {
      await disputesApi.act(id, action.code, input as Record<string, unknown>);
      setAction(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setRefusal(err instanceof ApiError ? err.message : String(err));
    }
  };
  const doReveal = async () => {
    if (!reveal) return;
    setRevealError(null);
    try {
      const { value } = await disputesApi.reveal(id, reveal.party.id, reveal.field, reason);
      setRevealed((r) => ({ ...r, [`${reveal.party.id}.${reveal.field}`]: value ?? '—' }));
      setReveal(null);
      setReason('');
    } catch (err) {
      setRevealError(err instanceof ApiError ? err.message : String(err));
    }
  };

  if (loading && !d) return <Spin />;
  if (error || !d) return <Alert type="error" showIcon message={error instanceof Error ? error.message : '未找到该纠纷，或您无权查看'} />;
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
  const shown = (p: Party, field: RevealField) => {
    const full = revealed[`${p.id}.${field}`];
    const masked = p[field];
    if (full) return full;
    if (!masked) return '—';
    return (
      <Space size={4}>
        <span>{masked}</span>
        {d.mayReveal ? (
          <Button size="small" type="link" onClick={() => setReveal({ party: p, field })}>
            查看
          </Button>
        ) : null}
      </Space>
    );
  };
  const confirmOpen = d.agreementForm === 'written' && d.effectiveOn && !d.confirmAppliedOn && d.confirmDueOn;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="dispute-detail">
      <Card
        title={
          <Space wrap>
            <span>{d.refNo}</span>
            <Tag color={FINAL.includes(d.state) ? (d.state === 'closed' ? 'green' : 'default') : 'blue'}>{d.stateName}</Tag>
            {d.urgent && <Tag color="red">紧急：{d.riskName}</Tag>}
            {d.levelName && <Tag>化解层级：{d.levelName}</Tag>}
          </Space>
        }
      >
        {d.allowedActions.length > 0 && (
          <Space wrap style={{ marginBottom: 12 }} data-testid="dispute-actions">
            {d.allowedActions.map((a) => (
              <Button key={a.code} onClick={() => setAction(a)} type={PRIMARY.includes(a.code) ? 'primary' : 'default'} data-testid={`action-${a.code}`}>
                {a.name}
              </Button>
            ))}
          </Space>
        )}
        {d.urgent && d.protectionRoutes.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={`本纠纷${d.riskName}，已立即移交有关单位介入。法定保护途径：`}
            description={d.protectionRoutes.map((r) => (
              <div key={r.name}>
                {r.name}（{r.source}）
              </div>
            ))}
          />
        )}
        {confirmOpen && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="confirm-window"
            message={`司法确认：双方当事人可在 ${d.confirmDueOn} 前共同向人民法院申请司法确认（协议自 ${d.effectiveOn} 起生效；《中华人民共和国人民调解法》第三十三条）`}
          />
        )}
        {d.routesTold.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`已告知当事人可以通过以下途径维护自己的权利：${d.routesTold.join('、')}（${d.routesSource}）`}
          />
        )}
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="纠纷类型">{d.typeName}</Descriptions.Item>
          <Descriptions.Item label="来源">{d.sourceName}</Descriptions.Item>
          <Descriptions.Item label="发生地">
            {d.townshipName && d.townshipName !== d.placeName ? `${d.townshipName} ${d.placeName}` : d.placeName}
            {d.place ? `，${d.place}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="调处单位">{d.ownerName}</Descriptions.Item>
          <Descriptions.Item label="纠纷简要情况" span={2}>
            {d.facts}
          </Descriptions.Item>
          <Descriptions.Item label="涉及人数">{d.peopleCount}</Descriptions.Item>
          <Descriptions.Item label="涉及金额（元）">{dash(d.amount)}</Descriptions.Item>
          <Descriptions.Item label="登记日期">{d.foundOn}</Descriptions.Item>
          <Descriptions.Item label="受理日期">{dash(d.acceptedOn)}</Descriptions.Item>
          <Descriptions.Item label="调解途径">{dash(d.mediationKindName)}</Descriptions.Item>
          <Descriptions.Item label={d.mediationKind === 'administrative' ? '主持调解的行政机关 / 调解人员' : '调解组织 / 调解员'}>
            {[d.mediationKind === 'administrative' ? d.mediatingUnitName : d.committee, d.mediatorName].filter(Boolean).join(' / ') || '—'}
          </Descriptions.Item>
          {d.mediationKind === 'judicial' && (
            <>
              <Descriptions.Item label="人民法院">
                {dash(d.courtName)}（{dash(d.courtReferralName)}）
              </Descriptions.Item>
              <Descriptions.Item label="案号">{dash(d.courtCaseNo)}</Descriptions.Item>
              <Descriptions.Item label="人民法院确定的调解期限">{dash(d.courtDueOn)}</Descriptions.Item>
              <Descriptions.Item label="回复人民法院">{d.courtReportedOn ? `${d.courtReportedOn} ${d.courtReport ?? ''}` : '尚未回复'}</Descriptions.Item>
            </>
          )}
          {d.riskNote && (
            <Descriptions.Item label="风险情况" span={2}>
              {d.riskNote}
            </Descriptions.Item>
          )}
          {d.refusedParty && (
            <Descriptions.Item label="不予调解" span={2}>
              {d.refusedParty}：{d.refusedReason}
            </Descriptions.Item>
          )}
          {d.failureReason && (
            <Descriptions.Item label={d.state === 'escalated' ? '升级原因' : '调解不成的原因'} span={2}>
              {d.failureReason}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="调处结果">{dash(d.outcomeName)}</Descriptions.Item>
          <Descriptions.Item label="办结日期">{dash(d.closedOn)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="当事人" size="small">
        <Typography.Paragraph type="secondary">个人信息已部分隐藏；查看完整信息须说明理由，系统记录查看人和理由。</Typography.Paragraph>
        <Table<Party>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.parties}
          scroll={{ x: 600 }}
          columns={[
            { title: '类别', dataIndex: 'roleName', width: 110 },
            { title: '姓名或名称', key: 'name', render: (_: unknown, p) => shown(p, 'name') },
            { title: '身份证号码', key: 'idNumber', render: (_: unknown, p) => shown(p, 'idNumber') },
            { title: '联系电话', key: 'phone', render: (_: unknown, p) => shown(p, 'phone') },
          ]}
        />
      </Card>
      {d.sessions.length > 0 && (
        <Card title="调解记录" size="small">
          {d.sessions.map((s) => (
            <Typography.Paragraph key={s.id}>
              <Typography.Text strong>{s.heldOn}</Typography.Text> {s.place ? `在${s.place}，` : ''}
              {s.mediators}主持调解：{s.record}
            </Typography.Paragraph>
          ))}
        </Card>
      )}
      {d.agreementForm && (
        <Card title={`调解协议（${d.agreementFormName}）`} size="small" data-testid="dispute-agreement">
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label="达成日期">{dash(d.agreedOn)}</Descriptions.Item>
            <Descriptions.Item label="生效日期">{d.effectiveOn ?? '待各方签名、调解员签名并加盖调解委员会印章'}</Descriptions.Item>
            {d.points && (
              <Descriptions.Item label="主要事实、争议事项" span={2}>
                {d.points}
              </Descriptions.Item>
            )}
            {d.responsibility && (
              <Descriptions.Item label="各方责任" span={2}>
                {d.responsibility}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="协议内容" span={2}>
              {dash(d.terms)}
            </Descriptions.Item>
            <Descriptions.Item label="履行方式">{dash(d.performMethod)}</Descriptions.Item>
            <Descriptions.Item label="履行期限">{dash(d.performDueOn)}</Descriptions.Item>
            <Descriptions.Item label="履行情况" span={2}>
              {d.performedOn ? `${d.performedOn} ${d.performNote ?? ''}` : '尚未履行完毕'}
            </Descriptions.Item>
            <Descriptions.Item label="司法确认">
              {d.confirmAppliedOn
                ? `${d.confirmAppliedOn} 向${d.confirmCourt ?? '人民法院'}申请${d.confirmResultName ? `，${d.confirmResultName}` : ''}`
                : '未申请'}
            </Descriptions.Item>
            <Descriptions.Item label="回访">{d.revisitOn ? `${d.revisitOn} ${d.revisitNote ?? ''}` : '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <ItemDocumentsCard itemId={d.id} kinds={d.documentKinds} version={version} issue={(kind) => disputesApi.issueDocument(id, kind)} />
      <ItemAccountabilityCard workItemId={d.id} />
      <ItemLinksCard workItemId={d.id} />
      <Card title="期限" size="small">
        {d.deadlines.length === 0 && <Typography.Text type="secondary">受理后开始计算调结期限。</Typography.Text>}
        {d.deadlines.map((x) => (
          <Typography.Paragraph key={x.id}>
            {x.label}：{x.dueDate ?? '—'}（{x.statusName}）<Typography.Text type="secondary"> {x.explanation}</Typography.Text>
          </Typography.Paragraph>
        ))}
      </Card>
      <Card title="办理记录" size="small">
        <Timeline
          items={d.timeline.map((e) => ({
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
      <Modal open={!!action} title={action?.name} okText="确定" cancelText="取消" onOk={() => form.submit()} onCancel={() => setAction(null)} destroyOnHidden>
        {schema && (
          <ActionForm
            schema={schema}
            form={form}
            renderPicker={(kind) => (kind === 'unit' ? <UnitPicker /> : null)}
            onSubmit={(input) => void submit(input)}
            testId="dispute-action-form"
          >
            {refusal && <Alert type="error" showIcon message={refusal} />}
          </ActionForm>
        )}
      </Modal>
      <Modal
        open={!!reveal}
        title={reveal ? `查看当事人${FIELD_NAMES[reveal.field]}` : ''}
        okText="查看"
        cancelText="取消"
        onOk={() => void doReveal()}
        onCancel={() => setReveal(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>请说明查看理由（记入审计日志）：</Typography.Paragraph>
        <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="如：电话通知当事人参加调解" />
        {revealError && <Alert type="error" showIcon message={revealError} style={{ marginTop: 8 }} />}
      </Modal>
    </Space>
  );
}
