import { DEPARTMENTS, findDepartment } from './departments.js';
import { MATTERS, PLAN_TASKS } from './matters.generated.js';
import type { Matter, PlanTask } from './types.js';

/** A matter by id (`DZ164-057`, case-insensitive) or 序号; undefined when there is none. */
export function getMatter(idOrSeq: string | number): Matter | undefined {
  const seq = typeof idOrSeq === 'number' ? idOrSeq : Number(/^(?:dz164-)?(\d{1,3})$/i.exec(idOrSeq.trim())?.[1]);
  return Number.isInteger(seq) && seq >= 1 ? MATTERS[seq - 1] : undefined;
}

/** The matters of a department named in any spelling, in catalogue order; [] when unknown. */
export function mattersOfDepartment(department: string): Matter[] {
  const d = findDepartment(department) ?? DEPARTMENTS.find((x) => x.name === department);
  return d ? MATTERS.filter((m) => m.department === d.name) : [];
}

/** A task by id (`T8`) or number (8). */
export function getTask(idOrNumber: string | number): PlanTask | undefined {
  return PLAN_TASKS.find((t) => t.id === idOrNumber || t.number === idOrNumber || t.id === String(idOrNumber).toUpperCase());
}
