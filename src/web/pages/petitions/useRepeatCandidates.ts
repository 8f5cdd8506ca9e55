import { useEffect, useState } from 'react';
import { itemsOf } from '../../api/endpoints.ts';
import { petitionApi, type PetitionerInput, type RepeatCandidate } from '../../api/petitions.ts';

const DEBOUNCE_MS = 500;
const ID_RE = /^\d{17}[\dXx]$/;
const PHONE_RE = /^1\d{10}$/;

/**
 * Earlier cases of the same petitioner(s) while the intake form is typed, debounced so a clerk's
 * typing does not fire a request per key. Only complete ID numbers / phones are sent.
 */
export function useRepeatCandidates(petitioners: (PetitionerInput | undefined)[] | undefined, title?: string, content?: string) {
  const [items, setItems] = useState<RepeatCandidate[]>([]);
  const keys = (petitioners ?? [])
    .filter((p): p is PetitionerInput => !!p)
    .map((p) => ({
      idNumber: ID_RE.test(p.idNumber?.trim() ?? '') ? p.idNumber!.trim() : undefined,
      phone: PHONE_RE.test(p.phone?.trim() ?? '') ? p.phone!.trim() : undefined,
    }))
    .filter((k) => k.idNumber || k.phone)
    .slice(0, 5);
  const signature = JSON.stringify([keys, title?.trim() ?? '', (content ?? '').trim().slice(0, 500)]);

  useEffect(() => {
    if (!keys.length) {
      setItems([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      const text = { title: title?.trim() || undefined, content: content?.trim().slice(0, 500) || undefined };
      Promise.all(keys.map((k) => petitionApi.repeatCandidates({ ...k, ...text }).then(itemsOf)))
        .then((lists) => {
          if (cancelled) return;
          const seen = new Map<number, RepeatCandidate>();
          for (const c of lists.flat()) if (!seen.has(c.id)) seen.set(c.id, c);
          setItems([...seen.values()].sort((a, b) => (b.similarity ?? 0) - (a.similarity ?? 0)));
        })
        .catch(() => {
          // a hint, not a gate: a failed look-up must not block registration
          if (!cancelled) setItems([]);
        });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);

  return items;
}
