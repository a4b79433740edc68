/**
 * The verifier a relying party keeps: one accepted trust list, the status lists it holds, and a
 * replay store. Build it once, verify many presentations.
 */
import type { Warning } from './codes.js';
import { statusListKey, verifyPresentation } from './licence.js';
import { MemoryReplayStore, type ReplayStore } from './replay.js';
import type { VerificationResult } from './result.js';
import { loadStatusList, type StatusList, type StatusListLoad } from './status-list.js';
import { currentUnixTime, DEFAULT_SKEW } from './time.js';
import { loadTrustList, type TrustListLoad, type TrustListStateStore } from './trust-list.js';
// Seal code (X.509/ASN.1 parsing) is loaded on first use, so pages that only verify presentations
// do not carry it (see `npm run size`).
import type { SealVerification } from './seal/seal.js';
import type { DocumentInput } from './seal/digest.js';
import type { ParsedCrl } from './seal/x509.js';
import { errorMessage, type ErrorCode, type Messages } from './codes.js';

export interface VerifierOptions {
  /** The trust list, compact JWS (`typ` yzt+jwt). */
  readonly trustList: string;
  /** The trust-list signer's public JWK, configured out of band. */
  readonly pin: Readonly<Record<string, unknown>>;
  /** Status lists (`typ` yzs+jwt) to hold from the start. */
  readonly statusLists?: readonly string[];
  /** Default: an in-memory store. Pass a shared one (e.g. Redis) when several servers verify. */
  readonly replayStore?: ReplayStore;
  /** Rollback protection across restarts: persist the highest accepted `seq`. */
  readonly trustListStateStore?: TrustListStateStore;
  /** Clock for loading and verifying (unix seconds); defaults to the system clock. */
  readonly clock?: () => number;
  readonly skew?: number;
  /** Maximum `exp - iat` of a presentation (default 600 s). */
  readonly maxAge?: number;
  /** STATUS_UNKNOWN becomes an error instead of a warning. */
  readonly strict?: boolean;
}

export interface VerifyOptions {
  /** This relying party's id; a presentation made out to another (or to none, when set) is refused. */
  readonly audience?: string;
  /** The challenge this relying party showed (scan-to-login). */
  readonly nonce?: string;
  /** The catalogue matter being handled (e.g. "DZ164-111"), checked against the holder's scope. */
  readonly matter?: string;
  /** Verification time override (audits: the recorded time). */
  readonly now?: number;
  /** false = do not check or record replay (re-verifying archived evidence). Default true. */
  readonly replay?: boolean;
  readonly strict?: boolean;
}

export interface SealOptions {
  readonly now?: number;
  /** Extra CRLs (DER) for this verification, besides those added with `addCrl`. */
  readonly crls?: readonly Uint8Array[];
  /** Unchecked revocation is REVOCATION_UNKNOWN (INDETERMINATE) instead of a warning. */
  readonly strict?: boolean;
}

/** A licence and a sealed document verified together (seed task 7: one identity for all). */
export interface LicenceAndSeal {
  readonly ok: boolean;
  /** The licence's code, else the seal's, else SUBJECT_MISMATCH when the two name different entities. */
  readonly code: ErrorCode | null;
  readonly message: Messages | null;
  readonly licence: VerificationResult;
  readonly seal: SealVerification;
}

export class Verifier {
  readonly #options: VerifierOptions;
  readonly #statusLists = new Map<string, StatusList>();
  readonly #crls: ParsedCrl[] = [];
  readonly #replayStore: ReplayStore;
  #trustList: TrustListLoad;

  private constructor(options: VerifierOptions, trustList: TrustListLoad) {
    this.#options = options;
    this.#trustList = trustList;
    this.#replayStore = options.replayStore ?? new MemoryReplayStore();
  }

  /** Loads and checks the trust list (and any status lists). A refused list is kept as its code. */
  static async create(options: VerifierOptions): Promise<Verifier> {
    const verifier = new Verifier(options, await Verifier.#load(options, options.trustList));
    for (const token of options.statusLists ?? []) await verifier.addStatusList(token);
    return verifier;
  }

  static #load(options: VerifierOptions, token: string): Promise<TrustListLoad> {
    return loadTrustList(token, {
      pin: options.pin,
      now: (options.clock ?? currentUnixTime)(),
      skew: options.skew ?? DEFAULT_SKEW,
      ...(options.trustListStateStore && { stateStore: options.trustListStateStore }),
    });
  }

