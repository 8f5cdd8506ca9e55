import { Typography } from 'antd';

/** 安稳 logo + name; compact shows the logo only. */
export function Brand({ compact = false, dark = false }: { compact?: boolean; dark?: boolean }) {
  return (
    <div className={`anwen-brand${dark ? ' anwen-brand-dark' : ''}`}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!compact && (
        <Typography.Text strong className="anwen-brand-name">
          安稳
        </Typography.Text>
      )}
    </div>
  );
}
