/** Supervisor login: JSON to /api/v1/session; the server sets an HttpOnly, SameSite=Strict cookie. */
import { $ } from './dom.js';

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  const name = ($('name') as HTMLInputElement).value;
  const password = ($('password') as HTMLInputElement).value;
  void (async () => {
    const res = await fetch('/api/v1/session', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) });
    if (res.ok) {
      location.href = '/';
      return;
    }
    const body = (await res.json().catch(() => null)) as { error?: { message?: { 'zh-CN'?: string } } } | null;
    $('error').textContent = body?.error?.message?.['zh-CN'] ?? `登录失败（HTTP ${res.status}）`;
  })();
});
