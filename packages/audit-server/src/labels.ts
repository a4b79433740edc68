/** Chart labels: department short names and matter names from the catalogue. */
import { DEPARTMENTS, MATTERS } from '@yizhao/sdk';

export const LABELS: { departments: Record<string, string>; matters: Record<string, string> } = {
  departments: Object.fromEntries(DEPARTMENTS.map((d) => [d.name, d.shortName])),
  matters: Object.fromEntries(MATTERS.map((m) => [m.id, m.name])),
};
