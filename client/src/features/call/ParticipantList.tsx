import { admitLabel, isGuestRole, isInMedia, ROLE_LABEL, type CallUpdate, type Participant } from '@desk/shared';
import { useState } from 'react';
import type { CallController } from './controller';
import { participantLabel, participantStateWords } from './labels';
import { WaitTimer } from './WaitTimer';

/**
 * Everyone in the call but the clinician, with what they are doing and the clinician's controls:
 * one admit control per participant (the parent's is there from the start, enabled once they
 * wait), "Parent agreed" before a guest, and Remove for a guest.
 */
export function ParticipantList({ update, selfId, controller }: { update: CallUpdate; selfId: string; controller: CallController }) {
  const others = update.participants.filter((p) => p.id !== selfId);
  if (!others.length) return null;
  return (
    <ul className="nhsuk-list call-participants" aria-label="People in the call">
      {others.map((p) => (
        <ParticipantRow key={p.id} participant={p} controller={controller} />
      ))}
    </ul>
  );
}

function ParticipantRow({ participant: p, controller }: { participant: Participant; controller: CallController }) {
  const [agreed, setAgreed] = useState(false);
  const guest = isGuestRole(p.role);
  const waiting = p.state === 'waiting' && p.present;
  const agreeId = `agreed-${p.id}`;
  return (
    <li className="call-participants__row" data-participant-state={p.state}>
      <span className="call-participants__who">
        <strong>{participantLabel(p)}</strong> <span className="call-participants__state">{participantStateWords(p)}</span>
      </span>
      {/* The wait counts up beside the one control that ends it. */}
      {waiting && p.waitingSince ? <WaitTimer since={p.waitingSince} /> : null}
      {guest && waiting ? (
        <div className="nhsuk-checkboxes__item call-participants__agreed">
          <input className="nhsuk-checkboxes__input" id={agreeId} type="checkbox" checked={agreed} onChange={(event) => setAgreed(event.target.checked)} />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={agreeId}>
            Parent agreed to the {ROLE_LABEL[p.role].toLowerCase()} joining
          </label>
        </div>
      ) : null}
      {(p.role === 'parent' && !isInMedia(p)) || (guest && waiting) ? (
        <button
          type="button"
          className="nhsuk-button call-participants__admit"
          data-admit-for={p.role}
          data-shortcut={p.role === 'parent' ? 'admit' : undefined}
          disabled={!waiting || (guest && !agreed)}
          onClick={() => void controller.admit(p.id, guest ? agreed : false)}
        >
          {admitLabel(p.role)}
        </button>
      ) : null}
      {guest && isInMedia(p) ? (
        <button type="button" className="nhsuk-button nhsuk-button--secondary call-participants__remove" onClick={() => void controller.remove(p.id)}>
          Remove {ROLE_LABEL[p.role].toLowerCase()}
        </button>
      ) : null}
    </li>
  );
}
