import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Modal, Popconfirm, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { UnitPicker } from '../petitions/Pickers.tsx';
import { assessmentApi } from './assessmentApi.ts';

type Row = { unitId: number; unitName: string; reason: string };

/** 不参加考核的单位: who is left out of the ranking and why; the office adds or removes a unit (next computation on). */
export function ExcludedUnitsCard({ manager }: { manager: boolean }) {
  const { message } = App.useApp();
  const list = useAsync(() => assessmentApi.excludedUnits(), []);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ unitId: number; reason: string }>();
  const rows: Row[] = list.data?.units ?? [];

  const save = async (next: Row[], done: string) => {
    try {
      await assessmentApi.setExcludedUnits({ units: next.map((r) => ({ unitId: r.unitId, reason: r.reason })) });
      message.success(done);
      list.reload();
      return true;
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
      return false;
    }
  };

  return (
    <Card size="small" title="不参加考核的单位" data-testid="assessment-excluded">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        列入的单位不参加计分和排名（如组织考核的督查室）。调整后从下次计算的考核期起生效，已计算、已发布的考核期不变。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      <List<Row>
        size="small"
        loading={list.loading}
        dataSource={rows}
        locale={{ emptyText: '所有乡镇（街道）和县直部门均参加考核' }}
        renderItem={(r) => (
          <List.Item
            actions={
              manager
                ? [
                    <Popconfirm
                      key="remove"
                      title={`恢复${r.unitName}参加考核？`}
                      okText="恢复"
                      cancelText="取消"
                      onConfirm={() =>
                        save(
                          rows.filter((x) => x.unitId !== r.unitId),
                          `${r.unitName}将参加下次计算的考核`,
                        )
                      }
                    >
                      <a>恢复参加</a>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta title={r.unitName} description={`原因：${r.reason}`} />
          </List.Item>
        )}
      />
      {manager && (
        <Button style={{ marginTop: 8 }} onClick={() => setAdding(true)}>
          列入不参加考核的单位
        </Button>
      )}
      <Modal
        open={adding}
        title="列入不参加考核的单位"
        okText="列入"
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setAdding(false)}
        onOk={async () => {
          const v = await form.validateFields();
          if (await save([...rows, { unitId: v.unitId, unitName: '', reason: v.reason }], '已列入，下次计算考核时不再计分排名')) {
            setAdding(false);
            form.resetFields();
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]} extra="只能列入乡镇（街道）和县直部门">
            <UnitPicker />
          </Form.Item>
          <Form.Item name="reason" label="原因" rules={[{ required: true, min: 2, message: '请写明原因（至少2个字）' }]}>
            <Input maxLength={200} placeholder="如：考核组织单位，不参加本级考核排名" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
