import { DatePicker, Input, Segmented, Select, type SelectProps } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';

export interface Option {
  value: string;
  label: string;
}

/** One control of a list's toolbar; every value lives in the URL as a string. */
export type FilterDef<K extends string> =
  | { type: 'select'; key: K; placeholder: string; options: Option[] | { label: string; options: Option[] }[]; width?: number; searchable?: boolean }
  | { type: 'search'; key: K; placeholder: string; width?: number; testId?: string }
  | { type: 'dateRange'; from: K; to: K; placeholder: [string, string] }
  | { type: 'segmented'; key: K; options: Option[] }
  /** a control of its own (a unit tree …) bound to one filter */
  | { type: 'custom'; key: K; render: (value: string | undefined, onChange: (value: string | undefined) => void) => ReactNode };

export interface SortDef {
  options: Option[];
  width?: number;
}

type Values<K extends string> = Partial<Record<K, string>>;

/** The toolbar controls of a list page, bound to its URL state. */
export function ListFilter<K extends string>({
  def,
  values,
  onChange,
}: {
  def: FilterDef<K>;
  values: Values<K>;
  onChange: (patch: Partial<Record<K, string | undefined>>) => void;
}) {
  switch (def.type) {
    case 'select':
      return (
        <Select
          allowClear
          placeholder={def.placeholder}
          aria-label={def.placeholder}
          style={{ width: def.width ?? 140 }}
          showSearch={def.searchable ? { optionFilterProp: 'label' } : undefined}
          value={values[def.key]}
          onChange={(v?: string) => onChange({ [def.key]: v } as Partial<Record<K, string>>)}
          options={def.options as SelectProps['options']}
        />
      );
    case 'search':
      return (
        <Input.Search
          // remount when the URL changes (back/forward) so the box shows the list's real filter
          key={values[def.key] ?? ''}
          defaultValue={values[def.key]}
          allowClear
          placeholder={def.placeholder}
          style={{ width: def.width ?? 220 }}
          onSearch={(v) => onChange({ [def.key]: v.trim() || undefined } as Partial<Record<K, string>>)}
          data-testid={def.testId}
        />
      );
    case 'dateRange': {
      const from = values[def.from];
      const to = values[def.to];
      return (
        <DatePicker.RangePicker
          value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
          allowEmpty={[true, true]}
          placeholder={def.placeholder}
          onChange={(r) => onChange({ [def.from]: r?.[0]?.format('YYYY-MM-DD'), [def.to]: r?.[1]?.format('YYYY-MM-DD') } as Partial<Record<K, string>>)}
        />
      );
    }
    case 'custom':
      return <>{def.render(values[def.key], (v) => onChange({ [def.key]: v } as Partial<Record<K, string>>))}</>;
    case 'segmented':
      return <Segmented value={values[def.key]} onChange={(v) => onChange({ [def.key]: String(v) } as Partial<Record<K, string>>)} options={def.options} />;
  }
}
