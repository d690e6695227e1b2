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
});
