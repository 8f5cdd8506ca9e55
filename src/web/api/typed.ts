import type { paths } from './schema.gen.ts';
import { request, type RequestOptions } from './client.ts';

/**
 * A thin typed layer over the generated OpenAPI types: the path, its parameters, query, body and
 * answer are checked against the server's routes (src/web/api/schema.gen.ts, `npm run gen:api`).
 */

/** The /api/v1 routes, keyed without the prefix ('/petitions/{id}'). */
export type ApiPaths = { [K in keyof paths as K extends `/api/v1${infer P}` ? P : never]: paths[K] };
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type PathsWith<M extends Method> = { [P in keyof ApiPaths]: ApiPaths[P][M] extends { responses: unknown } ? P : never }[keyof ApiPaths];
type Op<P extends keyof ApiPaths, M extends Method> = NonNullable<ApiPaths[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON answer of a route's success (200 or 201). */
export type ApiOk<P extends keyof ApiPaths, M extends Method = 'get'> =
  Op<P, M> extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer A } ? Json<A> : never) : never;
/** A route's query parameters. */
export type ApiQuery<P extends keyof ApiPaths, M extends Method = 'get'> = Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** A route's JSON body. */
export type ApiBody<P extends keyof ApiPaths, M extends Method> = BodyOf<NonNullable<Op<P, M>['requestBody']>>;
type BodyOf<R> = [R] extends [never] ? never : R extends { content: { 'application/json': infer B } } ? B : never;
type PathParams<P extends keyof ApiPaths, M extends Method> = Op<P, M> extends { parameters: { path: infer X } } ? X : never;

/** What a call takes besides its path: `params` exactly when the path has {placeholders}, `body` when the route reads one. */
export type CallOptions<P extends keyof ApiPaths, M extends Method> = ([PathParams<P, M>] extends [never] ? { params?: never } : { params: PathParams<P, M> }) &
  ([ApiQuery<P, M>] extends [never] ? { query?: never } : { query?: ApiQuery<P, M> }) &
  ([ApiBody<P, M>] extends [never] ? { body?: never } : { body: ApiBody<P, M> }) &
  Pick<RequestOptions, 'quiet401'>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "every option optional" is exactly {} extends the options
type Args<P extends keyof ApiPaths, M extends Method> = {} extends CallOptions<P, M> ? [options?: CallOptions<P, M>] : [options: CallOptions<P, M>];

/** '/petitions/{id}/actions/{action}' + {id: 3, action: 'accept'} → '/petitions/3/actions/accept'. */
export function fillPath(template: string, params: Record<string, string | number> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`缺少路径参数 ${name}（${template}）`);
    return encodeURIComponent(String(value));
  });
}

function call<M extends Method>(method: M) {
  return <P extends PathsWith<M>>(path: P, ...[options]: Args<P, M>): Promise<ApiOk<P, M>> => {
    const o = (options ?? {}) as { params?: Record<string, string | number>; query?: Record<string, never>; body?: unknown; quiet401?: boolean };
    const body = o.body === undefined && method !== 'get' && method !== 'delete' ? {} : o.body;
    return request<ApiOk<P, M>>(method.toUpperCase(), fillPath(path, o.params), { query: o.query, body, quiet401: o.quiet401 });
  };
}

/** Typed calls of the console's API: `apiClient.get('/petitions/{id}', { params: { id } })`. */
export const apiClient = {
  get: call('get'),
  post: call('post'),
  put: call('put'),
  patch: call('patch'),
  delete: call('delete'),
};
