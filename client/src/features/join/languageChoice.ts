import type { ParentLanguage } from '@desk/shared';
import { api, noContentReader } from '../../lib/api';
import { useJoinStore } from './joinFlow';

/**
 * Tells the desk the parent picked another language on the switch: the case's language follows
 * (so the nurse knows, and the safety-netting text goes in it). Before the tap on "Join video call"
 * the link's token says which case (nothing is used up); after it, the join session does. A failed
 * report leaves the page in the chosen language all the same.
 */
export async function reportLanguageChoice(language: ParentLanguage): Promise<void> {
  const { phase, session } = useJoinStore.getState();
  const token = 'token' in phase ? phase.token : null;
  if (!token && !session) return;
  try {
    await api('POST', '/api/join/language', noContentReader, { body: token ? { token, language } : { language } });
  } catch {
    // The page is already in the parent's language; the desk still shows the case's.
  }
}
