import { normalizeText } from './normalize.js';

/** A department of the attachment (主管部门), with the names people and pages use for it. */
export interface Department {
  /** Stable ASCII key, e.g. `water`. */
  readonly key: string;
  /** Full name exactly as in the source, e.g. 重庆市大足区水利局. */
  readonly name: string;
  /** Short name in the style of the plan's own text, e.g. 区水利局. */
  readonly shortName: string;
  /** Other names seen on pages and in speech (full names without the city, common abbreviations). */
  readonly aliases: readonly string[];
}

/** The 17 departments of the attachment, in the order they first appear there. */
export const DEPARTMENTS: readonly Department[] = [
  { key: 'archives', name: '重庆市大足区档案局', shortName: '区档案局', aliases: ['大足区档案局', '档案局'] },
  {
    key: 'publicity',
    name: '重庆市大足区委宣传部',
    shortName: '区委宣传部',
    aliases: ['中共重庆市大足区委宣传部', '大足区委宣传部', '宣传部'],
  },
  {
    key: 'development-reform',
    name: '重庆市大足区发展和改革委员会',
    shortName: '区发展改革委',
    aliases: ['大足区发展和改革委员会', '大足区发展改革委', '区发改委', '大足区发改委', '发展改革委', '发改委'],
  },
  {
    key: 'education',
    name: '重庆市大足区教育委员会',
    shortName: '区教委',
    aliases: ['大足区教育委员会', '区教育委员会', '大足区教委', '教委'],
  },
  {
    key: 'science-technology',
    name: '重庆市大足区科学技术局',
    shortName: '区科技局',
    aliases: ['大足区科学技术局', '区科学技术局', '大足区科技局', '科技局'],
  },
  {
    key: 'economy-information',
    name: '重庆市大足区经济和信息化委员会',
    shortName: '区经济信息委',
    aliases: ['大足区经济和信息化委员会', '大足区经济信息委', '区经信委', '大足区经信委', '经济信息委', '经信委'],
  },
  {
    key: 'human-resources',
    name: '重庆市大足区人力资源和社会保障局',
    shortName: '区人力社保局',
    aliases: ['大足区人力资源和社会保障局', '大足区人力社保局', '区人社局', '大足区人社局', '人力社保局', '人社局'],
  },
  {
    key: 'planning-natural-resources',
    name: '重庆市大足区规划和自然资源局',
    shortName: '区规划自然资源局',
    aliases: ['大足区规划和自然资源局', '区规划和自然资源局', '大足区规划自然资源局', '规划自然资源局', '区规资局', '规资局'],
  },
  {
    key: 'ecology-environment',
    name: '重庆市大足区生态环境局',
    shortName: '区生态环境局',
    aliases: ['大足区生态环境局', '生态环境局'],
  },
  {
    key: 'housing-construction',
    name: '重庆市大足区住房和城乡建设委员会',
    shortName: '区住房城乡建委',
    aliases: ['大足区住房和城乡建设委员会', '大足区住房城乡建委', '区住建委', '大足区住建委', '住房城乡建委', '住建委'],
  },
  {
    key: 'civil-air-defence',
    name: '重庆市大足区人民防空办公室',
    shortName: '区人防办',
    aliases: ['大足区人民防空办公室', '区人民防空办公室', '大足区人防办', '人防办'],
  },
  {
    key: 'urban-management',
    name: '重庆市大足区城市管理局',
    shortName: '区城市管理局',
    aliases: ['大足区城市管理局', '区城管局', '大足区城管局', '城市管理局', '城管局'],
  },
  { key: 'transport', name: '重庆市大足区交通局', shortName: '区交通局', aliases: ['大足区交通局', '交通局'] },
  { key: 'water', name: '重庆市大足区水利局', shortName: '区水利局', aliases: ['大足区水利局', '水利局'] },
  {
    key: 'agriculture-rural',
    name: '重庆市大足区农业农村委员会',
    shortName: '区农业农村委',
    aliases: ['大足区农业农村委员会', '区农业农村委员会', '大足区农业农村委', '农业农村委', '区农委', '农委'],
  },
  {
    key: 'commerce',
    name: '重庆市大足区商务委员会',
    shortName: '区商务委',
    aliases: ['大足区商务委员会', '区商务委员会', '大足区商务委', '商务委'],
  },
  {
    key: 'culture-tourism',
    name: '重庆市大足区文化和旅游发展委员会',
    shortName: '区文化旅游委',
    aliases: ['大足区文化和旅游发展委员会', '大足区文化旅游委', '区文旅委', '大足区文旅委', '文化旅游委', '文旅委'],
  },
];

/** Every spelling of every department, normalised, longest first (so 大足区水利局 wins over 水利局). */
let spellings: readonly (readonly [string, Department])[] | undefined;
export function allSpellings(): readonly (readonly [string, Department])[] {
  spellings ??= DEPARTMENTS.flatMap((d) =>
    [d.name, d.shortName, ...d.aliases].map((s) => [normalizeText(s), d] as const),
  ).sort((a, b) => b[0].length - a[0].length);
  return spellings;
}

/**
 * The department a person or page means by `query`: its full name, short name, key or an alias, in
 * any width or spacing. Undefined when `query` names none of the 17.
 */
export function findDepartment(query: string): Department | undefined {
  const q = normalizeText(query);
  if (!q) return undefined;
  return DEPARTMENTS.find((d) => d.key === q) ?? allSpellings().find(([s]) => s === q)?.[1];
}

/** Departments whose names or aliases occur in `text`, in order of first mention. */
export function departmentsIn(text: string): Department[] {
  return departmentsInNormalized(normalizeText(text));
}

/** departmentsIn for text already passed through normalizeText (the matcher has it at hand). */
export function departmentsInNormalized(t: string): Department[] {
  const found = new Map<Department, number>();
  for (const [s, d] of allSpellings()) {
    const at = t.indexOf(s);
    const prev = found.get(d);
    if (at >= 0 && (prev === undefined || at < prev)) found.set(d, at);
  }
  return [...found].sort((a, b) => a[1] - b[1]).map(([d]) => d);
}
