/**
 * The detector's rules, as data (in the manner of axe-core): what each looks for, what exempts it,
 * where it applies, how bad it is, and the policy it enforces. Patterns are regular-expression
 * sources matched against the normalised text (see normalize.ts: lower case, half-width, brackets
 * as (), no spaces inside CJK text, `\n` between clauses, `|` between table cells). The `{LIC}`-style
 * placeholders are expanded from FRAGMENTS so the rules stay readable.
 *
 * An exemption is tested on the clause holding the match (the sentence, or the whole table row):
 * "营业执照复印件（已提交电子营业执照的免于提交）" is exempt, a different sentence saying so is not.
 */
export type Severity = 'error' | 'warning' | 'review';
/** Where a rule looks: a block of text, a table row read as one unit, or a form field with its labels. */
export type UnitKind = 'text' | 'row' | 'field';

export interface PolicyCitation {
  document: string;
  task: string;
  /** The sentence of the plan the finding conflicts with. */
  text: string;
}

export interface DetectorRule {
  id: string;
  severity: Severity;
  appliesTo: readonly UnitKind[];
  /** For field rules: the input types (`file`, `text`, `select`, …) the rule looks at; all when absent. */
  fieldTypes?: readonly string[];
  patterns: readonly string[];
  exemptions: readonly string[];
  /** Rules whose findings on the same element this one replaces (a more precise reading of the same demand). */
  supersedes?: readonly string[];
  policy: PolicyCitation;
}

export const TASK8: PolicyCitation = {
  document: '大足府办发〔2022〕164号',
  task: 'T8',
  text: '在需要办事群众提交营业执照和使用公章时，不拒绝电子营业执照和电子印章的使用，不得在申请人已提交电子营业执照和电子印章的情况下再让其提供纸质资料',
};

/** Shared pieces of patterns; `{NAME}` in a rule's pattern is replaced by `(?:…)` of the fragment. */
export const FRAGMENTS: Readonly<Record<string, string>> = {
  // The paper licence (工商营业执照, 企业法人营业执照 contain it); not 驾驶执照 and the like.
  // A standalone 执照 next to a copy word is counter shorthand for the business licence (执照复印件);
  // after another word it is another licence (无线电台执照, 驾驶执照).
  LIC: '营业执照|营业证照|工商执照|执照(?:正|副)本|(?<=^|[^\\u4e00-\\u9fff]|提供|提交|携带|出示|上传|交验|核验|及|和|与|或|企业|公司|单位)执照(?=\\(?(?:正本|副本)?\\)?(?:复印|影印|原件|扫描|照片))|business licen[cs]es?|(?:company|business) registration certificates?',
  ELIC: '电子(?:版|的)?(?:营业)?执照|电子证照|电子亮照|e-?licen[cs]es?|electronic (?:business )?licen[cs]es?',
  ESEAL: '电子(?:印章|签章|公章|签名|章|骑缝章|盖章|签署)|(?:在线|网上|线上)(?:签章|盖章)|e-?seals?|e-?chops?|electronic (?:seals?|signatures?|chops?|stamps?)',
  COPY: '复印件|影印件|复制件|原件|扫描件|扫描版|扫描图片|照片|拍照件|彩印件|复印|扫描|影印|图片',
  // The paper licence's two forms: naming one is naming the paper document.
  FORM: '\\(?(?:正本|副本|正副本|正、副本)\\)?',
  ECOPY: '(?:photo)?cop(?:y|ies)|originals?|scan(?:ned)?(?: cop(?:y|ies)| images?)?|scans|photos?|photographs?|print-?outs?|hard cop(?:y|ies)',
  // What happens to a licence (遗失补领) is a service about it, not a demand for it.
  LOST: '遗失|丢失|补领|补发|换发|损毁|打印|申领|变更登记|登记',
  // A gap inside one clause that does not run on into another list item.
  GAP: '[^\\n。；;!?！？、,，:：]',
  DEMAND: '提交|提供|携带|带上|带齐|带好|备好|准备|出示|交验|收取|出具|上传|需要|须|需|必须|要求|备齐|报送|递交|submit|provide|bring|present|show|upload|required',
  NEG: '无需|无须|不需|不需要|不必|免于|免予|免交|免提交|免收|不再|不用|无需再|毋需|no need|not required|need not|needn\'t|no longer|not needed|is not necessary',
  POLICY: '不得|不应|严禁|禁止|不准|shall not|must not|may not|should not',
};

