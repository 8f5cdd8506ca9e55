/**
 * Fictional petitioners of the demo county. ID numbers are generated with region code 519901 (the
 * demo county's code: province 51 has no prefecture 99, so no real person can hold these numbers)
 * and a correct GB 11643 check digit, so they pass the same validation as real intake. Phones use
 * the 138-0000 block commonly printed as an example number.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** 18-digit ID: region 519901, birth date YYYYMMDD, 3-digit order (odd = male, even = female), check digit. */
export function fictionalIdNumber(birth: string, order: number): string {
  const body = `519901${birth}${String(order).padStart(3, '0')}`;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

export interface DemoPerson {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

const person = (name: string, birth: string, order: number, phoneSuffix: string, address: string): DemoPerson => ({
  name,
  idNumber: fictionalIdNumber(birth, order),
  phone: `1380000${phoneSuffix}`,
  address,
});

export const DEMO_PEOPLE = {
  liuGuofu: person('刘国富', '19620314', 131, '0101', '青岚县龙蚕镇龙头村三组'),
  chenYumei: person('陈玉梅', '19780922', 242, '0102', '青岚县城关街道南门社区锦华苑小区'),
  huangDaqiang: person('黄大强', '19850607', 153, '0103', '青岚县云雾乡高山村五组'),
  yangChunhua: person('杨春花', '19880219', 164, '0104', '青岚县红岩乡红旗村二组'),
  zhouTiezhu: person('周铁柱', '19790711', 175, '0105', '青岚县金甲乡铁甲村一组'),
  tanXiaojun: person('谭小军', '19920130', 187, '0106', '青岚县白鹭镇渔港村四组'),
  wangShufen: person('王淑芬', '19580402', 268, '0107', '青岚县金甲乡金甲村三组'),
  liJianping: person('李建平', '19700815', 191, '0108', '青岚县碧溪乡溪口村二组'),
  zhaoMin: person('赵敏', '19860503', 226, '0109', '青岚县青云街道望江社区滨河小区'),
  sunLi: person('孙丽', '19900118', 248, '0110', '青岚县城关街道书院社区'),
  fengChangshou: person('冯长寿', '19550926', 117, '0111', '青岚县龙蚕镇桑园村六组'),
  xuDefa: person('许德发', '19640228', 139, '0112', '青岚县碧溪乡清泉村四组'),
  heGuilan: person('何桂兰', '19670710', 220, '0113', '青岚县城关街道北街社区'),
  luoWenbin: person('罗文斌', '19810412', 151, '0114', '青岚县石桥镇古渡村三组'),
  tangMingyuan: person('唐明远', '19750306', 173, '0115', '青岚县城关街道文庙社区'),
  wuChunsheng: person('吴春生', '19830521', 195, '0116', '青岚县云雾乡雾岭村二组'),
  qiuXiuying: person('邱秀英', '19870813', 206, '0117', '青岚县红岩乡新红村三组'),
  tianYoucai: person('田有才', '19761109', 119, '0118', '青岚县白鹭镇芦苇村一组'),
  suDahai: person('苏大海', '19690224', 133, '0119', '青岚县银汉镇天河村五组'),
} satisfies Record<string, DemoPerson>;
