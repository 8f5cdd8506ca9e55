import { api } from '../../../api/client.ts';

/** Admin side of the 文书模板 (GET/PUT /document-templates, preview on a case). */
export interface TemplateSummary {
  kind: string;
  name: string;
  title: string;
  updatedAt: string;
}
export interface DocumentTemplate extends TemplateSummary {
  body: string;
}
export interface TemplatePreview {
  issuerMark: string;
  title: string;
  addressee: string;
  paragraphs: string[];
  unknownPlaceholders: string[];
  notApplicable: string | null;
}

export const templatesApi = {
  list: () => api.get<{ items: TemplateSummary[]; placeholders: { key: string; label: string }[] }>('/document-templates'),
  get: (kind: string) => api.get<DocumentTemplate>(`/document-templates/${kind}`),
  save: (kind: string, body: { title: string; body: string }) => api.put<DocumentTemplate>(`/document-templates/${kind}`, body),
  preview: (kind: string, body: { title: string; body: string; petitionId: number }) => api.post<TemplatePreview>(`/document-templates/${kind}/preview`, body),
};
