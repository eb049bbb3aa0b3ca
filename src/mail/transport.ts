/**
 * Outgoing e-mail: `nodemailer` over SMTP when the environment names a server, otherwise an outbox
 * folder of `.eml` files (one per message, named by its Message-ID) that an operator can inspect or
 * hand to any mail system. Knows nothing of alerts or of the database.
 *
 * Environment: `SMTP_URL` (e.g. `smtp://user:pass@mail.example.vn:587`, `smtps://…:465`) or
 * `SMTP_HOST` with `SMTP_PORT` (default 587, or 465 when secure), `SMTP_USER`, `SMTP_PASS`,
 * `SMTP_SECURE` (`true`/`1`: TLS from the first byte); `MAIL_FROM` (default
 * `Minh bạch <no-reply@minhbach.local>`); `MINHBACH_OUTBOX_DIR` (default `<data dir>/outbox`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** One e-mail to send, already composed. */
export interface OutgoingMail {
  /** Recipient address. */
  to: string;
  subject: string;
  /** Plain-text part (UTF-8). */
  text: string;
  /** HTML part (UTF-8). */
  html: string;
  /** RFC 5322 Message-ID with angle brackets, e.g. `<alert-12.abc@minhbach>`; fixed by the caller. */
  messageId: string;
  /** Extra header fields, e.g. `List-Unsubscribe` (RFC 2369) and `List-Unsubscribe-Post` (RFC 8058). */
  headers?: Record<string, string>;
}

/** Where mail goes. */
export interface MailTransport {
  /** `smtp` (a server from the environment) or `outbox` (files in `outboxDir`). */
  kind: 'smtp' | 'outbox';
  /** Sender address (`From`). */
  from: string;
  /** The outbox folder (outbox mode only). */
  outboxDir: string | null;
  /**
   * True when handing the same message (same Message-ID) over twice delivers it once: the outbox keeps
   * one file per Message-ID. SMTP is not idempotent: a server that accepted a message delivers it again.
   */
  idempotent: boolean;
  /**
   * Hands `mail` over. Resolves once the SMTP server accepted it (250 after DATA) or the `.eml` file is
   * completely written (write to a temporary name, then rename).
   * @throws Error when the server refuses or cannot be reached, or the file cannot be written; nothing
   *   was delivered then, except for a failure after the server's final reply (rare; see docs/alerts.md).
   */
  send(mail: OutgoingMail): Promise<void>;
  /** True when a message with this Message-ID is already in the outbox (always false for SMTP). */
  alreadyDelivered(messageId: string): Promise<boolean>;
  /** Closes connections. */
  close(): void;
}

/** Default sender when `MAIL_FROM` is not set. */
export const DEFAULT_FROM = 'Minh bạch <no-reply@minhbach.local>';

const TRUE = /^(1|true|yes|on)$/i;

/**
 * True when the environment configures an SMTP server (`SMTP_URL` or `SMTP_HOST`).
 */
export function smtpConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.SMTP_URL || env.SMTP_HOST);
}

/**
 * Builds the transport from the environment (see the module comment). `dataDir` is the data
 * directory of the installation; the outbox defaults to `<dataDir>/outbox`.
 * @throws Error when `SMTP_PORT` is not a port number or `SMTP_URL` is not a URL.
 */
export function createMailTransport(env: NodeJS.ProcessEnv, dataDir: string): MailTransport {
  const from = env.MAIL_FROM || DEFAULT_FROM;
  if (smtpConfigured(env)) return smtpTransport(env, from);
  return outboxTransport(path.resolve(env.MINHBACH_OUTBOX_DIR || path.join(dataDir, 'outbox')), from);
}

function smtpTransport(env: NodeJS.ProcessEnv, from: string): MailTransport {
  let options: Parameters<typeof nodemailer.createTransport>[0];
  if (env.SMTP_URL) {
    try {
      new URL(env.SMTP_URL);
    } catch {
      throw new Error('SMTP_URL is not a URL (expected e.g. smtp://user:pass@host:587)');
    }
    options = env.SMTP_URL;
  } else {
    const secure = TRUE.test(env.SMTP_SECURE ?? '');
    const port = env.SMTP_PORT ? Number(env.SMTP_PORT) : secure ? 465 : 587;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`SMTP_PORT must be a port number from 1 to 65535, got "${env.SMTP_PORT}"`);
    }
    options = {
      host: env.SMTP_HOST,
      port,
      secure,
      ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } } : {}),
    };
  }
  const transporter = nodemailer.createTransport(options);
  return {
    kind: 'smtp',
    from,
    outboxDir: null,
    idempotent: false,
    async send(mail) {
      await transporter.sendMail({ from, ...mail });
    },
    alreadyDelivered: async () => false,
    close: () => transporter.close(),
  };
}

/** The outbox file of a Message-ID: its characters outside `[A-Za-z0-9._@-]` replaced by `_`. */
export function outboxFileName(messageId: string): string {
  return `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]/g, '_')}.eml`;
}

function outboxTransport(dir: string, from: string): MailTransport {
  // Builds the raw message exactly as SMTP would carry it (CRLF line ends).
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const fileOf = (messageId: string) => path.join(dir, outboxFileName(messageId));
  return {
    kind: 'outbox',
    from,
    outboxDir: dir,
    idempotent: true,
    async send(mail) {
      const info = await composer.sendMail({ from, ...mail });
      await fs.mkdir(dir, { recursive: true });
      const file = fileOf(mail.messageId);
      const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      await fs.writeFile(tmp, info.message as Buffer);
      await fs.rename(tmp, file);
    },
    async alreadyDelivered(messageId) {
      return fs.access(fileOf(messageId)).then(
        () => true,
        () => false,
      );
    },
    close: () => composer.close(),
  };
}
