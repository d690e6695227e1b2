import {
  nextGeneration,
  offererOf,
  readPeerMessage,
  type IceConfig,
  type MediaMode,
  type Participant,
  type PeerMessage,
  type PeerStatus,
  type Signal,
  type SignalData,
} from '@desk/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PeerFactory, PeerHandle } from '../video/peer-types';
import { readStats } from '../video/stats';
import type { Log, SignalChannel } from './channel';
import type { LocalMedia } from './localMedia';
import { describeQuality, EMPTY_TRACKER, isVideoPaused, sampleLink, STATS_INTERVAL_MS, type Quality, type QualityFigures } from './quality';
import { initialSlot, nextSlot, type SlotInput, type SlotMachine, type SlotPhase } from './reconnect';
import { INITIAL_POLICY, lighterMode, nextSenderPolicy, senderCaps } from './senderPolicy';

/**
 * The peer manager: one peer slot per other participant in media (a mesh of up to four), each with
 * its own connection, reconnect machine, stats and sending limits. Framework-free; React renders
 * `store`. The media layer sits behind this one interface, so an SFU could replace the mesh.
 */

export type RemoteMedia = { audioMuted: boolean; videoOff: boolean; sending: MediaMode; audioOnlyReason: 'chosen' | 'poor_network' | null };

export type SlotView = {
  participantId: string;
  role: Participant['role'];
  name: string;
  peerState: SlotPhase;
  /** When peerState last changed (ms): 30 s without media offers the phone. */
  since: number;
  stream: MediaStream | null;
  /** What the other side says of its microphone, camera and what it sends (null until it says). */
  remote: RemoteMedia | null;
  framesFlowing: boolean;
  /** The picture stopped while it should be moving: shown dimmed with "Video paused – not live". */
  videoPaused: boolean;
  quality: Quality;
  figures: QualityFigures;
  /** What this side sends them, and why audio only if it is. */
  sending: MediaMode;
  audioOnlyReason: RemoteMedia['audioOnlyReason'];
};

export type PeerManagerView = { slots: Record<string, SlotView> };

/** Who this page is and whom it should hold connections with; null: none (not in media, or another tab holds it). */
export type MeshTarget = { callId: string; self: Participant; peers: Participant[] } | null;

export type Timers = { setInterval(run: () => void, ms: number): unknown; clearInterval(handle: unknown): void };

export type PeerManagerOptions = {
  channel: Pick<SignalChannel, 'send' | 'probe'>;
  media: LocalMedia;
  /**
   * ICE servers for this page's participant in the call: the server's `call:ice` (TURN credentials
   * are only for someone let in, and coturn checks them at each new relay allocation). Asked afresh
   * before every connection, ICE restart and rebuild; synchronous in tests.
   */
  iceConfig: (callId: string) => IceConfig | Promise<IceConfig>;
  loadPeerFactory: () => PeerFactory | Promise<PeerFactory>;
  now: () => number;
  timers?: Timers;
  log: Log;
  /** What each connection is doing, whenever one changes: the controller tells the server. */
  onReport(peers: Record<string, PeerStatus>): void;
};

export type PeerManager = {
  store: StoreApi<PeerManagerView>;
  /** `holdNew`: keep the connections there are, but make no new ones yet (the camera is opening). */
  reconcile(target: MeshTarget, options?: { holdNew?: boolean }): void;
  /** What each connection is doing now (for a fresh report to the server). */
  statuses(): Record<string, PeerStatus>;
  /** Fetches the peer code ahead of need (while someone waits), so "Admit" → first frame is not held up by a download. */
  preload(): void;
  handleSignal(signal: Signal): void;
  /** The browser came online or its network changed: restart at once. */
  networkChanged(why: string): void;
  /** The signalling socket came back (and this page holds its participant again): rebuild what is not up. */
  signallingRestored(): void;
  /** Mute, camera, low-data mode or the camera stream changed: tell the peers and re-apply limits. */
  mediaChanged(): void;
  /** "Keep trying": the 30 s clock starts again and connections that are not up are rebuilt. */
  keepTrying(): void;
  replaceVideoTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack, stream: MediaStream): void;
  peerConnection(participantId: string): RTCPeerConnection | undefined;
  destroy(): void;
};

