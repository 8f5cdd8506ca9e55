import { useEffect, useState } from 'react';
import { ruleApi } from '../api/endpoints.ts';
import type { LegalRule } from '../api/types.ts';

export { fillLimits, limitText } from './legalLimits.ts';

let cached: Promise<LegalRule[]> | undefined;

/** After an administrator changes a rule, the console's wording follows at once. */
export function forgetLegalRules(): void {
  cached = undefined;
}

/** The legal time-limit rules, loaded once per page load (shared by every form that quotes one). */
export function useLegalRules(): LegalRule[] | undefined {
  const [rules, setRules] = useState<LegalRule[]>();
  useEffect(() => {
    let live = true;
    cached ??= ruleApi.list().catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    cached.then((r) => live && setRules(r)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return rules;
}
