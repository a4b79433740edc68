/**
 * Synthetic service-guide pages (a few KB each) in the style of Chongqing district portals, for the
 * catalogue benchmark and the matcher's page tests: portal header, breadcrumb, a decorated title, the
 * guide's sections, a sidebar of sibling matters of the same department, and a footer. Deterministic
 * for a given seed.
 */
import { MATTERS, type Matter } from '../packages/sdk/src/catalogue/index.js';

import { rng } from '../tests/support/rng.js';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Ways portals decorate a matter's name in a title. */
export const TITLE_DECORATIONS: readonly ((name: string, m: Matter) => string)[] = [
  (n) => n,
  (n) => `${n} 网上申报`,
  (n) => `${n}办事指南`,
  (n) => `${n}（大足区）`,
  (n, m) => `${n} - ${m.department.replace('重庆市', '')}`,
  (n, m) => `【${m.departmentShort}】${n}_重庆市大足区人民政府`,
  (n) => `${n}－在线办理－渝快办`,
  (n) => ` ${n.replace(/（/g, '(').replace(/）/g, ')')} | 服务指南 `,
];

const MATERIALS = [
  '申请书（原件1份）',
  '营业执照副本或电子营业执照',
  '法定代表人身份证明',
  '授权委托书及受托人身份证',
  '相关技术资料',
  '场地使用证明',
  '加盖公章或电子印章的承诺书',
  '项目批准文件',
];

export function servicePage(m: Matter, seed: number): string {
  const r = rng(seed);
  const siblings = MATTERS.filter((o) => o.department === m.department && o.id !== m.id);
  // A sidebar lists each sibling once, in a shuffled order.
  const related = siblings
    .map((o) => ({ o, k: r() }))
    .sort((a, b) => a.k - b.k)
    .slice(0, 4)
    .map(({ o }) => o.name);
  const title = pick(r, TITLE_DECORATIONS)(m.name, m);
  const parts = [
    '重庆市大足区人民政府 首页 政务公开 政务服务 互动交流 走进大足 无障碍浏览 长者模式 English',
    `当前位置：首页 > 政务服务 > 办事指南 > ${m.departmentShort}`,
    title,
    '发布时间：2023-03-1' + Math.floor(r() * 10) + ' 来源：' + m.departmentShort + ' 字号：大 中 小 打印',
    r() < 0.7 ? `一、事项名称\n${m.name}` : '一、基本信息',
    `二、实施主体\n${m.department}`,
    '三、设定依据\n《中华人民共和国行政许可法》；《重庆市行政许可实施办法》；相关法律法规及规范性文件。',
    '四、受理条件\n申请人为依法设立的企业、事业单位或者其他组织，材料齐全、符合法定形式。电子营业执照、电子印章与纸质营业执照、实物印章具有同等法律效力。',
    '五、申请材料\n' + MATERIALS.filter(() => r() < 0.7).map((x, i) => `${i + 1}．${x}`).join('\n'),
    '六、办理流程\n申请 → 受理 → 审查 → 决定 → 送达。申请人可通过“渝快办”平台网上申报，或到区政务服务中心窗口办理。',
    `七、办理时限\n法定办结时限：${10 + Math.floor(r() * 20)}个工作日；承诺办结时限：${1 + Math.floor(r() * 9)}个工作日。`,
    '八、收费标准\n不收费。',
    '办理地点\n大足区政务服务中心' + (1 + Math.floor(r() * 3)) + '楼综合窗口；工作时间：周一至周五 上午9:00—12:00，下午13:30—17:30（法定节假日除外）。',
    '常见问题\n问：可以使用电子营业执照办理吗？答：可以。申请人通过“渝快办”APP亮照或扫码授权即可，不需再提交纸质营业执照。\n问：材料需要加盖公章吗？答：可使用电子印章签章，与实物印章具有同等法律效力。\n问：办理进度如何查询？答：登录“渝快办”平台，在“我的办件”中查询，或拨打咨询电话。\n问：委托他人办理需要什么材料？答：需提供授权委托书及受托人有效身份证件。',
    '结果送达\n窗口领取、邮政寄递或电子证照推送。申请人可选择免费寄递服务。办理结果同步推送至“渝快办”电子证照库，可在线亮证使用。',
    '权利义务\n申请人依法享有知情权、陈述权、申辩权；依法对行政机关的决定申请行政复议或者提起行政诉讼。申请人应当如实提交有关材料和反映真实情况，并对申请材料实质内容的真实性负责。',
    `九、咨询方式\n咨询电话：023-4372${String(Math.floor(r() * 10000)).padStart(4, '0')}；办公地址：大足区棠香街道二环北路政务服务中心。`,
    '十、监督投诉\n投诉电话：023-12345。',
    '相关事项\n' + related.join('\n'),
    '主办：重庆市大足区人民政府办公室 承办：重庆市大足区大数据应用发展管理中心 网站标识码：5001110001 渝ICP备05003300号 渝公网安备 50011102000001号',
  ];
  return parts.join('\n');
}
