import { Button, Card, Col, Form, Input, Row } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Rule } from 'antd/es/form';
import { idNumberProblem, phoneProblem } from './idPhoneMessages.ts';

const check =
  (problem: (v: string | undefined) => string | null): Rule =>
  () => ({
    validator: (_rule, value: string | undefined) => {
      const p = problem(value);
      return p ? Promise.reject(new Error(p)) : Promise.resolve();
    },
  });

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
                  <Form.Item name={[field.name, 'name']} label="姓名" rules={[{ required: !disabled, whitespace: true, message: '姓名：请填写信访人姓名' }]}>
                    <Input maxLength={50} disabled={disabled} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'idNumber']} label="身份证号" rules={[check(idNumberProblem)]} validateFirst hasFeedback>
                    <Input maxLength={18} disabled={disabled} inputMode="text" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'phone']} label="电话" rules={[check(phoneProblem)]} hasFeedback>
                    <Input maxLength={20} disabled={disabled} inputMode="tel" autoComplete="off" />
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
