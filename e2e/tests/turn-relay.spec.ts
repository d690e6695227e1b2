import { expect, test, type Page } from '@playwright/test';
import { clinician, createCase, parent, signIn, type Actor } from '../support/actors';
import { startDeskServer, type DeskServer } from '../support/desk';
import { expectMediaFlowing } from '../support/media';
import { snapViewport } from '../support/screens';
import { startTurnServer, turnserverPath, type TurnServer } from '../support/turn';

/**
 * A call through a real TURN relay: a coturn of the test's own (`use-auth-secret`), a desk server
 * given TURN_URLS + TURN_SECRET and ICE_TRANSPORT_POLICY=relay, so the browsers may use nothing but
 * relayed candidates. Proved by decoded frames on both sides and a selected candidate pair that is
 * `relay` at both ends, with the per-call credentials the desk issued once the parent was let in;
 * then an ICE restart, before which both sides fetch fresh credentials for their new allocations.
 */

const TURNSERVER = turnserverPath();
// Skipped only where coturn is not installed: CI installs it (.ci/run: apt-get install coturn).
test.skip(TURNSERVER === null, 'the TURN relay test needs coturn’s turnserver (apt-get install -y coturn); CI installs it');

type RelayView = {
  policy: string | undefined;
  usernames: string[];
  localTypes: string[];
  selected: { local: string; remote: string; protocol: string } | null;
};

/** The newest live connection's configuration, the candidates it gathered and the pair it chose (from getStats()). */
async function relayView(page: Page): Promise<RelayView> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    const pc = pcs.filter((p) => p.connectionState !== 'closed').at(-1);
    if (!pc) return { policy: undefined, usernames: [], localTypes: [], selected: null };
    const config = pc.getConfiguration();
    const stats = await pc.getStats();
    type Entry = { type: string; id: string; selectedCandidatePairId?: string; localCandidateId?: string; remoteCandidateId?: string; candidateType?: string; protocol?: string };
    const entries: Entry[] = [];
    stats.forEach((entry: Entry) => entries.push(entry));
    const byId = new Map(entries.map((e) => [e.id, e]));
    const pairId = entries.find((e) => e.type === 'transport' && e.selectedCandidatePairId)?.selectedCandidatePairId;
    const pair = pairId ? byId.get(pairId) : undefined;
    const local = pair?.localCandidateId ? byId.get(pair.localCandidateId) : undefined;
    const remote = pair?.remoteCandidateId ? byId.get(pair.remoteCandidateId) : undefined;
    return {
      policy: config.iceTransportPolicy,
      usernames: (config.iceServers ?? []).map((s) => s.username ?? '').filter(Boolean),
      localTypes: [...new Set(entries.filter((e) => e.type === 'local-candidate').map((e) => e.candidateType ?? '?'))],
      selected: local && remote ? { local: local.candidateType ?? '?', remote: remote.candidateType ?? '?', protocol: local.protocol ?? '?' } : null,
    };
  });
}

