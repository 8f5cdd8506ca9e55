import { ModuleStatsPage } from '../../stats/ModuleStatsPage.tsx';
import { STATS_NOTES } from '../../stats/statsNotes.ts';

/** 事故统计 (from the accident list): the generic module statistics of kind 'accident', by grade first. */
export function AccidentStatsPage() {
  return (
    <div className="anwen-page">
      <ModuleStatsPage module="accident" title="生产安全事故统计" note={STATS_NOTES.accident} defaultGroupBy="grade" />
    </div>
  );
}
