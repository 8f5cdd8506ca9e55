/**
 * Link kinds are data: a code and how the link reads from each end, in Chinese. The kernel keeps the
 * kinds every module needs (one case leading to another); a module may declare more in its descriptor
 * (`linkKinds`), merged by the catalog. A name may hold '…' where the other item's number goes
 * (由…升级 → 由 JF-519901-2026-000123 升级); without it the number follows the name.
 */
export interface LinkKindDef {
  /** stored in item_links.kind: lower-case letters, digits, underscores */
  code: string;
  /** read on the item the link starts from: 升级为 (the other item) */
  forward: string;
  /** read on the item the link points to: 由…升级 */
  reverse: string;
}

export const KERNEL_LINK_KINDS: readonly LinkKindDef[] = [
  { code: 'reveals', forward: '发现隐患', reverse: '由…发现' },
  { code: 'escalates', forward: '升级为', reverse: '由…升级' },
  { code: 'decides', forward: '作出决定', reverse: '由…作出决定' },
  { code: 'relates', forward: '相关', reverse: '相关' },
];

/** Which end of a link an item is: 'out' on its from item, 'in' on its to item. */
export type LinkDirection = 'out' | 'in';

/** The name of a link read from one end; an unknown code (a kind no registered module declares any more) reads as 关联. */
export function linkName(kind: LinkKindDef | undefined, direction: LinkDirection): string {
  if (!kind) return '关联';
  return direction === 'out' ? kind.forward : kind.reverse;
}

/** "升级为 JF-519901-2026-000123", "由 JF-519901-2026-000123 升级": the link as a phrase naming the other item. */
export function linkPhrase(kind: LinkKindDef | undefined, direction: LinkDirection, otherRef: string): string {
  const name = linkName(kind, direction);
  return name.includes('…') ? name.replace('…', ` ${otherRef} `).trim() : `${name} ${otherRef}`;
}

/** Checks a module's declared kinds against the kernel's and each other (codes unique and well-formed, names given). */
export function mergeLinkKinds(declared: readonly { owner: string; kinds: readonly LinkKindDef[] }[]): Map<string, LinkKindDef> {
  const out = new Map<string, LinkKindDef>(KERNEL_LINK_KINDS.map((k) => [k.code, k]));
  for (const { owner, kinds } of declared) {
    for (const k of kinds) {
      if (!/^[a-z][a-z0-9_]{0,39}$/.test(k.code)) throw new Error(`module registry: ${owner} link kind "${k.code}" is not a lower-case code`);
      if (out.has(k.code)) throw new Error(`module registry: link kind ${k.code} declared twice (${owner})`);
      if (!k.forward.trim() || !k.reverse.trim()) throw new Error(`module registry: link kind ${k.code} needs a name for each direction`);
      out.set(k.code, k);
    }
  }
  return out;
}
