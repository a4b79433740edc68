// The applicant's page: asks the demo server (which holds the TEST keys) to mint presentations.
// Everything coming back is shown with textContent / attributes only, never as HTML.
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
if (params.get('aud')) $('aud').value = params.get('aud');
if (params.get('nonce')) $('nonce').value = params.get('nonce');
if (params.get('scope') !== null) $('scope').value = params.get('scope');

const expiry = (exp) => `有效期至 ${new Date(exp * 1000).toLocaleTimeString('zh-CN')}`;

$('mint-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('mint-error').textContent = '';
  const body = { address: $('address').checked };
  if ($('aud').value.trim()) body.aud = $('aud').value.trim();
  if ($('nonce').value.trim()) body.nonce = $('nonce').value.trim();
  if ($('scope').value) body.scp = [$('scope').value];
  const res = await fetch('/demo/mint', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const minted = await res.json();
  if (!res.ok) return void ($('mint-error').textContent = `签发失败：${minted.error}`);
  $('minted-qr').src = minted.png;
  $('minted-exp').textContent = expiry(minted.exp);
  $('minted-text').value = minted.text;
  $('minted').hidden = false;
});
$('copy').addEventListener('click', () => navigator.clipboard?.writeText($('minted-text').value));

for (const p of await fetch('/demo/presentations').then((r) => r.json())) {
  const box = Object.assign(document.createElement('div'), { className: 'code' });
  const img = Object.assign(document.createElement('img'), { src: p.url, alt: p.label });
  const text = Object.assign(document.createElement('textarea'), { readOnly: true, value: p.text });
  box.append(img, Object.assign(document.createElement('div'), { textContent: p.label }), Object.assign(document.createElement('div'), { className: 'muted', textContent: expiry(p.exp) }), text);
  $('showcase').append(box);
}
const info = await fetch('/demo/info').then((r) => r.json());
for (const name of info.files) {
  const a = Object.assign(document.createElement('a'), { href: `/demo/files/${name}`, textContent: name, download: name });
  const li = document.createElement('li');
  li.append(a, document.createTextNode(name.startsWith('other') ? ' — 另一家公司盖章（用于演示拒绝）' : name.endsWith('.yzseal') ? ' — 电子印章签名' : ' — 本公司申请书'));
  $('files').append(li);
}
