import type { Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { isLoopback, type GatewayConfig } from '@wa/core';
import type { FastifyInstance } from 'fastify';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** `host:port`, `[v6]:port` or a bare name -> the lower-case host name without brackets or port. */
export function hostnameOf(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']') > 0 ? value.indexOf(']') : undefined);
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

/** Host names this gateway answers to: loopback, the bind address, this machine's addresses, and the operator's list. */
export function allowedHostnames(config: Readonly<GatewayConfig>): Set<string> {
  const names = new Set<string>([...LOOPBACK_NAMES, ...config.security.allowedHosts.map(hostnameOf)]);
  const bind = hostnameOf(config.host);
  if (bind === '0.0.0.0' || bind === '::') {
    for (const addresses of Object.values(networkInterfaces())) for (const address of addresses ?? []) names.add(address.address.toLowerCase());
  } else {
    names.add(bind);
  }
  return names;
}

function forbidden(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

/**
 * DNS-rebinding defence for every route (REST, MCP, /qr): the Host header must name this gateway,
 * and a browser Origin, when sent, must be a loopback origin or one the operator allowed. Ports are
 * not compared: the same gateway is reached through proxies and port mappings.
 */
export function checkHostAndOrigin(app: FastifyInstance, config: Readonly<GatewayConfig>): void {
  // Node would answer an HTTP/1.1 request without Host itself, with a bare 400; let the check
  // below refuse it in the error shape instead.
  (app.server as Server & { requireHostHeader?: boolean }).requireHostHeader = false;
  const hosts = allowedHostnames(config);
  const origins = new Set(config.security.allowedOrigins.map((origin) => origin.toLowerCase().replace(/\/$/, '')));
  // Callback-style: an async hook costs a promise and a turn of the microtask queue per request.
  app.addHook('onRequest', (request, reply, done) => {
    const host = request.headers.host;
    if (!host || !hosts.has(hostnameOf(host))) {
      reply.code(403).send(forbidden('forbidden_host', 'This Host is not allowed; add it to WHATSAPP_ALLOWED_HOSTS if the gateway should answer to it.'));
      return;
    }
    const origin = request.headers.origin;
    if (origin === undefined) {
      done();
      return;
    }
    let originHost: string;
    try {
      originHost = new URL(origin).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    } catch {
      reply.code(403).send(forbidden('forbidden_origin', 'The Origin header is not a valid origin.'));
      return;
    }
    if (!isLoopback(originHost) && !origins.has(origin.toLowerCase())) {
      reply.code(403).send(forbidden('forbidden_origin', 'Requests from this web origin are not allowed; add it to WHATSAPP_ALLOWED_ORIGINS to allow it.'));
      return;
    }
    done();
  });
}
