/** Links between items of any modules over HTTP (the rules are kernel/links). */
export { itemLinkRoutes } from './routes.ts';
