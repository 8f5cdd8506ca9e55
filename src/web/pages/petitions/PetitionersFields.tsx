import { Button, Card, Col, Form, Input, Row } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';

const ID_RE = /^\d{17}[\dXx]$/;
const PHONE_RE = /^1\d{10}$/;

/** One card per petitioner; the server checks the ID checksum too, this catches typos early. */
export function PetitionersFields({ disabled }: { disabled: boolean }) {
  return (
    <Form.List name="petitioners">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={`信访人 ${index + 1}`}
              style={{ marginBottom: 12 }}
              data-testid="petitioner-card"
              extra={
                fields.length > 1 && (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除信访人 ${index + 1}`} />
                )
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'name']} label="姓名" rules={[{ required: !disabled, whitespace: true, message: '请填写姓名' }]}>
                    <Input maxLength={50} disabled={disabled} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'idNumber']} label="身份证号" rules={[{ pattern: ID_RE, message: '身份证号应为18位（末位可为X）' }]}>
                    <Input maxLength={18} disabled={disabled} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'phone']} label="电话" rules={[{ pattern: PHONE_RE, message: '请填写11位手机号码' }]}>
                    <Input maxLength={11} disabled={disabled} />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name={[field.name, 'address']} label="地址" style={{ marginBottom: 0 }}>
                    <Input maxLength={200} disabled={disabled} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          {!disabled && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block style={{ marginBottom: 16 }}>
              添加信访人
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
