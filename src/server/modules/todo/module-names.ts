/** zh-CN names of the business modules that register work items. */
export const MODULE_NAMES: Record<string, string> = {
  petition: '信访',
  dispute: '矛盾纠纷',
  hazard: '安全隐患',
  risk: '稳评',
  supervision: '督查督办',
};

export const moduleName = (module: string): string => MODULE_NAMES[module] ?? module;