// 可不提供 ("may omit") exempts; a bare 可不 would also hit 许可不予受理.
const NEG_DEMAND = '(?:{NEG})(?:再|额外|另行)?(?:提交|提供|携带|出示|收取|要求|上传|加盖|盖章|盖|submit|provide|bring|present|show|upload|stamp|affix)?|可(?:以)?不(?:再)?(?:提交|提供|携带|出示|上传)';
// 不得以…为由拒绝 is the policy; 不得以电子营业执照代替 is a refusal, so 以 must not introduce the e-licence.
const POLICY_BAN = '(?:{POLICY})(?:再|以(?!{ELIC})|在|向|强制|拒绝|拒收|要求|让|索要|收取|refuse|reject|require|demand|ask)';
/** A question (FAQ 问：…吗？) asks about a demand, it does not make one; an answer in the same unit still does. */
const QUESTION = '^\\s?(?:问|q)\\s?\\d{0,2}\\s?[:.、](?![^\\n]*(?:答|\\ba\\s?\\d{0,2}\\s?[:.]))|吗\\??$';
/** Text about a demand — sanctioning it, or quoting it to have it removed — rather than making it. */
const ABOUT =
  '(?:仍然?|继续|违规|擅自)(?:要求|让|索要|收取)[^\\n]{0,40}?的(?:窗口|单位|部门|人员|行为|情况|问题)|(?:予以|严肃|进行|将被)(?:通报|问责|追责|查处|纠正)|(?:清理|修订|修改|删除|取消|废止|纠正|清除|整改)[^\\n]{0,40}?(?:表述|说法|字样|条款|做法)|等(?:表述|说法|字样|做法|问题|现象|行为)';
/** The paper licence as the object of the service (surrendered on 变更/注销/换照), not a material. */
const HANDBACK = '缴回|缴销|收缴|换照';
/** Paper as a permitted fallback for those without the e-licence (无法使用电子营业执照的，可提交复印件). */
const FALLBACK = '(?:无法|不能|未能|未|没有|尚未)(?:使用|领取|申领|提供|出示|开通|下载)?(?:{ELIC})[^\\n]{0,8}?(?:也|亦)?可(?:以)?(?:提交|提供|携带|出示|使用|上传)';
/** The applicant, not the office, being unable to use the e-licence (如申请人无法使用电子营业执照). */
const APPLICANT_UNABLE = '(?:如|若|如果|对于|对|因|确)[^\\n,，]{0,8}?(?:无法|不能|不会|未能)(?:使用|提供|出示|领取)(?:{ELIC})';
/** Exemptions every rule shares: questions and text about the practice. */
const ABOUT_DEMAND = [QUESTION, ABOUT];
const SHARED = '数据共享|共享(?:获取|调取|核验)|系统(?:自动)?(?:获取|调取|核验|比对)|内部核验|在线核验|联网核验|免于提交|免予提交|免提交|data sharing|retrieved (?:online|automatically)';
/** A clause telling how things were (news about the reform), not what is demanded now. */
const PAST = '^\\s?(?:过去|以往|此前|曾经|原来|以前(?!\\d)|in the past|previously|formerly)|used to (?:require|need|ask)';
/** A clause that offers the e-licence as a choice (电子营业执照或纸质营业执照均可, 可使用电子营业执照). */
const OFFER_ELIC = '(?<!未|未领取|未申领|未下载|未办理|未开通|没有|没有领取|尚未领取|无|无法使用|不能使用|not have an?|without an?)(?:{ELIC})|电子(?:或|/|、|和)纸质|纸质(?:或|/|、|和)电子|电子版?均可|either[^\\n]{0,30}electronic';
const OFFER_ESEAL = '{ESEAL}|电子(?:或|/|、)实物|实物(?:或|/|、)电子';

