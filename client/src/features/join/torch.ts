/** The phone's torch, where the camera track has one (most Android back cameras; not iOS Safari today). */

type TorchCapabilities = MediaTrackCapabilities & { torch?: boolean };

export function hasTorch(track: MediaStreamTrack | undefined): track is MediaStreamTrack {
  if (!track || track.readyState !== 'live' || typeof track.getCapabilities !== 'function') return false;
  try {
    return (track.getCapabilities() as TorchCapabilities).torch === true;
  } catch {
    return false;
  }
}

/** Turns the torch on or off; false when the camera refused. */
export async function setTorch(track: MediaStreamTrack, on: boolean): Promise<boolean> {
  try {
    await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
    return true;
  } catch {
    return false;
  }
}
