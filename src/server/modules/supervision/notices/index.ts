/** 督办通知 (发文): numbered notices whose tasks are 督办事项. */
import type { App, AppDeps } from '../../../app.ts';

export async function dispatchRoutes(_app: App, _deps: AppDeps): Promise<void> {}
