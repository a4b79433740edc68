/**
 * Where the content script runs: the loopback demo addresses (static, in the manifest) and the
 * sites the clerk or the administrator enabled *and* the browser granted (optional host
 * permissions; registered here as a dynamic content script). Granted origins that are not enabled
 * sites (the trust-list or audit server) get no content script.
 */
import { ext } from '../shared/browser.js';
import { loadSettings, LOOPBACK_PATTERNS } from '../shared/settings.js';

const ID = 'yizhao-sites';

/** `https://host/path` or a match pattern → the match pattern covering the whole site. */
export function sitePattern(input: string): string | null {
  const s = input.trim();
  if (/^(https?|\*):\/\/(\*\.)?[^/*]+\/\*$/.test(s)) return s;
  try {
    const u = new URL(s);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

export async function activeSitePatterns(): Promise<string[]> {
  const { settings } = await loadSettings();
  const wanted = [...new Set(settings.enabledSites.map(sitePattern).filter((p): p is string => !!p && !LOOPBACK_PATTERNS.includes(p)))];
  const granted: string[] = [];
  for (const p of wanted) if (await ext.permissions.contains({ origins: [p] }).catch(() => false)) granted.push(p);
  return granted;
}

export async function syncContentScripts(): Promise<string[]> {
  const matches = await activeSitePatterns();
  const existing = await ext.scripting.getRegisteredContentScripts({ ids: [ID] }).catch(() => []);
  if (matches.length === 0) {
    if (existing.length) await ext.scripting.unregisterContentScripts({ ids: [ID] });
    return matches;
  }
  const script = { id: ID, matches, js: ['content.js'], allFrames: true, runAt: 'document_idle' as const, persistAcrossSessions: true };
  if (existing.length) await ext.scripting.updateContentScripts([script]);
  else await ext.scripting.registerContentScripts([script]);
  return matches;
}
