import { describe, expect, it } from 'vitest';
import { signDelivery, verifyDelivery } from './signature.js';

describe('webhook signatures', () => {
  const secret = 'a-shared-secret-of-some-length';
  const body = '{"id":"1","type":"message.received"}';

  it('signs timestamp and body with HMAC-SHA256, as the documented recipe computes it', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = `sha256=${createHmac('sha256', secret).update(`1767268800.${body}`).digest('hex')}`;
    expect(signDelivery(secret, 1767268800, body)).toBe(expected);
  });

  it('verifies a fresh, untouched delivery and refuses tampered, re-signed or stale ones', () => {
    const now = 1767268800;
    const signature = signDelivery(secret, now, body);
    expect(verifyDelivery(secret, String(now), body, signature, 300, now + 10)).toBe(true);
    expect(verifyDelivery(secret, String(now), body.replace('received', 'sent'), signature, 300, now)).toBe(false);
    expect(verifyDelivery('another-secret-entirely!!', String(now), body, signature, 300, now)).toBe(false);
    expect(verifyDelivery(secret, String(now), body, signature, 300, now + 301)).toBe(false);
    expect(verifyDelivery(secret, 'yesterday', body, signature, 300, now)).toBe(false);
    expect(verifyDelivery(secret, String(now), body, 'sha256=00', 300, now)).toBe(false);
  });
});
