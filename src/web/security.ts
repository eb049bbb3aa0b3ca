/**
 * Response headers that harden the pages: a strict Content-Security-Policy (the pages use no script,
 * no inline style, no third-party resource), no MIME sniffing, no framing, a modest referrer policy.
 * The API documentation (`/api/docs`, Swagger UI) has its own script and is left out of the CSP.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The CSP of the server-rendered pages. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Sets the security headers on `reply` for `request` (by its content type, so call it once the type is
 * set). Used by the `onSend` hook and by the answers Fastify gives before routing (`frameworkErrors`).
 */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  const type = String(reply.getHeader('content-type') ?? '');
  if (type.startsWith('text/html') && !request.url.startsWith('/api/docs')) {
    reply.header('content-security-policy', PAGE_CSP);
    reply.header('x-frame-options', 'DENY');
  }
}

/** Adds the security headers to every response of `app`. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(request, reply);
    return payload;
  });
}
