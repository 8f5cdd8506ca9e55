import { apiClient as c, type ApiBody, type ApiOk } from '../../../api/typed.ts';

/** A unit's 发文代字 and 机关标志 (GET/PUT /units/{id}/document-issuer); `configured` = set, so the unit can issue documents. */
export type DocumentIssuer = ApiOk<'/units/{id}/document-issuer'>;

export const issuerApi = {
  get: (unitId: number) => c.get('/units/{id}/document-issuer', { params: { id: unitId } }),
  set: (unitId: number, body: ApiBody<'/units/{id}/document-issuer', 'put'>) => c.put('/units/{id}/document-issuer', { params: { id: unitId }, body }),
};
