/** A ratio as people read it: 0.8571 → “85.71%”; no value (an empty denominator) → “—”, never 0 % or 100 %. */
export function formatRatio(value: number | null): string {
  return value === null ? '—' : `${(Math.round(value * 10000) / 100).toFixed(2)}%`;
}
