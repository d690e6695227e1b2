import type { MediaMode } from '@desk/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { countCameras, openCamera, setTracksEnabled, stopStream, type CameraFacing, type MediaResult } from '../video/media';
import type { Log } from './channel';

/** This page's camera and microphone: open/closed, muted, camera off, low-data mode, which camera. */

export type LocalMediaStatus = 'none' | 'pending' | 'ready' | 'failed';
export type CameraFailure = Extract<MediaResult, { ok: false }>;

export type LocalMediaView = {
  stream: MediaStream | null;
  status: LocalMediaStatus;
  failure: CameraFailure | null;
  audioMuted: boolean;
  videoOff: boolean;
  /** What this side sends and asks to receive: full video, low-data video, or audio only. */
  mode: MediaMode;
  facing: CameraFacing;
  cameraCount: number;
  switching: boolean;
  switchError: string | null;
};

export type LocalMedia = {
  store: StoreApi<LocalMediaView>;
  /** Opens the camera (once at a time); the result is also in the store. */
  acquire(): Promise<MediaResult>;
  setPending(): void;
  setStream(stream: MediaStream | null): void;
  setFailed(failure: CameraFailure): void;
  /** Camera light off. */
  release(): void;
  toggleAudio(): void;
  toggleVideo(): void;
  setMode(mode: MediaMode): void;
  /** Front ↔ back camera (the back camera shows a rash better); `replace` swaps the track in every peer. */
  switchCamera(replace: (oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack, stream: MediaStream) => void): Promise<void>;
};

export function createLocalMedia(options: { open: () => Promise<MediaResult>; log: Log }): LocalMedia {
  const { open, log } = options;
  const store = createStore<LocalMediaView>()(() => ({
    stream: null,
    status: 'none',
    failure: null,
    audioMuted: false,
    videoOff: false,
    mode: 'full',
    facing: 'user',
    cameraCount: 0,
    switching: false,
    switchError: null,
  }));
  const view = () => store.getState();
  const set = (patch: Partial<LocalMediaView>, why: string) => {
    log(`media: ${why}`);
    store.setState(patch);
  };
  let opening: Promise<MediaResult> | null = null;

  const media: LocalMedia = {
    store,
    acquire() {
      if (opening) return opening;
      media.setPending();
      opening = open().then((result) => {
        opening = null;
        if (result.ok) media.setStream(result.stream);
        else media.setFailed(result);
        return result;
      });
      return opening;
    },
    setPending() {
      set({ status: 'pending', failure: null }, 'opening the camera');
    },
    setStream(stream) {
      const { audioMuted, videoOff } = view();
      setTracksEnabled(stream, 'audio', !audioMuted);
      setTracksEnabled(stream, 'video', !videoOff && view().mode !== 'audio');
      set({ stream, status: stream ? 'ready' : 'none', failure: null, ...(stream ? {} : { facing: 'user' }) }, stream ? 'camera on' : 'camera released');
      if (stream) void countCameras().then((cameraCount) => store.setState({ cameraCount }));
    },
    setFailed(failure) {
      set({ stream: null, status: 'failed', failure }, `camera failed: ${failure.reason}`);
    },
    release() {
      const { stream } = view();
      if (!stream) return;
      stopStream(stream);
      media.setStream(null);
    },
    toggleAudio() {
      const audioMuted = !view().audioMuted;
      setTracksEnabled(view().stream, 'audio', !audioMuted);
      set({ audioMuted }, audioMuted ? 'muted' : 'unmuted');
    },
    toggleVideo() {
      const videoOff = !view().videoOff;
      setTracksEnabled(view().stream, 'video', !videoOff && view().mode !== 'audio');
      set({ videoOff }, videoOff ? 'camera off' : 'camera on again');
    },
    setMode(mode) {
      // Audio only: the camera track stops sending content at once; the peers also stop the encoder.
      setTracksEnabled(view().stream, 'video', !view().videoOff && mode !== 'audio');
      set({ mode }, `mode ${mode}`);
    },
    async switchCamera(replace) {
      const { stream, facing, switching } = view();
      if (!stream || switching) return;
      const next: CameraFacing = facing === 'user' ? 'environment' : 'user';
      set({ switching: true, switchError: null }, `switching to the ${next} camera`);
      const [oldTrack] = stream.getVideoTracks();
      // Many phones cannot hold two cameras open at once: let go of this one first.
      oldTrack?.stop();
      let opened = await openCamera(next);
      let nowFacing = next;
      if (!opened.ok) {
        opened = await openCamera(facing);
        nowFacing = facing;
      }
      if (opened.ok) {
        opened.track.enabled = !view().videoOff && view().mode !== 'audio';
        if (oldTrack) {
          replace(oldTrack, opened.track, stream);
          stream.removeTrack(oldTrack);
        }
        stream.addTrack(opened.track);
      }
      set({ switching: false, facing: nowFacing, switchError: nowFacing === next ? null : 'Could not switch camera.' }, `camera ${nowFacing}`);
    },
  };
  return media;
}
