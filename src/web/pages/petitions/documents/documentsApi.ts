import { api } from '../../../api/client.ts';

/** Mirrors src/server/modules/petition-documents/routes.ts. */
export interface PetitionDocument {
  id: number;
  kind: string;
  name: string;
  number: string;
  fileName: string;
  sha256: string;
  size: number;
  createdAt: string;
  createdBy: string | null;
}
export interface PetitionDocuments {
  items: PetitionDocument[];
  kinds: { kind: string; name: string }[];
}

export const documentsApi = {
  list: (petitionId: number) => api.get<PetitionDocuments>(`/petitions/${petitionId}/documents`),
  generate: (petitionId: number, kind: string) => api.post<PetitionDocument>(`/petitions/${petitionId}/documents/${kind}`),
  /** a plain link: the server answers the DOCX with its Content-Disposition file name */
  downloadUrl: (docId: number) => `/api/v1/petition-documents/${docId}/download`,
};

/** '2026-08-05T02:00:00Z' → '2026-08-05 10:00' in Shanghai time. */
export function shanghaiMinute(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
