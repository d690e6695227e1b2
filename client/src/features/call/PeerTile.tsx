import { useState } from 'react';
import { VideoTile } from '../video/VideoTile';
import { participantLabel, remoteMediaNotice } from './labels';
import type { SlotView } from './peerManager';

/**
 * One other person in the call: their picture (`data-testid="remote-video"`, `data-role`) inside an
 * element carrying the connection's state (`data-peer-state`), their name and role, and the
 * connection's quality in words. `showFigures` adds the round trip, loss, frame rate and size.
 */
export function PeerTile({ slot, who, showFigures = false, className }: { slot: SlotView; who: string; showFigures?: boolean; className?: string }) {
  const [open, setOpen] = useState(false);
  const label = participantLabel(slot);
  const figures = slot.figures;
  return (
    <figure className={['peer-tile', `peer-tile--${slot.quality.level}`, className].filter(Boolean).join(' ')} data-peer-state={slot.peerState}>
      <VideoTile stream={slot.stream} isLocal={false} label={`${label}: video`} role={slot.role} paused={slot.videoPaused} notice={remoteMediaNotice(slot.remote, who)} />
      <figcaption className="peer-tile__caption">
        <span className="peer-tile__name">{label}</span>
        <span className="peer-tile__quality" role="status">
          {slot.quality.words}
        </span>
        {showFigures ? (
          <button type="button" className="peer-tile__details-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide connection details' : 'Connection details'}
          </button>
        ) : null}
      </figcaption>
      {showFigures && open ? (
        <dl className="peer-tile__figures">
          <dt>Round trip</dt>
          <dd>{figures.rttMs === null ? 'not known' : `${figures.rttMs} ms`}</dd>
          <dt>Packet loss</dt>
          <dd>{figures.lossPercent === null ? 'not known' : `${figures.lossPercent}%`}</dd>
          <dt>Frame rate</dt>
          <dd>{figures.framesPerSecond === null ? 'no video' : `${figures.framesPerSecond} fps`}</dd>
          <dt>Picture size</dt>
          <dd>{figures.width && figures.height ? `${figures.width} × ${figures.height}` : 'no video'}</dd>
          <dt>Sending to them</dt>
          <dd>{slot.sending === 'full' ? 'Full video' : slot.sending === 'low' ? 'Low-data video' : 'Audio only'}</dd>
        </dl>
      ) : null}
    </figure>
  );
}
