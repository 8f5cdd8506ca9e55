import { apiClient as c } from '../../../api/typed.ts';

/** A case's documents (made ones, and the kinds the caller may make now) and making one; shapes from schema.gen.ts. */
export const documentsApi = {
  list: (petitionId: number) => c.get('/petitions/{id}/documents', { params: { id: petitionId } }),
  /** `reason`: why a notice of a step the case has passed is made again (the server refuses it without one) */
  generate: (petitionId: number, kind: string, reason?: string) =>
    c.post('/petitions/{id}/documents/{kind}', { params: { id: petitionId, kind }, body: reason ? { reason } : {} }),
  /** a plain link: the server answers the DOCX with its Content-Disposition file name */
  downloadUrl: (docId: number) => `/api/v1/petition-documents/${docId}/download`,
};

/** '2026-08-05T02:00:00Z' → '2026-08-05 10:00' in Shanghai time. */
export function shanghaiMinute(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
