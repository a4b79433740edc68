/** Human-readable reports of SDK results, in the clerk's language. */
import { label, type Locale, type VerificationResult } from '@yizhao/sdk';

const SYMBOL = { valid: '✔', invalid: '✘', indeterminate: '?' } as const;

export function formatVerification(result: VerificationResult, lang: Locale, index?: number): string[] {
  const head = `${index !== undefined ? `[${index}] ` : ''}${SYMBOL[result.outcome]} ${label(`outcome.${result.outcome}`, lang)} · ${label(`kind.${result.kind}`, lang)}`;
  const lines = [result.code ? `${head} · ${result.code}` : head, `    ${result.message[lang]}`];
  const l = result.licence;
  if (l) {
    const field = (key: string, value: string | undefined) => value !== undefined && lines.push(`    ${label(key, lang)}${lang === 'en' ? ': ' : '：'}${value}`);
    field('name', l.name);
    field('uscc', result.uscc ?? undefined);
    field('legalRepresentative', l.legalRepresentative);
    field('type', l.type);
    field('established', l.established);
    field('registrationAuthority', l.registrationAuthority);
    field('status', label(`status.${l.status}`, lang));
    field('capital', l.capital);
    field('address', l.address);
    field('scope', l.scope);
  } else if (result.uscc) {
    lines.push(`    ${label('uscc', lang)}${lang === 'en' ? ': ' : '：'}${result.uscc}`);
  }
  const p = result.presentation;
  if (p) {
    lines.push(`    ${label('issuer', lang)}${lang === 'en' ? ': ' : '：'}${p.issuerName} (${p.alg})`);
    lines.push(`    ${label('expires', lang)}${lang === 'en' ? ': ' : '：'}${new Date(p.exp * 1000).toISOString()}`);
    if (p.scope) lines.push(`    ${label('matterScope', lang)}${lang === 'en' ? ': ' : '：'}${p.scope.join(', ')}`);
  }
  for (const w of result.warnings) lines.push(`    ⚠ ${w.code}: ${w.message[lang]}`);
  return lines;
}
