import { formatUkPhone, guestInviteBodySchema, ROLE_LABEL, type GuestRole, type InviteResponse } from '@desk/shared';
import { useId, useState } from 'react';
import { SelectField, TextField } from '../../components/Fields';
import { ApiRequestError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { sendGuestInvite } from './api';

const GUEST_ROLES: GuestRole[] = ['paediatrician', 'interpreter'];

type Form = { role: GuestRole | ''; name: string; phone: string };
const EMPTY: Form = { role: '', name: '', phone: '' };

/**
 * "Invite a colleague": an on-call paediatrician or an interpreter gets their own one-time link by
 * SMS. They wait until the clinician lets them in, with the parent's agreement.
 */
export function InviteColleague({ caseId, onSent }: { caseId: string; onSent: () => void }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Form, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<InviteResponse | null>(null);
  const idBase = useId();
  const field = (name: keyof Form) => `${idBase}-${name}`;

  const submit = async () => {
    setFormError(null);
    const parsed = guestInviteBodySchema.safeParse(form);
    if (!parsed.success) {
      const next: Partial<Record<keyof Form, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Form;
        next[key] ??= key === 'role' ? 'Choose their role' : issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const response = await sendGuestInvite(caseId, parsed.data);
      setSent(response);
      setForm(EMPTY);
      setOpen(false);
      onSent();
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'MOBILE_REQUIRED') setErrors({ phone: 'The link goes by text message: enter a mobile number' });
      else if (error instanceof ApiRequestError && error.code === 'VALIDATION_FAILED' && Object.keys(error.fields).length) setErrors(error.fields);
      else setFormError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="desk-invite-colleague">
      {sent ? (
        <p className="nhsuk-body" role="status" data-testid="guest-sms-status">
          Link sent to {sent.participant.name} ({ROLE_LABEL[sent.participant.role].toLowerCase()}) on {formatUkPhone(sent.sms.to)}.
          They wait until you let them in.
        </p>
      ) : null}
      {!open ? (
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setOpen(true)}>
          Invite a colleague
        </button>
      ) : (
        <form
          className="desk-invite-colleague__form"
          aria-labelledby={`${idBase}-heading`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <h3 className="nhsuk-heading-s" id={`${idBase}-heading`}>
            Invite a colleague into the call
          </h3>
          <p className="nhsuk-hint">They get their own link by text message. Ask the parent before you let them in.</p>
          {formError ? (
            <p className="nhsuk-error-message" role="alert">
              <span className="nhsuk-u-visually-hidden">Error:</span> {formError}
            </p>
          ) : null}
          <SelectField id={field('role')} label="Role" error={errors.role} value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value as GuestRole })}>
            <option value="">Choose a role</option>
            {GUEST_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABEL[role]}
              </option>
            ))}
          </SelectField>
          <TextField id={field('name')} label="Name" autoComplete="off" error={errors.name} value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />
          <TextField
            id={field('phone')}
            label="Mobile number"
            type="tel"
            autoComplete="off"
            widthClass="nhsuk-input--width-20"
            error={errors.phone}
            value={form.phone}
            onChange={(event) => setForm({ ...form, phone: event.target.value })}
          />
          <div className="desk-invite-colleague__actions">
            <button type="submit" className="nhsuk-button" disabled={busy} aria-busy={busy}>
              Send invite link
            </button>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => {
                setOpen(false);
                setErrors({});
                setFormError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
