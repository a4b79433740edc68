/**
 * Types of the 一照通办 catalogue: the 172 matters of the attachment to 大足府办发〔2022〕164号, their
 * departments, and the plan's eight tasks.
 */

/** Permanent id of a matter (spec §6): `DZ164-001` … `DZ164-172`, in the attachment's order. */
export type MatterId = `DZ164-${string}`;

/**
 * What kind of act a matter is, read off its name (the action word that decides it, e.g. the 注销 in
 * 取水许可证注销). `其他` when the name carries none of the known words (e.g. 岗位补贴 is 补贴, but
 * 公共文化场馆讲解服务 is 其他).
 */
export type MatterKind =
  | '审批'
  | '许可'
  | '备案'
  | '核准'
  | '审核'
  | '审查'
  | '初审'
  | '复核'
  | '批准'
  | '核发'
  | '核定'
  | '核减'
  | '核查'
  | '奖励'
  | '登记'
  | '注销'
  | '变更'
  | '延续'
  | '设立'
  | '认定'
  | '评定'
  | '处分'
  | '终止'
  | '补贴'
  | '检疫'
  | '调解'
  | '其他';

export interface Matter {
  readonly id: MatterId;
  /** 序号 in the attachment, 1…172. */
  readonly seq: number;
  /** 事项名称 exactly as in the source (including its anomalies). */
  readonly name: string;
  /** 主管部门 exactly as in the source (or inferred, see departmentInferred). */
  readonly department: string;
  /** The short form used in the plan's own text, e.g. 区水利局. */
  readonly departmentShort: string;
  /** True when the source has no department line and the department was inferred (item 172). */
  readonly departmentInferred: boolean;
  readonly kind: MatterKind;
  /** Readable note on an anomaly of the source (zh-CN), or null. */
  readonly note: string | null;
  /** The same note in English, or null. */
  readonly noteEn: string | null;
}

/** One of the plan's eight tasks (二、工作任务 1–8). */
export interface PlanTask {
  readonly id: `T${number}`;
  readonly number: number;
  /** The task's heading sentence, e.g. “渝快办”PC端扫码登录. */
  readonly title: string;
  /** The task's text after the heading, without the units in brackets. */
  readonly text: string;
  /** How the source labels the first group of units: 牵头单位, or 责任单位 for task 8. */
  readonly leadLabel: '牵头单位' | '责任单位';
  readonly lead: readonly string[];
  readonly cooperating: readonly string[];
}
