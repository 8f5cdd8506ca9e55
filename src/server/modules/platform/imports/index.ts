/** Every module's Excel imports over HTTP (the engine is kernel/imports). */
export { importRoutes } from './routes.ts';
