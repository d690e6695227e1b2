import { featureKeys, type Complaint } from '@desk/shared';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionForm } from '../src/features/decision/DecisionForm';
import { CASE_ID } from './helpers';

/** The form alone (no fetch happens until preview or sign), for a child of `ageMonths`. */
function renderForm(ageMonths: number, complaint: Complaint = 'fever', user = userEvent.setup()) {
  render(<DecisionForm caseId={CASE_ID} patient={{ ageMonths, complaint }} onSigned={vi.fn()} onConflict={vi.fn()} />);
  return { user };
}

const panel = () => screen.getByTestId('traffic-light');
const highestBand = () => within(panel()).getByText(/^Highest band:/).querySelector('.nhsuk-tag')?.textContent;
const choose = (feature: string, choice: 'Present' | 'Absent' | 'Not assessed') =>
  within(screen.getByRole('group', { name: feature })).getByRole('radio', { name: choice });
const breathingRate = () => screen.getByRole('textbox', { name: 'Breathing rate' });

describe('NG143 traffic-light checklist', () => {
  beforeEach(() => sessionStorage.clear());

  it('is headed as NG143 for fever in under 5s, says the clinician decides, and starts not assessed', () => {
    renderForm(26);
    expect(screen.getByRole('heading', { name: 'NICE NG143 traffic light (fever in under 5s)' })).toBeInTheDocument();
    expect(panel()).toHaveTextContent('Clinician decides');
    expect(highestBand()).toBe('Not assessed');
    expect(screen.getByTestId('not-assessed-count')).toHaveTextContent(`${featureKeys.length} of ${featureKeys.length} features not assessed`);
    expect(choose('Nasal flaring', 'Not assessed')).toBeChecked();
  });

  it('groups features as NG143 does and marks what video can show', () => {
    renderForm(26);
    for (const group of ['Colour of skin, lips or tongue', 'Activity', 'Respiratory', 'Circulation and hydration', 'Other']) {
      expect(screen.getByRole('group', { name: group })).toBeInTheDocument();
    }
    expect(within(screen.getByRole('group', { name: 'Colour of skin, lips or tongue' })).getByText(/depends on the lighting/)).toBeInTheDocument();
    // How to see what video can show: capillary refill close to the camera, the glass test on the back camera.
    expect(within(screen.getByRole('group', { name: 'Circulation and hydration' })).getByText(/Capillary refill: ask the parent to press/)).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Other' })).getByText(/back camera and press the side of a clear glass/)).toBeInTheDocument();
    // jsdom drops the space after a visually hidden span; browsers keep it.
    expect(screen.getByRole('group', { name: 'Nasal flaring' })).toHaveAccessibleDescription(
      /^NG143 band:\s?Amber Video: can be seen or heard on a video call$/,
    );
    // What video cannot show says so in words, not by a missing "Video" tag.
    expect(screen.getByRole('group', { name: 'Crackles in the chest' })).toHaveAccessibleDescription(
      /^NG143 band:\s?Amber Not on video: a video call cannot show this$/,
    );
  });

  it('shows Amber and the reason when an amber feature is present, and counts it as assessed', async () => {
    const { user } = renderForm(26);
    await user.click(choose('Nasal flaring', 'Present'));

    expect(highestBand()).toBe('Amber');
    expect(within(screen.getByTestId('band-reasons')).getByText('Nasal flaring')).toBeInTheDocument();
    expect(screen.getByTestId('not-assessed-count')).toHaveTextContent(`${featureKeys.length - 1} of ${featureKeys.length}`);

    await user.click(choose('Grunting', 'Absent'));
    expect(highestBand()).toBe('Amber');
    expect(screen.getByTestId('not-assessed-count')).toHaveTextContent(`${featureKeys.length - 2} of ${featureKeys.length}`);

    await user.click(choose('Nasal flaring', 'Not assessed'));
    // Only an absent feature left: absence alone never makes a child green.
    expect(highestBand()).toBe('Not assessed');
    expect(screen.getByTestId('not-assessed-count')).toHaveTextContent(`${featureKeys.length - 1} of ${featureKeys.length}`);
    await user.click(choose('Normal colour of skin, lips and tongue', 'Present'));
    expect(highestBand()).toBe('Green');
  });

  it.each([
    [41, 'Amber', 'Breathing rate 41/min: over 40 over 12 months'],
    [40, 'Green', 'Breathing rate 40/min'],
  ])('bands a breathing rate of %s at 13 months as %s, live', async (rate, band, reason) => {
    const { user } = renderForm(13);
    await user.type(breathingRate(), String(rate));

    expect(highestBand()).toBe(band);
    expect(breathingRate()).toHaveAccessibleDescription(new RegExp(`NG143 band:\\s?${band} ${reason}$`));
  });

  it('bands a decimal temperature by age (38.2 °C under 3 months is red)', async () => {
    const { user } = renderForm(2);
    await user.type(screen.getByRole('textbox', { name: 'Temperature' }), '38.2');
    expect(highestBand()).toBe('Red');
    expect(within(screen.getByTestId('band-reasons')).getByText('Temperature 38.2 °C: 38 °C or more under 3 months')).toBeInTheDocument();
  });

  it('suggests 999 for an emergency feature, and the clinician still decides', async () => {
    const { user } = renderForm(26);
    await user.click(choose('Status epilepticus', 'Present'));

    expect(highestBand()).toBe('Red');
    expect(panel()).toHaveTextContent('Emergency features: suggest 999.');
    expect(within(screen.getByTestId('emergency-reasons')).getByText('Status epilepticus')).toBeInTheDocument();
    expect(screen.getByTestId('route-suggestion')).toHaveTextContent(
      'NG143 route (red band): Emergency features: 999 ambulance (or emergency department). Clinician decides',
    );
  });

  it('suggests 999 for fever with a non-blanching rash (NG240)', async () => {
    const { user } = renderForm(26);
    await user.click(choose('Non-blanching rash', 'Present'));
    expect(within(screen.getByTestId('emergency-reasons')).getByText(/suspected meningococcal disease/)).toBeInTheDocument();
  });

  it.each([
    [72, 'fever' as const, 'Age 5 years or over: NG143 is for under 5s.'],
    [26, 'sore_throat' as const, 'No fever recorded: NG143 is written for feverish children. The table is a guide only.'],
  ])('labels the table a guide only at %s months with %s', (ageMonths, complaint, limit) => {
    renderForm(ageMonths, complaint);
    expect(panel()).toHaveTextContent(limit);
  });

  it('shows a breathing rate at 6 years without banding it', async () => {
    const { user } = renderForm(72);
    await user.type(breathingRate(), '45');
    expect(breathingRate()).toHaveAccessibleDescription(expect.stringContaining('Not banded: NG143 sets no threshold at this age'));
    // An unbanded value is shown, never counted as green.
    expect(highestBand()).toBe('Not assessed');
  });

  it('lists the features not assessed as links that move focus to them', async () => {
    const { user } = renderForm(26);
    await user.click(within(panel()).getByText('Features not assessed'));
    await user.click(within(panel()).getByRole('link', { name: 'Grunting' }));
    expect(choose('Grunting', 'Not assessed')).toHaveFocus();
  });
});

