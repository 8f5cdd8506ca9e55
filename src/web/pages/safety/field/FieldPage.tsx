import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { CloudUploadOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../../../hooks/auth.tsx';
import { rememberFieldUser, storedFieldUser } from '../../../hooks/offlineFieldUser.ts';
import { useField, type FieldState } from './useField.ts';
import { RecordForm } from './RecordForm.tsx';
import { beijingDay, beijingTime } from './checks.ts';
import type { FieldTarget, OutboxEntry, SentEntry } from './types.ts';
import './field.css';

const time = (iso: string) => beijingTime(iso);
const day = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * 现场检查 (/safety/field): the inspector's phone page. The targets are downloaded once with a connection and kept on
 * the phone (IndexedDB), so the page works in a valley; records wait in the phone's outbox and are sent when the
 * connection returns, once each; refusals stay as 需要处理 with what to do.
 */
export function FieldPage() {
  const { user, refresh, unreachable } = useAuth();
  const offline = !user && unreachable ? storedFieldUser() : null;
  useEffect(() => {
    if (user) rememberFieldUser(user);
  }, [user]);
  // reopened without signal: check the session when the connection returns, and every 15 seconds meanwhile
  useEffect(() => {
    if (user) return;
    const check = () => void refresh();
    window.addEventListener('online', check);
    const timer = setInterval(check, 15_000);
    return () => {
      window.removeEventListener('online', check);
      clearInterval(timer);
    };
  }, [user, refresh]);
  useEffect(registerShellWorker, []);
  const who = user ?? offline;
  if (!who) return null;
  return <FieldScreen userId={who.id} signedIn={!!user} />;
}

/** The service worker that lets the page reopen without signal — only where browsers allow one (HTTPS, localhost). */
function registerShellWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/field-sw.js', { scope: '/' }).catch(() => undefined);
}

function FieldScreen({ userId, signedIn }: { userId: number; signedIn: boolean }) {
  const field = useField(userId);
  const { resend, refresh } = field;
  // signed in again after reopening offline: what waited goes now, then the targets are brought up to date
  useEffect(() => {
    if (signedIn) void resend().then(refresh);
  }, [signedIn, resend, refresh]);
  const { targetId } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<OutboxEntry | undefined>();
  const data = field.cached?.data;

  if (field.loading) return <Spin size="large" className="field-spin" />;
  if (targetId) {
    const target = data?.targets.find((t) => t.id === Number(targetId));
    if (!target?.checklist)
      return (
        <div className="field-page">
          <Alert
            type="warning"
            showIcon
            title={target ? '该检查计划未指定检查表，不能在手机上填写，请与制定计划的单位联系。' : '本机没有这个检查任务，请联网后刷新检查任务。'}
          />
          <Button size="large" block style={{ marginTop: 12 }} onClick={() => navigate('/safety/field')}>
            返回检查任务
          </Button>
        </div>
      );
    return (
      <div className="field-page">
        <RecordForm
          key={`${target.id}-${editing?.key ?? 'new'}`}
          target={target}
          userId={userId}
          hazardCategories={data?.hazardCategories ?? []}
          editing={editing?.targetId === target.id ? editing : undefined}
          onCancel={() => {
            setEditing(undefined);
            navigate('/safety/field');
          }}
          onSaved={async (entry) => {
            await field.save(entry);
            setEditing(undefined);
            void message.success(navigator.onLine ? '已保存，正在发送' : '已保存在本手机，联网后自动发送');
            navigate('/safety/field');
            window.scrollTo({ top: 0 });
          }}
        />
      </div>
    );
  }

  return (
    <div className="field-page">
      <StatusBar field={field} signedIn={signedIn} />
      <OutboxCards
        field={field}
        onEdit={(e) => {
          setEditing(e);
          navigate(`/safety/field/${e.targetId}`);
        }}
      />
      <Typography.Title level={5} className="field-section">
        检查任务{data ? `（${day(data.today)}起 7 天内）` : ''}
      </Typography.Title>
      {!data && !field.downloading && <Empty description={field.online ? '还没有下载检查任务' : '本机还没有检查任务：请在有网络的地方打开本页下载一次'} />}
      {data && data.targets.length === 0 && <Empty description="近 7 天没有安排您检查的对象" />}
      {data?.targets.map((t) => (
        <TargetCard key={t.id} target={t} today={data.today} field={field} onOpen={() => navigate(`/safety/field/${t.id}`)} />
      ))}
      <SentList sent={field.sent} />
    </div>
  );
}

function StatusBar({ field, signedIn }: { field: FieldState; signedIn: boolean }) {
  const waiting = field.outbox.filter((e) => e.state === 'waiting').length;
  const refused = field.outbox.filter((e) => e.state === 'refused').length;
  const today = beijingDay(new Date());
  const sentToday = field.sent.filter((s) => beijingDay(new Date(s.sentAt)) === today).length;
  return (
    <Card size="small" className="field-card field-status" data-testid="field-status">
      <Typography.Title level={4} className="field-title">
        现场检查
      </Typography.Title>
      <div className="field-status-row">
        {field.online ? <Tag color="green">在线</Tag> : <Tag color="orange">离线：记录先保存在本手机</Tag>}
        <span data-testid="queue-waiting">待发送 {waiting} 条</span>
        {refused > 0 && (
          <span className="field-warn" data-testid="queue-refused">
            需要处理 {refused} 条
          </span>
        )}
        <span data-testid="queue-sent">今天已发送 {sentToday} 条</span>
      </div>
      {field.cached && <div className="field-muted">检查任务下载于 {time(field.cached.downloadedAt)}</div>}
      {field.downloadError && <div className="field-warn">{field.downloadError}</div>}
      {!signedIn && <div className="field-warn">没有网络，暂时无法确认登录状态：可以继续检查和提交，联网后自动确认并发送。</div>}
      {!field.persistent && <div className="field-warn">本浏览器不能在手机上保存记录：请保持本页打开，直到记录发送完毕。</div>}
      <div className="field-status-buttons">
        <Button size="large" icon={<ReloadOutlined />} loading={field.downloading} onClick={() => void field.refresh()}>
          刷新任务
        </Button>
        <Button
          size="large"
          icon={<CloudUploadOutlined />}
          loading={field.syncing}
          disabled={!field.online || waiting === 0}
          onClick={() => void field.resend()}
        >
          重新发送
        </Button>
      </div>
    </Card>
  );
}

