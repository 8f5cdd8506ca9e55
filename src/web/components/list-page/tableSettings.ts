import { useCallback, useState } from 'react';

/** How tall the rows of a list are: the clerk's choice, kept per list on this computer. */
export type Density = 'large' | 'middle' | 'small';
export const DENSITY_LABELS: Record<Density, string> = { large: '宽松', middle: '默认', small: '紧凑' };

export interface TableSettings {
  density: Density | undefined;
  /** keys of the columns the user hid */
  hidden: string[];
}

const storageKey = (list: string) => `anwen.list.${list}`;

/** Reads the stored settings of one list; anything unreadable (an old format, no storage) is no setting. */
export function readTableSettings(list: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): TableSettings {
  try {
    const raw = storage?.getItem(storageKey(list));
    const v = raw ? (JSON.parse(raw) as Partial<TableSettings>) : {};
    const density = v.density && v.density in DENSITY_LABELS ? v.density : undefined;
    const hidden = Array.isArray(v.hidden) ? v.hidden.filter((k): k is string => typeof k === 'string') : [];
    return { density, hidden };
  } catch {
    return { density: undefined, hidden: [] };
  }
}

/** A list's column choice and density, stored in localStorage (a browser without it keeps them for the page's life). */
export function useTableSettings(list: string): [TableSettings, (patch: Partial<TableSettings>) => void] {
  const [settings, setSettings] = useState(() => readTableSettings(list));
  const update = useCallback(
    (patch: Partial<TableSettings>) =>
      setSettings((s) => {
        const next = { ...s, ...patch };
        try {
          globalThis.localStorage?.setItem(storageKey(list), JSON.stringify(next));
        } catch {
          // private mode or full storage: the choice lasts until the page is left
        }
        return next;
      }),
    [list],
  );
  return [settings, update];
}
