import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecentDecisions } from '../src/features/queue/RecentDecisions';
import { CASE_ID, aDecision, stubFetch } from './helpers';

const item = (reference: string, decision: Record<string, unknown>) => ({
  caseId: CASE_ID,
  reference,
  childFirstName: 'Amelia',
  childAgeMonths: 26,
  decision: aDecision(decision),
});

describe('RecentDecisions (supervisor wall)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('highlights an override with its reason and shows referral details', async () => {
    stubFetch().on('GET', '/api/supervisor/decisions', {
      status: 200,
      body: [
        item('111-OVR', { id: 'd1', disposition: 'self_care', timeframeHours: null, band: 'red', overridden: true, overrideReason: 'Grunting resolved on re-check' }),
        item('111-HUB', { id: 'd2', disposition: 'hub_referral', timeframeHours: null, hubReferral: { hub: 'North hub', reason: 'Recurrent wheeze' } }),
      ],
    });
    render(<RecentDecisions refreshKey={null} />);

    const table = await screen.findByTestId('recent-decisions');
    const override = within(table).getByText('111-OVR').closest('tr') as HTMLElement;
    expect(override).toHaveClass('desk-row--override');
    expect(within(override).getByText('Override')).toBeInTheDocument();
    expect(override).toHaveTextContent('Grunting resolved on re-check');
    expect(override).toHaveTextContent(/Red/);
    const hub = within(table).getByText('111-HUB').closest('tr') as HTMLElement;
    expect(hub).not.toHaveClass('desk-row--override');
    expect(hub).toHaveTextContent("Referral: Connecting Care Children's Hub: North hub (Recurrent wheeze)");
    expect(screen.getByText(/1 below the NG143 route/)).toBeInTheDocument();
  });

  it('says when nothing was signed, and reloads when the queue moves', async () => {
    const server = stubFetch().on('GET', '/api/supervisor/decisions', { status: 200, body: [] }, { status: 200, body: [item('111-NEW', {})] });
    const { rerender } = render(<RecentDecisions refreshKey={null} />);
    expect(await screen.findByText('No decisions signed in the last 24 hours.')).toBeInTheDocument();

    rerender(<RecentDecisions refreshKey="2025-11-23T14:31:00.000Z" />);
    expect(await screen.findByText('111-NEW')).toBeInTheDocument();
    expect(server.callsTo('GET', '/api/supervisor/decisions')).toHaveLength(2);
  });
});
