import type { PetitionDeadline } from '../../api/petitions.ts';

/** Running clocks first (nearest due first), then the stopped ones, latest first. */
export function orderDeadlines(list: PetitionDeadline[]): PetitionDeadline[] {
  const running = list.filter((d) => d.status !== 'stopped').sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  const stopped = list.filter((d) => d.status === 'stopped').sort((a, b) => b.id - a.id);
  return [...running, ...stopped];
}
