/**
 * The hostile counter page: markup-looking text (`<img onerror>`, `<script>`) inside paper demands,
 * 50,000 elements, a mutation storm, and a timer that records how long the page's own script was
 * kept waiting (the extension must not stall it).
 */
export const HOSTILE_ELEMENTS = 50_000;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function hostilePage(elements = HOSTILE_ELEMENTS): string {
  const bait = escape('<img src=x onerror="window.__pwned=1">');
  const parts: string[] = [];
  // Rows of 10 nested-ish elements; every 2,500th block is a paper demand carrying the bait text.
  const blocks = Math.floor(elements / 5);
  for (let i = 0; i < blocks; i++) {
    if (i % 2500 === 0) parts.push(`<div class="b" data-demand><span>请携带营业执照复印件 ${bait}</span><i>#${i}</i><b>x</b><u>y</u></div>`);
    else parts.push(`<div class="b"><span>办事指南第 ${i} 条：请按时办理。</span><i>${i}</i><b>x</b><u>y</u></div>`);
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>压力测试页面 ${bait}</title></head><body>
<h1 id="title">${bait}</h1>
<div id="storm"></div>
<div id="bulk">${parts.join('')}</div>
<script>
  window.__ticks = 0; window.__maxGap = 0; window.__pwned = 0;
  let last = performance.now();
  setInterval(() => { const now = performance.now(); window.__maxGap = Math.max(window.__maxGap, now - last); last = now; window.__ticks++; }, 10);
  // Mutation storm: 200 text changes and an added/removed paper demand every 20 ms, for 6 s.
  const storm = document.getElementById('storm');
  for (let i = 0; i < 200; i++) storm.appendChild(document.createElement('p'));
  let n = 0;
  const t = setInterval(() => {
    n++;
    for (const p of storm.children) p.textContent = 'tick ' + n + ' ' + Math.random();
    const d = document.createElement('p');
    d.className = 'storm-demand';
    d.textContent = '请提供营业执照原件 ' + n;
    storm.appendChild(d);
    if (storm.querySelectorAll('.storm-demand').length > 1) storm.querySelector('.storm-demand').remove();
    if (n >= 300) { clearInterval(t); window.__stormDone = true; }
  }, 20);
</script>
</body></html>`;
}
