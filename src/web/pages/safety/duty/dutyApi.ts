import { apiClient, type ApiBody, type ApiOk } from '../../../api/typed.ts';

export type Roster = ApiOk<'/safety/duty/roster'>;
export type RosterDay = Roster['days'][number];
export type DutyPeople = ApiOk<'/safety/duty/people'>;
export type Handover = ApiOk<'/safety/duty/handovers'>['items'][number];
export type DutyUnit = ApiOk<'/safety/duty/units'>['items'][number];
export type SpotCheck = ApiOk<'/safety/duty/checks'>['items'][number];

export const dutyApi = {
  units: () => apiClient.get('/safety/duty/units'),
  roster: (month: string, unitId?: number) => apiClient.get('/safety/duty/roster', { query: { month, unitId } }),
  people: (unitId?: number) => apiClient.get('/safety/duty/people', { query: { unitId } }),
  generate: (body: ApiBody<'/safety/duty/roster/generate', 'post'>) => apiClient.post('/safety/duty/roster/generate', { body }),
  setDay: (date: string, body: ApiBody<'/safety/duty/roster/{date}', 'put'>) => apiClient.put('/safety/duty/roster/{date}', { params: { date }, body }),
  handovers: (from: string, to: string, unitId?: number) => apiClient.get('/safety/duty/handovers', { query: { from, to, unitId } }),
  addHandover: (body: ApiBody<'/safety/duty/handovers', 'post'>) => apiClient.post('/safety/duty/handovers', { body }),
  checks: (from: string, to: string, unitId?: number) => apiClient.get('/safety/duty/checks', { query: { from, to, unitId } }),
  addCheck: (body: ApiBody<'/safety/duty/checks', 'post'>) => apiClient.post('/safety/duty/checks', { body }),
  addPeriod: (body: ApiBody<'/safety/duty/periods', 'post'>) => apiClient.post('/safety/duty/periods', { body }),
};
