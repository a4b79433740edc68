/**
 * The one place the WebExtension API comes from. Today that is `webextension-polyfill` (promise-based
 * `browser.*` on Chromium; on Firefox, and on Chrome 148+ which ships a native `browser`, the
 * polyfill hands back the native object). The polyfill is frozen upstream: to drop it, replace the
 * import below with `globalThis.browser` and nothing else in the extension changes.
 */
import polyfill from 'webextension-polyfill';
import type { Browser } from 'webextension-polyfill';

export type { Browser, Runtime, Tabs, Storage } from 'webextension-polyfill';

export const ext: Browser = polyfill;

/** Chromium's side panel (not in the polyfill's types; absent on Firefox and some Chromium forks). */
interface SidePanelApi {
  setPanelBehavior(o: { openPanelOnActionClick: boolean }): Promise<void>;
  open(o: { tabId?: number; windowId?: number }): Promise<void>;
}

export function sidePanel(): SidePanelApi | null {
  const c = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome;
  return c?.sidePanel ?? null;
}

/** Firefox's sidebar. */
export function sidebarAction(): { open(): Promise<void>; toggle?(): Promise<void> } | null {
  return (ext as unknown as { sidebarAction?: { open(): Promise<void>; toggle?(): Promise<void> } }).sidebarAction ?? null;
}

/** This extension's own pages (panel, options, camera) have URLs under this prefix. */
export function extensionOrigin(): string {
  return ext.runtime.getURL('');
}
