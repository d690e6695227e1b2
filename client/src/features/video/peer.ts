import type { IceConfig, SignalData } from '@desk/shared';
import type { Instance, Options, SignalData as SimplePeerSignal } from 'simple-peer';
import SimplePeer from 'simple-peer/simplepeer.min.js';
import type { PeerFactory, PeerHandle, PeerOptions } from './peer-types';

/** The only module that imports simple-peer (see eslint.config.js). */

/**
 * simple-peer destroys itself with these codes when the *other* side goes away (Chrome reports the
 * remote data channel closing as an error). That is a hang-up, a reload or a dead link, not a
 * local fault: the call layer rebuilds the connection.
 */
const REMOTE_CLOSE_CODES: ReadonlySet<string> = new Set(['ERR_DATA_CHANNEL', 'ERR_ICE_CONNECTION_CLOSED']);

/** simple-peer's internals this extension relies on (simple-peer ~9.11, pinned in client/package.json). */
type SimplePeerInternals = Instance & {
  _pc: RTCPeerConnection | null;
  destroyed: boolean;
  negotiate(): void;
  _onIceStateChange(): void;
  _onConnectionStateChange(): void;
};

/**
 * simple-peer with ICE restart. simple-peer has no `restartIce` and destroys itself when ICE fails,
 * which throws away a connection that an ICE restart would save (a network switch, a long drop).
 * This subclass reports ICE failure instead and lets the offerer restart ICE on the same connection.
 */
const HealingPeer = class extends (SimplePeer as unknown as new (options: Options) => SimplePeerInternals) {
  override _onIceStateChange(): void {
    if (this.destroyed || !this._pc) return;
    if (this._pc.iceConnectionState === 'failed') {
      this.emit('iceStateChange', 'failed', this._pc.iceGatheringState);
      return;
    }
    super._onIceStateChange();
  }

  override _onConnectionStateChange(): void {
    // `failed` follows ICE failing: recoverable by a restart, so not a reason to destroy.
    if (this.destroyed || this._pc?.connectionState === 'failed') return;
    super._onConnectionStateChange();
  }

  restartIce(): boolean {
    const pc = this._pc;
    if (this.destroyed || !pc || pc.signalingState !== 'stable') return false;
    pc.restartIce();
    this.negotiate();
    return true;
  }
};

function toWire(data: SimplePeerSignal): SignalData | null {
  if ((data.type === 'offer' || data.type === 'answer') && typeof data.sdp === 'string') return { kind: 'description', type: data.type, sdp: data.sdp };
  if (data.type === 'candidate' && data.candidate) {
    const { candidate, sdpMid, sdpMLineIndex } = data.candidate;
    return { kind: 'candidate', candidate, sdpMid: sdpMid ?? null, sdpMLineIndex: sdpMLineIndex ?? null };
  }
  if (data.type === 'renegotiate') return { kind: 'renegotiate' };
  // transceiverRequest: only sent when the answerer adds a track after connecting, which the desk never does.
  return null;
}

function fromWire(data: SignalData): SimplePeerSignal | null {
  switch (data.kind) {
    case 'description':
      return { type: data.type, sdp: data.sdp };
    case 'candidate':
      // simple-peer hands `candidate` to `new RTCIceCandidate(...)`: the init dictionary is what it needs.
      return { type: 'candidate', candidate: { candidate: data.candidate, sdpMid: data.sdpMid, sdpMLineIndex: data.sdpMLineIndex } as RTCIceCandidate };
    case 'renegotiate':
      return { type: 'renegotiate', renegotiate: true };
    case 'restart':
      return null;
  }
}

function rtcConfiguration(ice: IceConfig): Pick<RTCConfiguration, 'iceServers' | 'iceTransportPolicy'> {
  return { iceServers: ice.iceServers.map((server) => ({ ...server })), iceTransportPolicy: ice.iceTransportPolicy };
}

export const createPeer: PeerFactory = (options: PeerOptions): PeerHandle => {
  let destroyedLocally = false;
  const peer = new HealingPeer({
    initiator: options.initiator,
    stream: options.stream ?? undefined,
    trickle: true,
    config: rtcConfiguration(options.ice),
    // Lets either side receive video and sound even when its own camera is unavailable.
    offerOptions: { offerToReceiveAudio: true, offerToReceiveVideo: true },
  });

  peer.on('signal', (data: SimplePeerSignal) => {
    const wire = toWire(data);
    if (!destroyedLocally && wire) options.onSignal(wire);
  });
  peer.on('stream', (stream: MediaStream) => options.onRemoteStream(stream));
  peer.on('connect', () => options.onConnect());
  peer.on('iceStateChange', (state: RTCIceConnectionState) => options.onIceState(state));
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

  const videoSenders = () => peer._pc?.getSenders().filter((s) => s.track?.kind === 'video') ?? [];

  return {
    signal(data) {
      const message = fromWire(data);
      if (destroyedLocally || peer.destroyed || !message) return;
      peer.signal(message);
    },
    restartIce: () => !destroyedLocally && peer.restartIce(),
    setIce(ice) {
      const pc = peer._pc;
      if (destroyedLocally || !pc || pc.signalingState === 'closed') return;
      pc.setConfiguration({ ...pc.getConfiguration(), ...rtcConfiguration(ice) });
    },
    replaceTrack(oldTrack, newTrack, stream) {
      if (!destroyedLocally) peer.replaceTrack(oldTrack, newTrack, stream);
    },
    async setVideoCaps(caps) {
      for (const sender of videoSenders()) {
        const parameters = sender.getParameters();
        if (!parameters.encodings?.length) continue;
        for (const encoding of parameters.encodings) {
          encoding.active = caps.active;
          if (caps.maxBitrateBps !== null) encoding.maxBitrate = caps.maxBitrateBps;
          if (caps.maxFramerate !== null) encoding.maxFramerate = caps.maxFramerate;
          if (caps.scaleResolutionDownBy !== null) encoding.scaleResolutionDownBy = caps.scaleResolutionDownBy;
        }
        try {
          await sender.setParameters(parameters);
        } catch {
          // A renegotiation in flight can refuse parameters; the next sample applies them again.
        }
      }
    },
    async getStats() {
      const pc = peer._pc;
      return pc && !destroyedLocally ? pc.getStats() : null;
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
    getPeerConnection: () => peer._pc ?? undefined,
  };
};
