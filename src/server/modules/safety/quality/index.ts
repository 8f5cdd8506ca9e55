/**
 * The hazard-description quality gate (企业自查自报): TEMPORARY simple rules, replaced at merge by the learned model
 * of issue 14 (same signature). Keep everything of it in this one file.
 */
const EMPTY_WORDS = new Set(['已整改', '无', '一般', '没有', '正常', '合格', '良好', '好', '有', '已处理', '已完成', '整改', '按要求整改']);
const MIN_CHARS = 6;
const KEYWORDS: { code: string; name: string; words: string[] }[] = [
  { code: 'fire', name: '消防安全', words: ['消防', '灭火器', '疏散', '通道', '应急灯', '喷淋', '烟感', '消火栓', '防火'] },
  { code: 'electric', name: '电气安全', words: ['电线', '电气', '插座', '配电', '接地', '漏电', '私拉', '乱接', '电缆', '开关'] },
  { code: 'chemical', name: '危险化学品', words: ['化学品', '易燃', '储罐', '危化', '油漆', '稀释剂', '气瓶', '泄漏'] },
  { code: 'gas', name: '燃气安全', words: ['燃气', '液化气', '煤气', '天然气', '软管', '报警器'] },
  { code: 'machine', name: '机械设备', words: ['防护罩', '机械', '设备', '传动', '砂轮', '冲床'] },
  { code: 'special', name: '特种设备', words: ['叉车', '电梯', '锅炉', '压力容器', '起重', '行车'] },
  { code: 'height', name: '高处作业', words: ['高处', '脚手架', '临边', '安全带', '护栏', '坠落'] },
  { code: 'site', name: '作业环境', words: ['堆放', '杂物', '照明', '地面', '通风', '有限空间'] },
  { code: 'management', name: '安全管理', words: ['制度', '培训', '台账', '记录', '预案', '持证', '标志'] },
];

export function assessHazardText(input: { description: string; checklistItem?: string }): {
  usable: boolean;
  score: number;
  problems: string[];
  message?: string;
  categories: { code: string; name: string; score: number }[];
} {
  const text = input.description.normalize('NFKC').trim();
  const bare = text.replace(/[\s，。,.;；:：!！、]/g, '');
  const problems: string[] = [];
  if (bare === '') problems.push('未填写隐患描述');
  else if (EMPTY_WORDS.has(bare)) problems.push(`“${bare}”没有说明隐患是什么`);
  else if ([...bare].length < MIN_CHARS) problems.push('描述过短');
  const item = (input.checklistItem ?? '').normalize('NFKC').replace(/[\s，。,.;；:：!！、]/g, '');
  if (bare !== '' && item !== '' && (bare === item || item.includes(bare))) problems.push('照抄了检查项目的内容');
  const scored = KEYWORDS.map((k) => ({ code: k.code, name: k.name, hits: k.words.filter((w) => text.includes(w)).length }))
    .filter((k) => k.hits > 0)
    .sort((a, b) => b.hits - a.hits)
    .slice(0, 3);
  const total = scored.reduce((n, k) => n + k.hits, 0);
  const categories = scored.map((k) => ({ code: k.code, name: k.name, score: Math.round((k.hits / total) * 100) / 100 }));
  const usable = problems.length === 0;
  return {
    usable,
    score: usable ? Math.min(1, 0.5 + [...bare].length / 60) : 0,
    problems,
    categories,
    ...(usable
      ? {}
      : {
          message: `隐患描述不可用（${problems.join('；')}）：请写明在什么部位、发现了什么问题、违反了什么要求，例如“二楼仓库安全出口被纸箱堵塞，无法正常疏散”`,
        }),
  };
}
