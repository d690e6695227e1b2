import type { ClinicianAvailability } from '@desk/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { errorMessage } from '../../lib/errors';
import { fetchAvailability, saveAvailability } from './api';

/**
 * What the clinician told the desk about themselves (available or away; in call and wrap-up follow
 * from their calls), framework-free. A change shows at once and is put back, with the reason, if
 * the server refuses it. React only renders the store (AvailabilityControl.tsx).
 */
export type AvailabilityState = {
  /** What the page shows: the server's value, or one being saved. Null until read. */
  availability: ClinicianAvailability | null;
  saving: boolean;
  problem: string | null;
};

export const AVAILABILITY_LABEL: Record<ClinicianAvailability, string> = { available: 'Available', away: 'Away' };

export type Availability = { store: StoreApi<AvailabilityState>; load(): Promise<void>; set(next: ClinicianAvailability): Promise<void> };

type Client = { fetchAvailability: typeof fetchAvailability; saveAvailability: typeof saveAvailability };

export function createAvailability(client: Client = { fetchAvailability, saveAvailability }): Availability {
  const store = createStore<AvailabilityState>()(() => ({ availability: null, saving: false, problem: null }));
  /** The last value the server confirmed: what a refused change goes back to. */
  let confirmed: ClinicianAvailability | null = null;
  /** Each change has a number: only the latest one's answer decides what is shown. */
  let generation = 0;

  return {
    store,
    async load() {
      const mine = generation;
      try {
        const { availability } = await client.fetchAvailability();
        confirmed = availability;
        if (mine === generation) store.setState({ availability, problem: null });
      } catch (error) {
        if (mine === generation) store.setState({ problem: `Could not read your status: ${errorMessage(error)}` });
      }
    },
    async set(next) {
      const mine = ++generation;
      store.setState({ availability: next, saving: true, problem: null });
      try {
        const { availability } = await client.saveAvailability(next);
        confirmed = availability;
        if (mine === generation) store.setState({ availability, saving: false });
      } catch (error) {
        if (mine !== generation) return;
        const still = confirmed ? ` You are still shown as ${AVAILABILITY_LABEL[confirmed].toLowerCase()}.` : '';
        store.setState({ availability: confirmed, saving: false, problem: `Could not change your status: ${errorMessage(error)}${still}` });
      }
    },
  };
}
