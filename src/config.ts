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
}

/**
 * Reads the configuration from environment variables.
 * @throws Error when PORT is not an integer between 0 and 65535.
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
  };
}
