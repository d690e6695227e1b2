import { describe, expect, it } from 'vitest';
import { askTimerMs, askUpdateSchema, clientToServer, EXAMS, serverToClient } from '../src/index.js';

const callId = '6f1b8a52-4c1e-4d7e-9a55-0a4f3a1b2c3d';
const askId = '0b9f7e1c-2d3a-4b5c-8d6e-7f8091a2b3c4';

describe('desk-asks-the-parent protocol', () => {
  it('takes a back-camera ask, every exam and a photo ask, and nothing else', () => {
    const send = clientToServer['ask:send'];
    expect(send.safeParse({ callId, request: { kind: 'back_camera' } }).success).toBe(true);
    for (const exam of EXAMS) expect(send.safeParse({ callId, request: { kind: 'exam', exam } }).success).toBe(true);
    expect(send.safeParse({ callId, request: { kind: 'photo' } }).success).toBe(true);
    expect(send.safeParse({ callId, request: { kind: 'exam', exam: 'x_ray' } }).success).toBe(false);
    expect(send.safeParse({ callId, request: { kind: 'exam' } }).success).toBe(false);
    expect(send.safeParse({ callId, request: { kind: 'microphone' } }).success).toBe(false);
    expect(send.safeParse({ callId, request: { kind: 'back_camera', extra: 1 } }).success).toBe(false);
    expect(send.safeParse({ callId: 'not-a-call', request: { kind: 'back_camera' } }).success).toBe(false);
  });

  it('takes only accept or decline as an answer', () => {
    const answer = clientToServer['ask:answer'];
    expect(answer.safeParse({ callId, askId, answer: 'accepted' }).success).toBe(true);
    expect(answer.safeParse({ callId, askId, answer: 'declined' }).success).toBe(true);
    expect(answer.safeParse({ callId, askId, answer: 'closed' }).success).toBe(false);
    expect(answer.safeParse({ callId, answer: 'accepted' }).success).toBe(false);
  });

  it('carries the server clock with each update, so both sides count the timer from it', () => {
    const update = {
      callId,
      serverNow: '2026-12-03T06:00:05.000Z',
      ask: {
        id: askId,
        callId,
        request: { kind: 'exam', exam: 'breathing' },
        state: 'accepted',
        askedAt: '2026-12-03T06:00:00.000Z',
        answeredAt: '2026-12-03T06:00:02.000Z',
        timer: { startedAt: '2026-12-03T06:00:02.000Z', durationMs: 30_000 },
      },
    };
    expect(askUpdateSchema.parse(update)).toEqual(update);
    expect(serverToClient.ask.safeParse({ callId, ask: null, serverNow: update.serverNow }).success).toBe(true);
    expect(serverToClient.ask.safeParse({ callId, ask: null }).success).toBe(false);
  });

  it('times breathing over 30 s and capillary refill over a 5 s press; the others have no timer', () => {
    expect(askTimerMs({ kind: 'exam', exam: 'breathing' })).toBe(30_000);
    expect(askTimerMs({ kind: 'exam', exam: 'capillary_refill' })).toBe(5_000);
    expect(askTimerMs({ kind: 'exam', exam: 'glass_test' })).toBeNull();
    expect(askTimerMs({ kind: 'back_camera' })).toBeNull();
    expect(askTimerMs({ kind: 'photo' })).toBeNull();
  });
});
