/**
 * QR output for the dev issuer: size policy of spec §2 (aim ≤ 20-M, never above 25-M). Images come
 * from the scanner's generator, the one every test and the demo use; the terminal view from `qrcode`.
 */
import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import { qrMatrix, qrPng } from '@yizhao/scanner/node';

export const QR_VERSION_TARGET = 20;
export const QR_VERSION_LIMIT = 25;

/** The QR version (1–40) the text needs at error-correction level M; Infinity when no QR holds it. */
export function qrVersion(text: string): number {
  try {
    return qrMatrix(text, { ecc: 'M' }).version;
  } catch {
    return Infinity;
  }
}

export async function writeQrPng(path: string, text: string): Promise<void> {
  await writeFile(path, qrPng(text, { ecc: 'M', scale: 6 }));
}

export function terminalQr(text: string): Promise<string> {
  return QRCode.toString(text, { errorCorrectionLevel: 'M', type: 'terminal', small: true });
}
