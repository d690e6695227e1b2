import type { CallSnapshot } from '@desk/shared';
import { callStateTag } from './callStateTag';

export function CallStateTag({ call }: { call: CallSnapshot | null }) {
  const tag = callStateTag(call);
  return (
    <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}${tag.prominent ? ' desk-tag--prominent' : ''}`}>
      {tag.label}
    </strong>
  );
}
