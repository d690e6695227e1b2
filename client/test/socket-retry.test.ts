import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from '../src/lib/socket';

/**
 * The page's socket when the server refuses its handshake. Socket.IO itself gives up after any
 * refusal; a refusal that means "not now" (the server's database is down) must be knocked on again
 * until it lets the page in, and one that means "not you" must not.
 */

type Listener = (...args: unknown[]) => void;

class FakeSocket {
  active = true;
  connected = false;
  connects = 0;
  private listeners = new Map<string, Listener[]>();
  io = { engine: { close: () => undefined } };
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  off() {
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  /** The server's handshake refused with `code`: socket.io destroys the socket (no more reconnecting). */
  refuse(code: string) {
    this.active = false;
    this.fire('connect_error', Object.assign(new Error('refused'), { data: { code, message: 'refused' } }));
  }
  connect() {
    this.connects += 1;
    this.active = true;
    return this;
  }
  disconnect() {
    this.active = false;
    return this;
  }
  timeout() {
    return this;
  }
  emit() {
    return this;
  }
}

const fake = vi.hoisted(() => ({ socket: null as FakeSocket | null }));
vi.mock('socket.io-client', () => ({
  io: () => {
    fake.socket = new FakeSocket();
    return fake.socket;
  },
}));

describe('the page socket after a refused handshake', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetModules();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function openSocket() {
    const { getSocket, closeSocket } = await import('../src/lib/socket');
    const statuses: ConnectionStatus[] = [];
    getSocket('staff', {}).onStatus((status) => statuses.push(status));
    return { socket: fake.socket!, statuses, close: () => closeSocket('staff') };
  }

  it('knocks again, backing off, while the database is unavailable, and is in once it is back', async () => {
    const { socket, statuses, close } = await openSocket();
    socket.refuse('DATABASE_UNAVAILABLE');
    expect(statuses.at(-1)).toBe('connecting');
    vi.advanceTimersByTime(999);
    expect(socket.connects).toBe(0);
    vi.advanceTimersByTime(1);
    expect(socket.connects).toBe(1);
    socket.refuse('DATABASE_UNAVAILABLE');
    vi.advanceTimersByTime(1_999);
    expect(socket.connects).toBe(1);
    vi.advanceTimersByTime(1);
    expect(socket.connects).toBe(2);
    socket.connected = true;
    socket.fire('connect');
    expect(statuses.at(-1)).toBe('connected');
    close();
  });

  it('does not knock again when refused as signed out, or as out of date', async () => {
    const { socket, statuses, close } = await openSocket();
    socket.refuse('UNAUTHENTICATED');
    expect(statuses.at(-1)).toBe('unauthenticated');
    socket.refuse('PROTOCOL_MISMATCH');
    expect(statuses.at(-1)).toBe('protocol_mismatch');
    vi.advanceTimersByTime(60_000);
    expect(socket.connects).toBe(0);
    close();
  });

  it('stops knocking when the page closes its socket', async () => {
    const { socket, close } = await openSocket();
    socket.refuse('DATABASE_UNAVAILABLE');
    close();
    vi.advanceTimersByTime(60_000);
    expect(socket.connects).toBe(0);
  });
});
