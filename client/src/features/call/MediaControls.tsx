import type { MediaMode } from '@desk/shared';
import { useStore } from 'zustand';
import type { CallController } from './controller';

/** The controls' words: the desk's English by default; the parent's page passes its locale's. */
export type MediaControlWords = {
  readonly mute: string;
  readonly unmute: string;
  readonly turnCameraOn: string;
  readonly turnCameraOff: string;
  readonly switchCamera: string;
  readonly videoQuality: string;
};

const DESK_WORDS: MediaControlWords = {
  mute: 'Mute',
  unmute: 'Unmute',
  turnCameraOn: 'Turn camera on',
  turnCameraOff: 'Turn camera off',
  switchCamera: 'Switch camera',
  videoQuality: 'Video quality',
};

type Props = {
  controller: CallController;
  /** How each mode reads to this person (the desk and the phone word them differently). */
  modes: readonly { value: MediaMode; label: string }[];
  /** The select's id (one per page). */
  modeId: string;
  buttonsClassName: string;
  modeClassName: string;
  /** The phone offers front ↔ back camera when it has two. */
  switchCamera?: boolean;
  words?: MediaControlWords;
};

/** Mute, camera off, (phone) switch camera, and the video quality: the same controls on every side. */
export function MediaControls({ controller, modes, modeId, buttonsClassName, modeClassName, switchCamera = false, words = DESK_WORDS }: Props) {
  const media = useStore(controller.media.store);
  return (
    <>
      <div className={buttonsClassName}>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" data-shortcut="mute" disabled={!media.stream} onClick={() => controller.toggleAudio()}>
          {media.audioMuted ? words.unmute : words.mute}
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" data-shortcut="camera" disabled={!media.stream} onClick={() => controller.toggleVideo()}>
          {media.videoOff ? words.turnCameraOn : words.turnCameraOff}
        </button>
        {switchCamera && media.cameraCount > 1 && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={!media.stream || media.switching} onClick={() => void controller.switchCamera()}>
            {words.switchCamera}
          </button>
        )}
      </div>
      <div className={`nhsuk-form-group ${modeClassName}`}>
        <label className="nhsuk-label" htmlFor={modeId}>
          {words.videoQuality}
        </label>
        <select id={modeId} className="nhsuk-select" value={media.mode} onChange={(event) => controller.setMode(event.target.value as MediaMode)}>
          {modes.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
