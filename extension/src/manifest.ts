/**
 * The manifest, one source for both targets. Chromium: service worker, side panel, managed-storage
 * schema. Firefox: background scripts (event page), sidebar, gecko id. Content scripts run out of
 * the box only on the demo's loopback addresses; other sites are optional host permissions.
 */
export type Target = 'chromium' | 'firefox';

export const GECKO_ID = 'yizhao-extension@yizhao.example';
export const LOOPBACK_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];
export const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

export function manifest(target: Target, version: string): Record<string, unknown> {
  const common = {
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: '__MSG_extShortName__',
    description: '__MSG_extDescription__',
    version,
    default_locale: 'zh_CN',
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    action: { default_title: '__MSG_extShortName__', default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' } },
    options_ui: { page: 'options/options.html', open_in_tab: true },
    permissions: ['storage', 'scripting', 'alarms', ...(target === 'chromium' ? ['sidePanel'] : [])],
    host_permissions: LOOPBACK_MATCHES,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_scripts: [{ matches: LOOPBACK_MATCHES, js: ['content.js'], all_frames: true, match_about_blank: true, run_at: 'document_idle' }],
    commands: {
      'toggle-highlights': { suggested_key: { default: 'Alt+Shift+Y' }, description: '__MSG_cmdToggle__' },
    },
    content_security_policy: { extension_pages: CSP },
  };
  if (target === 'chromium') {
    return {
      ...common,
      minimum_chrome_version: '114',
      background: { service_worker: 'background.js' },
      side_panel: { default_path: 'panel/panel.html' },
      storage: { managed_schema: 'managed_schema.json' },
    };
  }
  return {
    ...common,
    background: { scripts: ['background.js'] },
    sidebar_action: { default_panel: 'panel/panel.html', default_title: '__MSG_extShortName__', default_icon: 'icons/32.png', open_at_install: false },
    browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } } },
  };
}
