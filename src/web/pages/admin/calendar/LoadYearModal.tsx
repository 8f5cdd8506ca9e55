import { useState } from 'react';
import { Alert, Button, Input, Modal, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { calendarApi } from '../../../api/endpoints.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import { parseCalendarJson } from './parseCalendarJson.ts';

const EXAMPLE = `{
  "year": 2027,
  "source": "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）",
  "days": [
    { "date": "2027-01-01", "kind": "holiday", "name": "元旦" },
    { "date": "2027-02-07", "kind": "workday", "name": "春节调休上班" }
  ]
}`;

/** Load (or replace) a calendar year from pasted or uploaded JSON; open deadlines are recomputed by the server. */
export function LoadYearModal({ open, onClose, onLoaded }: { open: boolean; onClose: () => void; onLoaded: (year: number, changedDeadlines: number) => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const showError = useApiError();

  const submit = async () => {
    const parsed = parseCalendarJson(text);
    if (!parsed.ok) {
      setProblem(parsed.error);
      return;
    }
    setProblem(undefined);
    setSaving(true);
    try {
      const result = await calendarApi.loadYear(parsed.value);
      setText('');
      onLoaded(parsed.value.year, result.recompute.changedCount);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title="加载年度工作日历" onOk={() => void submit()} okText="加载" confirmLoading={saving} onCancel={onClose} width={680} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        按国务院办公厅当年节假日安排通知填写：days 只列例外日期——放假日（kind 为 holiday，含周末调整成的假日）和调休上班日（kind 为
        workday）。加载后，所有未结事项中落在该年的暂定期限会重新计算，并记入审计日志。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((t) => setText(t));
            return false; // read locally; nothing is uploaded until 加载
          }}
        >
          <Button icon={<UploadOutlined />}>选择 JSON 文件</Button>
        </Upload>
        <Button type="link" onClick={() => setText(EXAMPLE)}>
          填入示例格式
        </Button>
      </Space>
      <Input.TextArea rows={12} value={text} onChange={(e) => setText(e.target.value)} placeholder={EXAMPLE} className="anwen-json" />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
