import type { SignalData } from 'simple-peer';
import SimplePeer from 'simple-peer/simplepeer.min.js';
import type { PeerFactory, PeerHandle, PeerOptions, SignalPayload } from './peer-types';

/** The only module that imports simple-peer (see eslint.config.js). */

/**
 * simple-peer destroys itself with these codes when the *other* side goes away (Chrome reports the
 * remote data channel closing as an error). That is a hang-up or a reload, not a media failure:
 * the server hears about it from the sockets and starts a new attempt.
 */
const REMOTE_CLOSE_CODES: ReadonlySet<string> = new Set(['ERR_DATA_CHANNEL', 'ERR_ICE_CONNECTION_CLOSED']);

type SimplePeerInstance = InstanceType<typeof SimplePeer>;

export const createPeer: PeerFactory = (options: PeerOptions): PeerHandle => {
  let destroyedLocally = false;
  const peer: SimplePeerInstance = new SimplePeer({
    initiator: options.initiator,
    stream: options.stream ?? undefined,
    trickle: true,
    config: { iceServers: options.iceServers.map((server) => ({ ...server })) },
    // Lets the clinician receive the child's video even when their own camera is unavailable.
    offerOptions: { offerToReceiveAudio: true, offerToReceiveVideo: true },
  });

  peer.on('signal', (data) => {
    if (!destroyedLocally) options.onSignal(data as unknown as SignalPayload);
  });
  peer.on('stream', (stream) => options.onRemoteStream(stream));
  peer.on('connect', () => options.onConnect());
  peer.on('data', (data: Uint8Array | string) => options.onData?.(typeof data === 'string' ? data : new TextDecoder().decode(data)));
  peer.on('close', () => {
    if (!destroyedLocally) options.onClose();
  });
  peer.on('error', (error: Error & { code?: string }) => {
    if (destroyedLocally) return;
    const code = error.code ?? 'ERR_UNKNOWN';
    if (REMOTE_CLOSE_CODES.has(code)) return; // 'close' follows and reports it
    options.onError({ code, message: error.message });
  });

  return {
    signal(data) {
      if (destroyedLocally) return;
      // Opaque relay: simple-peer validates the shape and destroys itself (ERR_SIGNALING) if it is wrong.
      peer.signal(data as unknown as SignalData);
    },
    replaceTrack(oldTrack, newTrack, stream) {
      if (!destroyedLocally) peer.replaceTrack(oldTrack, newTrack, stream);
    },
    send(data) {
      if (destroyedLocally || !peer.connected) return;
      try {
        peer.send(data);
      } catch {
        // The channel closed between the check and the send: the next connection resends the state.
      }
    },
    destroy() {
      if (destroyedLocally) return;
      destroyedLocally = true;
      peer.destroy();
    },
    getPeerConnection() {
      // simple-peer keeps the RTCPeerConnection in an undocumented field.
      return (peer as unknown as { _pc?: RTCPeerConnection | null })._pc ?? undefined;
    },
  };
};
