import { Link } from 'react-router-dom';
import { EditOutlined, FileSearchOutlined, ReadOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useMeta } from './meta.tsx';

/** Three big actions: 我要信访, 查询办理进度, 办事指南. */
export function HomePage() {
  const { meta } = useMeta();
  return (
    <>
      <Typography.Title level={3}>网上信访</Typography.Title>
      <Typography.Paragraph className="portal-muted">
        不用跑腿：在线提出建议意见、检举控告或申诉求决，随时查询办理进度，收到处理意见后可以评价、申请复查。
        {meta ? `由${meta.intakeUnitName}统一登记受理。` : null}
      </Typography.Paragraph>
      <nav className="portal-actions" aria-label="主要功能">
        <Link to="/submit" className="portal-action" data-testid="home-submit">
          <EditOutlined aria-hidden />
          <span>
            <strong>我要信访</strong>
            <span className="portal-action-hint">填写诉求，提交后获得信访件编号和查询码</span>
          </span>
        </Link>
        <Link to="/track" className="portal-action" data-testid="home-track">
          <FileSearchOutlined aria-hidden />
          <span>
            <strong>查询办理进度</strong>
            <span className="portal-action-hint">凭编号和查询码查看进度、答复文书，评价或申请复查</span>
          </span>
        </Link>
        <Link to="/guide" className="portal-action" data-testid="home-guide">
          <ReadOutlined aria-hidden />
          <span>
            <strong>办事指南</strong>
            <span className="portal-action-hint">哪些事项可以信访，哪些应走诉讼、仲裁、行政复议</span>
          </span>
        </Link>
      </nav>
    </>
  );
}
