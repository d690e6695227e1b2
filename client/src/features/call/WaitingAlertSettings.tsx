import { useState } from 'react';
import { useStore } from 'zustand';
import { deskPrefs, setPref } from '../desk/prefs';
import { notificationsSupported } from './waitingAlerts';

/**
 * The chime on or off, and the one question about browser notifications, asked with its reason
 * when a link has gone out (the moment it matters), never on page load.
 */
export function WaitingAlertSettings() {
  const { chime, notifyAsked } = useStore(deskPrefs);
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(() => (notificationsSupported() ? Notification.permission : 'unsupported'));
  const ask = async () => {
    setPref('notifyAsked', true);
    try {
      setPermission(await Notification.requestPermission());
    } catch {
      setPermission(Notification.permission);
    }
  };
  return (
    <div className="call-alerts" data-testid="waiting-alerts">
      <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
        <div className="nhsuk-checkboxes__item">
          <input className="nhsuk-checkboxes__input" id="waiting-chime" type="checkbox" checked={chime} onChange={(event) => setPref('chime', event.target.checked)} />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="waiting-chime">
            Play a chime when someone is waiting to be let in
          </label>
        </div>
      </div>
      {permission === 'default' && !notifyAsked ? (
        <div className="call-alerts__ask">
          <p className="nhsuk-body-s">
            The desk can also show a notification when a parent starts waiting while this tab is behind another window.
          </p>
          <div className="call-alerts__buttons">
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => void ask()}>
              Turn on notifications
            </button>
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => setPref('notifyAsked', true)}>
              Not now
            </button>
          </div>
        </div>
      ) : permission === 'granted' ? (
        <p className="nhsuk-body-s call-alerts__state">Notifications are on for waiting parents.</p>
      ) : permission === 'denied' ? (
        <p className="nhsuk-body-s call-alerts__state">Notifications are blocked in this browser: the tab title shows “(1) Parent waiting” instead.</p>
      ) : null}
    </div>
  );
}
