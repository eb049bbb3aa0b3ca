/**
 * Settings of the alerts, read from the environment (beside the SMTP settings of `src/mail`):
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `MINHBACH_PUBLIC_URL` | `http://127.0.0.1:3000` | address of the portal as seen by recipients; every link in an e-mail starts with it |
 * | `MINHBACH_SECRET` | generated once, kept in `app_meta` | key of the signed links (HMAC-SHA256); at least 32 characters |
 * | `MINHBACH_ALERTS_DIGEST_HOUR` | `7` | hour (0–23, Vietnam time) from which the daily digests are sent |
 * | `MINHBACH_ALERTS_INTERVAL` | `300` | seconds between two runs of the job inside `serve` |
 * | `MINHBACH_ALERTS` | `on` | `off` stops the job inside `serve` (`minhbach alerts send` still works) |
 */

/** The alert settings. */
export interface AlertsConfig {
  /** Base URL of links in e-mails, without trailing slash. */
  publicUrl: string;
  /** Secret from the environment, or null to use the generated one stored in `app_meta`. */
  secret: string | null;
  /** Hour of the day, Vietnam time (0–23), from which daily digests go out. */
  digestHour: number;
  /** Seconds between runs of the job inside `serve`. */
  intervalSeconds: number;
  /** Whether `serve` runs the job on a timer. */
  timerEnabled: boolean;
}

/**
 * Reads the alert settings from `env`.
 * @throws Error naming the variable when a value is out of range (e.g. `MINHBACH_ALERTS_DIGEST_HOUR=25`,
 *   a `MINHBACH_SECRET` shorter than 32 characters, a `MINHBACH_PUBLIC_URL` that is not http(s)).
 */
export function loadAlertsConfig(env: NodeJS.ProcessEnv = process.env): AlertsConfig {
  const publicUrl = (env.MINHBACH_PUBLIC_URL || `http://127.0.0.1:${env.PORT || '3000'}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicUrl)) {
    throw new Error(`MINHBACH_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  }
  const secret = env.MINHBACH_SECRET || null;
  if (secret !== null && secret.length < 32) {
    throw new Error('MINHBACH_SECRET must be at least 32 characters long');
  }
  const digestHour = integer(env, 'MINHBACH_ALERTS_DIGEST_HOUR', 7, 0, 23);
  const intervalSeconds = integer(env, 'MINHBACH_ALERTS_INTERVAL', 300, 5, 86_400);
  const timerEnabled = !/^(0|off|false|no)$/i.test(env.MINHBACH_ALERTS ?? '');
  return { publicUrl, secret, digestHour, intervalSeconds, timerEnabled };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}
