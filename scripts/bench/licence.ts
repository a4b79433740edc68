/**
 * Licence verification throughput: the SDK's full verify (all 12 steps) against bare
 * `jose.compactVerify` (signature only, key pre-imported) on the same token, in the same run.
 * Target: SDK time ≤ 1.3 × bare jose time.
 */
import { compactVerify, importJWK } from 'jose';
import { createVerifier } from '@yizhao/sdk';
import { createDevIssuer, demoLicence, mintPresentation, publicPart, DEMO_USCC } from '@yizhao/sdk/dev';

const ROUNDS = 7;
const PER_ROUND = 2000;

async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - start) / n;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const issuer = await createDevIssuer();
const verifier = await createVerifier({ trustList: issuer.trust, pin: issuer.pin });
console.log(`licence verification, ${ROUNDS} rounds × ${PER_ROUND} verifications, median per round (Node ${process.version})`);
for (const key of issuer.issuer.keys) {
  for (const zip of [false, true]) {
    const text = await mintPresentation({ key, iss: issuer.issuer.iss, uscc: DEMO_USCC, licence: demoLicence(), zip });
    const jws = text.slice(5);
    const cryptoKey = await importJWK(publicPart(key), key.alg);
    const check = await verifier.verify(text, { replay: false });
    if (!check.ok) throw new Error(check.code);
    const sdk: number[] = [];
    const bare: number[] = [];
    await timeIt(200, () => verifier.verify(text, { replay: false }));
    await timeIt(200, () => compactVerify(jws, cryptoKey));
    for (let r = 0; r < ROUNDS; r++) {
      sdk.push(await timeIt(PER_ROUND, () => verifier.verify(text, { replay: false })));
      bare.push(await timeIt(PER_ROUND, () => compactVerify(jws, cryptoKey)));
    }
    const s = median(sdk);
    const b = median(bare);
    console.log(
      `  ${key.alg.padEnd(5)} ${zip ? 'zip ' : 'json'}  SDK ${(1000 / s).toFixed(0).padStart(6)}/s (${(s * 1000).toFixed(1)} µs)   bare jose ${(1000 / b).toFixed(0).padStart(6)}/s (${(b * 1000).toFixed(1)} µs)   ratio ${(s / b).toFixed(2)}× (target ≤ 1.30×)`,
    );
  }
}
