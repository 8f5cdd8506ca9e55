import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { CasePicker, type PickedCase } from '../../leaders/CasePicker.tsx';
import { shanghaiMinute } from './documentsApi.ts';
import { templatesApi, type TemplateKind, type TemplatePreview } from './templatesApi.ts';

/**
 * 文书模板: the 7 信访 document kinds; edit a template's title and body (blank line = new paragraph)
 * with the placeholder list at hand, and preview the draft filled from a real case before saving.
 */
export function DocumentTemplatesPage() {
  const { message } = App.useApp();
  const list = useAsync(() => templatesApi.list(), []);
  const [kind, setKind] = useState<TemplateKind>();
  const current = useAsync(() => (kind ? templatesApi.get(kind) : Promise.resolve(undefined)), [kind]);
  const [form] = Form.useForm<{ title: string; body: string }>();
  const [saving, setSaving] = useState(false);
  const [cases, setCases] = useState<PickedCase[]>([]);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const bodyRef = useRef<TextAreaRef>(null);

  useEffect(() => {
    if (!kind && list.data?.items[0]) setKind(list.data.items[0].kind);
  }, [list.data, kind]);
  useEffect(() => {
    if (current.data) form.setFieldsValue({ title: current.data.title, body: current.data.body });
    setPreview(null);
  }, [current.data, form]);

  const insert = (key: string) => {
    const el = bodyRef.current?.resizableTextArea?.textArea;
    const body = form.getFieldValue('body') ?? '';
    const at = el ? el.selectionStart : body.length;
    form.setFieldsValue({ body: `${body.slice(0, at)}{${key}}${body.slice(at)}` });
  };
  const save = async () => {
    if (!kind) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await templatesApi.save(kind, v);
      message.success('模板已保存');
      current.reload();
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setSaving(false);
    }
  };
  const runPreview = async () => {
    const picked = cases[0];
    if (!kind || !picked) return message.warning('请先选择一件信访事项');
    const v = await form.validateFields();
    try {
      setPreview(await templatesApi.preview(kind, { ...v, petitionId: picked.value }));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '预览失败');
    }
  };

  const selected = list.data?.items.find((t) => t.kind === kind);
  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        文书模板
      </Typography.Title>
      {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6}>
          <Card size="small" title="文书种类">
            <List
              size="small"
              loading={list.loading}
              dataSource={list.data?.items ?? []}
              renderItem={(t) => (
                <List.Item
                  style={{ cursor: 'pointer', background: t.kind === kind ? 'rgba(22,119,255,0.08)' : undefined }}
                  onClick={() => setKind(t.kind)}
                  data-testid={`template-${t.kind}`}
                >
                  <List.Item.Meta title={t.name} description={t.updatedAt ? `更新于 ${shanghaiMinute(t.updatedAt)}` : '默认模板（未修改）'} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={selected ? `编辑：${selected.name}` : '编辑'}
            loading={current.loading && !current.data}
            extra={
              <Space wrap>
                <Button onClick={() => void runPreview()}>预览</Button>
                <Button type="primary" loading={saving} onClick={() => void save()}>
                  保存
                </Button>
              </Space>
            }
          >
            <Form form={form} layout="vertical">
              <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { max: 100 }]}>
                <Input />
              </Form.Item>
              <Form.Item
                name="body"
                label="正文（空一行为新段落；花括号中的占位符在制作时替换为事项内容）"
                rules={[{ required: true, message: '请填写正文' }, { max: 20000 }]}
              >
                <Input.TextArea ref={bodyRef} autoSize={{ minRows: 12, maxRows: 30 }} data-testid="template-body" />
              </Form.Item>
              <Form.Item label="预览所用事项" extra="预览只生成文字：不占用发文字号、不保存、不显示信访人真实姓名。">
                <CasePicker value={cases} onChange={(v) => setCases(v.slice(-1))} />
              </Form.Item>
            </Form>
            {preview && (
              <Card size="small" type="inner" title="预览" data-testid="template-preview">
                {preview.notApplicable && (
                  <Alert type="info" showIcon style={{ marginBottom: 8 }} message={`该事项目前不会制作此文书：${preview.notApplicable}`} />
                )}
                {preview.unknownPlaceholders.length > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 8 }}
                    message={
                      <>
                        未知的占位符（将原样印出）：
                        {preview.unknownPlaceholders.map((k) => (
                          <Tag key={k}>{`{${k}}`}</Tag>
                        ))}
                      </>
                    }
                  />
                )}
                <Typography.Paragraph style={{ color: '#c00', textAlign: 'center', fontSize: 20 }}>{preview.issuerMark}</Typography.Paragraph>
                <Typography.Title level={5} style={{ textAlign: 'center' }}>
                  {preview.title}
                </Typography.Title>
                <Typography.Paragraph>{preview.addressee}：</Typography.Paragraph>
                {preview.paragraphs.map((p, i) => (
                  <Typography.Paragraph key={i} style={{ textIndent: '2em', overflowWrap: 'anywhere' }}>
                    {p}
                  </Typography.Paragraph>
                ))}
              </Card>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={6}>
          <Card size="small" title="可用占位符（点击插入正文）">
            {list.data ? (
              <List
                size="small"
                dataSource={list.data.placeholders}
                renderItem={(p) => (
                  <List.Item style={{ cursor: 'pointer' }} onClick={() => insert(p.key)}>
                    <Space orientation="vertical" size={0}>
                      <Typography.Text code>{`{${p.key}}`}</Typography.Text>
                      <Typography.Text type="secondary">{p.label}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
