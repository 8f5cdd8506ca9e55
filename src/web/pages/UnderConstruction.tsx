import { Result, Typography } from 'antd';
import type { NavEntry } from '../navigation.tsx';

/** A module not built yet says what it will do (instead of a blank page). */
export function UnderConstruction({ entry }: { entry: NavEntry }) {
  return (
    <Result
      status="info"
      icon={<span className="anwen-uc-icon">{entry.icon}</span>}
      title={`${entry.label}（建设中）`}
      subTitle={
        <Typography.Paragraph className="anwen-uc-text" data-testid="module-plan">
          {entry.plan}
        </Typography.Paragraph>
      }
    />
  );
}

export function NotFoundPage() {
  return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在，请从左侧菜单进入。" />;
}
