import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type {
  Ack,
  CallUpdate,
  ClientToServerEvents,
  ClientToServerPayload,
  clientToServer,
  ServerToClientEvents,
  serverToClient,
} from '../src/index.js';

/** Socket.IO's event maps are built from the zod schemas: a name or payload cannot drift between them. */
describe('socket event maps', () => {
  it('has one client event per schema, each taking the parsed payload and a typed ack', () => {
    expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<keyof typeof clientToServer>();
    expectTypeOf<Parameters<ClientToServerEvents['signal']>[0]>().toEqualTypeOf<z.infer<(typeof clientToServer)['signal']>>();
    expectTypeOf<Parameters<ClientToServerEvents['call:admit']>[1]>().toEqualTypeOf<(result: Ack<CallUpdate>) => void>();
    expectTypeOf<ClientToServerPayload<'parent:failed'>['reason']>().toEqualTypeOf<'permission_denied' | 'no_camera'>();
  });

  it('has one server event per schema', () => {
    expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<keyof typeof serverToClient>();
    expectTypeOf<Parameters<ServerToClientEvents['call:state']>[0]>().toEqualTypeOf<CallUpdate>();
  });
});
