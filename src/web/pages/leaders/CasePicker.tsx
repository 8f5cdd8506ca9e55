import { useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { petitionApi } from '../../api/petitions.ts';

export interface PickedCase {
  value: number;
  label: string;
}

/** Pick 信访 cases by case number (or title), searched in the caller's scope as 信访事项列表 does. */
export function CasePicker({ value, onChange }: { value?: PickedCase[]; onChange?: (v: PickedCase[]) => void }) {
  const [options, setOptions] = useState<PickedCase[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const search = async (q: string) => {
    const text = q.trim();
    if (text.length < 2) return setOptions([]);
    const mine = ++seq.current;
    setLoading(true);
    try {
      const page = await petitionApi.list({ q: text, page: 1, pageSize: 20, sort: '-receivedAt' });
      if (mine === seq.current) setOptions(page.items.map((p) => ({ value: p.id, label: `${p.caseNo} ${p.title}` })));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  };
  return (
    <Select<PickedCase[]>
      mode="multiple"
      labelInValue
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={(v) => onChange?.(v)}
      notFoundContent={loading ? <Spin size="small" /> : '输入信访编号或标题（至少 2 个字）查找'}
      options={options}
      placeholder="输入信访编号查找，可选多件"
      style={{ width: '100%' }}
      data-testid="case-picker"
    />
  );
}