test('a call relayed through coturn only (relay-only policy): frames flow both ways over a relay pair with per-call credentials, fresh ones for an ICE restart', async ({ browser }) => {
  test.setTimeout(90_000);
  let turn: TurnServer | null = null;
  let desk: DeskServer | null = null;
  const actors: Actor[] = [];
  try {
    turn = await startTurnServer(TURNSERVER!);
    desk = await startDeskServer({ TURN_URLS: turn.url, TURN_SECRET: turn.secret, ICE_TRANSPORT_POLICY: 'relay' });
    const nurse = await clinician(browser, desk.url);
    const phone = await parent(browser, desk.url);
    actors.push(nurse, phone);

    await signIn(nurse.page, 'clinician');
    await createCase(nurse.page, { reference: '111-E2E-TURN', childFirstName: 'Iris', ageYears: '4', phone: '07700 900125' });
    await nurse.page.getByRole('button', { name: 'Send video link' }).click();
    // The dev outbox is the parent's phone: it refreshes until the SMS is there.
    await phone.page.goto('/dev/outbox');
    await phone.page.getByRole('link', { name: /\/join\// }).first().click();
    await phone.page.getByRole('button', { name: 'Join video call' }).click();
    await expect(phone.page.getByText('The nurse will let you in shortly')).toBeVisible();
    await expect(nurse.page.getByRole('button', { name: 'Admit parent' })).toBeEnabled();
    // Waiting: the parent's page has made no connection (it holds no TURN credentials yet).
    expect(await phone.page.evaluate(() => (window as unknown as { __peerConnections?: unknown[] }).__peerConnections?.length ?? 0)).toBe(0);
    await nurse.page.getByRole('button', { name: 'Admit parent' }).click();
    await expect(nurse.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
    await expectMediaFlowing(nurse.page, 'clinician (relayed)');
    await expectMediaFlowing(phone.page, 'parent (relayed)');

    const callId = await nurse.page.getByTestId('call-state').getAttribute('data-call-id');
    const views = { clinician: await relayView(nurse.page), parent: await relayView(phone.page) };
    for (const [who, view] of Object.entries(views)) {
      expect(view.policy, `${who}: relay-only policy from the server`).toBe('relay');
      expect(view.localTypes, `${who}: gathered relayed candidates only`).toEqual(['relay']);
      expect(view.selected, `${who}: the selected pair is relayed at both ends`).toMatchObject({ local: 'relay', remote: 'relay' });
      expect(view.usernames, `${who}: credentials of this call and this participant`).toEqual([expect.stringMatching(new RegExp(`^\\d+:${callId}:[0-9a-f-]{36}$`))]);
    }
    // One participant each: the two sides' credentials name different participants of the same call.
    expect(views.clinician.usernames[0]!.split(':')[2]).not.toBe(views.parent.usernames[0]!.split(':')[2]);
    // coturn allocated relays for both, with those credentials.
    const allocated = () => new Set([...turn!.log().matchAll(/user <(\d+:[0-9a-f-]{36}:[0-9a-f-]{36})>: incoming packet ALLOCATE processed, success/g)].map((m) => m[1]));
    expect(allocated(), 'coturn allocations under each side’s credentials').toEqual(new Set([views.clinician.usernames[0], views.parent.usernames[0]]));
    await snapViewport(nurse.page, 'turn-01-desk-relayed');
    await snapViewport(phone.page, 'turn-02-phone-relayed');

    // The desk's browser says its network changed: the clinician's side restarts ICE. Both sides ask
    // for fresh credentials first (a later expiry), and coturn allocates the new relays under them.
    const expiryOf = (username: string) => Number(username.split(':')[0]);
    await nurse.page.evaluate(() => window.dispatchEvent(new Event('online')));
    for (const [who, page] of [['clinician', nurse.page], ['parent', phone.page]] as const) {
      const before = views[who].usernames[0]!;
      await expect.poll(async () => (await relayView(page)).usernames[0], { message: `${who}: fresh credentials before the restart` }).not.toBe(before);
      const fresh = (await relayView(page)).usernames[0]!;
      expect(expiryOf(fresh), `${who}: the fresh credentials expire later`).toBeGreaterThan(expiryOf(before));
      expect(fresh.split(':').slice(1), `${who}: still this call and this participant`).toEqual(before.split(':').slice(1));
      await expect.poll(() => allocated().has(fresh), { message: `${who}: coturn allocated a relay with the fresh credentials` }).toBe(true);
    }
    await expectMediaFlowing(nurse.page, 'clinician after the ICE restart');
    await expectMediaFlowing(phone.page, 'parent after the ICE restart');
    for (const [who, page] of [['clinician', nurse.page], ['parent', phone.page]] as const) {
      expect((await relayView(page)).selected, `${who}: still relayed after the restart`).toMatchObject({ local: 'relay', remote: 'relay' });
    }
  } finally {
    await Promise.all(actors.map((actor) => actor.context.close()));
    await desk?.close();
    await turn?.close();
  }
});
