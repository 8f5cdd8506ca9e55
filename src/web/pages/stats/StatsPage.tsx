import { Alert, Segmented, Skeleton } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { statsApi } from '../../components/stats/statsApi.ts';
import { PetitionStatsPage } from '../petitions/stats/PetitionStatsPage.tsx';
import { ModuleStatsPage } from './ModuleStatsPage.tsx';
import { STATS_NOTES } from './statsNotes.ts';

/**
 * 统计分析 /stats: one page for every module that declares statistics (GET /stats), chosen by name and kept in
 * the URL (?module=); 信访 keeps its own page (indicator cards, chart), every other module the generic table.
 */
export function StatsPage() {
  const [params, setParams] = useSearchParams();
  const defs = useAsync(() => statsApi.definitions(), []);
  const modules = defs.data?.modules ?? [];
  const chosen = modules.find((m) => m.module === params.get('module')) ?? modules[0];

  if (defs.error) return <Alert type="error" showIcon message={defs.error.message} />;
  if (!chosen) return defs.loading ? <Skeleton active /> : <Alert type="info" showIcon message="暂无可统计的业务" />;
  return (
    <div className="anwen-page">
      {modules.length > 1 && (
        <div style={{ overflowX: 'auto', marginBottom: 12 }}>
          <Segmented<string>
            value={chosen.module}
            onChange={(m) => setParams({ module: m }, { replace: true })}
            options={modules.map((m) => ({ value: m.module, label: m.name }))}
            aria-label="统计的业务"
            data-testid="stats-module-picker"
          />
        </div>
      )}
      {chosen.module === 'petition' ? (
        <PetitionStatsPage embedded />
      ) : (
        <ModuleStatsPage key={chosen.module} module={chosen.module} note={STATS_NOTES[chosen.module]} />
      )}
    </div>
  );
}
