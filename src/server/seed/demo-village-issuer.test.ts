import { describe, expect, it } from 'vitest';
import { DEMO_TOWNSHIPS, demoVillageIssuer } from './demo-county-data.ts';

describe('demo 村（社区） 代字 for their 人民调解协议书', () => {
  it('a village and a community of the same name get different 代字, each headed by its committee', () => {
    expect(demoVillageIssuer('龙蚕镇', '龙蚕村')).toEqual({ prefix: '龙蚕村调', mark: '青岚县龙蚕镇龙蚕村村民委员会' });
    expect(demoVillageIssuer('龙蚕镇', '龙蚕社区')).toEqual({ prefix: '龙蚕社调', mark: '青岚县龙蚕镇龙蚕社区居民委员会' });
  });
  it('no two villages of the demo county share a 代字', () => {
    const prefixes = DEMO_TOWNSHIPS.flatMap((t) => t.villages.map((v) => demoVillageIssuer(t.name, v).prefix));
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