function OutboxCards({ field, onEdit }: { field: FieldState; onEdit: (e: OutboxEntry) => void }) {
  if (!field.outbox.length) return null;
  return (
    <>
      <Typography.Title level={5} className="field-section">
        本机保存、尚未发送的记录
      </Typography.Title>
      {field.outbox.map((e) => (
        <Card size="small" key={e.key} className={`field-card ${e.state === 'refused' ? 'field-refused' : ''}`} data-testid="outbox-entry">
          <div className="field-item-title">{e.enterpriseName}</div>
          <div className="field-muted">
            {e.planTitle} · 填写于 {time(e.savedAt)}
            {e.attempts > 0 && ` · 已尝试发送 ${e.attempts} 次`}
          </div>
          <div className="field-entry-state">{e.state === 'waiting' ? <Tag color="orange">待发送</Tag> : <Tag color="red">需要处理</Tag>}</div>
          {!e.problem && <div className="field-muted">有网络时自动发送，无需操作。</div>}
          {e.problem && (
            <div className="field-problem">
              <div>{e.problem.message}</div>
              <div className="field-muted">处理办法：{e.problem.advice}</div>
            </div>
          )}
          <Space wrap className="field-entry-actions">
            {e.state === 'refused' && e.problem?.editable !== false && (
              <Button size="large" onClick={() => onEdit(e)}>
                修改后重新提交
              </Button>
            )}
            <Button size="large" disabled={field.syncing} onClick={() => void field.resend(e.key)}>
              重新发送
            </Button>
            {e.state === 'refused' && (
              <Popconfirm
                title="删除后本机不再保留这份记录（照片和签名一并删除），确定吗？"
                okText="删除"
                cancelText="保留"
                onConfirm={() => void field.remove(e.key)}
              >
                <Button size="large" danger>
                  删除本机记录
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Card>
      ))}
    </>
  );
}

function TargetCard({ target, today, field, onOpen }: { target: FieldTarget; today: string; field: FieldState; onOpen: () => void }) {
  const queued = field.outbox.find((e) => e.targetId === target.id);
  const sent = field.sent.find((s) => s.targetId === target.id);
  let status = <Tag color="blue">待检查</Tag>;
  let open = !!target.checklist;
  if (target.recorded) {
    status = (
      <Tag color="green">
        已检查（{target.recorded.inspector}，{target.recorded.recordNo}）
      </Tag>
    );
    open = false;
  } else if (sent) {
    status = <Tag color="green">已发送（{sent.recordNo}）</Tag>;
    open = false;
  } else if (queued) {
    status = queued.state === 'waiting' ? <Tag color="orange">已填写，待发送</Tag> : <Tag color="red">需要处理</Tag>;
    open = false;
  }
  return (
    <Card
      size="small"
      className={`field-card field-target${open ? ' field-target-open' : ''}`}
      data-testid="field-target"
      onClick={open ? onOpen : undefined}
      role={open ? 'button' : undefined}
      tabIndex={open ? 0 : undefined}
      onKeyDown={open ? (e) => e.key === 'Enter' && onOpen() : undefined}
    >
      <div className="field-target-row">
        <div style={{ minWidth: 0 }}>
          <div className="field-item-title">{target.enterpriseName}</div>
          <div className="field-muted">{[target.townshipName, target.address].filter(Boolean).join(' · ')}</div>
          <div className="field-muted">
            {target.planKindName} · {target.planTitle}
          </div>
          <div className="field-muted">
            检查期间 {day(target.periodFrom)}—{day(target.periodTo)}
            {target.periodFrom > today && `（${day(target.periodFrom)}开始）`}
          </div>
          {!target.checklist && <div className="field-warn">该计划未指定检查表，不能在手机上填写</div>}
          {status}
        </div>
        {open && <RightOutlined className="field-chevron" />}
      </div>
    </Card>
  );
}

function SentList({ sent }: { sent: SentEntry[] }) {
  if (!sent.length) return null;
  return (
    <>
      <Typography.Title level={5} className="field-section">
        已发送
      </Typography.Title>
      {sent.slice(0, 20).map((s) => (
        <Card size="small" key={s.key} className="field-card" data-testid="sent-entry">
          <div className="field-item-title">{s.enterpriseName}</div>
          <div className="field-muted">
            检查记录 {s.recordNo} · 发送于 {time(s.sentAt)}
          </div>
          <div>{s.hazards ? `登记隐患 ${s.hazards} 处${s.orderNo ? `，责令整改指令书 ${s.orderNo}` : ''}` : '未发现问题'}</div>
          {s.hazardIds?.map((id, i) => (
            <Link key={id} to={`/safety/hazards/${id}`} className="field-link">
              查看隐患{s.hazardIds!.length > 1 ? ` ${i + 1}` : ''}
            </Link>
          ))}
        </Card>
      ))}
    </>
  );
}
