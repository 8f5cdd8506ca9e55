import { api } from '../../../api/client.ts';

/** A unit's 发文代字 and 机关标志 (GET/PUT /units/{id}/document-issuer); `derived` = not set, taken from the name. */
export interface DocumentIssuer {
  unitId: number;
  prefix: string;
  mark: string;
  derived: boolean;
}

export const issuerApi = {
  get: (unitId: number) => api.get<DocumentIssuer>(`/units/${unitId}/document-issuer`),
  set: (unitId: number, body: { prefix: string; mark: string }) => api.put<DocumentIssuer>(`/units/${unitId}/document-issuer`, body),
};
