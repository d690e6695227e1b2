export type SmsTemplate = 'video_invite' | 'safety_netting';

export type SmsMessage = {
  to: string;
  body: string;
  template: SmsTemplate;
  /** Our reference for the provider's delivery receipts: the outbox row id. */
  reference: string;
};

export type SmsSendResult = { providerId: string | null };

/**
 * A provider's refusal, in words a clinician can act on. `permanent`: trying again cannot help (a
 * number the provider will not text); otherwise the worker retries with backoff.
 */
export class SmsSendError extends Error {
  constructor(
    readonly reason: string,
    readonly permanent: boolean,
  ) {
    super(reason);
    this.name = 'SmsSendError';
  }
}

/**
 * Where SMS go. The worker (`worker.ts`) calls `send` for each row of `sms_outbox`; a sender throws
 * `SmsSendError` when the provider refuses, anything else counts as a retryable failure.
 */
export interface SmsSender {
  readonly provider: string;
  send(message: SmsMessage): Promise<SmsSendResult>;
}

/** Dev/demo: the outbox table is the phone (`/dev/outbox`). Nothing leaves the machine. */
export class DevOutboxSender implements SmsSender {
  readonly provider = 'dev-outbox';
  async send(): Promise<SmsSendResult> {
    return { providerId: null };
  }
}
