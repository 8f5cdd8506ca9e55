/**
 * 矛盾纠纷排查调处 (issue 15), reached by other modules and the registry only through this file: the dispute
 * register and its mediation (人民调解法), the 调解协议书, statistics, screening campaigns with 零报告.
 */
import type { App, AppDeps } from '../../app.ts';
import { disputeRoutes } from './routes.ts';
import { campaignRoutes } from './campaigns.ts';
import { disputeTypeRoutes } from './types.ts';

export { DISPUTE_MODULE } from './descriptor.ts';
export { createDispute, type DisputeInput } from './create-dispute.ts';
export { DISPUTE_ACTIONS } from './actions.ts';

/** Every HTTP route of 矛盾纠纷 (under /api/v1/disputes). */
export async function disputesRoutes(app: App, deps: AppDeps): Promise<void> {
  await disputeTypeRoutes(app, deps);
  await campaignRoutes(app, deps);
  await disputeRoutes(app, deps);
}
