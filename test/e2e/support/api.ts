/**
 * The documented HTTP API, signed in as a demo user, for a journey's set-up (cases to act on) and for
 * the values a journey checks the console against (e.g. a due date the server computes from the
 * calendar). What a journey asserts it still reads on the page.
 */
export interface ApiSession {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
}

export async function apiLogin(baseUrl: string, username: string, password: string): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`登录 ${username} 失败：${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async <T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { ...extra, cookie, ...(method === 'GET' ? {} : { 'content-type': 'application/json', 'x-csrf-token': csrfToken }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}：${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { get: (path) => call('GET', path), post: (path, body, headers) => call('POST', path, body, headers) };
}

/** The due date the server's legal clock gives `rule` started on `from` (GET /deadlines/preview). */
export async function previewDue(api: ApiSession, rule: string, from: string): Promise<string> {
  const r = await api.get<{ dueDate: string | null }>(`/deadlines/preview?rule=${encodeURIComponent(rule)}&from=${from}`);
  if (!r.dueDate) throw new Error(`规则 ${rule} 自 ${from} 起算无届满日`);
  return r.dueDate;
}

/** Today in Asia/Shanghai, the day the server's clock calls today. */
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export async function unitId(api: ApiSession, name: string): Promise<number> {
  const { items } = await api.get<{ items: { id: number; name: string }[] }>('/units');
  const unit = items.find((u) => u.name === name);
  if (!unit) throw new Error(`演示县中没有单位 ${name}`);
  return unit.id;
}

export async function categoryId(api: ApiSession, parent: string, child: string): Promise<number> {
  const { items } = await api.get<{ items: { name: string; children: { id: number; name: string }[] }[] }>('/petition-categories');
  const id = items.find((c) => c.name === parent)?.children.find((c) => c.name === child)?.id;
  if (!id) throw new Error(`没有问题分类 ${parent} / ${child}`);
  return id;
}

/** Registers a letter (来信) petition as 信访局 would; returns its id and case number. */
export async function registerLetter(
  api: ApiSession,
  opts: { title: string; content: string; categoryId: number; placeUnitId: number; petitioner: { name: string; idNumber?: string; phone?: string } },
): Promise<{ id: number; caseNo: string }> {
  return await api.post<{ id: number; caseNo: string }>('/petitions', {
    channel: 'letter',
    matterType: 'appeal',
    petitioners: [opts.petitioner],
    categoryId: opts.categoryId,
    placeUnitId: opts.placeUnitId,
    title: opts.title,
    content: opts.content,
  });
}
