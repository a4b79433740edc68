/**
 * "Not a paper demand": a finding set aside with a reason, remembered per site and rule (the rule's
 * wording on that site was judged, so its other findings there are set aside too).
 */
import * as z from 'zod';
import { ext } from './browser.js';

const entry = z.object({ reason: z.string().max(500), at: z.number() });
const ignoresSchema = z.record(z.string().max(253), z.record(z.string().max(64), entry));
export type Ignores = z.infer<typeof ignoresSchema>;

export async function readIgnores(): Promise<Ignores> {
  const { ignores } = await ext.storage.local.get('ignores');
  const parsed = ignoresSchema.safeParse(ignores ?? {});
  return parsed.success ? parsed.data : {};
}

export function isIgnored(ignores: Ignores, site: string, rule: string): boolean {
  return ignores[site]?.[rule] !== undefined;
}

export function withIgnore(ignores: Ignores, site: string, rule: string, reason: string, at: number): Ignores {
  return { ...ignores, [site]: { ...ignores[site], [rule]: { reason, at } } };
}

export function withoutIgnore(ignores: Ignores, site: string, rule: string): Ignores {
  const { [rule]: _removed, ...rest } = ignores[site] ?? {};
  const next = { ...ignores, [site]: rest };
  if (Object.keys(rest).length === 0) delete next[site];
  return next;
}

export async function writeIgnores(ignores: Ignores): Promise<void> {
  await ext.storage.local.set({ ignores });
}
