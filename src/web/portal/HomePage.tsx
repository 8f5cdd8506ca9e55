import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useMeta } from './meta.tsx';

/** Line icons drawn inline (24×24): no icon library on the page a phone opens first. */
const ICONS = {
  submit: 'M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4',
  track: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5 21 21',
  guide: 'M4 5.5C6.5 4 9.5 4 12 6c2.5-2 5.5-2 8-.5V19c-2.5-1.5-5.5-1.5-8 .5-2.5-2-5.5-2-8-.5V5.5zM12 6v13.5',
};

function Icon({ d }: { d: string }) {
  return (
    <svg className="portal-action-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * Three big actions: 我要信访, 查询办理进度, 办事指南. Rendered at once: only the sentence naming the intake unit waits for
 * /portal/meta, and is added when it arrives.
 */
export function HomePage({ onShown }: { onShown?: () => void }) {
  const { meta } = useMeta();
  useEffect(() => onShown?.(), [onShown]);
  return (
    <>
      <h1 className="portal-title">网上信访</h1>
      <p className="portal-muted">
        不用跑腿：在线提出建议意见、检举控告或申诉求决，随时查询办理进度，收到处理意见后可以评价、申请复查。
        {meta ? `由${meta.intakeUnitName}统一登记受理。` : null}
      </p>
      <nav className="portal-actions" aria-label="主要功能">
        <Link to="/submit" className="portal-action" data-testid="home-submit">
          <Icon d={ICONS.submit} />
          <span>
            <strong>我要信访</strong>
            <span className="portal-action-hint">填写诉求，提交后获得信访件编号和查询码</span>
          </span>
        </Link>
        <Link to="/track" className="portal-action" data-testid="home-track">
          <Icon d={ICONS.track} />
          <span>
            <strong>查询办理进度</strong>
            <span className="portal-action-hint">凭编号和查询码查看进度、答复文书，评价或申请复查</span>
          </span>
        </Link>
        <Link to="/guide" className="portal-action" data-testid="home-guide">
          <Icon d={ICONS.guide} />
          <span>
            <strong>办事指南</strong>
            <span className="portal-action-hint">哪些事项可以信访，哪些应走诉讼、仲裁、行政复议</span>
          </span>
        </Link>
      </nav>
    </>
  );
}
