import type { IceConfig, SignalData } from '@desk/shared';
import type { SenderCaps } from '../call/senderPolicy';

/**
 * The shape of a WebRTC peer as the call layer sees it. Kept apart from peer.ts so the call layer
 * (and its tests) never load simple-peer.
 */

export type PeerFailure = { code: string; message: string };

export type PeerOptions = {
  /** This side sends offers (the pair's fixed offerer), so two offers can never cross. */
  initiator: boolean;
  stream: MediaStream | null;
  /** ICE servers (TURN credentials of this participant in this call) and transport policy. */
  ice: IceConfig;
  onSignal(data: SignalData): void;
  onRemoteStream(stream: MediaStream): void;
  /** The data channel is open. */
  onConnect(): void;
  onIceState(state: RTCIceConnectionState): void;
  /** The connection closed without a local fault (the other side went, the channel died): rebuild it. */
  onClose(): void;
  /** The connection cannot work (no WebRTC here, an SDP the browser refuses). */
  onError(failure: PeerFailure): void;
  /** A text message from the other browser over the data channel. */
  onData?(data: string): void;
};

export type PeerHandle = {
  signal(data: SignalData): void;
  /**
   * Offerer only: restarts ICE on the same connection (a new offer with new credentials). False when
   * a negotiation is still waiting for its answer: then the caller rebuilds instead.
   */
  restartIce(): boolean;
  /** New ICE servers (fresh TURN credentials): the next gathering (an ICE restart) uses them. */
  setIce(ice: IceConfig): void;
  /** Swaps a sending track (e.g. front → back camera) without renegotiating. */
  replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack, stream: MediaStream): void;
  /** Limits (or stops) the video sent on this connection without renegotiating. */
  setVideoCaps(caps: SenderCaps): Promise<void>;
  getStats(): Promise<RTCStatsReport | null>;
  destroy(): void;
  /** Sends text over the data channel; dropped when the channel is not open. */
  send(data: string): void;
  /** The underlying connection, for diagnostics and tests. */
  getPeerConnection(): RTCPeerConnection | undefined;
};

export type PeerFactory = (options: PeerOptions) => PeerHandle;
