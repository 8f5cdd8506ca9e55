/** Every module's statistics over HTTP (the engine is kernel/stats). */
export { statsRoutes } from './routes.ts';
