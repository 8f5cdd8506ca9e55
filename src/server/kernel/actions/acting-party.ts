import type { SessionUser } from '../../core/auth/types.ts';

/**
 * Who takes an action on a work item. Not only staff: a citizen on the portal (proven by the track
 * token of their matter), a partner system (Open311 key), an enterprise reporting on its own hazards.
 * Each machine action's policy decides for every kind; there is one runner for all of them.
 */
export type ActingParty =
  | { kind: 'staff'; user: SessionUser }
  /** the citizen of these items (the portal resolved their token to the matter's items) */
  | { kind: 'citizen'; itemIds: readonly number[] }
  | { kind: 'partner'; keyId: number; name: string }
  | { kind: 'enterprise'; enterpriseId: number; name: string };

export const asStaff = (user: SessionUser): ActingParty => ({ kind: 'staff', user });

/** A staff-only policy from a rule about the signed-in user. */
export function staffOnly<Item>(rule: (user: SessionUser, item: Item) => boolean): (party: ActingParty, item: Item) => boolean {
  return (party, item) => party.kind === 'staff' && rule(party.user, item);
}

/** The citizen whose own item this is. */
export function isCitizenOf(party: ActingParty, item: { id: number }): boolean {
  return party.kind === 'citizen' && party.itemIds.includes(item.id);
}
