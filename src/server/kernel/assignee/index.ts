/** 经办人: the person of a responsible unit who handles an item, named within that unit. */
export { assignWithinUnit, listAssigneeCandidates, type AssigneeCandidate } from './assign-within-unit.ts';