/** Signals that arrive before the snapshot that lets their sender in; bounded (a connection needs a few dozen). */
const EARLY_SIGNALS_MAX = 200;
/** …and kept this long: the snapshot follows within a second or so. */
const EARLY_SIGNAL_TTL_MS = 15_000;
/** Figures on screen refresh once a second; states change at once. */
const FIGURES_EVERY_TICKS = 4;

const defaultTimers: Timers = {
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** A value now (tests) or later. */
type Later<T> = T | Promise<T>;

function hasPeerConnection(): boolean {
  return typeof globalThis.RTCPeerConnection === 'function';
}

function whenReady<T>(value: Later<T>, run: (ready: T) => void): void {
  if (value instanceof Promise) void value.then(run);
  else run(value);
}

/** An offer's ICE username fragment: a new one on the same connection is an ICE restart (RFC 8839). */
function iceUfragOf(sdp: string): string | null {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1] ?? null;
}

type Slot = {
  remoteId: string;
  /** Fresh ICE servers came: the next gathering (a restart) uses them. */
  useIce(ice: IceConfig): void;
  remoteEpoch: number;
  onSignal(signal: Signal): void;
  step(input: SlotInput): void;
  mediaChanged(): void;
  keepTrying(): void;
  replaceVideoTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack, stream: MediaStream): void;
  peerConnection(): RTCPeerConnection | undefined;
  status(): PeerStatus;
  destroy(): void;
};

