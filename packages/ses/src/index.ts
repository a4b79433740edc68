/**
 * @yizhao/ses — verify Chinese e-seals: SES signatures (GM/T 0031-2014 v1, GB/T 38540-2020 v4) with
 * SM2/SM3, in OFD documents (GB/T 33190) or on their own. Isomorphic: no Node-only imports.
 */
export { verifyOfd, resolveLoc, type OfdSignatureVerification, type OfdVerification } from './ofd.js';
export { verifySesSignature, verifySesSeal, type SignedFile } from './verify.js';
export { decide, worst, type SealSummary, type SesCheck, type SesCheckName, type SesContext, type SesVerification } from './result.js';
export { parseSeal, parseSignature, MAX_SES_SIZE, SesFormatError, type SesCertDigest, type SesPictureData, type SesPropertyInfo, type SesSeal, type SesSignature, type SesVersion } from './ses.js';
export { sealImage, usccOf, type SealImage, type SignerSummary } from './identity.js';
export { keyKind, OID, SIGNATURE_ALGORITHMS, SM2_DEFAULT_USER_ID, sm2RawSignature, sm2Verify, sm3, verifyWithCertificate, type KeyKind } from './sm.js';
export { DEFAULT_ZIP_LIMITS, OfdZip, ZipError, type ZipLimits } from './zip.js';
export { parseXml, XmlError, type XmlElement } from './xml.js';
