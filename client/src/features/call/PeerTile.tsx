import type { ParticipantRole } from '@desk/shared';
import { useState } from 'react';
import { VideoTile } from '../video/VideoTile';
import { participantLabel, remoteMediaNotice, type MediaNoticeWords } from './labels';
import type { SlotView } from './peerManager';
import type { QualityLevel } from './quality';

/** What the tile says, for a page in another language (the parent's); without them, the desk's English. */
export type PeerTileWords = {
  readonly participant: (name: string, role: string) => string;
  /** Before the connection's quality ("Connection: Good"). */
  readonly connection: string;
  readonly roles: Readonly<Record<ParticipantRole, string>>;
  /** The picture's accessible name, from the participant's label. */
  readonly video: (label: string) => string;
  readonly quality: Readonly<Record<QualityLevel, string>>;
  readonly notices: MediaNoticeWords;
};

/**
 * One other person in the call: their picture (`data-testid="remote-video"`, `data-role`) inside an
 * element carrying the connection's state (`data-peer-state`), their name and role, and the
 * connection's quality in words. `showFigures` adds the round trip, loss, frame rate and size.
 */
export function PeerTile({
  slot,
  who,
  showFigures = false,
  className,
  words,
}: {
  slot: SlotView;
  who: string;
  showFigures?: boolean;
  className?: string;
  words?: PeerTileWords;
}) {
  const [open, setOpen] = useState(false);
  const label = words ? words.participant(slot.name, words.roles[slot.role]) : participantLabel(slot);
  const figures = slot.figures;
  return (
    <figure className={['peer-tile', `peer-tile--${slot.quality.level}`, className].filter(Boolean).join(' ')} data-peer-state={slot.peerState}>
      <VideoTile
        stream={slot.stream}
        isLocal={false}
        label={words ? words.video(label) : `${label}: video`}
        role={slot.role}
        paused={slot.videoPaused}
        notice={remoteMediaNotice(slot.remote, who, words?.notices)}
      />
      <figcaption className="peer-tile__caption">
        <span className="peer-tile__name">{label}</span>
        <span className="peer-tile__quality" role="status">
          {words?.connection ?? 'Connection'}: {words ? words.quality[slot.quality.level] : slot.quality.words}
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
