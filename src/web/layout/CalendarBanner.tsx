import { useEffect } from 'react';
import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { calendarApi } from '../api/endpoints.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { onCalendarChanged } from './calendarEvents.ts';

/** For administrators: next year's working-day calendar is missing (deadlines there are provisional). */
export function CalendarBanner() {
  const { data, reload } = useAsync(() => calendarApi.status(), []);
  useEffect(() => onCalendarChanged(reload), [reload]);
  if (!data?.warning) return null;
  return <Alert type="warning" showIcon banner title={data.warning} action={<Link to="/admin/calendar">加载日历</Link>} data-testid="calendar-banner" />;
}
