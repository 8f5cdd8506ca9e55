import { App, Button, Space, Tag } from 'antd';
import { useState } from 'react';
import type { TableProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { EnterpriseFormModal } from './EnterpriseFormModal.tsx';
import { ListPage } from '../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../components/list-page/useListQuery.ts';
import { exportLink, safetyApi, type EnterpriseRow } from './safetyApi.ts';

const SPEC = { keys: ['riskGrade', 'q'] as const };
const GRADE_COLOR: Record<string, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue' };
const GRADES = [
  { value: '', label: '全部' },
  { value: 'red', label: '红色' },
  { value: 'orange', label: '橙色' },
  { value: 'yellow', label: '黄色' },
  { value: 'blue', label: '蓝色' },
];

/** 企业（场所）登记册: the register the user may see (县 all, 乡镇 its 属地, 部门 what it regulates), Excel export, import. */
export function EnterpriseListPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const list = useListQuery(SPEC, (s) =>
    safetyApi.enterprises({ riskGrade: (s.filters.riskGrade || undefined) as never, q: s.filters.q || undefined, page: s.page, pageSize: s.pageSize }),
  );
  const columns: TableProps<EnterpriseRow>['columns'] = [
    { title: '企业（场所）名称', dataIndex: 'name', width: 220, ellipsis: true, render: (v: string, r) => <Link to={`/safety/enterprises/${r.id}`}>{v}</Link> },
    { title: '行业领域', dataIndex: 'sectorName', width: 170, ellipsis: true },
    { title: '属地', dataIndex: 'townshipName', width: 100 },
    { title: '行业主管部门', dataIndex: 'regulatorName', width: 180, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '第一责任人', dataIndex: 'legalRepName', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: '风险等级',
      dataIndex: 'riskGradeName',
      width: 130,
      render: (v: string | null, r) => (v ? <Tag color={GRADE_COLOR[r.riskGrade ?? '']}>{v}</Tag> : '—'),
    },
    { title: '最近证照到期', dataIndex: 'nextLicenceExpiry', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: '未销号隐患',
      dataIndex: 'openHazards',
      width: 100,
      render: (v: number, r) => (v > 0 ? <Link to={`/safety/hazards?q=${encodeURIComponent(r.name)}`}>{v}</Link> : 0),
    },
    { title: '提请关闭', dataIndex: 'closeFlaggedOn', width: 110, render: (v: string | null) => (v ? <Tag color="red">{v}</Tag> : '') },
  ];
  const mayEdit = !!list.data?.mayEdit;
  return (
    <>
      <EnterpriseFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          setCreating(false);
          message.success('已登记');
          navigate(`/safety/enterprises/${id}`);
        }}
      />
      <ListPage
        title="企业（场所）登记册"
        list={list}
        columns={columns}
        rowKey="id"
        tabs={{ key: 'riskGrade', items: GRADES }}
        actions={
          <Space wrap>
            {mayEdit && (
              <Button type="primary" onClick={() => setCreating(true)} data-testid="enterprise-create">
                登记企业
              </Button>
            )}
            {mayEdit && (
              <Link to="/safety/enterprises/import">
                <Button>导入登记册</Button>
              </Link>
            )}
            <Link to="/safety/hazards">
              <Button>隐患台账</Button>
            </Link>
          </Space>
        }
        exportHref={exportLink('/safety/enterprises/export.xlsx', { riskGrade: list.filters.riskGrade, q: list.filters.q })}
        emptyText="登记册中没有符合条件的企业（场所）"
        unit="家"
        testId="enterprise-list"
        scrollX={1200}
      />
    </>
  );
}
