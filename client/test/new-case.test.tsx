import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import NewCasePage from '../src/pages/NewCasePage';
import { CASE_ID, aCase, apiError, renderRoute, stubFetch } from './helpers';

vi.mock('../src/lib/socket', () => ({ getSocket: vi.fn(), closeSocket: vi.fn() }));

const LANDLINE_NOTE = 'Landline: the video link needs a mobile. You can still assess by phone.';

function renderForm() {
  const user = userEvent.setup();
  const view = renderRoute('/cases/new', <NewCasePage />, '/cases/new');
  return { user, ...view };
}

async function fillRequired(user: ReturnType<typeof userEvent.setup>, phone = '07700 900123') {
  await user.type(screen.getByLabelText('111 reference'), '111-ABC-123');
  await user.type(screen.getByLabelText("Child's first name"), 'Amelia');
  await user.type(screen.getByLabelText('Age'), '2');
  await user.type(screen.getByLabelText("Caller's phone number"), phone);
  await user.selectOptions(screen.getByLabelText("Caller's relationship to the child"), 'Mother');
  await user.click(screen.getByLabelText('Fever'));
}

const summary = () => screen.getByRole('alert');

describe('NewCasePage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists every missing required field, in page order, and sends nothing', async () => {
    const server = stubFetch();
    const { user } = renderForm();

    await user.click(screen.getByRole('button', { name: 'Create case' }));

    const links = within(summary()).getAllByRole('link').map((link) => link.textContent);
    expect(links).toEqual([
      'Enter the 111 reference',
      "Enter the child's first name",
      "Enter the child's age",
      "Enter the caller's phone number",
      "Select the caller's relationship to the child",
      'Select the presenting complaint',
    ]);
    expect(within(summary()).getByRole('link', { name: 'Select the presenting complaint' })).toHaveAttribute(
      'href',
      '#complaint',
    );
    expect(screen.getByLabelText('111 reference')).toHaveAccessibleDescription('Error: Enter the 111 reference');
    expect(server.calls).toHaveLength(0);
  });

  it('refuses a phone number that is not a UK number and keeps what was typed', async () => {
    stubFetch();
    const { user } = renderForm();
    await fillRequired(user, '12345');

    await user.click(screen.getByRole('button', { name: 'Create case' }));

    expect(within(summary()).getByRole('link', { name: /Enter a UK phone number/ })).toHaveAttribute('href', '#callerPhone');
    expect(screen.getByLabelText("Caller's phone number")).toHaveValue('12345');
    expect(screen.getByLabelText('111 reference')).toHaveValue('111-ABC-123');
    expect(screen.getByLabelText('Fever')).toBeChecked();
  });

  it('refuses NHS number 1234567890 (fails Modulus 11)', async () => {
    stubFetch();
    const { user } = renderForm();
    await fillRequired(user);
    await user.type(screen.getByLabelText('NHS number (optional)'), '1234567890');

    await user.click(screen.getByRole('button', { name: 'Create case' }));

    expect(within(summary()).getByRole('link', { name: 'This is not a valid NHS number: check the digits' })).toHaveAttribute(
      'href',
      '#nhsNumber',
    );
  });

  it('notes a landline as the number is typed, and still allows the case', async () => {
    stubFetch();
    const { user } = renderForm();
    await user.type(screen.getByLabelText("Caller's phone number"), '0113 496 0000');
    expect(screen.getByText(LANDLINE_NOTE)).toBeInTheDocument();

    await user.clear(screen.getByLabelText("Caller's phone number"));
    await user.type(screen.getByLabelText("Caller's phone number"), '07700 900123');
    expect(screen.queryByText(LANDLINE_NOTE)).not.toBeInTheDocument();
  });

  it('asks for free text when the relationship is Other', async () => {
    stubFetch();
    const { user } = renderForm();
    await user.selectOptions(screen.getByLabelText("Caller's relationship to the child"), 'Other');
    await user.click(screen.getByRole('button', { name: 'Create case' }));
    expect(within(summary()).getByRole('link', { name: "Enter the caller's relationship to the child" })).toHaveAttribute(
      'href',
      '#relationshipOther',
    );
  });

  it('posts the case with the age in months and opens it', async () => {
    const server = stubFetch().on('POST', '/api/cases', { status: 201, body: aCase() });
    const { user, router } = renderForm();
    await fillRequired(user);

    await user.click(screen.getByRole('button', { name: 'Create case' }));

    expect(await screen.findByTestId('navigated')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/cases/${CASE_ID}`);
    expect(server.callsTo('POST', '/api/cases')[0]?.body).toEqual({
      reference: '111-ABC-123',
      childFirstName: 'Amelia',
      childAgeMonths: 24,
      callerPhone: '+447700900123',
      relationship: 'Mother',
      complaint: 'fever',
    });
  });

  it('offers the five parent languages and Other in the language select, and sends the chosen code', async () => {
    const server = stubFetch().on('POST', '/api/cases', { status: 201, body: aCase() });
    const { user } = renderForm();
    await fillRequired(user);
    const select = screen.getByLabelText('Preferred language (optional)');
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Not given (English)',
      'English',
      'Polish (Polski)',
      'Romanian (Română)',
      'Urdu (اردو)',
      'Arabic (العربية)',
      'Other (type it)',
    ]);
    expect(screen.queryByLabelText('Language the parent asked for')).not.toBeInTheDocument();
    await user.selectOptions(select, 'Polish (Polski)');

    await user.click(screen.getByRole('button', { name: 'Create case' }));

    await screen.findByTestId('navigated');
    expect(server.callsTo('POST', '/api/cases')[0]?.body).toMatchObject({ preferredLanguage: 'pl' });
  });

  it('asks for the language as typed when Other is chosen, and sends what was typed', async () => {
    const server = stubFetch().on('POST', '/api/cases', { status: 201, body: aCase() });
    const { user } = renderForm();
    await fillRequired(user);
    await user.selectOptions(screen.getByLabelText('Preferred language (optional)'), 'Other (type it)');
    await user.type(screen.getByLabelText('Language the parent asked for'), ' Welsh ');

    await user.click(screen.getByRole('button', { name: 'Create case' }));

    await screen.findByTestId('navigated');
    expect(server.callsTo('POST', '/api/cases')[0]?.body).toMatchObject({ preferredLanguage: 'Welsh' });
  });

  it('puts a language too long for the case on the box it was typed in', async () => {
    stubFetch();
    const { user } = renderForm();
    await fillRequired(user);
    await user.selectOptions(screen.getByLabelText('Preferred language (optional)'), 'Other (type it)');
    await user.type(screen.getByLabelText('Language the parent asked for'), 'x'.repeat(41));

    await user.click(screen.getByRole('button', { name: 'Create case' }));

    expect(within(summary()).getByRole('link', { name: 'Must be 40 characters or fewer' })).toHaveAttribute('href', '#preferredLanguageOther');
  });

  it('shows the server’s field errors on the matching fields', async () => {
    stubFetch().on(
      'POST',
      '/api/cases',
      apiError(400, 'VALIDATION_FAILED', 'Check the form', { childAgeMonths: 'The desk sees children under 18' }),
    );
    const { user } = renderForm();
    await fillRequired(user);

    await user.click(screen.getByRole('button', { name: 'Create case' }));

    expect(await screen.findByRole('link', { name: 'The desk sees children under 18' })).toHaveAttribute('href', '#ageValue');
    expect(screen.getByLabelText('Age')).toHaveValue('2');
  });

  it('asks for the date of birth in three boxes (NHS.UK date input) and sends it as YYYY-MM-DD', async () => {
    const server = stubFetch().on('POST', '/api/cases', { status: 201, body: aCase() });
    const { user } = renderForm();
    const group = screen.getByRole('group', { name: 'Date of birth (optional)' });
    expect(group).toHaveAccessibleDescription('For example, 15 3 2024');
    expect(within(group).getAllByRole('textbox').map((box) => box.getAttribute('inputmode'))).toEqual(['numeric', 'numeric', 'numeric']);
    expect(document.querySelector('input[type="date"]')).toBeNull();
    await fillRequired(user);
    await user.type(within(group).getByLabelText('Day'), '15');
    await user.type(within(group).getByLabelText('Month'), '3');
    await user.type(within(group).getByLabelText('Year'), '2024');

    await user.click(screen.getByRole('button', { name: 'Create case' }));

    expect(await screen.findByTestId('navigated')).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/cases')[0]?.body).toMatchObject({ dateOfBirth: '2024-03-15' });
  });

  it('says which box of the date of birth is missing, links to it, and marks only it', async () => {
    const server = stubFetch();
    const { user } = renderForm();
    await fillRequired(user);
    const group = screen.getByRole('group', { name: 'Date of birth (optional)' });
    await user.type(within(group).getByLabelText('Day'), '15');
    await user.type(within(group).getByLabelText('Year'), '2024');

    await user.click(screen.getByRole('button', { name: 'Create case' }));

    const link = within(summary()).getByRole('link', { name: 'Date of birth must include a month' });
    expect(link).toHaveAttribute('href', '#dateOfBirth-month');
    expect(group).toHaveAccessibleDescription('For example, 15 3 2024 Error: Date of birth must include a month');
    expect(within(group).getByLabelText('Month')).toHaveAttribute('aria-invalid', 'true');
    expect(within(group).getByLabelText('Day')).not.toHaveAttribute('aria-invalid');
    await user.click(link);
    expect(within(group).getByLabelText('Month')).toHaveFocus();
    expect(server.calls).toHaveLength(0);
  });

  it('moves focus to the error summary on a failed submit', async () => {
    stubFetch();
    const { user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Create case' }));
    expect(screen.getByRole('heading', { name: 'There is a problem' }).closest('.nhsuk-error-summary')).toHaveFocus();
  });

  it('warns, without stopping the case, when the reference does not look like a 111 reference', async () => {
    const server = stubFetch().on('POST', '/api/cases', { status: 201, body: aCase({ reference: 'x' }) });
    const { user } = renderForm();
    const reference = screen.getByLabelText('111 reference');
    await user.type(reference, 'x');
    expect(screen.queryByTestId('reference-warning')).not.toBeInTheDocument();
    await user.tab();

    expect(screen.getByTestId('reference-warning')).toHaveTextContent('This does not look like a 111 reference (they look like 111-ABC-123)');
    expect(reference).toHaveAccessibleDescription(/^Warning: This does not look like a 111 reference/);
    expect(reference).not.toHaveAttribute('aria-invalid');

    await user.clear(reference);
    await user.type(reference, '111-ABC-123');
    expect(screen.queryByTestId('reference-warning')).not.toBeInTheDocument();

    await user.clear(reference);
    await user.type(reference, 'x');
    await user.type(screen.getByLabelText("Child's first name"), 'Amelia');
    await user.type(screen.getByLabelText('Age'), '2');
    await user.type(screen.getByLabelText("Caller's phone number"), '07700 900123');
    await user.selectOptions(screen.getByLabelText("Caller's relationship to the child"), 'Mother');
    await user.click(screen.getByLabelText('Fever'));
    await user.click(screen.getByRole('button', { name: 'Create case' }));

    expect(await screen.findByTestId('navigated')).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/cases')[0]?.body).toMatchObject({ reference: 'x' });
  });

  it('takes an error away as soon as its field is fixed, and keeps the others', async () => {
    stubFetch();
    const { user } = renderForm();
    await fillRequired(user, '12345');
    await user.clear(screen.getByLabelText("Child's first name"));
    await user.click(screen.getByRole('button', { name: 'Create case' }));
    expect(within(summary()).getAllByRole('link').map((link) => link.textContent)).toEqual([
      "Enter the child's first name",
      expect.stringMatching(/^Enter a UK phone number/),
    ]);

    const phone = screen.getByLabelText("Caller's phone number");
    await user.clear(phone);
    await user.type(phone, '07700 900123');

    expect(within(summary()).getAllByRole('link').map((link) => link.textContent)).toEqual(["Enter the child's first name"]);
    expect(screen.queryByText(/Enter a UK phone number/)).not.toBeInTheDocument();
    expect(phone).not.toHaveAttribute('aria-invalid');
    expect(phone).not.toHaveAccessibleDescription(/Error/);

    await user.type(screen.getByLabelText("Child's first name"), 'Amelia');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByLabelText('111 reference')).toHaveValue('111-ABC-123');
  });

  it('takes a server error away once its field is edited', async () => {
    stubFetch().on('POST', '/api/cases', apiError(400, 'VALIDATION_FAILED', 'Check the form', { childAgeMonths: 'The desk sees children under 18' }));
    const { user } = renderForm();
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Create case' }));
    await screen.findByRole('link', { name: 'The desk sees children under 18' });

    await user.type(screen.getByLabelText("Child's first name"), 'a');
    expect(screen.getByRole('link', { name: 'The desk sees children under 18' })).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Age'));
    await user.type(screen.getByLabelText('Age'), '3');
    expect(screen.queryByText('The desk sees children under 18')).not.toBeInTheDocument();
  });
});
