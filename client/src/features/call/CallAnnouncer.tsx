import { callAnnouncement, type CallFacts } from './linkControls';

/**
 * The case page's one polite live region for the call: a screen reader hears "The parent is
 * waiting", "The parent is in the call", "The video link expired" as they happen. The visible state
 * line in the call panel is not a live region, so nothing is said twice.
 */
export function CallAnnouncer({ call }: { call: Pick<CallFacts, 'state' | 'reason'> | null }) {
  return (
    <p className="nhsuk-u-visually-hidden" role="status" aria-live="polite" data-testid="call-announcer">
      {callAnnouncement(call)}
    </p>
  );
}
