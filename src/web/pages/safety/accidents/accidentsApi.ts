import { apiClient, type ApiBody, type ApiOk, type ApiQuery } from '../../../api/typed.ts';

export type AccidentList = ApiOk<'/safety/accidents'>;
export type AccidentRow = AccidentList['items'][number];
export type AccidentDetail = ApiOk<'/safety/accidents/{id}'>;
export type AccidentClock = AccidentDetail['deadlines'][number];
export type AccidentReport = ApiBody<'/safety/accidents', 'post'>;
export type AccidentQuery = ApiQuery<'/safety/accidents'>;

export const accidentsApi = {
  list: (query: AccidentQuery) => apiClient.get('/safety/accidents', { query }),
  get: (id: number) => apiClient.get('/safety/accidents/{id}', { params: { id } }),
  report: (body: AccidentReport) => apiClient.post('/safety/accidents', { body }),
  act: (id: number, action: string, body: Record<string, unknown>) =>
    apiClient.post('/safety/accidents/{id}/actions/{action}', { params: { id, action }, body: body as never }),
  approvers: () => apiClient.get('/safety/accidents/approvers'),
};

export const GRADE_OPTIONS = [
  { value: 'general', label: '一般事故' },
  { value: 'larger', label: '较大事故' },
  { value: 'major', label: '重大事故' },
  { value: 'especially_major', label: '特别重大事故' },
];
export const GRADE_COLORS: Record<string, string> = { general: 'blue', larger: 'orange', major: 'red', especially_major: 'magenta' };
export const TYPE_OPTIONS = [
  { value: 'road_traffic', label: '道路交通' },
  { value: 'fire', label: '火灾' },
  { value: 'construction', label: '建筑施工' },
  { value: 'industrial_trade', label: '工矿商贸' },
  { value: 'hazardous_chemicals', label: '危险化学品' },
  { value: 'special_equipment', label: '特种设备' },
  { value: 'other', label: '其他' },
];

const MINUTE_FMT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
/** An instant as county staff read it (Beijing time, to the minute). */
export const beijingMinute = (iso: string | null | undefined) => (iso ? MINUTE_FMT.format(new Date(iso)) : '—');

/** "还剩 1 小时 20 分" / "已超时 35 分" — hour clocks count down in hours and minutes. */
export function hourCountdown(dueAt: string, now: number): { text: string; late: boolean } {
  const ms = Date.parse(dueAt) - now;
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const span = h > 0 ? `${h} 小时 ${m} 分` : `${m} 分`;
  return ms >= 0 ? { text: `还剩 ${span}`, late: false } : { text: `已超时 ${span}`, late: true };
}