export const RULES: readonly DetectorRule[] = [
  {
    id: 'licence-refused',
    severity: 'error',
    appliesTo: ['text', 'row', 'field'],
    patterns: [
      '(?:不|暂不|暂时不|无法|不能|不予|尚不|拒绝|拒收)(?:接受|受理|支持|认可|采用|使用|收取|承认|采信|办理)?(?:使用|出示|提供)?(?:{ELIC})',
      '(?:{ELIC}){GAP}{0,10}?(?:不予|不能|无法|不被|不作|暂不|不可|不|无效|不具备)(?:受理|接受|认可|使用|采信|作为|支持|办理|通用)?',
      '(?:仅|只|限|仅限|只限)(?:接受|收取|认可|受理|提供|提交|收|认|接收|能用|能使用|使用)?纸质',
      '(?:须|必须|应)(?:为|是)纸质',
      '(?:{ELIC})[^\\n.;]{0,25}?\\b(?:not|cannot|can\'t|won\'t) (?:be )?(?:accepted|valid|used|recogni[sz]ed)',
      '(?:do|does|will|can|could)(?: ?not|n\'t) (?:accept|recogni[sz]e)[^\\n.;]{0,15}?(?:{ELIC})',
      '(?:paper|hard[- ]cop(?:y|ies))(?: documents?| licen[cs]es?| cop(?:y|ies)| originals?)? only|only (?:the )?(?:paper|hard[- ]cop)',
      // The office has no e-licence verification (暂未接入电子证照系统); 未开通电子营业执照的(企业) is the applicant.
      '(?:暂未|尚未|未|没有)(?:接入|对接|上线|开通|启用)(?:{GAP}){0,4}?(?:{ELIC})(?![^\\n,，。;]{0,6}的)',
      '(?:不得|不能|不可|不准|不允许|不许)(?:以|用|使用)(?:{ELIC})(?:{GAP}){0,6}?(?:代替|替代|替换|顶替|代)',
      // Good online only: not at the counter.
      '(?:{ELIC})(?:{GAP}){0,4}?(?:仅|只)(?:限|能|可)?(?:用于|适用于|限于|在)(?:{GAP}){0,2}?(?:网上|线上|在线|网报|网络)',
    ],
    exemptions: [POLICY_BAN, APPLICANT_UNABLE, ...ABOUT_DEMAND, '不拒绝|不得拒|均可(?:使用|受理|接受)?(?:{ELIC})'],
    supersedes: ['licence-copy', 'licence-paper', 'licence-mention'],
    policy: TASK8,
  },
  {
    // The second half of task 8: paper again after the e-licence was presented. Naming the e-licence
    // is what this rule looks for, so OFFER_ELIC cannot exempt it.
    id: 'licence-again',
    severity: 'error',
    appliesTo: ['text', 'row', 'field'],
    patterns: [
      '(?:{ELIC})[^\\n。;!?]{0,30}?(?:仍|还|仍然|另|再)(?:需|须|要|应|得|必须)?(?:另行|另|再|补)?(?:{GAP}){0,4}?(?:提交|提供|补交|附|携带|出示|上传|报送|交)(?:{GAP}){0,10}?(?:纸质|{COPY}|{LIC})',
      '(?:{ELIC})[^\\n.;]{0,60}?\\bstill\\b[^\\n.;]{0,30}?(?:paper|cop(?:y|ies)|originals?)',
    ],
    exemptions: [NEG_DEMAND, POLICY_BAN, PAST, ...ABOUT_DEMAND],
    supersedes: ['licence-copy', 'licence-paper', 'licence-mention', 'licence-visit', 'licence-upload'],
    policy: TASK8,
  },
  {
    id: 'licence-paper',
    severity: 'error',
    appliesTo: ['text', 'row', 'field'],
    patterns: [
      '(?:{DEMAND}|仅|只|请|需|须){GAP}{0,6}?(?:纸质|纸本|实体)(?:版|的|件)?(?:{LIC})',
      '(?:纸质|纸本|实体)(?:版|的)?(?:{LIC})(?:{GAP}{0,4}?)(?:{COPY})',
      '(?:{LIC})[|(]{0,2}(?:纸质|纸本)(?:版|件|原件|材料)?',
      '(?:paper|hard[- ]copy|physical)(?: copy of(?: the| your)?| original of(?: the| your)?)? (?:original )?business licen[cs]e',
      'business licen[cs]e \\(?(?:paper|hard[- ]copy)',
    ],
    exemptions: [NEG_DEMAND, POLICY_BAN, OFFER_ELIC, SHARED, PAST, HANDBACK, FALLBACK, ...ABOUT_DEMAND],
    supersedes: ['licence-copy', 'licence-mention'],
    policy: TASK8,
  },
  {
    id: 'licence-copy',
    severity: 'warning',
    appliesTo: ['text', 'row', 'field'],
    patterns: [
      '(?:{LIC})(?:{FORM})?(?!号|编号|注册号|代码)(?:{GAP}|\\|){0,10}?(?:{COPY})(?!号|{LOST})',
      // A list shares its last word: 营业执照、资质证书、安全生产许可证复印件.
      '(?:{LIC})(?:{FORM})?(?!号|编号|注册号|代码|信息)、[^\\n。;!?,，:：|]{1,30}?(?:{COPY})(?!号|{LOST})',
      '(?:{LIC})(?:{FORM})(?!{LOST})',
      '(?:复印|扫描|拍照)(?:一份|1份|两份|2份)?(?:{LIC})',
      '(?:{COPY})[:(](?:{LIC})',
      '(?:{ECOPY})(?: \\([a-z ,-]+\\))?(?: of)(?: the| your| a| an| valid| company\'?s?| applicant\'?s?| enterprise\'?s?| original| stamped)* (?:{LIC})',
      '(?:{LIC})[:,(\\s-]{1,3}(?:(?:a|an|one|two|\\d) )?(?:(?:clear|certified|legible|colou?r|signed|stamped) )?(?:{ECOPY})',
      '(?:original|printed|photocopied|scanned|copied|stamped)(?: cop(?:y|ies))?(?: of)?(?: the| your| a| an| company\'?s?)? (?:{LIC})',
    ],
    exemptions: [NEG_DEMAND, POLICY_BAN, OFFER_ELIC, SHARED, PAST, HANDBACK, FALLBACK, ...ABOUT_DEMAND],
    supersedes: ['licence-mention'],
    policy: TASK8,
  },
  {
    id: 'licence-visit',
    severity: 'warning',
    appliesTo: ['text', 'row', 'field'],
    patterns: [
      '(?:到|至|前往|来|赴|亲临)(?:{GAP}){0,12}?(?:窗口|现场|大厅|中心|柜台|办事处|服务点)(?:{GAP}){0,10}?(?:出示|核验|核对|验证|查验|验看|交验|审验|验)(?:{GAP}){0,6}?(?:{LIC})',
      '(?:现场|窗口|到场|当面)(?:出示|核验|核对|查验|交验|验看|审验)(?:{GAP}){0,6}?(?:{LIC})',
      '(?:{LIC})(?:{GAP}){0,10}?(?:到|至|前往)?(?:现场|窗口|当面)(?:出示|核验|核对|查验|交验|验看|审验)',
      '携带(?:{GAP}){0,8}?(?:{LIC})(?:{GAP}){0,10}?(?:到|至|前往|来)(?:{GAP}){0,10}?(?:窗口|现场|大厅|中心|柜台)',
      '(?:in person|at the (?:counter|window|service hall|office))[^\\n.;]{0,40}?(?:{LIC})|(?:{LIC})[^\\n.;]{0,40}?(?:in person|at the (?:counter|window|service hall|office))',
    ],
    exemptions: [NEG_DEMAND, POLICY_BAN, OFFER_ELIC, SHARED, PAST, HANDBACK, FALLBACK, ...ABOUT_DEMAND],
    supersedes: ['licence-copy', 'licence-mention'],
    policy: TASK8,
  },
  {
    id: 'licence-upload',
    severity: 'warning',
    appliesTo: ['field'],
    fieldTypes: ['file'],
    patterns: ['(?:{LIC}|执照)(?!号|编号|注册号|代码)'],
    exemptions: [NEG_DEMAND, OFFER_ELIC, SHARED, FALLBACK],
    supersedes: ['licence-mention'],
    policy: TASK8,
  },
  {
    id: 'licence-mention',
    severity: 'review',
    appliesTo: ['text', 'row', 'field'],
    fieldTypes: ['checkbox'],
    patterns: [
      // Asked for without saying in what form: the e-licence may or may not be accepted.
      '(?:{DEMAND}){GAP}{0,6}?(?:{LIC})(?!号|编号|注册号|代码|信息|上的|上|所载|登记|办理|变更|注销|核发|补发|换发|申请|名称|经营范围|住所|地址|等信息)',
      // Named in a list of materials: "所需材料：营业执照、身份证".
      '(?:材料|资料|要件|证件|证照)(?:清单|目录|包括|如下)?:\\s?(?:\\(?\\d{1,2}\\)?[.、)]?\\s?)?(?:{LIC})(?!号|编号|注册号|代码|信息)',
      // A bare material-list entry: "1. 营业执照", "1 | 营业执照（副本） | 1份".
      '^(?:\\(?\\d{1,2}\\)?[.、)]?\\s?\\|?\\s?)?(?:{LIC})(?:\\(?(?:副本|正本)\\)?|\\((?![^)]*(?:电子|e-|elec))[^)]{1,8}\\))?(?:\\s?\\|?\\s?(?:\\d+|一|壹|1)\\s?(?:份|张|套|页|copy|copies))?\\s?\\|?\\s?\\d{0,2}$',
    ],
    exemptions: [NEG_DEMAND, POLICY_BAN, OFFER_ELIC, SHARED, PAST, HANDBACK, FALLBACK, ...ABOUT_DEMAND],
    policy: TASK8,
  },
  {
    id: 'seal-refused',
    severity: 'error',
    appliesTo: ['text', 'row', 'field'],
    patterns: [
      '(?:不|暂不|无法|不能|不予|拒绝|拒收)(?:接受|受理|支持|认可|采用|使用|承认|采信)?(?:使用)?(?:{ESEAL})',
      '(?:{ESEAL}){GAP}{0,8}?(?:无效|不予|不被|不能|不接受|不认可|不受理|不支持|不可)',
      '(?:加盖|盖|须|必须|需)(?:{GAP}){0,6}?(?:鲜章|红章|湿章|实物(?:印章|公章|章)|实体(?:印章|公章|章)|物理印章|红色(?:印章|公章))',
      '鲜章|wet[- ]ink(?: [a-z]+){0,2} (?:seals?|chops?|stamps?)|wet (?:seals?|stamps?|chops?)|(?:original|physical) (?:company |official )?(?:seal|chop) (?:impression|stamp)',
      '(?:{ESEAL})[^\\n.;]{0,25}?\\b(?:not|cannot|can\'t|won\'t) (?:be )?(?:accepted|valid|used|recogni[sz]ed)',
      '(?:do|does|will|can)(?: ?not|n\'t) accept[^\\n.;]{0,15}?(?:{ESEAL})',
      '(?:seal|chop|stamp)s? in red(?: ink)?',
    ],
    // 无需再提交加盖实物公章的材料 lifts the demand it names.
    exemptions: [POLICY_BAN, ...ABOUT_DEMAND, '不拒绝|不得拒', '(?:{NEG})(?:再|额外|另行)?(?:{GAP}){0,6}?(?:加盖|盖)'],
    supersedes: ['seal-stamp'],
    policy: TASK8,
  },
  {
    id: 'seal-stamp',
    severity: 'warning',
    appliesTo: ['text', 'row', 'field'],
    patterns: [
      '加盖(?:{GAP}|\\|){0,8}?(?:公章|印章|章)',
      '(?:盖|签字盖|签字并盖|签名盖|签名并盖)(?:好|上)?(?:单位|公司|企业|法人|申请人|申请单位)?(?:的)?(?:公章|印章|章)',
      '盖章',
      '(?:公章|单位章|骑缝章)(?:{GAP}){0,2}?(?:确认|有效)',
      '(?:affix|affixed|affixing|stamp|stamped|stamping|seal|sealed|chop|chopped|bear|bears|bearing)(?: with)?(?: the| your| an?)?(?:(?: company| official| corporate| applicant| unit| enterprise)(?:\'?s)?){1,3} (?:seal|chop|stamp)',
      'signed and (?:sealed|stamped|chopped)|(?:sealed|stamped|chopped) and signed|(?:must|shall|to) be (?:sealed|stamped|chopped)\\b',
      // 骑缝章 spans paper pages; an e-seal system's 电子骑缝章 is exempt through OFFER_ESEAL.
      '骑缝(?:章|印)',
      '(?:携带|带上|带好|带齐|备好)(?:{GAP}){0,8}?(?:公章|印章|财务章|法人章|名章|财务专用章)',
      '(?:company|official|corporate) (?:seal|chop|stamp)(?:s)? (?:affixed|required|must be affixed)|with (?:the |your )?(?:(?:company|official|corporate|employer|applicant|enterprise|unit)(?:s)? ){1,2}(?:seal|chop|stamp)',
    ],
    // A signature that suffices (签字或者加盖单位印章) demands no seal.
    exemptions: [NEG_DEMAND, POLICY_BAN, OFFER_ESEAL, PAST, ...ABOUT_DEMAND, '(?:签字|签名|签署)(?:或者?|或是|/)(?:{GAP}){0,6}?盖'],
    policy: TASK8,
  },
];
