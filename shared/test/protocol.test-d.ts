import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type {
  Ack,
  AskUpdate,
  CallUpdate,
  CallWatch,
  ClientToServerEvents,
  ClientToServerPayload,
  clientToServer,
  ServerToClientEvents,
  serverToClient,
  signalSchema,
} from '../src/index.js';

/** Socket.IO's event maps are built from the zod schemas: a name or payload cannot drift between them. */
describe('socket event maps', () => {
  it('has one acknowledged client event per schema, plus the fire-and-forget signal', () => {
    expectTypeOf<Exclude<keyof ClientToServerEvents, 'signal'>>().toEqualTypeOf<keyof typeof clientToServer>();
    expectTypeOf<Parameters<ClientToServerEvents['signal']>>().toEqualTypeOf<[z.input<typeof signalSchema>]>();
    expectTypeOf<Parameters<ClientToServerEvents['call:admit']>[1]>().toEqualTypeOf<(result: Ack<CallUpdate>) => void>();
    expectTypeOf<Parameters<ClientToServerEvents['case:watch']>[1]>().toEqualTypeOf<(result: Ack<CallWatch>) => void>();
    expectTypeOf<ClientToServerPayload<'call:camera_failed'>['reason']>().toEqualTypeOf<'permission_denied' | 'no_camera'>();
  });

  it('has one server event per schema', () => {
    expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<keyof typeof serverToClient>();
    expectTypeOf<Parameters<ServerToClientEvents['call:state']>[0]>().toEqualTypeOf<CallUpdate>();
    expectTypeOf<Parameters<ServerToClientEvents['ask']>[0]>().toEqualTypeOf<AskUpdate>();
    expectTypeOf<Parameters<ClientToServerEvents['ask:send']>[1]>().toEqualTypeOf<(result: Ack<AskUpdate>) => void>();
  });
});
