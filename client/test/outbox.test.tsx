import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import OutboxPage from '../src/pages/OutboxPage';
import { stubFetch } from './helpers';

const LINK = 'http://localhost:3000/join/abcdefghijklmnopqrstuvwxyz';

describe('OutboxPage', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('says when there are no messages yet, and that the page exists only in the demo', async () => {
    stubFetch().on('GET', '/api/dev/outbox', { status: 200, body: [] });
    render(<OutboxPage />);
    expect(await screen.findByText('No messages yet')).toBeInTheDocument();
    expect(screen.getByText(/This page exists only in the demo/)).toBeInTheDocument();
  });

  it('shows messages newest first with a tappable link, and refreshes every 2 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = stubFetch().on(
      'GET',
      '/api/dev/outbox',
      { status: 200, body: [] },
      {
        status: 200,
        body: [
          { to: '+447700900123', body: 'Older message', link: null, status: 'sent', createdAt: '2025-11-23T14:00:00.000Z' },
          {
            to: '+447700900123',
            body: `NHS 111: tap to join the video call ${LINK} The link works once.`,
            link: LINK,
            status: 'sent',
            createdAt: '2025-11-23T14:02:00.000Z',
          },
        ],
      },
    );
    render(<OutboxPage />);
    await screen.findByText('No messages yet');

    await vi.advanceTimersByTimeAsync(2_000);

    expect(await screen.findByRole('link', { name: LINK })).toHaveAttribute('href', LINK);
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('tap to join');
    expect(items[1]).toHaveTextContent('Older message');
    expect(server.callsTo('GET', '/api/dev/outbox').length).toBeGreaterThanOrEqual(2);
  });
});
