/** Who is responsible for a kernel item (主办/协办/属地/包案领导) and the scope rule that follows from it. */
export { assignParties, retireParties, listParties, PARTY_ROLE_ZH, type PartyRole, type PartyInput, type PartyView } from './assign-parties.ts';
export { itemVisibleSql, itemVisible } from './party-scope.ts';
