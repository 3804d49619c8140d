import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { loadConfig } from './load-config.js';

const cwd = '/srv/gateway';
const load = (env: Record<string, string>, platform: NodeJS.Platform = 'linux') => loadConfig(env, { cwd, platform });

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const config = load({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8790,
      authDir: '/srv/gateway/.wwebjs_auth',
      driver: 'wwebjs',
      web: { version: '2.3000.1017054665', cacheDir: '/srv/gateway/.wwebjs_auth/web-version-cache' },
      resumeOnBoot: true,
      logLevel: 'info',
      security: { apiToken: null, allowedHosts: [], allowedOrigins: [] },
    });
  });

  it('reads the media limits, with safe defaults', () => {
    expect(load({}).media).toEqual({ maxBytes: 64 * 1024 ** 2, fetchTimeoutMs: 30_000, allowPrivateUrls: false, mcpInlineMaxBytes: 1024 ** 2 });
    expect(load({ WHATSAPP_MEDIA_MAX_BYTES: '1048576', WHATSAPP_MEDIA_ALLOW_PRIVATE_URLS: 'yes', WHATSAPP_MCP_INLINE_MEDIA_MAX_BYTES: '0' }).media).toMatchObject({
      maxBytes: 1024 ** 2,
      allowPrivateUrls: true,
      mcpInlineMaxBytes: 0,
    });
    expect(problemsOf({ WHATSAPP_MEDIA_MAX_BYTES: '10', WHATSAPP_MEDIA_FETCH_TIMEOUT_MS: 'soon' })).toEqual([
      expect.stringContaining('WHATSAPP_MEDIA_MAX_BYTES must be between 1024'),
      expect.stringContaining('WHATSAPP_MEDIA_FETCH_TIMEOUT_MS must be a whole number'),
    ]);
  });

  it('resolves relative paths against the working directory and keeps absolute ones', () => {
    expect(load({ WHATSAPP_AUTH_DIR: 'data/auth' }).authDir).toBe('/srv/gateway/data/auth');
    expect(load({ WHATSAPP_AUTH_DIR: '/var/lib/wa', WHATSAPP_WEB_CACHE_DIR: 'cache' }).web).toMatchObject({ cacheDir: '/srv/gateway/cache' });
  });

  it('reports every bad variable, one line each', () => {
    const problems = problemsOf({
      WHATSAPP_MCP_PORT: 'eighty',
      WHATSAPP_DRIVER: 'baileys',
      WHATSAPP_HEADLESS: 'maybe',
      WHATSAPP_LOG_LEVEL: 'loud',
      WHATSAPP_CALL_TIMEOUT_MS: '-5',
    });
    expect(problems).toEqual([
      'WHATSAPP_MCP_PORT must be a whole number between 0 and 65535, got "eighty"',
      'WHATSAPP_DRIVER must be one of wwebjs, sandbox, got "baileys"',
      'WHATSAPP_HEADLESS must be true or false, got "maybe"',
      'WHATSAPP_CALL_TIMEOUT_MS must be a whole number between 100 and 600000, got "-5"',
      'WHATSAPP_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ]);
  });

  it('rejects a port out of range', () => {
    expect(problemsOf({ WHATSAPP_MCP_PORT: '70000' })).toEqual(['WHATSAPP_MCP_PORT must be between 0 and 65535, got 70000']);
  });

  it('defaults headless to true without a display and honours the old "true" in any case', () => {
    expect(load({}).chrome.headless).toBe(true);
    expect(load({ DISPLAY: ':0' }).chrome.headless).toBe(false);
    expect(load({ DISPLAY: ':0', WHATSAPP_HEADLESS: 'TRUE' }).chrome.headless).toBe(true);
    expect(load({ WHATSAPP_HEADLESS: 'false' }).chrome.headless).toBe(false);
    expect(load({}, 'darwin').chrome.headless).toBe(false);
  });

  it('refuses to bind beyond loopback without a token', () => {
    expect(problemsOf({ WHATSAPP_MCP_HOST: '0.0.0.0' })[0]).toMatch(/^WHATSAPP_MCP_HOST is "0.0.0.0", which is reachable from other machines/);
    expect(load({ WHATSAPP_MCP_HOST: '0.0.0.0', WHATSAPP_API_TOKEN: 'a-long-enough-token-value' }).security.apiToken).toBe('a-long-enough-token-value');
    expect(load({ WHATSAPP_MCP_HOST: '::1' }).host).toBe('::1');
    expect(load({ WHATSAPP_MCP_HOST: 'localhost' }).host).toBe('localhost');
  });

  it('reads the token from a file and rejects short or conflicting tokens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-config-'));
    const file = join(dir, 'token');
    writeFileSync(file, 'file-token-0123456789\n');
    expect(load({ WHATSAPP_API_TOKEN_FILE: file }).security.apiToken).toBe('file-token-0123456789');
    expect(problemsOf({ WHATSAPP_API_TOKEN: 'short' })).toEqual(['WHATSAPP_API_TOKEN must be at least 16 characters long']);
    expect(problemsOf({ WHATSAPP_API_TOKEN: 'a-long-enough-token-value', WHATSAPP_API_TOKEN_FILE: file })[0]).toMatch(/both set/);
    expect(problemsOf({ WHATSAPP_API_TOKEN_FILE: join(dir, 'missing') })[0]).toMatch(/cannot be read \(ENOENT\)/);
  });

  it('splits allowed hosts and origins', () => {
    const config = load({ WHATSAPP_ALLOWED_HOSTS: 'wa.example.com, gateway.lan ,', WHATSAPP_ALLOWED_ORIGINS: 'https://app.example.com' });
    expect(config.security.allowedHosts).toEqual(['wa.example.com', 'gateway.lan']);
    expect(config.security.allowedOrigins).toEqual(['https://app.example.com']);
  });

  it('checks an explicit Chrome path and names it when it is not executable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-chrome-'));
    const fake = join(dir, 'chrome');
    writeFileSync(fake, '#!/bin/sh\n');
    expect(problemsOf({ WHATSAPP_CHROME_EXECUTABLE: fake })).toEqual([
      `WHATSAPP_CHROME_EXECUTABLE points to "${fake}", which is not an executable file`,
    ]);
    chmodSync(fake, 0o755);
    expect(load({ WHATSAPP_CHROME_EXECUTABLE: fake }).chrome).toMatchObject({ executable: fake, explicit: true });
    // The sandbox driver never launches a browser: a wrong path must not stop it.
    expect(load({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_CHROME_EXECUTABLE: join(dir, 'nope') }).driver).toBe('sandbox');
  });

  it('lists the places searched when no Chrome is named', () => {
    const { chrome } = load({});
    expect(chrome.explicit).toBe(false);
    expect(chrome.tried).toContain('/usr/bin/chromium');
    expect(chrome.tried).toContain('/usr/bin/google-chrome');
  });

  it('returns a frozen object', () => {
    const config = load({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.timeouts)).toBe(true);
  });
});
