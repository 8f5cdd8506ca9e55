import { apiClient as c, type ApiOk } from '../../../api/typed.ts';

/** Open311 接入密钥 as the console uses them; shapes from the generated OpenAPI types. */
export type Open311Key = ApiOk<'/open311/keys'>['items'][number];

export const open311KeysApi = {
  list: () => c.get('/open311/keys'),
  issue: (appName: string, ratePerMinute: number) => c.post('/open311/keys', { body: { appName, ratePerMinute } }),
  revoke: (id: number, reason: string) => c.post('/open311/keys/{id}/revoke', { params: { id }, body: { reason } }),
};
