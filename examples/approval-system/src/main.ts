/**
 * The approval front end: wires the steps of approval.ts to the page. Text from presentations,
 * licences and files is only ever set with textContent or form values (see dom.ts).
 */
import { renderQr } from '@yizhao/scanner';
import { archive, attachSeal, clearArchive, loadArchive, type ArchiveEntry } from './archive.js';
import { AUDIENCE, checkSealedApplication, createApproval, explain, explainSeal, login, MATTER, MATTER_ID, newChallenge, prefill, reverify, type LoginAttempt } from './approval.js';
import { startScanning, type Scanning } from './camera.js';
import { DEMO_TRUST, TRUST_NOTICE } from './config.js';
import { byId, el, status } from './dom.js';

const approval = await createApproval(DEMO_TRUST);
let challenge = '';
let session: { attempt: LoginAttempt; entryId: string } | null = null;
let sealOk = false;
let scanning: Scanning | null = null;

byId('matter-title').textContent = `${MATTER_ID} ${MATTER.name}（${MATTER.department}）· 系统标识 ${AUDIENCE}`;
byId('trust-notice').textContent = `${TRUST_NOTICE}：本系统使用仓库内置的演示信任列表（序号 ${approval.trustListSeq ?? '未接受'}），演示出示码与印章均为测试密钥签发，不具备法律效力。`;

function showChallenge(): void {
  challenge = newChallenge();
  byId('challenge').textContent = challenge;
  // The login QR takes a second device (or this browser) to the applicant page with aud and nonce.
  const applicant = new URL(`../applicant/?aud=${encodeURIComponent(AUDIENCE)}&nonce=${encodeURIComponent(challenge)}`, location.href).href;
  byId<HTMLAnchorElement>('applicant-link').href = applicant;
  const qr = renderQr(applicant, { ecc: 'M', scale: 4 });
  const canvas = byId<HTMLCanvasElement>('challenge-qr');
  canvas.width = qr.width;
  canvas.height = qr.height;
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(qr.data), qr.width, qr.height), 0, 0);
}

const FIELDS = { name: 'f-name', uscc: 'f-uscc', legalRepresentative: 'f-lr', address: 'f-address' } as const;

function fillForm(attempt: LoginAttempt | null): void {
  const fields = attempt ? prefill(attempt.result) : null;
  for (const [key, id] of Object.entries(FIELDS) as [keyof typeof FIELDS, string][]) {
    const input = byId<HTMLInputElement>(id);
    const value = fields?.[key];
    input.value = value ?? '';
    input.readOnly = value !== undefined; // filled from the verified licence: not retyped, not editable
    input.title = value !== undefined ? '来自核验通过的电子营业执照' : '';
    input.placeholder = fields && value === undefined ? '出示码未包含此项，请填写' : '';
  }
  byId('form-note').textContent = fields
    ? `已由电子营业执照自动填写：单位名称、统一社会信用代码、法定代表人${fields.address !== undefined ? '、住所' : '（出示码未包含住所，请手工填写）'}。`
    : '';
}

async function onLogin(text: string): Promise<void> {
  const target = byId('login-result');
  if (!text.trim()) return status(target, 'error', '请先扫码或粘贴出示码。');
  status(target, 'pending', '正在核验…');
  const attempt = await login(approval, text.trim(), challenge);
  const entry = archive(attempt.evidence);
  status(target, attempt.result.ok ? 'ok' : 'error', explain(attempt.result));
  target.dataset.code = attempt.result.code ?? 'OK';
  if (attempt.result.ok) {
    session = { attempt, entryId: entry.id };
    sealOk = false;
    byId<HTMLButtonElement>('submit').disabled = true;
    fillForm(attempt); // the challenge stays until replaced: the jti check already makes each token single-use
  }
  renderArchive();
}

async function readSealText(): Promise<string> {
  const file = byId<HTMLInputElement>('seal-file').files?.[0];
  return file ? await file.text() : '';
}

async function onCheckSeal(): Promise<void> {
  const target = byId('seal-result');
  const doc = byId<HTMLInputElement>('doc-file').files?.[0];
  const sealText = await readSealText();
  if (!session) return status(target, 'error', '请先完成扫码登录：印章要与登录的营业执照核对。');
  if (!doc || !sealText) return status(target, 'error', '请选择申请书和它的电子印章签名文件（.yzseal）。');
  status(target, 'pending', '正在核验电子印章…');
  const r = await checkSealedApplication(approval, session.attempt, doc, sealText);
  sealOk = r.ok;
  status(target, r.ok ? 'ok' : 'error', explainSeal(r));
  target.dataset.code = r.code ?? 'OK';
  byId<HTMLButtonElement>('submit').disabled = !r.ok;
  attachSeal(session.entryId, { fileName: doc.name, sealText, ok: r.ok, code: r.code, signer: r.seal.signer?.name ?? r.seal.uscc });
  renderArchive();
}

