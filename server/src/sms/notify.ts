import { NotifyClient } from 'notifications-node-client';
import type { SmsMessage, SmsSender, SmsSendResult } from './sender.js';

/**
 * GOV.UK Notify. The template's body is `((message))`: the desk writes the words, Notify carries them
 * (docs/operations.md). `baseUrl` points the client at a stub in tests.
 */
export class NotifySmsSender implements SmsSender {
  readonly provider = 'govuk-notify';
  private readonly client: NotifyClient;

  constructor(private readonly options: { apiKey: string; templateId: string; baseUrl: string | null }) {
    this.client = options.baseUrl ? new NotifyClient(options.baseUrl, options.apiKey) : new NotifyClient(options.apiKey);
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    try {
      const response = await this.client.sendSms(this.options.templateId, message.to, {
        personalisation: { message: message.body },
        reference: message.reference,
      });
      return { providerId: (response.data as { id?: string }).id ?? null };
    } catch (error) {
      throw new Error(describeNotifyError(error));
    }
  }
}

/** Notify answers `{errors:[{error, message}]}`; keep its words, drop everything else (it may echo the number). */
function describeNotifyError(error: unknown): string {
  const response = (error as { response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } } }).response;
  const first = response?.data?.errors?.[0];
  if (response?.status && first) return `Notify ${response.status}: ${first.error ?? 'error'} – ${first.message ?? ''}`.trim();
  if (response?.status) return `Notify answered ${response.status}`;
  return 'Could not reach GOV.UK Notify';
}
