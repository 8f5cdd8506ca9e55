import { describe, expect, it } from 'vitest';
import { auditActionZh, STATE_ZH } from '../../kernel/timeline/labels.ts';
import { PETITION_MACHINE } from './machine.ts';

// the kernel words the timeline; these keep its 信访 vocabulary in step with the machine
describe('信访 timeline wording matches the machine', () => {
  it('names every action as the machine does', () => {
    for (const [code, a] of Object.entries(PETITION_MACHINE.actions as Record<string, { name: string }>)) {
      expect(auditActionZh(`petition.${code}`), code).toBe(a.name);
    }
  });

  it('names every state as the machine does', () => {
    for (const [code, s] of Object.entries(PETITION_MACHINE.states as Record<string, { name: string }>)) {
      expect(STATE_ZH[code], code).toBe(s.name);
    }
  });
});
