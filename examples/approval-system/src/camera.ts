/**
 * Camera scanning through @yizhao/scanner. The zxing .wasm is bundled by Vite as an asset of this
 * app (`?url`) and served from our own origin — never fetched from a CDN.
 */
import { startCameraScan } from '@yizhao/scanner';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export interface Scanning {
  done: Promise<unknown>;
  stop(): void;
}

export async function startScanning(video: HTMLVideoElement, onText: (text: string) => void): Promise<Scanning> {
  const scan = await startCameraScan(video, (hit) => onText(hit.text), { wasmUrl, fps: 10 });
  return { done: scan.done, stop: () => scan.stop() };
}
