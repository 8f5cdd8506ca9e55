import { describe, expect, it } from 'vitest';
import { addressPetitioners, petitionerAddressee } from './fill-values.ts';

describe('addressing the petitioners on a notice', () => {
  it('names one or two petitioners, and the first two with the count for more', () => {
    expect(petitionerAddressee(['张三'])).toBe('张三');
    expect(petitionerAddressee(['张三', '李四'])).toBe('张三、李四');
    expect(petitionerAddressee(['张三', '李四', '王五'])).toBe('张三、李四等3人');
    expect(petitionerAddressee(['黄大强', '李四', '王五', '赵六', '钱七', '孙八'])).toBe('黄大强、李四等6人');
    expect(petitionerAddressee([])).toBe('信访人');
  });

  it('speaks to one petitioner as 你 and to several as 你们', () => {
    const text = '你（你们）于2026年5月18日提出的信访事项，现告知你（你们）如下：';
    expect(addressPetitioners(1)(text)).toBe('你于2026年5月18日提出的信访事项，现告知你如下：');
    expect(addressPetitioners(3)(text)).toBe('你们于2026年5月18日提出的信访事项，现告知你们如下：');
  });
});
