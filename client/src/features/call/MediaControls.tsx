import type { MediaMode } from '@desk/shared';
import { useStore } from 'zustand';
import type { CallController } from './controller';

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
};

/** Mute, camera off, (phone) switch camera, and the video quality: the same controls on every side. */
export function MediaControls({ controller, modes, modeId, buttonsClassName, modeClassName, switchCamera = false }: Props) {
  const media = useStore(controller.media.store);
  return (
    <>
      <div className={buttonsClassName}>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" data-shortcut="mute" disabled={!media.stream} onClick={() => controller.toggleAudio()}>
          {media.audioMuted ? 'Unmute' : 'Mute'}
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" data-shortcut="camera" disabled={!media.stream} onClick={() => controller.toggleVideo()}>
          {media.videoOff ? 'Turn camera on' : 'Turn camera off'}
        </button>
        {switchCamera && media.cameraCount > 1 && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={!media.stream || media.switching} onClick={() => void controller.switchCamera()}>
            Switch camera
          </button>
        )}
      </div>
      <div className={`nhsuk-form-group ${modeClassName}`}>
        <label className="nhsuk-label" htmlFor={modeId}>
          Video quality
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
