import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request, setCsrfToken, setUnauthorizedHandler } from './client.ts';
import { apiClient } from './typed.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function stubFetch(status: number, body: unknown): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

const headersOf = (c: Call) => c.init.headers as Record<string, string>;

describe('console API client', () => {
  beforeEach(() => setCsrfToken('tok-123'));
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
    setUnauthorizedHandler(null);
  });

  it('sends the CSRF token on changes only, with the session cookie, under /api/v1', async () => {
    const calls = stubFetch(200, { ok: true });
    await request('GET', '/units', { query: { includeDisabled: true, q: undefined } });
    await apiClient.post('/units', { body: { parentId: 1, code: 'QS', name: '青石村', kind: 'village' } });
    expect(calls[0]!.url).toBe('/api/v1/units?includeDisabled=true');
    expect(headersOf(calls[0]!)['x-csrf-token']).toBeUndefined();
    expect(headersOf(calls[1]!)['x-csrf-token']).toBe('tok-123');
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
    expect(calls[1]!.init.body).toBe(JSON.stringify({ parentId: 1, code: 'QS', name: '青石村', kind: 'village' }));
  });

  it('turns the error body into an ApiError with the zh-CN message and the blamed field', async () => {
    stubFetch(409, { error: 'UNIT_CODE_TAKEN', message: '单位编码“LC”已被使用', statusCode: 409, data: { field: 'code' } });
    const err = await request('POST', '/units', { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'UNIT_CODE_TAKEN', status: 409, message: '单位编码“LC”已被使用', field: 'code' });
  });

  it('calls the 401 handler for an expired session, but not for the login form or the session probe', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    stubFetch(401, { error: 'UNAUTHENTICATED', message: '请先登录', statusCode: 401 });
    await expect(apiClient.get('/my/todo')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(apiClient.post('/auth/login', { body: { username: 'a', password: 'b' }, quiet401: true })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('gives a readable message when the answer is not the error shape (proxy page, network down)', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad Gateway</html>', { status: 502 }));
    await expect(apiClient.get('/units')).rejects.toMatchObject({ status: 502, message: '服务器返回错误（502）' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(apiClient.get('/units')).rejects.toMatchObject({ code: 'NETWORK', message: expect.stringContaining('无法连接服务器') });
  });
});