export function createPeerManager(options: PeerManagerOptions): PeerManager {
  const { channel, media, now, log } = options;
  const timers = options.timers ?? defaultTimers;
  const store = createStore<PeerManagerView>()(() => ({ slots: {} }));
  const slots = new Map<string, Slot>();
  /** The highest generation used with each remote, kept across slots, so a new connection always outranks old signals. */
  const generations = new Map<string, number>();
  let early: { signal: Signal; at: number }[] = [];

  /** Drops early signals that are old, or for another call or another participant than this page's. */
  function pruneEarly(next: NonNullable<MeshTarget>): void {
    early = early.filter(({ signal, at }) => now() - at < EARLY_SIGNAL_TTL_MS && signal.callId === next.callId && signal.to === next.self.id);
  }
  let target: MeshTarget = null;
  /** The last ICE configuration the server gave for a call, and an ask on its way. */
  let ice: { callId: string; config: IceConfig } | null = null;
  let asking: { callId: string; answer: Promise<IceConfig | null> } | null = null;
  let factory: PeerFactory | null = null;
  let factoryLoading: Promise<PeerFactory> | null = null;

  const setSlotView = (id: string, patch: Partial<SlotView>) => {
    const current = store.getState().slots[id];
    if (!current) return;
    store.setState({ slots: { ...store.getState().slots, [id]: { ...current, ...patch } } });
  };

  const statuses = () => Object.fromEntries([...slots.values()].map((slot) => [slot.remoteId, slot.status()]));
  const report = () => options.onReport(statuses());

  /** The peer code, loaded once (the simple-peer chunk); synchronous when the loader is (tests). */
  function withFactory(onLoaded: (make: PeerFactory) => void, fail: (error: unknown) => void): void {
    if (factory) return onLoaded(factory);
    const loaded = factoryLoading ?? options.loadPeerFactory();
    if (!(loaded instanceof Promise)) {
      factory = loaded;
      return onLoaded(loaded);
    }
    factoryLoading = loaded.then(
      (make) => (factory = make),
      (error: unknown) => {
        factoryLoading = null; // try again next time
        throw error;
      },
    );
    factoryLoading.then(onLoaded, fail);
  }

  /**
   * Fresh ICE servers for the call, handed to every connection as they come. One ask at a time (a
   * mesh restarting at once shares it). Refused or unanswered: the last ones, if any (a connection
   * with host candidates may still work); null when there are none yet.
   */
  function freshIce(callId: string): Later<IceConfig | null> {
    if (asking?.callId === callId) return asking.answer;
    const took = (config: IceConfig): IceConfig => {
      ice = { callId, config };
      for (const slot of slots.values()) slot.useIce(config);
      return config;
    };
    const refused = (error: unknown): IceConfig | null => {
      log('ICE servers refused', { code: (error as { code?: unknown } | null)?.code ?? 'UNKNOWN' });
      return ice?.callId === callId ? ice.config : null;
    };
    let answer: Later<IceConfig>;
    try {
      answer = options.iceConfig(callId);
    } catch (error) {
      return refused(error);
    }
    if (!(answer instanceof Promise)) return took(answer);
    const pending: Promise<IceConfig | null> = answer.then(took, refused).finally(() => {
      if (asking?.answer === pending) asking = null;
    });
    asking = { callId, answer: pending };
    return pending;
  }

  function createSlot(self: Participant, remote: Participant, callId: string): Slot {
    const offerer = offererOf(self, remote) === self.id;
    const remoteId = remote.id;
    let machine: SlotMachine = initialSlot(offerer ? 'offerer' : 'answerer', now());
    let generation = 0;
    let handle: PeerHandle | null = null;
    /** The current connection's identity: callbacks of a replaced one are ignored. */
    let token: object = {};
    /** Data for the current generation that came before its connection was built (the peer code was loading). */
    let pending: SignalData[] = [];
    let tracker = EMPTY_TRACKER;
    let policy = INITIAL_POLICY;
    let iceConnected = false;
    /** The ICE configuration the current connection has. */
    let appliedIce: IceConfig | null = null;
    /** Answerer: the ufrag of the current connection's last offer, and whether signals wait for fresh ICE servers (a restart). */
    let offerUfrag: string | null = null;
    let holdingForIce = false;
    let remoteReceive: MediaMode = 'full';
    let appliedCaps = '';
    let ticks = 0;
    /** Frames have come over some connection of this slot: the tile shows the last one (dimmed) through a rebuild. */
    let hadFrames = false;
    let destroyed = false;
    let statsBusy = false;
    /** Counts tries: of several waiting for the same ICE answer (a slow socket), only the latest is carried out. */
    let tries = 0;

    store.setState({
      slots: {
        ...store.getState().slots,
        [remoteId]: {
          participantId: remoteId,
          role: remote.role,
          name: remote.name,
          peerState: 'connecting',
          since: machine.since,
          stream: null,
          remote: null,
          framesFlowing: false,
          videoPaused: false,
          quality: { level: 'connecting', words: 'Connecting…' },
          figures: { rttMs: null, lossPercent: null, framesPerSecond: null, width: null, height: null },
          sending: media.store.getState().mode,
          audioOnlyReason: null,
        },
      },
    });

    const sendSignal = (data: SignalData) => channel.send({ callId, from: self.id, to: remoteId, generation: Math.max(generation, 1), data });

    const effectiveMode = (): MediaMode => lighterMode(media.store.getState().mode, remoteReceive, policy.audioOnly ? 'audio' : 'full');
    const audioOnlyReason = (mode: MediaMode): RemoteMedia['audioOnlyReason'] => {
      if (mode !== 'audio') return null;
      return media.store.getState().mode === 'audio' || remoteReceive === 'audio' ? 'chosen' : 'poor_network';
    };

    function sendMediaState(): void {
      const { audioMuted, videoOff, mode } = media.store.getState();
      const sending = effectiveMode();
      const messages: PeerMessage[] = [
        { type: 'media', audioMuted, videoOff, sending, audioOnlyReason: audioOnlyReason(sending) },
        { type: 'prefs', receive: mode },
      ];
      for (const message of messages) handle?.send(JSON.stringify(message));
    }

    function applyCaps(): void {
      const sending = effectiveMode();
      const caps = senderCaps(sending, self.role, Math.max(1, slots.size));
      const key = JSON.stringify(caps);
      setSlotView(remoteId, { sending, audioOnlyReason: audioOnlyReason(sending) });
      if (!handle || key === appliedCaps) return;
      appliedCaps = key;
      log('sending limits', { to: remoteId, sending, maxBitrateBps: caps.maxBitrateBps });
      void handle.setVideoCaps(caps);
    }

    function destroyHandle(): void {
      const old = handle;
      handle = null;
      token = {};
      pending = [];
      iceConnected = false;
      appliedIce = null;
      offerUfrag = null;
      holdingForIce = false;
      appliedCaps = '';
      // The tile keeps the last picture (marked not live) until the next connection brings a new stream.
      old?.destroy();
    }

    function useIce(config: IceConfig): void {
      if (!handle || appliedIce === config) return;
      try {
        handle.setIce(config);
        appliedIce = config;
      } catch (error) {
        log('could not apply new ICE servers', { to: remoteId, name: error instanceof Error ? error.name : 'UNKNOWN' });
      }
    }

    /**
     * A new connection for `next` (this side's own when offering, the offer's when answering), with
     * fresh ICE servers (`given`: ones just fetched for this). Without any, it waits for the next try.
     */
    function build(next: number, given?: IceConfig): void {
      destroyHandle();
      generation = next;
      generations.set(remoteId, Math.max(generations.get(remoteId) ?? 0, next));
      tracker = EMPTY_TRACKER;
      const mine = (token = {});
      log('building a peer connection', { to: remoteId, generation, offerer });
      // Asked for at once, while the peer code loads.
      const iceReady = given ?? freshIce(callId);
      // A peer constructor that throws (no RTCPeerConnection in some webviews) must reach the slot,
      // not vanish as an unhandled rejection while the page says "Connecting…" until the call times out.
      const guarded =
        <T,>(run: (value: T) => void) =>
        (value: T) => {
          try {
            run(value);
          } catch (error) {
            if (token !== mine || destroyed) return;
            const code = (error as { code?: unknown } | null)?.code;
            log('peer connection could not be made', { to: remoteId, code: typeof code === 'string' ? code : 'UNKNOWN' });
            destroyHandle();
            step({ type: code === 'ERR_PC_CONSTRUCTOR' || code === 'ERR_WEBRTC_SUPPORT' || !hasPeerConnection() ? 'UNSUPPORTED' : 'CLOSED' });
          }
        };
      withFactory(
        (make) => whenReady(iceReady, guarded((config: IceConfig | null) => {
          if (destroyed || token !== mine) return;
          if (!config) {
            log('no ICE servers yet: the next try builds again', { to: remoteId, generation });
            return;
          }
          const isCurrent = () => token === mine && !destroyed;
          appliedIce = config;
          handle = make({
            initiator: offerer,
            stream: media.store.getState().stream,
            ice: config,
            onSignal: (data) => {
              if (isCurrent()) sendSignal(data);
            },
            onRemoteStream: (stream) => {
              if (isCurrent()) setSlotView(remoteId, { stream });
            },
            onConnect: () => {
              if (!isCurrent()) return;
              sendMediaState();
              applyCaps();
            },
            onIceState: (state) => {
              if (!isCurrent()) return;
              iceConnected = state === 'connected' || state === 'completed';
              if (state === 'failed') step({ type: 'ICE_FAILED' });
              else if (state === 'disconnected') step({ type: 'STALLED' });
            },
            onClose: () => {
              if (!isCurrent()) return;
              log('peer connection closed', { to: remoteId, generation });
              destroyHandle();
              step({ type: 'CLOSED' });
            },
            onError: (failure) => {
              if (!isCurrent()) return;
              log('peer connection failed', { to: remoteId, code: failure.code });
              destroyHandle();
              // No RTCPeerConnection here (some in-app browsers): retrying cannot help.
              step({ type: failure.code === 'ERR_PC_CONSTRUCTOR' || failure.code === 'ERR_WEBRTC_SUPPORT' ? 'UNSUPPORTED' : 'CLOSED' });
            },
            onData: (text) => {
              if (isCurrent()) onPeerMessage(text);
            },
          });
          const queued = pending;
          pending = [];
          for (const data of queued) handle.signal(data);
        })),
        (error) => {
          log('peer code failed to load', { message: error instanceof Error ? error.message : String(error) });
          if (token === mine) step({ type: 'CLOSED' });
        },
      );
    }

    function onPeerMessage(text: string): void {
      let message: PeerMessage | null;
      try {
        message = readPeerMessage(JSON.parse(text));
      } catch {
        return;
      }
      if (!message) return;
      if (message.type === 'media') {
        const { audioMuted, videoOff, sending, audioOnlyReason: reason } = message;
        setSlotView(remoteId, { remote: { audioMuted, videoOff, sending, audioOnlyReason: reason } });
      } else if (message.receive !== remoteReceive) {
        remoteReceive = message.receive;
        applyCaps();
        sendMediaState();
      }
    }

    function act(action: 'restart' | 'rebuild'): void {
      // A stalled page may be holding a dead socket (a new network): check it, so signals can get through.
      channel.probe();
      const iceReady = freshIce(callId);
      if (offerer) {
        // Fresh credentials first: a restart or rebuild makes new relay allocations, which coturn checks.
        const mine = token;
        const thisTry = ++tries;
        whenReady(iceReady, (config) => {
          if (destroyed || token !== mine || thisTry !== tries) return;
          if (action === 'restart' && handle?.restartIce()) {
            log('restarting ICE', { to: remoteId, generation });
            return;
          }
          build(nextGeneration(Math.max(generation, generations.get(remoteId) ?? 0), self.epoch), config ?? undefined);
        });
      } else {
        // The answerer keeps its connection until the new offer comes (it may yet recover); its fresh credentials are applied when they come.
        sendSignal({ kind: 'restart', rebuild: action === 'rebuild' });
      }
    }

    function step(input: SlotInput): void {
      if (destroyed) return;
      const result = nextSlot(machine, input, now());
      const changed = result.machine.phase !== machine.phase;
      machine = result.machine;
      if (changed) {
        log('peer state', { to: remoteId, state: machine.phase, input: input.type });
        // Media stalled: is the signalling socket alive? (A phone that changed network keeps a dead one for many seconds.)
        // The answerer also gets fresh credentials ready for the offerer's restart.
        if (machine.phase === 'reconnecting') {
          channel.probe();
          if (!offerer) void freshIce(callId);
        }
        setSlotView(remoteId, { peerState: machine.phase, since: machine.since });
        refreshView(store.getState().slots[remoteId]?.framesFlowing ?? false, null);
      }
      if (result.action) act(result.action);
      if (result.report) report();
    }

    async function tick(): Promise<void> {
      step({ type: 'TIMER' });
      if (!handle || statsBusy) return;
      const mine = token;
      statsBusy = true;
      let stats: RTCStatsReport | null = null;
      try {
        stats = await handle.getStats();
      } catch {
        stats = null;
      } finally {
        statsBusy = false;
      }
      if (!stats || destroyed || token !== mine) return;
      const reading = readStats(stats.values() as Iterable<{ type: string }>, now());
      const sample = sampleLink(tracker, reading);
      tracker = sample.tracker;
      if (iceConnected && sample.alive) step({ type: 'FLOWING' });
      else if (machine.phase === 'connected' && !sample.alive) step({ type: 'STALLED' });
      const { mode } = media.store.getState();
      if (mode !== 'audio' && remoteReceive !== 'audio' && machine.phase === 'connected') {
        const next = nextSenderPolicy(policy, reading, now());
        if (next.audioOnly !== policy.audioOnly) {
          log(next.audioOnly ? 'video stopped: the connection cannot carry it' : 'trying video again', { to: remoteId });
          policy = next;
          applyCaps();
          sendMediaState();
        }
        policy = next;
      }
      hadFrames ||= sample.framesFlowing;
      refreshView(sample.framesFlowing, sample.figures);
    }

    function refreshView(framesFlowing: boolean, figures: QualityFigures | null): void {
      const view = store.getState().slots[remoteId];
      if (!view) return;
      const remoteSending = view.remote?.sending ?? 'full';
      const remoteVideoOff = view.remote?.videoOff ?? false;
      const videoPaused = machine.phase !== 'connecting' && isVideoPaused({ hadFrames, framesFlowing, remoteVideoOff, remoteSending });
      const quality = describeQuality({ peerState: machine.phase, remoteSending, remoteVideoOff, videoPaused, figures: figures ?? view.figures });
      ticks += 1;
      const refreshFigures = figures !== null && ticks % FIGURES_EVERY_TICKS === 0;
      if (view.framesFlowing !== framesFlowing || view.videoPaused !== videoPaused || view.quality.level !== quality.level || refreshFigures) {
        setSlotView(remoteId, { framesFlowing, videoPaused, quality, ...(refreshFigures && figures ? { figures } : {}) });
      }
    }

    const interval = timers.setInterval(() => void tick(), STATS_INTERVAL_MS);
    if (offerer) build(nextGeneration(generations.get(remoteId) ?? 0, self.epoch));

    return {
      remoteId,
      useIce,
      remoteEpoch: remote.epoch,
      onSignal(signal) {
        const { data } = signal;
        if (data.kind === 'restart') {
          // Whatever generation it names: an answerer whose newer offer was lost still asks under the old one.
          if (offerer) step({ type: 'RESTART_REQUESTED', rebuild: data.rebuild });
          return;
        }
        // The answerer takes a newer offer as a new connection; anything else must be for the current one.
        const offer = data.kind === 'description' && data.type === 'offer';
        if (!offerer && offer && signal.generation > generation) {
          if (signal.generation <= (generations.get(remoteId) ?? 0)) {
            log('dropped an offer of an older connection', { from: remoteId, generation: signal.generation });
            return;
          }
          build(signal.generation);
        }
        if (!offerer && offer && signal.generation === generation) step({ type: 'OFFER_RECEIVED' });
        if (signal.generation !== generation) {
          log('dropped a signal of another connection', { from: remoteId, generation: signal.generation, current: generation });
          return;
        }
        if (!offerer && data.kind === 'description' && data.type === 'offer') {
          const ufrag = iceUfragOf(data.sdp);
          const restarting = handle !== null && offerUfrag !== null && ufrag !== null && ufrag !== offerUfrag;
          offerUfrag = ufrag ?? offerUfrag;
          if (restarting) {
            // The offerer restarted ICE: this side's new relay allocation needs fresh credentials too, so the offer (and what follows) waits for them.
            holdingForIce = true;
            pending.push(data);
            const mine = token;
            whenReady(freshIce(callId), () => {
              if (destroyed || token !== mine || !handle) return;
              holdingForIce = false;
              const queued = pending;
              pending = [];
              for (const held of queued) handle.signal(held);
            });
            return;
          }
        }
        if (handle && !holdingForIce) handle.signal(data);
        else pending.push(data);
      },
      step,
      mediaChanged() {
        sendMediaState();
        applyCaps();
      },
      keepTrying() {
        if (machine.phase === 'connected') return;
        machine = { ...machine, since: now(), tries: 0 };
        setSlotView(remoteId, { since: machine.since });
        act('rebuild');
      },
      replaceVideoTrack(oldTrack, newTrack, stream) {
        handle?.replaceTrack(oldTrack, newTrack, stream);
      },
      peerConnection: () => handle?.getPeerConnection(),
      status: () => machine.phase,
      destroy() {
        destroyed = true;
        timers.clearInterval(interval);
        destroyHandle();
        const { [remoteId]: _gone, ...rest } = store.getState().slots;
        store.setState({ slots: rest });
      },
    };
  }

  function dropSlot(id: string): void {
    slots.get(id)?.destroy();
    slots.delete(id);
  }

  return {
    store,
    statuses,
    reconcile(next, { holdNew = false } = {}) {
      const previous = target;
      target = next;
      if (!next) {
        if (slots.size) {
          for (const id of [...slots.keys()]) dropSlot(id);
          report();
        }
        return;
      }
      const selfChanged = !previous || previous.self.id !== next.self.id || previous.self.epoch !== next.self.epoch || previous.callId !== next.callId;
      const wanted = new Map(next.peers.map((p) => [p.id, p]));
      let changed = false;
      for (const [id, slot] of slots) {
        const remote = wanted.get(id);
        if (selfChanged || !remote || remote.epoch !== slot.remoteEpoch) {
          dropSlot(id);
          changed = true;
        }
      }
      pruneEarly(next);
      for (const remote of next.peers) {
        if (slots.has(remote.id)) {
          setSlotView(remote.id, { name: remote.name, role: remote.role });
          continue;
        }
        if (holdNew) continue;
        const slot = createSlot(next.self, remote, next.callId);
        slots.set(remote.id, slot);
        changed = true;
        const waiting = early.filter((e) => e.signal.from === remote.id).map((e) => e.signal);
        early = early.filter((e) => e.signal.from !== remote.id);
        for (const signal of waiting) slot.onSignal(signal);
      }
      if (changed) {
        // A mesh that grew or shrank shares the uplink differently.
        for (const slot of slots.values()) slot.mediaChanged();
        report();
      }
    },
    preload() {
      withFactory(
        () => undefined,
        () => undefined,
      );
    },
    handleSignal(signal) {
      if (target && (signal.callId !== target.callId || signal.to !== target.self.id)) return;
      const slot = slots.get(signal.from);
      if (slot) return slot.onSignal(signal);
      // It overtook the snapshot that puts its sender (or this page) in media: kept a while for when that snapshot comes.
      // A restart request is only about a connection that exists: nothing to keep.
      if (signal.data.kind === 'restart') return;
      early = early.filter((e) => now() - e.at < EARLY_SIGNAL_TTL_MS);
      if (early.length < EARLY_SIGNALS_MAX) early.push({ signal, at: now() });
    },
    networkChanged(why) {
      if (!slots.size) return;
      log('network changed: restarting connections', { why });
      for (const slot of slots.values()) slot.step({ type: 'NETWORK_CHANGED' });
    },
    signallingRestored() {
      if (!slots.size) return;
      log('signalling restored: rebuilding what is not up');
      for (const slot of slots.values()) slot.step({ type: 'SIGNALLING_RESTORED' });
    },
    mediaChanged() {
      for (const slot of slots.values()) slot.mediaChanged();
    },
    keepTrying() {
      for (const slot of slots.values()) slot.keepTrying();
    },
    replaceVideoTrack(oldTrack, newTrack, stream) {
      for (const slot of slots.values()) slot.replaceVideoTrack(oldTrack, newTrack, stream);
    },
    peerConnection: (id) => slots.get(id)?.peerConnection(),
    destroy() {
      for (const id of [...slots.keys()]) dropSlot(id);
      early = [];
      target = null;
      ice = null;
    },
  };
}
