import { apiClient, type ApiOk, type ApiQuery } from '../../api/typed.ts';

/** Every module's statistics (GET /stats/{module}), typed from the server's OpenAPI document. */
export type StatsDefinition = ApiOk<'/stats'>['modules'][number];
export type StatsQuery = ApiQuery<'/stats/{module}'>;
export type StatsResult = ApiOk<'/stats/{module}'>;
export type StatsRow = StatsResult['rows'][number];
export type StatsCompare = NonNullable<StatsQuery['compare']>;
export type DrillDownQuery = ApiQuery<'/stats/{module}/items'>;
export type DrillDownResult = ApiOk<'/stats/{module}/items'>;

export { downloadUrl } from '../../api/download.ts';
export { formatRatio } from '../../../shared/format-ratio.ts';

export const statsApi = {
  definitions: () => apiClient.get('/stats'),
  stats: (module: string, query: StatsQuery) => apiClient.get('/stats/{module}', { params: { module }, query }),
  items: (module: string, query: DrillDownQuery) => apiClient.get('/stats/{module}/items', { params: { module }, query }),
};
