import { api } from '../../../api/client.ts';

/** Open311 接入密钥 as the console uses them (mirrors src/server/modules/open311-keys/routes.ts). */
export interface Open311Key {
  id: number;
  appName: string;
  keyPrefix: string;
  enabled: boolean;
  ratePerMinute: number;
  createdBy: string | null;
  createdAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
  requests: number;
}

export const open311KeysApi = {
  list: () => api.get<{ items: Open311Key[] }>('/open311/keys'),
  issue: (appName: string, ratePerMinute: number) => api.post<{ id: number; apiKey: string; keyPrefix: string }>('/open311/keys', { appName, ratePerMinute }),
  revoke: (id: number, reason: string) => api.post<{ ok: true }>(`/open311/keys/${id}/revoke`, { reason }),
};
