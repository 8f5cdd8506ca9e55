import type { Query } from './client.ts';

/** A same-origin download link under /api/v1 (the session cookie goes along; GET needs no CSRF token). */
export function downloadUrl(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}
