import { apiClient as c, type ApiBody, type ApiOk } from '../../../api/typed.ts';

/** Admin side of the 文书模板 (GET/PUT /document-templates, preview on a case); shapes from schema.gen.ts. */
export type TemplateKind = ApiOk<'/document-templates'>['items'][number]['kind'];
export type TemplatePreview = ApiOk<'/document-templates/{kind}/preview', 'post'>;

export const templatesApi = {
  list: () => c.get('/document-templates'),
  get: (kind: TemplateKind) => c.get('/document-templates/{kind}', { params: { kind } }),
  save: (kind: TemplateKind, body: ApiBody<'/document-templates/{kind}', 'put'>) => c.put('/document-templates/{kind}', { params: { kind }, body }),
  preview: (kind: TemplateKind, body: ApiBody<'/document-templates/{kind}/preview', 'post'>) =>
    c.post('/document-templates/{kind}/preview', { params: { kind }, body }),
};
