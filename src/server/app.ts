import Fastify, { type FastifyInstance, type FastifyBaseLogger, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from './core/db/database.ts';
import type { AppConfig } from './core/config.ts';
import { frameworkErrors, installErrorHandler } from './core/http/error-handler.ts';
import { validatorCompiler } from './core/http/input.ts';
import { installZodMessages } from './core/http/zod-messages.ts';
import { addNoStoreToApi, addSecurityHeaders } from './core/http/security-headers.ts';
import { redactingLoggerOptions } from './core/http/log-redaction.ts';
import { schemaVersion } from './core/db/migrate.ts';
import { API_MODULES, MODULES } from './modules/registry.ts';
import { createCatalog, type ModuleCatalog, type ModuleDescriptor } from './kernel/catalog/index.ts';
import { registerOpen311 } from './modules/petitions/open311/routes.ts';
import { registerWebConsole } from './core/http/web-console.ts';
import type { Clock } from './core/clock/clock.ts';
import { systemClock } from './core/clock/clock.ts';
import { loadPersonalDataKeys, type PersonalDataKeys } from './core/personal-data/index.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** Everything a route needs, passed explicitly (no container, no globals). */
export interface AppDeps {
  database: Database;
  config: AppConfig;
  clock: Clock;
  /** keys protecting personal data (encryption, blind index) */
  keys: PersonalDataKeys;
  /** the registered case modules (modules/registry.ts), read by the kernel and the shared features */
  modules: ModuleCatalog;
}

export interface BuildAppOptions extends Partial<Omit<AppDeps, 'database' | 'config' | 'modules'>> {
  /** the case modules to register (default: modules/registry.ts; a test may add its own) */
  modules?: readonly ModuleDescriptor[];
  database: Database;
  config: AppConfig;
  /** pino logger options; false silences (tests) */
  logger?: boolean | object;
  /** serve the built console from dist/web (off in API tests) */
  serveWeb?: boolean;
}

/**
 * Fastify's trustProxy from the config. Addresses: proxy-addr walks X-Forwarded-For from the right and stops at the
 * first address that is not a trusted proxy, so a client's own X-Forwarded-For entries (on the left) are never taken.
 * Hops: the socket's peer and the next n-1 entries from the right are proxies (Fastify itself treats a bare number
 * as "trust nothing", so the count is given as the function proxy-addr calls per hop).
 */
export function trustProxyOption(trust: AppConfig['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false || (Array.isArray(trust) && trust.length === 0) || trust === 0) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

/** Builds the HTTP app without listening: tests drive it with inject(), main.ts listens. */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const deps: AppDeps = {
    database: options.database,
    config: options.config,
    clock: options.clock ?? systemClock,
    keys: options.keys ?? loadPersonalDataKeys({ secret: options.config.secretKey, dataDir: options.config.dataDir }),
    modules: createCatalog(options.modules ?? MODULES),
  };
  const app = Fastify({
    // credentials in URLs (Open311's api_key) are redacted from every log line
    logger:
      options.logger === false
        ? false
        : redactingLoggerOptions(typeof options.logger === 'object' ? (options.logger as Record<string, unknown>) : { level: options.config.logLevel }),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: trustProxyOption(options.config.trustProxy),
    genReqId: () => Math.random().toString(36).slice(2, 10),
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  installZodMessages();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.decorateRequest('auth', null);

  addSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects runtime styles
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: options.config.secureCookies,
  });
  addNoStoreToApi(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '安稳 Anwen API', version: '1', description: '县域信访、矛盾纠纷、安全生产、稳评与督查督办平台的 HTTP API。控制台使用同一套 API。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'anwen_session' } } },
    },
    transform: jsonSchemaTransform,
  });

  // Liveness + readiness in one: 200 with the database kind and schema version, 503 if the database does not answer.
  app.get('/healthz', { schema: { hide: true } }, async (request, reply) => {
    try {
      return {
        status: 'ok',
        database: deps.database.kind,
        schemaVersion: await schemaVersion(deps.database.db),
        time: deps.clock.now().toISOString(),
      };
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unavailable');
      return reply.status(503).send({ status: 'unavailable', database: deps.database.kind, message: '数据库无响应' });
    }
  });

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>() as App;
      typed.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      for (const registerModule of API_MODULES) await registerModule(typed, deps);
    },
    { prefix: '/api/v1' },
  );

  await registerOpen311(app as App, deps);
  if (options.serveWeb) await registerWebConsole(app);
  return app;
}
