import type { IceServer } from '@desk/shared';

/**
 * The shape of a WebRTC peer as the call controller sees it. Kept apart from peer.ts so the
 * controller (and its tests) never load simple-peer.
 */

/** simple-peer signal data (SDP or ICE candidate), relayed opaque by the server. */
export type SignalPayload = Record<string, unknown>;

export type PeerFailure = { code: string; message: string };

export type PeerOptions = {
  /** The clinician always initiates, so two offers can never cross. */
  initiator: boolean;
  stream: MediaStream | null;
  iceServers: readonly IceServer[];
  onSignal(data: SignalPayload): void;
  onRemoteStream(stream: MediaStream): void;
  onConnect(): void;
  /** The connection closed without a local fault (the other side left, reloaded or hung up). */
  onClose(): void;
  /** The connection could not be made or broke (ICE failure, bad SDP). */
  onError(failure: PeerFailure): void;
  /** A text message from the other browser over the data channel. */
  onData?(data: string): void;
};

export type PeerHandle = {
  signal(data: SignalPayload): void;
  /** Swaps a sending track (e.g. front → back camera) without renegotiating. */
  replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack, stream: MediaStream): void;
  destroy(): void;
  /** Sends text over the data channel; dropped when the channel is not open. */
  send(data: string): void;
  /** The underlying connection, for `getStats()` in diagnostics and tests. */
  getPeerConnection(): RTCPeerConnection | undefined;
};

export type PeerFactory = (options: PeerOptions) => PeerHandle;
