import { DatePicker, Form, Input, Select, Space, TimePicker } from 'antd';
import dayjs from 'dayjs';

/** 会议类型、名称、日期、时间、地点、主持人、记录人: the same fields when a meeting is recorded and when it is edited. */
export function MeetingHeaderFields({ types }: { types: { value: string; label: string }[] }) {
  return (
    <>
      <Space wrap align="start" style={{ width: '100%' }}>
        <Form.Item name="typeCode" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
          <Select style={{ width: 240 }} options={types} placeholder="选择会议类型" />
        </Form.Item>
        <Form.Item name="name" label="会议名称" rules={[{ required: true, message: '请填写会议名称' }]} style={{ minWidth: 280, flex: 1 }}>
          <Input maxLength={100} placeholder="如：2026年第四季度信访工作联席会议" />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="startTime" label="开始时间">
          <TimePicker format="HH:mm" minuteStep={5} />
        </Form.Item>
        <Form.Item name="place" label="会议地点" rules={[{ required: true, message: '请填写会议地点' }]}>
          <Input maxLength={100} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="hostName" label="主持人" rules={[{ required: true, message: '请填写主持人' }]}>
          <Input maxLength={40} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="recorderName" label="记录人" rules={[{ required: true, message: '请填写记录人' }]}>
          <Input maxLength={40} style={{ width: 130 }} />
        </Form.Item>
      </Space>
    </>
  );
}
