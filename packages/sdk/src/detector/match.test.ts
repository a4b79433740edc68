import { describe, expect, it } from 'vitest';
import { compileRules, evaluateUnit } from './match.js';
import { RULES } from './rules.js';

const rules = (text: string, kind: 'text' | 'row' | 'field' = 'text', fieldType?: string, context?: string) =>
  evaluateUnit(text, kind, fieldType, undefined, context).matches.map((m) => m.rule.id).sort();

describe('rules on text', () => {
  it.each([
    ['营业执照副本复印件（加盖公章）', ['licence-copy', 'seal-stamp']],
    ['请携带营业执照原件', ['licence-copy']],
    ['本窗口暂不接受电子营业执照', ['licence-refused']],
    ['本事项仅限纸质材料办理', ['licence-refused']],
    ['须提交纸质营业执照', ['licence-paper']],
    ['须携带营业执照原件到窗口核验', ['licence-visit']],
    ['申请书须加盖鲜章', ['seal-refused']],
    ['电子印章无效', ['seal-refused']],
    ['申请书须签字盖章', ['seal-stamp']],
    ['办理时请提供营业执照及身份证', ['licence-mention']],
    ['Copy of business licence (stamped with the company seal)', ['licence-copy', 'seal-stamp']],
    ['Electronic business licences are not accepted.', ['licence-refused']],
    ['Documents must bear a wet-ink company seal.', ['seal-refused']],
    // Vocabulary found missing on the blind corpus (tests/fixtures/pages-blind).
    ['施工单位三证合一营业执照、资质证书、安全生产许可证复印件', ['licence-copy']],
    ['执照复印件（三证合一）', ['licence-copy']],
    ['现场须出示实体营业执照', ['licence-paper']],
    ['多页材料须加盖骑缝章', ['seal-stamp']],
    ['Authorisation letter (signed and sealed)', ['seal-stamp']],
    ['All forms must bear the official company chop.', ['seal-stamp']],
    ['营业执照应当提供纸质件，不得以电子营业执照代替', ['licence-refused']],
    ['本窗口暂未接入电子证照系统，请提供纸质营业执照', ['licence-refused']],
    ['电子营业执照仅用于网上申报', ['licence-refused']],
    ['已授权电子营业执照的，窗口领证时还需补交营业执照复印件一份', ['licence-again']],
    ['问：需要带营业执照原件吗？答：需要，请携带营业执照原件。', ['licence-copy']],
    ['委托书、申请表等请提前盖好公章', ['seal-stamp']],
    ["Business licence — a clear copy, with the employer's seal on every page.", ['licence-copy', 'seal-stamp']],
  ])('%s → %j', (text, expected) => {
    expect(rules(text)).toEqual(expected);
  });

  it.each([
    '无需提交纸质营业执照',
    '电子营业执照或纸质营业执照均可',
    '营业执照通过数据共享获取，免于提交',
    '不再要求提供营业执照复印件',
    '营业执照复印件（已领取电子营业执照的可出示电子营业执照代替）',
    '法定代表人身份证复印件',
    '租赁合同原件及复印件',
    '请输入营业执照号码',
    '营业执照注册号',
    '营业执照经营范围应包含道路旅客运输',
    '不得在申请人已提交电子营业执照的情况下再让其提供纸质资料',
    '窗口不得拒绝电子营业执照',
    '过去，办事需要准备营业执照复印件并加盖公章',
    '加盖公章（或电子印章）',
    'You may present your electronic business licence instead of a paper copy.',
    '问：办理企业银行开户还需要带纸质营业执照吗？',
    '对仍要求企业提供纸质营业执照、加盖实物公章的窗口，将予以通报。',
    '各窗口应当清理办事指南中“提供营业执照复印件并加盖公章”等表述',
    '以前跑三趟，复印执照、盖章，现在手机上点几下就办完了。',
    '如申请人无法使用电子营业执照，可提交营业执照复印件',
    '原营业执照正、副本（换照时缴回）',
    '已申领电子印章的，无需再提交加盖实物公章的纸质材料',
    '申请表可由法定代表人签字或者加盖单位印章',
    '多页材料可加盖电子骑缝章',
    '营业执照复印件（可不提供）',
    '已领取电子营业执照的，无需再提交营业执照复印件',
    '营业执照号码、经办人身份证复印件',
    '无线电台执照原件',
    '重点整治要求企业重复提交纸质证照、加盖鲜章等问题',
  ])('exempt or not a demand: %s', (text) => {
    expect(rules(text)).toEqual([]);
  });

  it('reads exemptions in the clause of the match, not the whole paragraph', () => {
    const text = '已领取电子营业执照的，可在线办理。未领取的，须提交营业执照复印件并核对原件，申请时间为每周一至周五，逾期不予受理，请申请人合理安排时间。';
    expect(rules(text)).toEqual(['licence-copy']);
  });

  it('a conditional "without the e-licence" is not an offer of it', () => {
    expect(rules('未领取电子营业执照的，应提交营业执照复印件')).toEqual(['licence-copy']);
  });

  it('reads a table row as one unit', () => {
    expect(rules('营业执照\uE001复印件\uE0011份\uE001加盖公章', 'row')).toEqual(['licence-copy', 'seal-stamp']);
  });

  it('upload rule only for file fields; a group offering the e-licence exempts', () => {
    expect(rules('营业执照扫描件*', 'field', 'file')).toEqual(['licence-copy', 'licence-upload']);
    expect(rules('营业执照', 'field', 'text')).toEqual([]);
    expect(rules('纸质营业执照复印件', 'field', 'radio', '电子营业执照')).toEqual([]);
  });

  it('quotes the matched phrase as shown', () => {
    const r = evaluateUnit('请携带 营 业 执 照 原件', 'text', undefined);
    expect(r.matches[0]?.match).toBe('营 业 执 照 原件');
  });

  it('reads a short title with the block after it (neighbour context)', () => {
    const ids = (title: string, next: string) => evaluateUnit(title, 'text', undefined, undefined, undefined, next).matches.map((m) => m.rule.id);
    expect(ids('营业执照', '免提交，通过数据共享获取')).toEqual([]);
    expect(ids('营业执照', '副本复印件1份')).toEqual(['licence-copy']);
    // A demand wholly in the following block is that block's finding, not the title's.
    expect(ids('申请表', '原件1份，加盖单位公章')).toEqual([]);
    // A body naming the licence itself speaks for itself: the title is no bare material entry.
    expect(ids('营业执照', '营业执照副本复印件1份')).toEqual([]);
  });

  it('scopes a bracketed e-licence alternative to the material it follows', () => {
    expect(rules('营业执照正本原件（或电子营业执照）及副本原件')).toEqual(['licence-copy']);
    expect(rules('营业执照原件（可用电子营业执照替代）和复印件各一份')).toEqual(['licence-copy']);
    expect(rules('营业执照副本复印件（或出示电子营业执照）')).toEqual([]);
    expect(rules('营业执照复印件（可使用电子营业执照）、资格证书复印件')).toEqual([]);
  });

  it('compiles custom rules (rules are data)', () => {
    const custom = compileRules([{ ...RULES[0]!, id: 'x', patterns: ['营业执照'], exemptions: [] }]);
    expect(evaluateUnit('营业执照', 'text', undefined, custom).matches.map((m) => m.rule.id)).toEqual(['x']);
  });

  it('every rule has messages in both languages and cites task 8', async () => {
    const { detectorMessage } = await import('./scan.js');
    for (const r of RULES) {
      const m = detectorMessage(r.id);
      expect(m['zh-CN']).not.toBe(r.id);
      expect(m.en).not.toBe(r.id);
      expect(r.policy.task).toBe('T8');
    }
  });
});
