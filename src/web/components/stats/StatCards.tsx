import type { KeyboardEvent, ReactNode } from 'react';
import { Card, Space, Statistic, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';

const onKeys = (open: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    open();
  }
};

/** A link-like number that opens the items behind it (the same drill-down as the table's numbers). */
function Figure({ n, label, onOpen, testId }: { n: number; label: string; onOpen: () => void; testId: string }) {
  return n > 0 ? (
    <a
      onClick={(e) => {
        e.stopPropagation();
        onOpen();
      }}
      aria-label={`${label}明细`}
      data-testid={testId}
    >
      {n}
    </a>
  ) : (
    <span>0</span>
  );
}

/**
 * A total count above a statistics table: the whole card opens the items behind the figure (mouse, Enter or
 * Space), like every number of the table; a zero opens nothing.
 */
export function CountCard({
  title,
  value,
  loading,
  onOpen,
  testId,
}: {
  title: ReactNode;
  value: number;
  loading: boolean;
  onOpen: () => void;
  testId: string;
}) {
  const live = value > 0 && !loading;
  return (
    <Card
      size="small"
      hoverable={live}
      onClick={live ? onOpen : undefined}
      onKeyDown={live ? onKeys(onOpen) : undefined}
      role={live ? 'button' : undefined}
      tabIndex={live ? 0 : undefined}
      aria-label={live ? `${typeof title === 'string' ? title : ''} ${value}，查看明细` : undefined}
      data-testid={testId}
      style={live ? { cursor: 'pointer' } : undefined}
    >
      <Statistic title={title} value={value} loading={loading} valueStyle={live ? { color: '#1677ff' } : undefined} />
      {live && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          查看明细 <RightOutlined style={{ fontSize: 10 }} />
        </Typography.Text>
      )}
    </Card>
  );
}

/**
 * A total indicator (a ratio) above a statistics table, with its numerator and denominator as numbers that open
 * the items behind them — the ratio itself is not a set of items, its two parts are.
 */
export function IndicatorCard({
  title,
  name,
  ratio,
  numerator,
  denominator,
  loading,
  onOpen,
  testId,
  footer,
}: {
  title: ReactNode;
  name: string;
  ratio: string;
  numerator: number | undefined;
  denominator: number | undefined;
  loading: boolean;
  onOpen: (part: 'numerator' | 'denominator') => void;
  testId: string;
  footer?: ReactNode;
}) {
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={ratio} loading={loading} />
      {!loading && numerator !== undefined && denominator !== undefined && (
        <Space size={4} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary">
            <Figure n={numerator} label={`${name}分子`} onOpen={() => onOpen('numerator')} testId={`${testId}-numerator`} />
            {' / '}
            <Figure n={denominator} label={`${name}分母`} onOpen={() => onOpen('denominator')} testId={`${testId}-denominator`} />
          </Typography.Text>
        </Space>
      )}
      {footer && <div>{footer}</div>}
    </Card>
  );
}
