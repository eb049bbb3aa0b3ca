import path from 'node:path';

/** Runtime configuration of minhbach, read from the environment. */
export interface Config {
  /** TCP port of the HTTP server (env PORT, default 3000). */
  port: number;
  /** Interface the server binds (env HOST, default 127.0.0.1). */
  host: string;
  /** PostgreSQL server URL (env DATABASE_URL); when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Directory of the embedded database and caches (env MINHBACH_DATA_DIR, default ./data). */
  dataDir: string;
  /** pino log level (env LOG_LEVEL, default info). */
  logLevel: string;
  /**
   * Which proxies to believe about the client's address (env MINHBACH_TRUST_PROXY), passed to
   * Fastify's `trustProxy`: `false` (default) — the client is the TCP peer and `X-Forwarded-For` is
   * ignored; `true` — trust every hop; a number N — trust N hops; a comma-separated list of proxy
   * addresses or CIDR ranges (`10.0.0.5,10.1.0.0/16`, or `loopback`, `linklocal`, `uniquelocal`).
   * Turn it on only behind a reverse proxy that sets `X-Forwarded-For`: the sign-in rate limit and
   * lock-out key on `request.ip`, which is otherwise the proxy's address for every citizen.
   */
  trustProxy: TrustProxy;
}

/** Fastify's `trustProxy` setting, see {@link Config.trustProxy}. */
export type TrustProxy = boolean | number | string[];

const PROXY_ITEM = /^(loopback|linklocal|uniquelocal|[0-9a-f:.]+(\/\d{1,3})?)$/i;

/**
 * MINHBACH_TRUST_PROXY as Fastify's `trustProxy`: empty/`false`/`off` → false; `true`/`on` → true;
 * digits → hop count; else a comma-separated list of addresses/CIDRs.
 * @throws Error naming the variable for anything else.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'off') return false;
  if (v === 'true' || v === 'on') return true;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const list = v.split(',').map((x) => x.trim());
  if (list.every((x) => PROXY_ITEM.test(x))) return list;
  throw new Error(
    `MINHBACH_TRUST_PROXY must be false, true, a hop count or a comma-separated list of proxy addresses/CIDRs, got "${raw}"`,
  );
}

/**
 * Reads the configuration from environment variables.
 * @throws Error when PORT is not an integer between 0 and 65535, or MINHBACH_TRUST_PROXY is malformed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port =
    env.PORT === undefined || env.PORT === '' ? 3000 : /^\d{1,5}$/.test(env.PORT) ? Number(env.PORT) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.MINHBACH_DATA_DIR || 'data'),
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: parseTrustProxy(env.MINHBACH_TRUST_PROXY),
  };
}
