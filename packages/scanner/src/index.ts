/** @yizhao/scanner — isomorphic core (browser and Node). Node file helpers: `@yizhao/scanner/node`. */
export { decodeImageData, decodeText, FRAME_STRATEGIES, NO_CODE_FOUND, type DecodeOptions, type DecodeResult, type Engine } from './decode.js';
export { configureWasm, wasmReader, type WasmSource } from './wasm-engine.js';
export type { ImageDataLike, GrayImage } from './image.js';
export { qrMatrix, renderQr, type EccLevel, type QrMatrix, type QrOptions, type QrRenderOptions } from './qr.js';
export { startCameraScan, type CameraScan, type CameraScanOptions, type ScanHit } from './camera.js';
export type { WorkerRequest, WorkerResponse } from './worker.js';