function onSubmit(): void {
  const target = byId('submit-result');
  const form = byId<HTMLFormElement>('application');
  if (!session || !sealOk) return status(target, 'error', '请先登录并核验电子印章。');
  if (!form.reportValidity()) return status(target, 'error', '请补全申请表。');
  status(target, 'ok', `申请已提交（演示）：${byId<HTMLInputElement>('f-name').value}。材料为电子营业执照核验记录与电子印章申请书，未要求任何纸质件。`);
}

const time = (unix: number) => new Date(unix * 1000).toLocaleString('zh-CN', { hour12: false });

function renderArchive(): void {
  const list = byId('archive-list');
  list.replaceChildren(...loadArchive().map(archiveItem));
}

function archiveItem(entry: ArchiveEntry): HTMLLIElement {
  const e = entry.evidence;
  const outcome = e.result.ok ? '通过' : `拒绝（${e.result.code}）`;
  const seal = entry.seal ? ` · 印章 ${entry.seal.fileName}：${entry.seal.ok ? '通过' : `拒绝（${entry.seal.code}）`}` : '';
  const summary = el('span', { className: e.result.ok ? 'outcome-ok' : 'outcome-refused', textContent: `${time(e.verifiedAt)} · ${outcome} · ${e.result.uscc ?? '主体未知'} · 信任列表序号 ${e.trustListSeq ?? '—'}${seal}` });
  const result = el('span', { className: 'reverify-result' });
  const button = el('button', { type: 'button', className: 'reverify', textContent: '重新核验' });
  button.addEventListener('click', async () => {
    const { result: r, matches } = await reverify(e);
    result.dataset.matches = String(matches);
    result.dataset.code = r.code ?? 'OK';
    // Replay can only be judged at the time: re-verification skips it, so a REPLAYED refusal comes back valid.
    const note = !matches && e.result.code === 'REPLAYED' ? '；存档时因重复使用被拒，重放只能在当时判断' : '';
    result.textContent = ` ${matches ? '与存档一致' : '与存档不一致'}：${r.ok ? '通过' : `拒绝（${r.code}）`}（按 ${time(e.verifiedAt)} 与信任列表序号 ${e.trustListSeq ?? '—'} 核验，不检查重放${note}）`;
  });
  const download = el('a', { className: 'download', href: '#', textContent: '下载存档 JSON', download: `evidence-${entry.id}.json` });
  download.addEventListener('click', () => {
    (download as HTMLAnchorElement).href = URL.createObjectURL(new Blob([JSON.stringify(entry, null, 2)], { type: 'application/json' }));
  });
  return el('li', { dataset: { id: entry.id, ok: String(e.result.ok) } }, summary, ' ', button, ' ', download, result);
}

async function onScan(): Promise<void> {
  const target = byId('login-result');
  const video = byId<HTMLVideoElement>('camera');
  try {
    video.hidden = false;
    byId('stop-scan').hidden = false;
    status(target, 'pending', '请将出示码对准摄像头…');
    scanning = await startScanning(video, (text) => {
      byId<HTMLTextAreaElement>('presentation').value = text;
      void onLogin(text);
    });
    await scanning.done;
  } catch (err) {
    status(target, 'error', `无法打开摄像头：${err instanceof Error ? err.message : String(err)}。可以粘贴出示码文本登录。`);
  } finally {
    scanning = null;
    video.hidden = true;
    byId('stop-scan').hidden = true;
  }
}

byId('new-challenge').addEventListener('click', showChallenge);
byId('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void onLogin(byId<HTMLTextAreaElement>('presentation').value);
});
byId('scan').addEventListener('click', () => void onScan());
byId('stop-scan').addEventListener('click', () => scanning?.stop());
byId('check-seal').addEventListener('click', () => void onCheckSeal());
byId('submit').addEventListener('click', onSubmit);
byId('clear-archive').addEventListener('click', () => {
  clearArchive();
  renderArchive();
});

showChallenge();
fillForm(null);
renderArchive();
document.body.dataset.ready = 'true';
