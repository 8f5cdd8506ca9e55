/** Pure derivations of the intake flags (集体访, 初信初访, 重复信访, 终结后再访). */
export const SIMILARITY_THRESHOLD = 0.3;

export interface EarlierPetition {
  id: number;
  categoryId: number;
  similarity: number;
  stage: string;
  state: string;
}

export function isCollective(opts: { persons: number; petitioners: number; threshold: number }): boolean {
  return Math.max(opts.persons, opts.petitioners) >= opts.threshold;
}

/** Same matter = same category, or title+content trigram similarity ≥ 0.3. */
export const isSimilar = (e: EarlierPetition, categoryId: number): boolean => e.categoryId === categoryId || e.similarity >= SIMILARITY_THRESHOLD;

export function deriveRepeatFlags(earlier: EarlierPetition[], categoryId: number): { firstTime: boolean; repeat: boolean; repeatOf: number | null; afterTermination: boolean } {
  const similar = earlier.filter((e) => isSimilar(e, categoryId));
  const initial = similar.filter((e) => e.stage === 'initial').sort((a, b) => a.id - b.id);
  return {
    firstTime: earlier.length === 0,
    repeat: initial.length > 0,
    repeatOf: initial[0]?.id ?? null,
    afterTermination: similar.some((e) => e.state === 'terminated'),
  };
}
