/**
 * Text normalisation shared by the matcher and the search: the same matter must look the same whether
 * a page writes it in full-width or half-width characters, with or without brackets, dashes or spaces.
 */

/**
 * NFKC (full-width letters, digits and brackets become half-width), lower case, and everything that is
 * not a letter or a digit dropped. Bracket *contents* stay: （报告书） vs （报告表） is meaning.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Words that decorate a service page's title or text but are never part of a matter's name: portal
 * furniture and place names. Stripping them decides whether a text *is* a matter's name (an exact
 * match) rather than merely mentions it. Department names are stripped too (see matcher).
 */
export const DECORATION_WORDS: readonly string[] = [
  '重庆市人民政府网上办事大厅',
  '重庆市大足区人民政府',
  '大足区人民政府',
  '重庆市大足区',
  '重庆市',
  '大足区',
  '大足',
  '渝快办',
  '政务服务网',
  '政务服务',
  '网上办事大厅',
  '网上申报',
  '网上申请',
  '网上办理',
  '在线申报',
  '在线申请',
  '在线办理',
  '立即办理',
  '我要办',
  '办事指南',
  '服务指南',
  '办理指南',
  '申报指南',
  '事项详情',
  '事项名称',
  '当前位置',
  '首页',
  '详情',
  '指南',
  '事项',
];

/**
 * Generic administrative vocabulary: the act (审批, 注销 …), the document (许可证) and function words.
 * A name's *distinctive* part is what is left (取水 in 取水许可证注销). A fuzzy match must cover it:
 * 药品经营许可证注销 shares 许可证注销 with 取水许可证注销 but is another service altogether.
 */
export const GENERIC_WORDS: readonly string[] = [
  '许可证', '许可', '审批', '审核', '审查', '初审', '复核', '核准', '批准', '备案', '核发', '核定', '核减', '核查',
  '登记', '注销', '变更', '延续', '设立', '新申请', '申请', '办证', '换证', '到期', '年度', '终止', '认定', '评定',
  '确认', '奖励', '证明', '经营', '生产', '项目', '企业', '单位', '机构', '的', '和', '及', '与', '或', '对',
];
