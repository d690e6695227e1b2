export type SmsTemplate = 'video_invite' | 'safety_netting';

export type SmsMessage = {
  to: string;
  body: string;
  template: SmsTemplate;
  /** Our reference for the provider's delivery receipts: the outbox row id. */
  reference: string;
};

export type SmsSendResult = { providerId: string | null };

/** Where SMS go. Every message is also recorded in `sms_outbox`, whatever the sender. */
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
