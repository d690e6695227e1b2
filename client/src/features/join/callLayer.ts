import type { JoinSession } from '@desk/shared';
import { getSocket } from '../../lib/socket';
import { createCallController, type CallController } from '../call/controller';
import type { MediaResult } from '../video/media';

/**
 * The call layer of the join page (socket.io-client, the call controller, the peer manager): its
 * own chunk, imported once the parent taps "Join video call", so it loads while the phone asks for
 * the camera instead of before the Join button can show.
 */
export function openCall(session: JoinSession, openMedia: () => Promise<MediaResult>): CallController {
  // The socket is opened only now: its handshake needs the cookie the exchange just set.
  return createCallController({
    page: { kind: 'join', callId: session.callId, participantId: session.participantId, role: session.role },
    socket: getSocket(session.role === 'parent' ? 'parent' : 'guest'),
    openMedia,
  });
}
