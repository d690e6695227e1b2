import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceServersFor, TURN_CREDENTIAL_TTL_S } from '../src/signalling/ice.js';

describe('iceServersFor', () => {
  const now = new Date('2026-11-23T12:00:00Z');

  it('offers host candidates only by default: no STUN or TURN server is contacted unless configured', () => {
    expect(iceServersFor({ turn: null, stunUrls: [] }, now, 'staff-1')).toEqual([]);
  });

  it('gives coturn REST credentials (use-auth-secret): expiry:identity signed with HMAC-SHA1 of the shared secret', () => {
    const [stun, turn] = iceServersFor(
      { turn: { urls: ['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:443?transport=tcp'], secret: 's3cret' }, stunUrls: ['stun:stun.example.test:3478'] },
      now,
      'parent-abc',
    );
    expect(stun).toEqual({ urls: ['stun:stun.example.test:3478'] });
    const expiry = now.getTime() / 1000 + TURN_CREDENTIAL_TTL_S;
    expect(turn).toEqual({
      urls: ['turn:turn.example.test:3478?transport=udp', 'turns:turn.example.test:443?transport=tcp'],
      username: `${expiry}:parent-abc`,
      credential: createHmac('sha1', 's3cret').update(`${expiry}:parent-abc`).digest('base64'),
    });
  });
});
