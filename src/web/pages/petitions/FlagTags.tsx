import { Space, Tag } from 'antd';
import type { PetitionFlags } from '../../api/petitions.ts';
import { activeFlags } from './labels.ts';

/** 集体访 / 初信初访 / 重复信访 / 越级 / 涉法涉诉 … as tags; nothing when no flag is set. */
export function FlagTags({ flags }: { flags: PetitionFlags | null | undefined }) {
  const list = activeFlags(flags);
  if (!list.length) return null;
  return (
    <Space size={[0, 4]} wrap data-testid="petition-flags">
      {list.map((f) => (
        <Tag key={f.code} color={f.color} data-flag={f.code}>
          {f.label}
        </Tag>
      ))}
    </Space>
  );
}
