import { useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DeleteOutlined, DownOutlined, StarOutlined } from '@ant-design/icons';
import { savedFilterApi } from '../../api/endpoints.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useApiError } from '../../hooks/useApiError.ts';

/**
 * 常用筛选: a drop-down beside a list's filters with the person's named filters of this list (kept on the
 * server, for them only). Picking one opens the list with its filters and sort; 保存当前筛选 names the current
 * ones; each can be deleted.
 */
export function SavedFilters({ listKey, query, onApply }: { listKey: string; query: string; onApply: (query: string) => void }) {
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const saved = useAsync(() => savedFilterApi.list(listKey), [listKey]);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const items = saved.data ?? [];
  const current = items.find((s) => s.query === query);

  const save = async () => {
    const { name } = await form.validateFields();
    setBusy(true);
    try {
      const replacing = items.some((s) => s.name === name.trim());
      await savedFilterApi.save(listKey, name.trim(), query);
      void message.success(replacing ? `已更新常用筛选“${name.trim()}”` : `已保存为常用筛选“${name.trim()}”`);
      setSaving(false);
      saved.reload();
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };
  const remove = (id: number, name: string) =>
    modal.confirm({
      title: `删除常用筛选“${name}”？`,
      content: '只删除这个保存的筛选条件，不影响列表中的任何记录。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await savedFilterApi.remove(id);
          void message.success('已删除');
          saved.reload();
        } catch (err) {
          showError(err);
        }
      },
    });

  const menu: MenuProps['items'] = [
    ...items.map((s) => ({
      key: `f${s.id}`,
      label: (
        <span style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, minWidth: 180 }}>
          <span>{s.name}</span>
          <Button
            size="small"
            type="text"
            aria-label={`删除常用筛选 ${s.name}`}
            icon={<DeleteOutlined />}
            data-testid="saved-filter-delete"
            onClick={(e) => {
              e.stopPropagation();
              remove(s.id, s.name);
            }}
          />
        </span>
      ),
      onClick: () => onApply(s.query),
    })),
    ...(items.length ? [{ type: 'divider' as const }] : []),
    { key: 'save', icon: <StarOutlined />, label: '保存当前筛选…', onClick: () => setSaving(true) },
  ];

  return (
    <>
      <Dropdown trigger={['click']} menu={{ items: menu, selectable: true, selectedKeys: current ? [`f${current.id}`] : [] }}>
        <Button icon={<StarOutlined />} data-testid={`${listKey}-saved-filters`}>
          {current ? `常用筛选：${current.name}` : '常用筛选'} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={saving}
        title="保存当前筛选"
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void save()}
        onCancel={() => setSaving(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={() => void save()} preserve={false} initialValues={{ name: current?.name ?? '' }}>
          <Form.Item
            name="name"
            label="名称"
            rules={[
              { required: true, whitespace: true, message: '请填写名称，如“本周超期”' },
              { max: 30, message: '名称不超过 30 个字' },
            ]}
            extra="保存的是当前的筛选条件和排序，只有您本人可见；同名的将被覆盖。"
          >
            <Input autoFocus placeholder="如：本周超期、龙蚕镇未办结" maxLength={30} data-testid="saved-filter-name" />
          </Form.Item>
        </Form>
        {!query && <Typography.Text type="warning">当前没有设置任何筛选条件，保存后打开的是完整列表。</Typography.Text>}
      </Modal>
    </>
  );
}
