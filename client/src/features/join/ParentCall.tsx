import { IN_CALL_STATES, type CallUpdate, type ParentSession } from '@desk/shared';
import { useStore } from 'zustand';
import type { CallController } from '../call/controller';
import { remoteMediaNotice } from '../call/labels';
import { VideoTile } from '../video/VideoTile';
import { ExpiredScreen, OutdatedScreen, ScreenHeading } from './JoinScreens';
import { endCall, retryVideo, switchCamera, useJoinStore } from './joinFlow';

/** What the parent reads about the call, in plain words. */
export function parentCallLabel(update: CallUpdate | null, clinicianName: string | null): string {
  if (!update) return 'Connecting to NHS 111…';
  switch (update.snapshot.state) {
    case 'created':
    case 'invited':
    case 'parent_waiting':
      return 'The nurse will let you in shortly';
    case 'admitted':
    case 'connecting':
      return 'Connecting you to the nurse…';
    case 'connected':
      return `You are on a video call with ${clinicianName ?? 'the nurse'}`;
    case 'reconnecting':
      return 'The video stopped. Trying to connect again…';
    case 'ended':
      return 'The video call has ended';
    case 'failed':
      return 'The video is not working';
  }
}

export function ParentCall({ controller, session }: { controller: CallController; session: ParentSession }) {
  const view = useStore(controller.store);
  const cameraCount = useJoinStore((state) => state.cameraCount);
  const facing = useJoinStore((state) => state.facing);
  const switchingCamera = useJoinStore((state) => state.switchingCamera);
  const switchError = useJoinStore((state) => state.switchError);

  if (view.connection === 'unauthenticated') return <ExpiredScreen />;
  if (view.connection === 'protocol_mismatch') return <OutdatedScreen />;

  const { update } = view;
  const state = update?.snapshot.state ?? null;
  const reason = update?.snapshot.reason ?? null;
  const inCall = state !== null && IN_CALL_STATES.has(state);
  const over = state === 'ended';
  // parent:ready refused as a conflict: the call ended while this page was away (reload after the end).
  const refusedAsOver =
    view.requestError?.request === 'parent:ready' && view.requestError.code === 'CALL_STATE_CONFLICT';

  const stateAttributes = { 'data-testid': 'call-state', 'data-state': state ?? 'none', 'data-reason': reason ?? '' };
  const status = (
    <p className="parent-status" role="status" {...stateAttributes}>
      {parentCallLabel(update, session.clinicianName)}
    </p>
  );

  // After the call, the heading carries the state: one clear message, not three.
  if (over || refusedAsOver) {
    return (
      <>
        <ScreenHeading attributes={stateAttributes}>Video call ended</ScreenHeading>
        <p>The video call has ended. Stay on the phone if the nurse is still talking to you.</p>
        <p>You can close this page.</p>
      </>
    );
  }

  if (state === 'failed') {
    return (
      <>
        <ScreenHeading attributes={stateAttributes}>The video is not working</ScreenHeading>
        <p>Stay on the phone. The nurse will talk to you or call you back.</p>
        {reason === 'ice_failed' || reason === 'timeout' ? (
          <p>
            A weak signal can stop the video. Move closer to your Wi-Fi router, or turn off Wi-Fi to use mobile
            data. Then tap Try video again.
          </p>
        ) : null}
        <button type="button" className="nhsuk-button parent-button" onClick={() => void retryVideo()}>
          Try video again
        </button>
      </>
    );
  }

  const waiting = !inCall;
  return (
    <>
      <h1 className="nhsuk-u-visually-hidden">Video call</h1>
      {status}
      {view.connection !== 'connected' && (
        <p className="parent-note">Your signal dropped. Trying to connect again…</p>
      )}
      {waiting && <p>Stay on the phone call for now. This is you:</p>}
      <div className={waiting ? 'parent-stage parent-stage--waiting' : 'parent-stage'}>
        {inCall && (
          <VideoTile
            stream={view.remoteStream}
            isLocal={false}
            label="The nurse's video"
            notice={remoteMediaNotice(view.remoteMedia, 'The nurse')}
          />
        )}
        <VideoTile stream={view.localStream} isLocal mirrored={facing === 'user'} label="Your camera" />
      </div>
      {state === 'connected' && (
        <p>The nurse may ask you to hang up the phone call. You will still hear each other on the video.</p>
      )}
      {view.requestError && !refusedAsOver && (
        <p className="parent-note" role="alert">
          {view.requestError.message}
        </p>
      )}
      <div className="parent-controls">
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          disabled={!view.localStream}
          onClick={() => controller.toggleAudio()}
        >
          {view.audioMuted ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          disabled={!view.localStream}
          onClick={() => controller.toggleVideo()}
        >
          {view.videoOff ? 'Turn camera on' : 'Turn camera off'}
        </button>
        {cameraCount > 1 && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={!view.localStream || switchingCamera}
            onClick={() => void switchCamera()}
          >
            Switch camera
          </button>
        )}
      </div>
      {switchError && <p className="parent-note">{switchError}</p>}
      <div className="parent-end">
        <button type="button" className="nhsuk-button nhsuk-button--warning parent-button" onClick={() => void endCall()}>
          End call
        </button>
      </div>
    </>
  );
}
