/** How a module counts, said under its statistics table (the module's business date, what is compared). */
export const STATS_NOTES: Record<string, string> = {
  hazard: '按隐患发现日期统计；整改率、超期率的分子分母均可点击核对。',
  accident: '按事故发生时间统计；伤亡人数和直接经济损失为补报后的最新数字。',
};
