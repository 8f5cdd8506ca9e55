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

/** 时限规则: the statutory limits the legal clock uses, with their source and province overrides. */
export function RulesPage() {
  const { data, loading, error, reload } = useAsync(() => ruleApi.list(), []);
  const [editing, setEditing] = useState<LegalRule | null>(null);
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const rows = (data ?? []).filter((r) => !needle || r.key.toLowerCase().includes(needle) || r.name.includes(q.trim()) || r.source.includes(q.trim()));
  const { message } = App.useApp();

  const columns: TableProps<LegalRule>['columns'] = [
    { title: '规则键', dataIndex: 'key', width: 190, render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
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
                  {o.province}：{amountText(o.amount, o.unit)}
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
          <Input.Search allowClear placeholder="按规则键、名称或依据筛选（如 xf.、信访）" style={{ width: 320 }} onChange={(e) => setQ(e.target.value)} />
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
