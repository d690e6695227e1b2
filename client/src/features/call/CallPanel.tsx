import { formatUkPhone, IN_CALL_STATES, type CallUpdate, type IceServer } from '@desk/shared';
import { useEffect, useRef } from 'react';
import { getSocket } from '../../lib/socket';
import { useSessionStore } from '../auth/sessionStore';
import { CALL_CONSTRAINTS, getUserMedia } from '../video/media';
import { VideoTile } from '../video/VideoTile';
import type { CallController } from './controller';
import { useCallController, useCallView, useElapsed } from './hooks';
import { clinicianCallLabel, remoteMediaNotice, SETTLING_STATES, VIDEO_STALLED_MS } from './labels';
import './call-panel.scss';

type CallPanelProps = {
  caseId: string;
  /** E.164, as stored on the case: the number to call back when video fails. */
  callerPhone: string;
  /** Defaults to the staff session's ICE servers. */
  iceServers?: readonly IceServer[];
};

const NO_ICE_SERVERS: readonly IceServer[] = [];

/**
 * The clinician's camera opens once the parent is waiting, not when the case opens: most cases
 * are phone-only and the camera light should not come on for them. Opening it before "Admit"
 * means the permission prompt and camera start-up are out of the way when the parent is let in,
 * and the clinician can check their own picture first.
 */
function clinicianWantsMedia(update: CallUpdate | null): boolean {
  if (!update) return false;
  const { state } = update.snapshot;
  return state === 'parent_waiting' || IN_CALL_STATES.has(state);
}

export function CallPanel({ caseId, callerPhone, iceServers }: CallPanelProps) {
  const sessionIceServers = useSessionStore((state) => state.session?.iceServers);
  // Read when a peer is built: the staff session may load after the panel mounts.
  const iceRef = useRef<readonly IceServer[]>(NO_ICE_SERVERS);
  useEffect(() => {
    iceRef.current = iceServers ?? sessionIceServers ?? NO_ICE_SERVERS;
  }, [iceServers, sessionIceServers]);

  const controller = useCallController({
    role: 'clinician',
    caseId,
    socket: getSocket('staff'),
    iceServers: () => iceRef.current,
    autoMedia: { acquire: () => getUserMedia(CALL_CONSTRAINTS), wanted: clinicianWantsMedia },
  });

  return <CallPanelView controller={controller} callerPhone={callerPhone} />;
}

function CallPanelView({ controller, callerPhone }: { controller: CallController; callerPhone: string }) {
  const update = useCallView(controller, (view) => view.update);
  const known = useCallView(controller, (view) => view.known);
  const stateSince = useCallView(controller, (view) => view.stateSince);
  const connection = useCallView(controller, (view) => view.connection);
  const localStream = useCallView(controller, (view) => view.localStream);
  const localMedia = useCallView(controller, (view) => view.localMedia);
  const localMediaFailure = useCallView(controller, (view) => view.localMediaFailure);
  const remoteStream = useCallView(controller, (view) => view.remoteStream);
  const remoteMedia = useCallView(controller, (view) => view.remoteMedia);
  const audioMuted = useCallView(controller, (view) => view.audioMuted);
  const videoOff = useCallView(controller, (view) => view.videoOff);
  const requestError = useCallView(controller, (view) => view.requestError);

  const state = update?.snapshot.state ?? null;
  const reason = update?.snapshot.reason ?? null;
  const stalled = useElapsed(state !== null && SETTLING_STATES.has(state), stateSince, VIDEO_STALLED_MS);
  const videoNotWorking = state === 'failed' || stalled;
  const canEnd = state !== null && state !== 'created' && state !== 'ended';
  const label = known || update ? clinicianCallLabel(update) : 'Checking the video call…';
  // Nothing to look at before the parent is waiting or after the call: no empty black frame.
  const showVideo = (state !== null && (state === 'parent_waiting' || IN_CALL_STATES.has(state))) || !!remoteStream || !!localStream;
  const showControls = state !== null && state !== 'ended';

  return (
    <section className="call-panel" aria-labelledby="call-panel-heading">
      <h2 id="call-panel-heading" className="nhsuk-heading-m">
        Video call
      </h2>
      <p
        className="call-panel__state"
        data-testid="call-state"
        data-state={state ?? 'none'}
        data-reason={reason ?? ''}
        role="status"
      >
        <strong>{label}</strong>
        {update?.presence && state !== null && IN_CALL_STATES.has(state) && !update.presence.parent && (
          <span className="call-panel__presence"> (the parent's page is not connected)</span>
        )}
      </p>
      {connection !== 'connected' && known && (
        <p className="call-panel__connection">Lost contact with the desk server. Trying again…</p>
      )}


      {videoNotWorking && (
        <div className="nhsuk-inset-text call-panel__fallback">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Video isn't working. Carry on by phone; if the phone call has dropped, call the parent back on{' '}
            <strong>{formatUkPhone(callerPhone)}</strong>
          </p>
          {reason === 'permission_denied' || reason === 'no_camera' ? (
            <p>The parent's page shows how to allow the camera and a Try again button: no new link is needed.</p>
          ) : null}
          <p>You can record the decision from the phone call alone.</p>
        </div>
      )}

      {showVideo && (
        <div className="call-panel__videos">
          <VideoTile
            stream={remoteStream}
            isLocal={false}
            label="The parent's video"
            className="call-panel__remote"
            notice={remoteMediaNotice(remoteMedia, 'The parent')}
          />
          <VideoTile stream={localStream} isLocal mirrored label="Your camera" className="call-panel__local" />
        </div>
      )}
      {localMedia === 'pending' && <p className="call-panel__note">Starting your camera and microphone…</p>}
      {localMediaFailure && (
        <p className="call-panel__note call-panel__note--error">
          Your camera or microphone could not be started ({localMediaFailure.message}) The parent will not see or
          hear you on video: keep talking on the phone.
        </p>
      )}

      {showControls && (
      <div className="call-panel__controls">
        {/* Once the parent is let in there is nothing to admit: the button goes, the video stays in view. */}
        {state === null || !IN_CALL_STATES.has(state) ? (
          <button
            type="button"
            className="nhsuk-button"
            disabled={state !== 'parent_waiting'}
            onClick={() => void controller.admit()}
          >
            Admit
          </button>
        ) : null}
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          disabled={!localStream}
          onClick={() => controller.toggleAudio()}
        >
          {audioMuted ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          disabled={!localStream}
          onClick={() => controller.toggleVideo()}
        >
          {videoOff ? 'Turn camera on' : 'Turn camera off'}
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--warning call-panel__end"
          disabled={!canEnd}
          onClick={() => void controller.end()}
        >
          End call
        </button>
      </div>
      )}
      {state === 'connected' && (
        <div className="nhsuk-card nhsuk-card--warning call-panel__prompt">
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading nhsuk-heading-s">Important</h3>
            <p>Ask the parent to hang up the phone call now: their phone can only use its microphone for one call.</p>
          </div>
        </div>
      )}
      {requestError && (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error: </span>
          {requestError.message}
        </p>
      )}
    </section>
  );
}