  /** The trust list as accepted (or the code it was refused with). */
  get trustList(): TrustListLoad {
    return this.#trustList;
  }

  /** Warnings about the trust list itself, e.g. CLOCK_SUSPECT. */
  get trustListWarnings(): readonly Warning[] {
    return this.#trustList.ok ? this.#trustList.warnings : [];
  }

  /** Replaces the trust list (a scheduled refresh). Refused lists leave the current one in place. */
  async updateTrustList(token: string): Promise<TrustListLoad> {
    const loaded = await Verifier.#load(this.#options, token);
    if (loaded.ok || !this.#trustList.ok) {
      this.#trustList = loaded;
      if (loaded.ok) this.#statusLists.clear();
    }
    return loaded;
  }

  /** Holds a status list when it verifies against the trust list; a newer list replaces an older one. */
  async addStatusList(token: string): Promise<StatusListLoad> {
    if (!this.#trustList.ok) return { ok: false, detail: 'no accepted trust list' };
    const loaded = await loadStatusList(token, this.#trustList.trustList);
    if (loaded.ok) {
      const key = statusListKey(loaded.list.iss, loaded.list.id);
      const held = this.#statusLists.get(key);
      if (!held || held.iat <= loaded.list.iat) this.#statusLists.set(key, loaded.list);
    }
    return loaded;
  }

  /** Holds a CRL (DER) for seal verification; resolves false when it cannot be parsed. */
  async addCrl(der: Uint8Array): Promise<boolean> {
    const { parseCrl } = await import('./seal/x509.js');
    const crl = parseCrl(der);
    if (crl) this.#crls.push(crl);
    return crl !== null;
  }

  /** Verifies a `yzseal+jws` seal signature over a document's exact bytes (spec §5). */
  async verifySeal(document: DocumentInput, sealText: string, options: SealOptions = {}): Promise<SealVerification> {
    const [{ verifySeal }, { parseCrl }] = await Promise.all([import('./seal/seal.js'), import('./seal/x509.js')]);
    const extra = (options.crls ?? []).map(parseCrl).filter((c): c is ParsedCrl => c !== null);
    const o = this.#options;
    return verifySeal(document, sealText, {
      trustList: this.#trustList,
      crls: [...this.#crls, ...extra],
      now: options.now ?? (o.clock ?? currentUnixTime)(),
      skew: o.skew ?? DEFAULT_SKEW,
      strict: options.strict ?? o.strict ?? false,
    });
  }

  /** Verifies a presentation and a sealed document together: both must pass and name the same USCC. */
  async verifyLicenceAndSeal(presentation: string, document: DocumentInput, sealText: string, options: VerifyOptions & SealOptions = {}): Promise<LicenceAndSeal> {
    const licence = await this.verify(presentation, options);
    return combineLicenceAndSeal(licence, await this.verifySeal(document, sealText, options));
  }

  /** Verifies scanned text (a QR's content) as a licence presentation. */
  verify(scanned: string, options: VerifyOptions = {}): Promise<VerificationResult> {
    const o = this.#options;
    return verifyPresentation(scanned, {
      trustList: this.#trustList,
      statusLists: this.#statusLists,
      now: options.now ?? (o.clock ?? currentUnixTime)(),
      skew: o.skew ?? DEFAULT_SKEW,
      maxAge: o.maxAge,
      strict: options.strict ?? o.strict ?? false,
      ...(options.replay !== false && { replayStore: this.#replayStore }),
      ...(options.audience !== undefined && { audience: options.audience }),
      ...(options.nonce !== undefined && { nonce: options.nonce }),
      ...(options.matter !== undefined && { matter: options.matter }),
    });
  }
}

/**
 * Joins a licence result and a seal result: both must pass and name the same USCC. Use it directly
 * when the licence was verified earlier (at login) and the sealed document arrives later, so each is
 * verified at its own time.
 */
export function combineLicenceAndSeal(licence: VerificationResult, seal: SealVerification): LicenceAndSeal {
  const code: ErrorCode | null = licence.code ?? seal.code ?? (licence.uscc !== seal.uscc ? 'SUBJECT_MISMATCH' : null);
  return { ok: code === null, code, message: code === null ? null : errorMessage(code), licence, seal };
}

/** Shorthand for `Verifier.create`. */
export function createVerifier(options: VerifierOptions): Promise<Verifier> {
  return Verifier.create(options);
}
