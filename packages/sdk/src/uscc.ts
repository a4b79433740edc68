/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015, as spec §1 states the rules.
 * The checker reports the first failing rule so that every verifier explains a bad code the same way.
 */
import { detailMessage, type Messages } from './codes.js';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Registration authority + organisation type (GB 32100 table 1), characters 1–2. */
const TYPES = new Set(
  '11 12 13 19 21 29 31 32 33 34 35 39 41 49 51 52 53 59 61 62 69 71 72 79 81 89 91 92 93 A1 A9 N1 N2 N3 N9 Y1'.split(' '),
);
/** Province-level prefixes of GB/T 2260 division codes. */
const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

export type UsccRule = 'length' | 'charset' | 'type' | 'division' | 'org-check' | 'check';
export const USCC_RULES: readonly UsccRule[] = ['length', 'charset', 'type', 'division', 'org-check', 'check'];

export interface UsccParts {
  readonly code: string;
  /** Characters 1–2: registration authority and organisation type, e.g. "91" (enterprise, SAMR). */
  readonly authority: string;
  readonly type: string;
  /** Characters 3–8: GB/T 2260 administrative division, e.g. "500111" (Dazu District). */
  readonly division: string;
  /** Characters 9–17: GB 11714 organisation code, 8 body characters + its check character. */
  readonly organisationCode: string;
  readonly checkCharacter: string;
}

export type UsccResult =
  | { readonly ok: true; readonly code: string; readonly rule: null; readonly parts: UsccParts; readonly message: Messages }
  | { readonly ok: false; readonly code: string; readonly rule: UsccRule; readonly message: Messages };

/** Human input (forms, the CLI): trimmed and upper-cased. Codes inside tokens are never normalised. */
export function normaliseUscc(input: string): string {
  return input.trim().toUpperCase();
}

/** GB 11714 check character of an 8-character organisation-code body. */
function organisationCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += gb11714Value(body.charCodeAt(i)) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function gb11714Value(charCode: number): number {
  return charCode <= 57 ? charCode - 48 : charCode - 55; // '0'..'9' → 0..9, 'A'..'Z' → 10..35
}

/** The 18th character over the first 17, as spec §1 defines it. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

function fail(code: string, rule: UsccRule, params: Record<string, string | number>): UsccResult {
  return { ok: false, code, rule, message: detailMessage(`uscc.${rule}`, params) };
}

/**
 * Checks a code exactly as given (no normalisation): the first failing rule of spec §1, or its parts.
 * Use `validateUscc(normaliseUscc(input))` for text people typed.
 */
export function validateUscc(code: string): UsccResult {
  const chars = [...code];
  if (chars.length !== 18) return fail(code, 'length', { length: chars.length });
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(chars[i]!)) return fail(code, 'charset', { position: i + 1, char: chars[i]! });
  }
  const typeCode = code.slice(0, 2);
  if (!TYPES.has(typeCode)) return fail(code, 'type', { value: typeCode });
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division) || (division !== '100000' && !PROVINCES.has(division.slice(0, 2)))) {
    return fail(code, 'division', { value: division });
  }
  const org = code.slice(8, 17);
  const expectedOrg = /^[0-9A-Z]{8}$/.test(org.slice(0, 8)) ? organisationCheck(org) : '?';
  if (org[8] !== expectedOrg) return fail(code, 'org-check', { expected: expectedOrg });
  const expected = usccCheckCharacter(code);
  if (code[17] !== expected) return fail(code, 'check', { expected });
  return {
    ok: true,
    code,
    rule: null,
    parts: {
      code,
      authority: code[0]!,
      type: code[1]!,
      division,
      organisationCode: org,
      checkCharacter: code[17]!,
    },
    message: detailMessage('uscc.ok'),
  };
}

/** The parts of a valid code, or null. */
export function parseUscc(code: string): UsccParts | null {
  const result = validateUscc(code);
  return result.ok ? result.parts : null;
}

export function isValidUscc(code: string): boolean {
  return validateUscc(code).ok;
}
