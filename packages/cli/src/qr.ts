/** QR output for the dev issuer: size policy of spec §2 (aim ≤ 20-M, never above 25-M). */
import QRCode from 'qrcode';

export const QR_VERSION_TARGET = 20;
export const QR_VERSION_LIMIT = 25;

/** The QR version (1–40) the text needs at error-correction level M; Infinity when no QR holds it. */
export function qrVersion(text: string): number {
  try {
    return QRCode.create(text, { errorCorrectionLevel: 'M' }).version;
  } catch {
    return Infinity;
  }
}

export async function writeQrPng(path: string, text: string): Promise<void> {
  await QRCode.toFile(path, text, { errorCorrectionLevel: 'M', margin: 4, scale: 6, type: 'png' });
}

export function terminalQr(text: string): Promise<string> {
  return QRCode.toString(text, { errorCorrectionLevel: 'M', type: 'terminal', small: true });
}
