import { useEffect, useState } from 'react';
import { focusAdmitControl } from './CallPanel';
import { WaitTimer } from './WaitTimer';

/**
 * When the parent waits and their Admit control is off the screen (a narrow window, 200 % zoom,
 * the clinician deep in the checklist), a bar at the foot of the window says so and takes focus to
 * that control. It never admits by itself: one admit control per participant.
 */
export function WaitingBanner({ waitingSince }: { waitingSince: string | null }) {
  const [admitHidden, setAdmitHidden] = useState(false);
  useEffect(() => {
    if (!waitingSince || typeof IntersectionObserver === 'undefined') return;
    const admit = document.querySelector('[data-admit-for="parent"]');
    if (!admit) return;
    const watcher = new IntersectionObserver(([entry]) => setAdmitHidden(entry ? !entry.isIntersecting : false), { threshold: 0.9 });
    watcher.observe(admit);
    return () => {
      watcher.disconnect();
      setAdmitHidden(false);
    };
  }, [waitingSince]);
  if (!waitingSince || !admitHidden) return null;
  return (
    <div className="desk-waiting-banner" role="region" aria-label="Parent waiting" data-testid="waiting-banner">
      <p className="desk-waiting-banner__text">
        <strong>The parent is waiting to be let in</strong> <WaitTimer since={waitingSince} />
      </p>
      <button type="button" className="nhsuk-button nhsuk-button--reverse desk-waiting-banner__go" onClick={focusAdmitControl}>
        Go to Admit
      </button>
    </div>
  );
}
