import type { InviteResponse } from '@desk/shared';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/errors';
import { sendInvite } from './api';

export type InviteState = {
  sending: boolean;
  /** The last invite this page sent (the case's `lastSms` catches up through the socket). */
  sent: InviteResponse | null;
  mobileRequired: boolean;
  error: string | null;
};

export function useInvite(caseId: string, onSent: () => void) {
  const [state, setState] = useState<InviteState>({ sending: false, sent: null, mobileRequired: false, error: null });

  const send = async () => {
    if (state.sending) return;
    setState((s) => ({ ...s, sending: true, error: null, mobileRequired: false }));
    try {
      const sent = await sendInvite(caseId);
      setState({ sending: false, sent, mobileRequired: false, error: null });
      onSent();
    } catch (error) {
      const mobileRequired = isApiError(error, 'MOBILE_REQUIRED');
      setState((s) => ({ ...s, sending: false, mobileRequired, error: mobileRequired ? null : errorMessage(error) }));
    }
  };

  return { ...state, send };
}
