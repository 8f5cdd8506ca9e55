import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { RegisterPetitionResult } from '../../api/petitions.ts';
import { FlagTags } from './FlagTags.tsx';

/** The case number and the 查询码 — the code exactly once: the server stores only its hash. */
export function RegisteredModal({
  result,
  onOpen,
  onAnother,
  onReceipt,
}: {
  result: RegisterPetitionResult | null;
  onOpen: () => void;
  onAnother: () => void;
  /** the printable 登记回执 with the query code, for the petitioner to take away */
  onReceipt: () => void;
}) {
  return (
    <Modal
      open={!!result}
      title="登记成功"
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={[
        <Button key="another" onClick={onAnother}>
          继续登记
        </Button>,
        <Button key="receipt" icon={<PrinterOutlined />} onClick={onReceipt} data-testid="print-receipt">
          打印登记回执
        </Button>,
        <Button key="open" type="primary" onClick={onOpen}>
          我已告知信访人，查看事项
        </Button>,
      ]}
    >
      {result && (
        <div data-testid="registered-result">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="信访事项编号">
              <Typography.Text strong data-testid="registered-caseno">
                {result.caseNo}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="查询码">
              <Typography.Text
                strong
                copyable={{ text: result.queryCode, tooltips: ['复制', '已复制'] }}
                className="anwen-secret"
                data-testid="registered-querycode"
              >
                {result.queryCode}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="标记">
              <FlagTags flags={result.flags} />
            </Descriptions.Item>
          </Descriptions>
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title="查询码仅显示这一次"
            description="系统只保存查询码的摘要，离开本页后无法再次查看。请当场打印登记回执交给信访人，信访人凭编号和查询码查询办理进度、评价满意度。"
          />
        </div>
      )}
    </Modal>
  );
}
