import { useState } from 'react';
import { Alert, Button, Radio, Result, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { petitionApi, type PetitionChannel, type PetitionDetail } from '../../api/petitions.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { CHANNEL_LABELS, MATTER_LABELS } from './labels.ts';
import { queryCodeOf } from './receiptCodes.ts';

/** 2026-07-31 → 2026年7月31日 */
export const zhDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const shanghaiDay = (instant: string) => new Date(instant).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const UNIT_WORDS: Record<string, string> = { calendar_days: '日', working_days: '个工作日', hours: '小时', months: '个月' };

/** The print rules: only the receipt on the sheet, in the paper size chosen. */
const printCss = (size: 'A4' | 'A5') => `
@page { size: ${size} portrait; margin: ${size === 'A4' ? '25mm 22mm' : '14mm 12mm'}; }
@media print {
  html, body, #root { background: #fff !important; }
  .anwen-sider, .anwen-header, .ant-drawer, .receipt-toolbar, .ant-message, .ant-notification { display: none !important; }
  .anwen-shell, .anwen-main, .anwen-content { background: #fff !important; margin: 0 !important; padding: 0 !important; min-height: 0 !important; }
  .receipt-sheet { box-shadow: none !important; border: 0 !important; margin: 0 !important; padding: 0 !important; max-width: none !important; }
}`;

/**
 * 登记回执 /xf/:id/receipt: what the petitioner takes away — case number, 查询码 (only in the tab that registered the
 * case: the server keeps its hash), the date received, the channel, what happens next and the 受理 time limit with
 * its legal basis, counted from the date received.
 */
export function ReceiptPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const [size, setSize] = useState<'A4' | 'A5'>('A5');
  const record = useAsync(() => petitionApi.get(id), [id]);
  const code = queryCodeOf(id);
  if (record.loading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (record.error || !record.data)
    return (
      <Result
        status="error"
        title="登记回执无法显示"
        subTitle={record.error?.message ?? '未找到该信访事项'}
        extra={<Button onClick={record.reload}>重试</Button>}
      />
    );
  return (
    <div className="anwen-page">
      <style>{printCss(size)}</style>
      <Space wrap className="receipt-toolbar" style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/xf/${id}`)}>
          查看事项
        </Button>
        <Radio.Group
          optionType="button"
          value={size}
          onChange={(e) => setSize(e.target.value as 'A4' | 'A5')}
          options={[
            { value: 'A5', label: 'A5 纸' },
            { value: 'A4', label: 'A4 纸' },
          ]}
          aria-label="纸张大小"
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="receipt-print">
          打印
        </Button>
      </Space>
      {!code && (
        <Alert
          className="receipt-toolbar"
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="查询码只在登记时显示"
          description="系统不保存查询码原文，本回执不再显示查询码。如信访人遗失查询码，可凭编号和身份信息到窗口查询。"
        />
      )}
      <ReceiptSheet record={record.data} code={code} size={size} />
    </div>
  );
}

function ReceiptSheet({ record, code, size }: { record: PetitionDetail; code: string | undefined; size: 'A4' | 'A5' }) {
  const received = shanghaiDay(record.receivedAt);
  const route = record.deadlines.find((d) => d.ruleKey === 'xf.dept.route');
  const channel = CHANNEL_LABELS[record.channel as PetitionChannel] ?? '其他';
  const names = record.anonymous ? '匿名' : record.petitioners.map((p) => p.nameMasked).join('、');
  const receiver = (record.visit as { receivedByName?: string } | null)?.receivedByName;
  const limit = route?.ruleAmount ? `${route.ruleAmount}${UNIT_WORDS[route.ruleUnit ?? ''] ?? '日'}` : null;
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <tr>
      <th>{label}</th>
      <td data-testid={testId}>{value}</td>
    </tr>
  );
  return (
    <article className={`receipt-sheet receipt-${size}`} data-testid="receipt" lang="zh-CN">
      <style>{SHEET_CSS}</style>
      <h1>信访事项登记回执</h1>
      <p className="receipt-issuer">{record.ownerUnit.name}</p>
      <table>
        <tbody>
          {row('信访事项编号', <strong>{record.caseNo}</strong>, 'receipt-caseno')}
          {code && row('查询码', <strong className="receipt-code">{code}</strong>, 'receipt-code')}
          {row('信访人', names)}
          {row('信访形式', channel, 'receipt-channel')}
          {row(record.channel === 'visit' ? '来访日期' : '收到日期', zhDate(received), 'receipt-received')}
          {receiver && row('接待人', receiver)}
          {row('事项类型', MATTER_LABELS[record.matterType as keyof typeof MATTER_LABELS] ?? '—')}
          {row('事项标题', record.title)}
          {route?.dueDate && row('受理期限', `${zhDate(route.dueDate)}前`, 'receipt-due')}
        </tbody>
      </table>
      <h2>接下来</h2>
      <ol data-testid="receipt-next">
        <li>
          您的信访事项已于{zhDate(received)}收到并登记。
          {limit && route?.ruleSource
            ? `依照${route.ruleSource}，本机关自收到之日起${limit}内（${route.dueDate ? `至${zhDate(route.dueDate)}` : '期满日以系统为准'}）予以受理，或转送、交办有权处理的机关。`
            : '本机关将依法予以受理，或转送、交办有权处理的机关。'}
        </li>
        <li>转送、交办的，有权处理的机关将书面告知您是否受理；受理后，有权处理的机关依法办理并书面答复。</li>
        <li>凭信访事项编号和查询码，可在网上信访平台查询办理进度，并对办理结果进行评价。{code ? '查询码仅此一次告知，请妥善保管，遗失不补。' : ''}</li>
      </ol>
      <p className="receipt-sign">
        {record.ownerUnit.name}
        <br />
        登记日期：{zhDate(shanghaiDay(new Date().toISOString()))}
      </p>
    </article>
  );
}

const SHEET_CSS = `
.receipt-sheet { background: #fff; max-width: 720px; margin: 0 auto; padding: 32px 40px; border: 1px solid #e5e5e5; box-shadow: 0 1px 4px rgba(0,0,0,.06);
  font-family: "FangSong", "仿宋", "STFangsong", serif; color: #000; line-height: 1.7; }
.receipt-sheet.receipt-A5 { max-width: 560px; padding: 24px 28px; font-size: 14px; }
.receipt-sheet h1 { font-family: "SimHei", "黑体", sans-serif; text-align: center; font-size: 1.6em; margin: 0 0 4px; letter-spacing: 2px; }
.receipt-sheet h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 1.1em; margin: 16px 0 4px; }
.receipt-issuer { text-align: center; margin: 0 0 16px; }
.receipt-sheet table { width: 100%; border-collapse: collapse; }
.receipt-sheet th, .receipt-sheet td { border: 1px solid #000; padding: 4px 8px; text-align: left; vertical-align: top; }
.receipt-sheet th { width: 8em; font-weight: normal; white-space: nowrap; }
.receipt-code { font-family: "Courier New", monospace; font-size: 1.25em; letter-spacing: 2px; }
.receipt-sheet ol { padding-left: 1.5em; margin: 0; }
.receipt-sign { text-align: right; margin-top: 24px; }
@media (max-width: 600px) { .receipt-sheet { padding: 16px; } .receipt-sheet th { width: 6em; white-space: normal; } }
`;
