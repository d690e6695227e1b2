import { useEffect } from 'react';
import { getSocket } from '../../lib/socket';
import { deskReaders } from '../../lib/deskReaders';
import { useResource } from '../../lib/useResource';
import { fetchCase } from './api';

/**
 * One case, kept fresh: the server says `case:changed` (invite sent, SMS status, call state) and the
 * case is fetched again. The watch is asked again on every (re)connection.
 */
export function useCase(caseId: string) {
  const resource = useResource(`/api/cases/${caseId}`, (signal) => fetchCase(caseId, signal));
  const { reload } = resource;

  useEffect(() => {
    const socket = getSocket('staff', deskReaders);
    const offChanged = socket.on('case:changed', (event) => {
      if (event.caseId === caseId) reload();
    });
    let reconnect = false;
    const offStatus = socket.onStatus((status) => {
      if (status !== 'connected') return;
      // After a reconnection, a change missed while disconnected is caught up by a reload.
      const caughtUp = reconnect ? reload : () => undefined;
      reconnect = true;
      socket.request('case:watch', { caseId }).then(caughtUp, () => undefined);
    });
    return () => {
      offChanged();
      offStatus();
      socket.request('case:unwatch', { caseId }).catch(() => undefined);
    };
  }, [caseId, reload]);

  return resource;
}