describe('Count breaths', () => {
  beforeEach(() => {
    sessionStorage.clear();
    // Only the clock the counter uses: RTL and user-event wait on real setTimeout.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => vi.useRealTimers());

  const fakeUser = () => userEvent.setup();
  const countdown = () => screen.getByText(/seconds left/, { selector: '.desk-breath-counter__time' });
  const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));

  it('counts taps for 30 seconds, doubles them into the breathing rate and bands it', async () => {
    const { user } = renderForm(13, 'fever', fakeUser());
    await user.click(screen.getByRole('button', { name: 'Count breaths for 30 seconds' }));
    const tap = screen.getByRole('button', { name: 'Tap for each breath' });
    expect(tap).toHaveFocus();
    expect(countdown()).toHaveTextContent('30 seconds left');

    for (let breath = 0; breath < 23; breath += 1) {
      await user.click(tap);
      advance(1000);
    }
    expect(screen.getByTestId('breaths-counted')).toHaveTextContent('23');
    expect(countdown()).toHaveTextContent('7 seconds left');
    advance(7000);

    expect(screen.queryByRole('button', { name: 'Tap for each breath' })).not.toBeInTheDocument();
    expect(breathingRate()).toHaveValue('46');
    expect(breathingRate()).toHaveFocus();
    expect(screen.getByText('Counted 23 breaths in 30 seconds (× 2): 46 breaths per minute.')).toBeInTheDocument();
    expect(highestBand()).toBe('Amber');
  });

  it('works from the keyboard (Space and Enter) over 60 seconds, and speaks only at the start, near the end and at the end', async () => {
    const { user } = renderForm(26, 'fever', fakeUser());
    screen.getByRole('button', { name: 'Count breaths for 60 seconds' }).focus();
    await user.keyboard('{Enter}');
    const live = document.querySelector('.desk-breath-counter [aria-live="polite"]');
    expect(live).toHaveTextContent('Counting for 60 seconds. Tap for each breath.');

    for (let i = 0; i < 12; i++) await user.keyboard(i % 2 ? ' ' : '{Enter}');
    advance(45_000);
    expect(live).toHaveTextContent('Counting for 60 seconds. Tap for each breath.');
    advance(5_000);
    expect(live).toHaveTextContent('10 seconds left');
    advance(10_000);

    expect(breathingRate()).toHaveValue('12');
    expect(live).toHaveTextContent('Count finished: 12 breaths in 60 seconds, 12 breaths per minute. Breathing rate filled in.');
  });

  it('does not overwrite a typed rate with a count where taps were clearly missed', async () => {
    const { user } = renderForm(26, 'fever', fakeUser());
    await user.type(breathingRate(), '33');
    await user.click(screen.getByRole('button', { name: 'Count breaths for 30 seconds' }));
    await user.click(screen.getByRole('button', { name: 'Tap for each breath' }));
    advance(30_000);

    expect(breathingRate()).toHaveValue('33');
    expect(screen.getByText(/Counted 1 breath in 30 seconds/)).toHaveTextContent(/Too few to be a breathing rate: the field was not changed/);
  });

  it('Escape cancels a count', async () => {
    const { user } = renderForm(26, 'fever', fakeUser());
    await user.click(screen.getByRole('button', { name: 'Count breaths for 60 seconds' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('button', { name: 'Tap for each breath' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Count breaths for 30 seconds' })).toHaveFocus();
  });

  it('cancels without touching the field, and returns focus to the start', async () => {
    const { user } = renderForm(26, 'fever', fakeUser());
    await user.type(breathingRate(), '30');
    await user.click(screen.getByRole('button', { name: 'Count breaths for 30 seconds' }));
    await user.click(screen.getByRole('button', { name: 'Tap for each breath' }));
    await user.click(screen.getByRole('button', { name: 'Cancel count' }));
    advance(60_000);

    expect(breathingRate()).toHaveValue('30');
    expect(screen.getByRole('button', { name: 'Count breaths for 30 seconds' })).toHaveFocus();
  });
});
