import { DISPOSITION_LABEL, DISPOSITIONS_MOST_URGENT_FIRST, FEATURE_GROUP_LABEL, featureGroups } from '@desk/shared';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionForm } from '../src/features/decision/DecisionForm';
import { groupSummary, type FindingsState } from '../src/features/triage/findings';
import { CASE_ID } from './helpers';

/** The form alone (no fetch happens until preview or sign), for Amelia, 26 months, with fever. */
async function renderForm() {
  const user = userEvent.setup();
  render(<DecisionForm caseId={CASE_ID} patient={{ ageMonths: 26, complaint: 'fever' }} onSigned={vi.fn()} onConflict={vi.fn()} />);
  await screen.findByRole('region', { name: 'NICE NG143 traffic light (fever in under 5s)' });
  return user;
}

const group = (name: string) => screen.getByRole('group', { name });
const feature = (name: string) => screen.queryByRole('group', { name });
const choose = (name: string, choice: 'Present' | 'Absent' | 'Not assessed') => within(group(name)).getByRole('radio', { name: choice });
const summaryOf = (name: string) => within(group(name)).getByTestId('group-summary');
const highestBand = () => within(screen.getByTestId('traffic-light')).getByText(/^Highest band:/).querySelector('.nhsuk-tag')?.textContent;
const videoOnly = () => screen.getByRole('checkbox', { name: 'Show only what video can show' });

describe('groupSummary: what a group line counts', () => {
  it.each<[string, FindingsState, number, string]>([
    ['nothing recorded', {}, 26, '0/6 · red 0 amber 0 green 0 · 2 not on video'],
    ['absent counts as answered, never as a band', { grunting: 'absent' }, 26, '1/6 · red 0 amber 0 green 0 · 2 not on video'],
    ['a measured rate is banded by age (45/min at 26 months is amber)', { breathing_rate: '45' }, 26, '1/6 · red 0 amber 1 green 0 · 2 not on video'],
    ['at 6 years the same rate is answered but not banded', { breathing_rate: '45' }, 72, '1/6 · red 0 amber 0 green 0 · 2 not on video'],
    ['a rate that is not a number is not answered', { breathing_rate: 'fast' }, 26, '0/6 · red 0 amber 0 green 0 · 2 not on video'],
    ['present features by their band', { grunting: 'present', nasal_flaring: 'present', crackles: 'present' }, 26, '3/6 · red 1 amber 2 green 0 · 2 not on video'],
  ])('respiratory, %s', (_, findings, ageMonths, expected) => {
    const summary = groupSummary(findings, 'respiratory', ageMonths);
    expect(
      `${summary.answered}/${summary.total} · red ${summary.present.red} amber ${summary.present.amber} green ${summary.present.green} · ${summary.notOnVideo} not on video`,
    ).toBe(expected);
  });
});

