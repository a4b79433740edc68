/** Calls to the read API with the session cookie; a lost session goes back to the login page. */
let csrf = '';

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (res.status === 401) {
    location.href = '/login';
    throw new Error('not logged in');
  }
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function session(): Promise<{ user: string; csrf: string }> {
  const s = await getJson<{ user: string; csrf: string }>('/api/v1/session');
  csrf = s.csrf;
  return s;
}

export async function logout(): Promise<void> {
  await fetch('/api/v1/session', { method: 'DELETE', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf } });
  location.href = '/login';
}

export interface Count {
  key: string;
  n: number;
}

export interface Stats {
  total: number;
  byDepartment: Count[];
  byMatter: Count[];
  byRule: Count[];
  byType: Count[];
  byDevice: Count[];
  byDay: Count[];
  byWeek: Count[];
  labels: { departments: Record<string, string>; matters: Record<string, string> };
}

export interface StoredRecord {
  leafIndex: number;
  receivedAt: number;
  flags: { kind: string; detail: string }[];
  record: {
    id: string;
    device: string;
    seq: number;
    at: number;
    type: string;
    matter: { id: string; name: string } | null;
    department: string | null;
    page: { url: string; title: string } | null;
    findings: { rule: string; severity: string; match: string; selector: string }[];
    reason: string | null;
    applicant: { uscc: string } | { usccHash: string } | null;
    ignored: { rule: string; site: string } | null;
    prev: string | null;
    hash: string;
  };
}

export interface TreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: number;
  signature: string;
  keyId: string;
}
