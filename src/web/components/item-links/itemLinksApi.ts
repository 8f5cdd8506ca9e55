import { api } from '../../api/client.ts';

/** Mirrors of /api/v1/work-items/{id}/links and /api/v1/item-link-kinds (src/server/modules/item-links/routes.ts). */
export interface ItemLink {
  id: number;
  kind: string;
  direction: 'out' | 'in';
  /** how the link reads from this item: 升级为, 由…升级 */
  name: string;
  note: string | null;
  occurredOn: string;
  createdAt: string;
  createdByName: string | null;
  other: { id: number; module: string; moduleName: string; refNo: string; title: string; state: string; stateName: string; open: boolean; href: string };
}

export interface LinkKind {
  code: string;
  forward: string;
  reverse: string;
}

export interface NewLink {
  toRefNo: string;
  toModule?: string;
  kind: string;
  note?: string;
  occurredOn?: string;
  backdateReason?: string;
}

export const itemLinksApi = {
  list: (workItemId: number) => api.get<{ items: ItemLink[]; mayLink: boolean }>(`/work-items/${workItemId}/links`),
  kinds: () => api.get<{ items: LinkKind[]; modules: { kind: string; name: string }[] }>('/item-link-kinds'),
  add: (workItemId: number, body: NewLink) => api.post<{ id: number; occurredOn: string }>(`/work-items/${workItemId}/links`, body),
  remove: (workItemId: number, linkId: number, reason: string) => api.post<{ ok: true }>(`/work-items/${workItemId}/links/${linkId}/remove`, { reason }),
};