describe('Checklist groups that fold', () => {
  beforeEach(() => sessionStorage.clear());

  it('starts with every group open, each named by its NG143 group alone', async () => {
    await renderForm();
    for (const key of featureGroups) {
      const label = FEATURE_GROUP_LABEL[key];
      expect(group(label)).toHaveAccessibleName(label);
      const toggle = within(group(label)).getByRole('button', { name: `Hide ${label}` });
      expect(toggle).toHaveAttribute('aria-expanded', 'true');
      expect(document.getElementById(toggle.getAttribute('aria-controls') ?? '')).toBeVisible();
    }
  });

  it('folds a group to a line of what was recorded in it, and unfolds it with every answer kept', async () => {
    const user = await renderForm();
    await user.click(choose('Nasal flaring', 'Present'));
    await user.click(choose('Grunting', 'Present'));
    await user.click(choose('Moderate or severe chest indrawing', 'Absent'));
    await user.type(screen.getByRole('textbox', { name: 'Breathing rate' }), '45');

    await user.click(screen.getByRole('button', { name: 'Hide Respiratory' }));

    const show = await screen.findByRole('button', { name: 'Show Respiratory' });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    expect(feature('Nasal flaring')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Breathing rate' })).not.toBeInTheDocument();
    // The red and amber answers are said in words, not only by colour.
    expect(summaryOf('Respiratory')).toHaveTextContent(/^4 of 6 answered · 1 red feature present · 2 amber features present$/);
    expect(show).toHaveAccessibleDescription(summaryOf('Respiratory').textContent ?? '');
    expect(group('Respiratory')).toHaveAccessibleName('Respiratory');
    // Folding only hides: the band still counts what is in the folded group.
    expect(highestBand()).toBe('Red');

    await user.click(show);

    expect(await screen.findByRole('button', { name: 'Hide Respiratory' })).toHaveAttribute('aria-expanded', 'true');
    expect(choose('Nasal flaring', 'Present')).toBeChecked();
    expect(choose('Grunting', 'Present')).toBeChecked();
    expect(choose('Moderate or severe chest indrawing', 'Absent')).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Breathing rate' })).toHaveValue('45');
  });

  it('says a folded group holds nothing yet, and leaves the other groups open', async () => {
    const user = await renderForm();
    await user.click(screen.getByRole('button', { name: 'Hide Activity' }));
    expect(summaryOf('Activity')).toHaveTextContent(/^0 of 12 answered$/);
    expect(within(group('Other')).getByRole('button', { name: 'Hide Other' })).toHaveAttribute('aria-expanded', 'true');
    expect(feature('Neck stiffness')).toBeInTheDocument();
  });

  it('opens a folded group when a "not assessed" link in the band panel points into it, and focuses the feature', async () => {
    const user = await renderForm();
    await user.click(screen.getByRole('button', { name: 'Hide Other' }));
    expect(screen.queryByRole('textbox', { name: 'Temperature' })).not.toBeInTheDocument();

    const panel = screen.getByTestId('traffic-light');
    await user.click(within(panel).getByText('Features not assessed'));
    await user.click(within(panel).getByRole('link', { name: 'Temperature' }));

    expect(await screen.findByRole('textbox', { name: 'Temperature' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Hide Other' })).toHaveAttribute('aria-expanded', 'true');
  });
});

describe('"Show only what video can show"', () => {
  beforeEach(() => sessionStorage.clear());

  it('marks what video cannot show in words while every feature is shown', async () => {
    await renderForm();
    expect(videoOnly()).not.toBeChecked();
    expect(within(group('Crackles in the chest')).getByText('Not on video')).toBeInTheDocument();
    expect(within(group('Nasal flaring')).queryByText('Not on video')).not.toBeInTheDocument();
    expect(screen.getByTestId('video-filter-status')).toHaveTextContent(/^$/);
  });

  it('hides the features video cannot show, says how many, and keeps and counts their answers', async () => {
    const user = await renderForm();
    await user.click(choose('Crackles in the chest', 'Present'));
    await user.click(choose('Grunting', 'Absent'));

    await user.click(videoOnly());

    expect(await screen.findByText('Hidden: the 8 features video cannot show, 1 of them answered. Answers are kept and still count.')).toBeInTheDocument();
    expect(feature('Crackles in the chest')).not.toBeInTheDocument();
    expect(feature('Pallor reported by parent or carer')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Oxygen saturation in air' })).not.toBeInTheDocument();
    expect(feature('Grunting')).toBeInTheDocument();
    expect(summaryOf('Respiratory')).toHaveTextContent(/^2 of 6 answered · 1 amber feature present · 2 hidden \(not on video\)$/);
    expect(summaryOf('Colour of skin, lips or tongue')).toHaveTextContent(/^0 of 3 answered · 1 hidden \(not on video\)$/);
    // A hidden answer still sets the band.
    expect(highestBand()).toBe('Amber');
    expect(within(screen.getByTestId('band-reasons')).getByText('Crackles in the chest')).toBeInTheDocument();

    await user.click(videoOnly());

    expect(await screen.findByRole('group', { name: 'Crackles in the chest' })).toBeInTheDocument();
    expect(choose('Crackles in the chest', 'Present')).toBeChecked();
    expect(screen.getByTestId('video-filter-status')).toHaveTextContent(/^$/);
    expect(summaryOf('Respiratory')).toHaveTextContent(/^2 of 6 answered · 1 amber feature present$/);
  });

  it('lifts the filter when a "not assessed" link points to a hidden feature', async () => {
    const user = await renderForm();
    await user.click(videoOnly());
    const panel = screen.getByTestId('traffic-light');
    await user.click(within(panel).getByText('Features not assessed'));
    await user.click(within(panel).getByRole('link', { name: 'Oxygen saturation in air' }));

    expect(await screen.findByRole('textbox', { name: 'Oxygen saturation in air' })).toHaveFocus();
    expect(videoOnly()).not.toBeChecked();
  });
});

describe('The band panel, compact', () => {
  beforeEach(() => sessionStorage.clear());

  it('names an emergency feature once, on the emergency line, and speaks the band and the 999 suggestion', async () => {
    const user = await renderForm();
    const panel = screen.getByTestId('traffic-light');
    const live = panel.querySelector('[aria-live="polite"]');
    expect(live).toHaveTextContent(/^Traffic light: Not assessed\.$/);

    await user.click(choose('Grunting', 'Present'));
    await user.click(choose('Status epilepticus', 'Present'));

    expect(await within(panel).findByTestId('emergency-reasons')).toHaveTextContent(/^Status epilepticus$/);
    expect(within(panel).getByText('Other red features:')).toBeInTheDocument();
    expect(within(panel).getByTestId('band-reasons')).toHaveTextContent(/^Grunting$/);
    expect(live).toHaveTextContent(/^Traffic light: Red\. Emergency features: suggest 999\.$/);
    expect(within(panel).getByText('Clinician decides.')).toBeInTheDocument();
  });
});

describe('Dispositions: most urgent first, the NG143 route marked, the clinician choosing', () => {
  beforeEach(() => sessionStorage.clear());

  const MEETS = 'Meets the NG143 route for this band';
  const radios = () => within(screen.getByRole('group', { name: 'Disposition' })).getAllByRole('radio');
  /** Each option as "label: its description" ("" when unmarked), top to bottom. */
  const marks = () =>
    radios().map((radio) => {
      const description = radio.getAttribute('aria-describedby') ? ` — ${document.getElementById(radio.getAttribute('aria-describedby')!)?.textContent}` : '';
      return `${document.querySelector(`label[for="${radio.id}"]`)?.textContent}${description}`;
    });
  const noneChosen = () => expect(radios().filter((radio) => (radio as HTMLInputElement).checked)).toEqual([]);

  it('lists 999 first and self-care last, and marks nothing before a band', async () => {
    await renderForm();
    expect(radios().map((radio) => radio.getAttribute('value'))).toEqual([...DISPOSITIONS_MOST_URGENT_FIRST]);
    expect(marks()).toEqual(DISPOSITIONS_MOST_URGENT_FIRST.map((disposition) => DISPOSITION_LABEL[disposition]));
    expect(screen.queryAllByTestId('route-mark')).toEqual([]);
    noneChosen();
  });

  it('red: marks 999, and the emergency department, UTC and GP with the timeframe that meets the route', async () => {
    const user = await renderForm();
    await user.click(choose('Grunting', 'Present'));
    expect(await screen.findAllByTestId('route-mark')).toHaveLength(4);
    expect(marks()).toEqual([
      `999 ambulance — ${MEETS}`,
      `Emergency department — ${MEETS} if within 1 hour`,
      `Urgent treatment centre — ${MEETS} if within 2 hours`,
      `GP / primary care — ${MEETS} if within 2 hours`,
      'Referral: specialist paediatric advice line',
      "Referral: Connecting Care Children's Hub",
      'Community pharmacy',
      'Self-care at home with safety-netting',
    ]);
    // The mark describes the option; its accessible name (what the e2e picks it by) is unchanged.
    expect(screen.getByRole('radio', { name: '999 ambulance' })).toHaveAccessibleDescription(MEETS);
    noneChosen();
  });

  it('amber: marks every face-to-face option', async () => {
    const user = await renderForm();
    await user.click(choose('Nasal flaring', 'Present'));
    expect(await screen.findAllByTestId('route-mark')).toHaveLength(4);
    expect(marks()).toEqual([
      `999 ambulance — ${MEETS}`,
      `Emergency department — ${MEETS}`,
      `Urgent treatment centre — ${MEETS}`,
      `GP / primary care — ${MEETS}`,
      'Referral: specialist paediatric advice line',
      "Referral: Connecting Care Children's Hub",
      'Community pharmacy',
      'Self-care at home with safety-netting',
    ]);
    noneChosen();
  });

  it('green: marks care at home, and choosing an option is still the clinician’s', async () => {
    const user = await renderForm();
    await user.click(choose('Normal colour of skin, lips and tongue', 'Present'));
    expect(await screen.findAllByTestId('route-mark')).toHaveLength(2);
    expect(marks().slice(-2)).toEqual([`Community pharmacy — ${MEETS}`, `Self-care at home with safety-netting — ${MEETS}`]);
    expect(marks().slice(0, -2).every((mark) => !mark.includes(MEETS))).toBe(true);
    noneChosen();

    await user.click(screen.getByRole('radio', { name: 'GP / primary care' }));
    expect(screen.getByRole('radio', { name: 'GP / primary care' })).toBeChecked();
  });
});
