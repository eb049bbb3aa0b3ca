/**
 * Support of the alert tests: a real SMTP peer (`smtp-server`) on loopback, port 0, that keeps every
 * message it accepts; and a small reader of the MIME messages nodemailer writes (headers, RFC 2047
 * subjects, quoted-printable or base64 text and HTML parts).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the peer received it. */
export interface ReceivedMail {
  /** RCPT TO addresses. */
  to: string[];
  raw: string;
  /** Header fields, names lower-cased, unfolded. */
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

/** A running SMTP peer. */
export interface SmtpPeer {
  port: number;
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Refuse every message with 550 until set back to false. */
  refuse: boolean;
  /** Resolves once at least `n` messages arrived (rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts the peer on 127.0.0.1, port 0 (no TLS, no authentication). */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const peer: Partial<SmtpPeer> & { refuse: boolean } = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (peer.refuse) {
          const err = Object.assign(new Error('Mailbox unavailable (test refusal)'), { responseCode: 550 });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ ...parseMail(raw), to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(peer, {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(n: number, ms = 5000) {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} messages, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as SmtpPeer;
}

/** Reads a raw message: headers, decoded subject, decoded text/plain and text/html parts. */
export function parseMail(raw: string): Omit<ReceivedMail, 'to'> {
  const { headers, body } = splitEntity(raw);
  const parts: { type: string; content: string }[] = [];
  collectParts(headers, body, parts);
  return {
    raw,
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: parts.find((p) => p.type.startsWith('text/plain'))?.content ?? '',
    html: parts.find((p) => p.type.startsWith('text/html'))?.content ?? '',
  };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function collectParts(headers: Map<string, string>, body: string, out: { type: string; content: string }[]) {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/') && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitEntity(chunk.replace(/^\r?\n/, ''));
      collectParts(part.headers, part.body, out);
    }
    return;
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQp(body)
        : Buffer.from(body, 'utf8');
  out.push({ type, content: bytes.toString('utf8').replace(/\r\n/g, '\n').trimEnd() });
}

function decodeQp(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQp(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

/** The first absolute URL in `text` whose path starts with `path` (query included). */
export function linkIn(text: string, path: string): string {
  const m = new RegExp(`https?://[^\\s"<>]*${path.replace(/[/.?]/g, '\\$&')}[^\\s"<>]*`).exec(text);
  if (!m) throw new Error(`no link to ${path} in:\n${text}`);
  return m[0];
}

/** The path and query of an absolute URL, for `app.inject`. */
export function localPath(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}
