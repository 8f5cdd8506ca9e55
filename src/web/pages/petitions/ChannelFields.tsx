import { Alert, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { PetitionChannel, Receptionist } from '../../api/petitions.ts';
import { UPPER_LEVEL_LABELS } from './labels.ts';

/** The most representatives of a 集体访 and the provision it comes from (the server's setting, by province). */
export interface RepresentativesLimit {
  max: number;
  source: string;
}

/**
 * The fields a channel needs: 来访 批次/人次/代表 (集体访 hint), 上级交办转送 层级/文号/上级期限.
 * The thresholds come from GET /petitions/intake-settings, the values the server validates with.
 */
export function ChannelFields({
  channel,
  persons,
  collectiveMin,
  representatives,
  petitionerNames,
  receptionists,
}: {
  channel: PetitionChannel | undefined;
  persons: number | undefined;
  collectiveMin: number;
  representatives: RepresentativesLimit | undefined;
  /** the names typed in 信访人: representatives are chosen from them */
  petitionerNames: string[];
  /** staff of the registering unit who may have received the visit */
  receptionists: Receptionist[] | undefined;
}) {
  const repsMax = representatives?.max;
  const repsText = representatives ? `不超过 ${representatives.max} 人（${representatives.source}）` : '';
  if (channel === 'visit') {
    return (
      <>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name={['visit', 'batches']} label="批次" initialValue={1}>
              <InputNumber min={1} max={1} style={{ width: '100%' }} disabled />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['visit', 'persons']} label="人次" initialValue={1} rules={[{ required: true, message: '请填写来访人次' }]}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['visit', 'receivedBy']} label="接待人" rules={[{ required: true, message: '接待人：请选择接待来访的工作人员' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={!receptionists}
                options={(receptionists ?? []).map((u) => ({ value: u.id, label: u.me ? `${u.name}（本人）` : u.name }))}
                data-testid="received-by"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name={['visit', 'representatives']}
              label="代表"
              extra={`集体访时从下方信访人中选择代表${repsText ? `，${repsText}` : ''}`}
              rules={[
                ...(repsMax ? [{ type: 'array' as const, max: repsMax, message: `代表：${repsText}` }] : []),
                {
                  validator: (_: unknown, value: string[] | undefined) => {
                    const gone = (value ?? []).filter((n) => !petitionerNames.includes(n));
                    return gone.length ? Promise.reject(new Error(`代表：“${gone.join('、')}”已不在信访人名单中，请重新选择`)) : Promise.resolve();
                  },
                },
              ]}
            >
              <Select
                mode="multiple"
                options={[...new Set(petitionerNames)].map((n) => ({ value: n, label: n }))}
                placeholder={petitionerNames.length ? '从信访人中选择' : '请先在下方填写信访人姓名'}
                notFoundContent="请先在下方填写信访人姓名"
                data-testid="representatives"
              />
            </Form.Item>
          </Col>
        </Row>
        {(persons ?? 0) >= collectiveMin && (
          <Alert
            type="warning"
            showIcon
            data-testid="collective-hint"
            style={{ marginBottom: 16 }}
            title="集体访"
            description={`来访人数达到 ${collectiveMin} 人及以上，按集体访登记：请推选代表${repsText}，并及时报告。`}
          />
        )}
      </>
    );
  }
  if (channel === 'upper') {
    return (
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item name={['upper', 'level']} label="交办层级" rules={[{ required: true, message: '请选择层级' }]}>
            <Select options={Object.entries(UPPER_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name={['upper', 'refNo']} label="交办文号" rules={[{ required: true, whitespace: true, message: '请填写文号' }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['upper', 'dueDate']} label="上级期限" rules={[{ required: true, message: '请选择上级要求的期限' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    );
  }
  return null;
}
