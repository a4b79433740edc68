/** The overlay's own styles, inside its closed shadow root (the page's CSS cannot reach in, ours cannot leak out). */
export const OVERLAY_CSS = `
:host { all: initial; }
.layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483646; }
.layer.hidden .hl { display: none; }
.hl { position: fixed; box-sizing: border-box; border: 2px solid var(--c); border-radius: 3px;
  background: color-mix(in srgb, var(--c) 8%, transparent); box-shadow: 0 0 0 1px #fff; }
.hl.flash { animation: flash 0.9s ease-in-out 2; }
@keyframes flash { 50% { background: color-mix(in srgb, var(--c) 35%, transparent); } }
.badge { position: absolute; top: -11px; left: -11px; min-width: 18px; height: 18px; padding: 0 4px; box-sizing: border-box;
  border-radius: 9px; background: var(--c); color: #fff; font: 700 11px/18px system-ui, "Noto Sans CJK SC", sans-serif;
  text-align: center; box-shadow: 0 1px 2px rgba(0,0,0,.4); white-space: nowrap; }
.error { --c: #c5221f; } .warning { --c: #d56e0c; } .review { --c: #1a73e8; }
.panel { position: fixed; right: 12px; bottom: 12px; width: 380px; max-height: 62vh; display: flex; flex-direction: column;
  pointer-events: auto; background: #fff; color: #202124; border: 1px solid #dadce0; border-radius: 8px;
  box-shadow: 0 4px 16px rgba(0,0,0,.25); font: 13px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; z-index: 2147483647; }
.panel.collapsed .body { display: none; }
.head { display: flex; align-items: center; gap: 8px; padding: 8px 10px; border-bottom: 1px solid #eee; font-weight: 700; }
.head .count { margin-left: auto; background: #c5221f; color: #fff; border-radius: 10px; padding: 0 8px; }
.head .count.zero { background: #188038; }
.body { overflow: auto; padding: 4px 0; }
.meta { padding: 4px 10px; color: #5f6368; }
.hint { padding: 4px 10px; color: #d56e0c; }
ol { list-style: none; margin: 0; padding: 0; }
li { padding: 8px 10px; border-top: 1px solid #f1f3f4; cursor: pointer; }
li:hover, li:focus { background: #f8f9fa; outline: none; }
.num { display: inline-block; min-width: 18px; border-radius: 9px; background: var(--c); color: #fff; text-align: center; font-weight: 700; margin-right: 6px; }
.sev { color: var(--c); font-weight: 700; margin-right: 6px; }
.msg { margin-top: 2px; }
.small { color: #5f6368; font-size: 12px; margin-top: 2px; }
.quote { color: #3c4043; font-size: 12px; margin-top: 2px; }
button { font: inherit; cursor: pointer; border: 1px solid #dadce0; background: #fff; border-radius: 4px; padding: 2px 8px; color: #1a73e8; }
button.primary { background: #1a73e8; color: #fff; border-color: #1a73e8; }
.actions { margin-top: 4px; display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
input[type=text] { font: inherit; flex: 1 1 100%; box-sizing: border-box; padding: 3px 6px; border: 1px solid #dadce0; border-radius: 4px; }
`;
