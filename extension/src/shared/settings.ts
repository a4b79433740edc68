/**
 * Settings: what the clerk set (storage.local) under what the administrator set by policy
 * (storage.managed, which wins and is shown locked). See public/managed_schema.json.
 */
import * as z from 'zod';
import { ext } from './browser.js';

export type Language = 'zh-CN' | 'en';

export const settingsSchema = z.object({
  language: z.enum(['zh-CN', 'en']),
  /** Match patterns (e.g. `https://zwfw.example.gov.cn/*`) where pages are checked; loopback always. */
  enabledSites: z.array(z.string().max(300)).max(200),
  trustListUrl: z.string().max(2048).nullable(),
  /** The trust-list signer's public JWK, as JSON text. */
  trustListPin: z.string().max(4000).nullable(),
  trustRefreshHours: z.number().int().min(1).max(168),
  auditServerUrl: z.string().max(2048).nullable(),
  auditToken: z.string().max(500).nullable(),
  /** Store applicants' USCC only as a keyed hash. */
  privacyMode: z.boolean(),
  /** base64url HMAC key for privacy mode; the administrator's, so all counters hash alike. */
  privacyKey: z.string().max(200).nullable(),
  /** This relying party's id, when presentations are made out to it. */
  audience: z.string().max(200).nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = {
  language: 'zh-CN',
  enabledSites: [],
  trustListUrl: null,
  trustListPin: null,
  trustRefreshHours: 6,
  auditServerUrl: null,
  auditToken: null,
  privacyMode: false,
  privacyKey: null,
  audience: null,
};

/** The loopback addresses of the demo: enabled out of the box (and in the manifest). */
export const LOOPBACK_PATTERNS = ['http://127.0.0.1/*', 'http://localhost/*'];

/** Managed keys (storage.managed) → settings. Unknown or ill-typed managed values are ignored. */
export function fromManaged(managed: Record<string, unknown>): Partial<Settings> {
  const out: Partial<Settings> = {};
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as SettingKey[]) {
    if (!(key in managed)) continue;
    const parsed = shape[key].safeParse(managed[key]);
    if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
  }
  return out;
}

export async function readManaged(): Promise<Partial<Settings>> {
  try {
    // Throws on Firefox when no policy names this extension, and where storage.managed is absent.
    return fromManaged(await ext.storage.managed.get(null));
  } catch {
    return {};
  }
}

export async function readLocal(): Promise<Partial<Settings>> {
  const { settings } = await ext.storage.local.get('settings');
  const parsed = settingsSchema.partial().safeParse(settings ?? {});
  return parsed.success ? parsed.data : {};
}

export interface EffectiveSettings {
  settings: Settings;
  /** Keys the administrator fixed. */
  locked: ReadonlySet<SettingKey>;
}

export async function loadSettings(): Promise<EffectiveSettings> {
  const [local, managed] = await Promise.all([readLocal(), readManaged()]);
  return { settings: { ...DEFAULT_SETTINGS, ...local, ...managed }, locked: new Set(Object.keys(managed) as SettingKey[]) };
}

export async function saveSettings(patch: Partial<Settings>): Promise<void> {
  const local = await readLocal();
  await ext.storage.local.set({ settings: settingsSchema.partial().parse({ ...local, ...patch }) });
}

/** Highlights on/off (the keyboard shortcut), shared by every tab. */
export async function highlightsHidden(): Promise<boolean> {
  const { highlightsHidden: hidden } = await ext.storage.local.get('highlightsHidden');
  return hidden === true;
}
