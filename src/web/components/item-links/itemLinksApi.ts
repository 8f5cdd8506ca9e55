import { apiClient as c, type ApiBody, type ApiOk } from '../../api/typed.ts';

/** /work-items/{id}/links and /item-link-kinds; shapes from schema.gen.ts. */
export type ItemLink = ApiOk<'/work-items/{id}/links'>['items'][number];
/** The meetings (会议) that discussed the item, as their readers may see them (GET /work-items/{id}/meetings). */
export type ItemMeeting = ApiOk<'/work-items/{id}/meetings'>['items'][number];
export type NewLink = ApiBody<'/work-items/{id}/links', 'post'>;

export const itemLinksApi = {
  list: (workItemId: number) => c.get('/work-items/{id}/links', { params: { id: workItemId } }),
  kinds: () => c.get('/item-link-kinds'),
  meetings: (workItemId: number) => c.get('/work-items/{id}/meetings', { params: { id: workItemId } }),
  add: (workItemId: number, body: NewLink) => c.post('/work-items/{id}/links', { params: { id: workItemId }, body }),
  remove: (workItemId: number, linkId: number, reason: string) =>
    c.post('/work-items/{id}/links/{linkId}/remove', { params: { id: workItemId, linkId }, body: { reason } }),
};
