import { useState } from 'react';
import { forgetLegalRules } from '../../../hooks/useLegalRules.ts';
import { Alert, App, Button, Card, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ruleApi } from '../../../api/endpoints.ts';
import type { LegalRule, RuleUnit } from '../../../api/types.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { RULE_UNIT_LABELS } from '../../../labels.ts';
import { RuleFormModal } from './RuleFormModal.tsx';

function amountText(amount: number, unit: RuleUnit): string {
  return `${amount} ${RULE_UNIT_LABELS[unit] ?? unit}`;
}

/** The confidence key of shared/domain/rules.md. */
const CONFIDENCE: Record<string, { label: string; color: string; tip: string }> = {
  P: { label: '原文', color: 'green', tip: '已在法规原文中核对' },
  C2: { label: '多源', color: 'blue', tip: '两个以上二手来源一致' },
  C1: { label: '单源', color: 'orange', tip: '仅一个二手来源，使用前请核对原文' },
  U: { label: '待核实', color: 'red', tip: '不确定或推断，使用前务必核对原文' },
};

/** The field of law a rule belongs to, by the first part of its key (xf.handle → 信访). */
const FIELDS: Record<string, string> = {
  xf: '信访',
  legal: '复议诉讼',
  med: '人民调解',
  haz: '安全隐患',
  acc: '生产安全事故',
  wp: '重大决策',
  dc: '督查',
  net: '网络安全',
  dengbao: '等级保护',
};
const fieldOf = (key: string) => FIELDS[key.slice(0, key.indexOf('.'))] ?? '其他';

/** Province codes of the provincial rules (GB/T 2260), by name. */
const PROVINCES: Record<string, string> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
};

/** 时限规则: the statutory limits the legal clock uses, with their source and province overrides. */
export function RulesPage() {
  const { data, loading, error, reload } = useAsync(() => ruleApi.list(), []);
  const [editing, setEditing] = useState<LegalRule | null>(null);
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const rows = (data ?? []).filter(
    (r) => !needle || r.key.toLowerCase().includes(needle) || fieldOf(r.key).includes(q.trim()) || r.name.includes(q.trim()) || r.source.includes(q.trim()),
  );
  const { message } = App.useApp();

  const columns: TableProps<LegalRule>['columns'] = [
    // the key stays a data attribute (support, tests); people read the field of law and the name
    { title: '领域', key: 'field', width: 110, render: (_: unknown, r) => <span data-rule-key={r.key}>{fieldOf(r.key)}</span> },
    { title: '名称', dataIndex: 'name', width: 200 },
    { title: '时限', key: 'amount', width: 120, render: (_: unknown, r) => amountText(r.amount, r.unit) },
    { title: '法规依据', dataIndex: 'source', ellipsis: { showTitle: false }, render: (s: string) => <Tooltip title={s}>{s}</Tooltip> },
    {
      title: '可信度',
      dataIndex: 'confidence',
      width: 90,
      render: (c: string | null | undefined) => {
        if (!c) return '—';
        const info = CONFIDENCE[c];
        return (
          <Tooltip title={info?.tip}>
            <Tag color={info?.color ?? 'default'}>{info?.label ?? c}</Tag>
          </Tooltip>
        );
      },
    },
    {
      title: '各省特别规定',
      key: 'overrides',
      width: 180,
      render: (_: unknown, r) =>
        r.overrides?.length ? (
          <Space size={[4, 4]} wrap>
            {r.overrides.map((o) => (
              <Tooltip key={o.province} title={o.source}>
                <Tag>
                  {PROVINCES[o.province] ?? '其他省份'}：{amountText(o.amount, o.unit)}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button size="small" onClick={() => setEditing(r)}>
          编辑
        </Button>
      ),
    },
  ];

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        时限规则
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Card>
        <div className="anwen-toolbar">
          <Input.Search allowClear placeholder="按名称、领域或依据筛选（如 信访、办理期限）" style={{ width: 320 }} onChange={(e) => setQ(e.target.value)} />
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            可信度：原文 = 已核对法规原文；多源 / 单源 = 二手来源；待核实 = 使用前务必核对原文
          </Typography.Text>
        </div>
        <Table<LegalRule> rowKey="key" size="middle" loading={loading} columns={columns} dataSource={rows} scroll={{ x: 1000 }} pagination={false} />
      </Card>
      <RuleFormModal
        rule={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          forgetLegalRules();
          void message.success('规则已保存，未结事项的相关期限已重新计算');
          reload();
        }}
      />
    </div>
  );
}
