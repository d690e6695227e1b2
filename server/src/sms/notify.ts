import { NotifyClient } from 'notifications-node-client';
import { SmsSendError, type SmsMessage, type SmsSender, type SmsSendResult } from './sender.js';

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
      throw notifySendError(error);
    }
  }
}

/**
 * Notify answers `{errors:[{error, message}]}`; keep its words, drop everything else (it may echo the
 * number). 400 (a number or template Notify will not use) and 403 (the key) do not get better by
 * trying again; 429, 5xx and an unreachable Notify may.
 */
function notifySendError(error: unknown): SmsSendError {
  const response = (error as { response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } } }).response;
  const status = response?.status;
  const first = response?.data?.errors?.[0];
  const permanent = status === 400 || status === 403;
  if (status && first) return new SmsSendError(`Notify ${status}: ${first.error ?? 'error'} – ${first.message ?? ''}`.trim(), permanent);
  if (status) return new SmsSendError(`Notify answered ${status}`, permanent);
  return new SmsSendError('Could not reach GOV.UK Notify', false);
}
