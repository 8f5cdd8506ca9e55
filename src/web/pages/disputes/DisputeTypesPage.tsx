import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { useApiError } from '../../hooks/useApiError.ts';
import { disputeTypesApi, type DisputeTypeRow } from './disputesApi.ts';

interface Values {
  name: string;
  sort?: number;
  disabled?: boolean;
  petitionCategoryId?: number | null;
}

/**
 * 纠纷类型: the list with how many disputes use each; 县维稳办 (or the administrator) adds, renames (a type in use asks
 * first: its disputes show the new name), orders, disables, names the 信访问题类别 an escalated dispute is registered
 * under, and deletes a type no dispute uses.
 */
export function DisputeTypesPage() {
  const [version, setVersion] = useState(0);
  const { data, loading, error } = useAsync(() => disputeTypesApi.list(), [version]);
  const { data: categories } = useAsync(() => disputeTypesApi.petitionCategories(), []);
  const [editing, setEditing] = useState<DisputeTypeRow | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const mayEdit = data?.mayEdit ?? false;

  const categoryOptions = (categories?.items ?? []).map((c) => ({
    label: c.name,
    title: c.name,
    options: [{ value: c.id, label: c.name }, ...c.children.map((x) => ({ value: x.id, label: `${c.name} / ${x.name}` }))],
  }));

  const open = (row: DisputeTypeRow | 'new') => {
    setEditing(row);
    form.resetFields();
    if (row !== 'new') form.setFieldsValue({ name: row.name, sort: row.sort, disabled: row.disabled, petitionCategoryId: row.petitionCategoryId });
    else form.setFieldsValue({ sort: 50, disabled: false, petitionCategoryId: null });
  };

  const save = async (v: Values) => {
    const body = { name: v.name.trim(), sort: v.sort ?? 50, disabled: v.disabled ?? false, petitionCategoryId: v.petitionCategoryId ?? null };
    const submit = async () => {
      try {
        if (editing === 'new') await disputeTypesApi.create(body);
        else if (editing) await disputeTypesApi.update(editing.id, body);
        void message.success('纠纷类型已保存');
        setEditing(null);
        setVersion((x) => x + 1);
      } catch (err) {
        showError(err, form);
      }
    };
    // renaming a type in use changes what its disputes show: ask first
    if (editing && editing !== 'new' && editing.usedBy > 0 && body.name !== editing.name) {
      modal.confirm({
        title: '确认改名',
        content: `已有 ${editing.usedBy} 件纠纷登记为“${editing.name}”，改名后这些纠纷都显示为“${body.name}”。如只是不再使用，请改为停用。`,
        okText: '确认改名',
        cancelText: '取消',
        onOk: submit,
      });
      return;
    }
    await submit();
  };

  const remove = async (row: DisputeTypeRow) => {
    try {
      await disputeTypesApi.remove(row.id);
      void message.success(`已删除纠纷类型“${row.name}”`);
      setVersion((x) => x + 1);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Card
      title="纠纷类型"
      extra={
        <Space wrap>
          <Link to="/disputes">
            <Button>纠纷台账</Button>
          </Link>
          {mayEdit && (
            <Button type="primary" onClick={() => open('new')} data-testid="dispute-type-new">
              新增类型
            </Button>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        登记纠纷时按这里的类型选择。已有纠纷使用的类型不能删除，只能停用（停用后不再供新登记选择，原有纠纷不变）。“对应信访问题类别”用于纠纷升级转为信访事项时按该类别登记；未设置的，须由信访局先登记信访事项再关联。
        {!mayEdit && data && ' 由县维稳办或系统管理员维护。'}
      </Typography.Paragraph>
      <Table<DisputeTypeRow>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        columns={[
          { title: '排序', dataIndex: 'sort', width: 64 },
          {
            title: '类型',
            dataIndex: 'name',
            render: (v: string, r) => (
              <Space size={4} wrap>
                {mayEdit ? (
                  <Typography.Link onClick={() => open(r)} title="修改">
                    {v}
                  </Typography.Link>
                ) : (
                  v
                )}
                {r.disabled && <Tag>已停用</Tag>}
              </Space>
            ),
          },
          {
            title: '使用件数',
            dataIndex: 'usedBy',
            width: 96,
            align: 'right',
            render: (n: number, r) => (n > 0 ? <Link to={`/disputes?typeId=${r.id}`}>{n}</Link> : 0),
          },
          {
            title: '对应信访问题类别',
            dataIndex: 'petitionCategoryName',
            render: (v: string | null) => v ?? <Typography.Text type="secondary">未设置</Typography.Text>,
          },
          { title: '最后修改', dataIndex: 'updatedBy', width: 180, render: (v: string | null) => v ?? '—' },
          ...(mayEdit
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 130,
                  render: (_: unknown, r: DisputeTypeRow) => (
                    <Space size={4}>
                      <Button size="small" type="link" onClick={() => open(r)}>
                        修改
                      </Button>
                      {r.usedBy === 0 ? (
                        <Popconfirm title={`删除纠纷类型“${r.name}”？`} okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
                          <Button size="small" type="link" danger>
                            删除
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Typography.Text type="secondary" title="已有纠纷使用，只能停用">
                          不可删除
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增纠纷类型' : '修改纠纷类型'}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item
            name="name"
            label="类型名称"
            rules={[
              { required: true, whitespace: true, message: '请填写类型名称' },
              { max: 30, message: '不超过30个字' },
            ]}
          >
            <Input maxLength={30} placeholder="如：物业纠纷" />
          </Form.Item>
          <Form.Item name="petitionCategoryId" label="对应信访问题类别" extra="纠纷升级转为信访事项时，按此类别登记。">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="不设置" options={categoryOptions} />
          </Form.Item>
          <Space size={24} wrap>
            <Form.Item name="sort" label="排序" extra="数字小的排在前面">
              <InputNumber min={0} max={9999} precision={0} />
            </Form.Item>
            <Form.Item name="disabled" label="停用" valuePropName="checked" extra="停用后登记时不再可选">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
