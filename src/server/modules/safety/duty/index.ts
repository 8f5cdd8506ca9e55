/** 值班值守: rosters over the working-day calendar, 交接班, 在岗抽查 (registered in modules/registry.ts). */
export { dutyRoutes } from './routes.ts';
export { generateUnitRoster, createPeriod } from './duty-store.ts';
export { recordHandover, recordSpotCheck } from './duty-logs.ts';
