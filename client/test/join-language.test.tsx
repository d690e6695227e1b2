import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { JoinInfo, ParentLanguage } from '@desk/shared';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParentRouteError } from '../src/components/ParentRouteError';
import { resetLocale, showLanguage } from '../src/features/i18n/locale';
import ar from '../src/features/i18n/messages/ar';
import en from '../src/features/i18n/messages/en';
import pl from '../src/features/i18n/messages/pl';
import ur from '../src/features/i18n/messages/ur';
import type { LocaleModule } from '../src/features/i18n/types';
import { CONSENT_TEXT_VERSION } from '../src/features/join/consent';
import { resetJoinFlow } from '../src/features/join/joinFlow';
import {
  AskingForCameraScreen,
  BrowserScreen,
  CameraFailedScreen,
  ExpiredScreen,
  IntroScreen,
  OutdatedScreen,
  PhoneOnlyScreen,
  ProblemScreen,
} from '../src/features/join/JoinScreens';
import { PreCallCheck } from '../src/features/join/PreCallCheck';
import JoinPage from '../src/pages/JoinPage';
import type { PeerFactory } from '../src/features/video/peer-types';
import {
  CALL_CASE_ID,
  CALL_ID,
  PARENT_ID,
  callUpdate,
  createCallSocketFake,
  createFakePeerFactory,
  fakeStream,
  installMediaDevices,
  leavePhone,
  phoneThatCanCall,
  removeMediaDevices,
} from './call-fakes';
import { apiError, stubFetch } from './helpers';

const doubles = vi.hoisted(() => ({ socket: null as unknown, peerFactory: null as unknown }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => doubles.socket, closeSocket: () => undefined, PAGE_ENDPOINT: 'page-under-test' }));
vi.mock('../src/features/video/peer', () => ({
  createPeer: ((options) => (doubles.peerFactory as PeerFactory)(options)) satisfies PeerFactory,
}));

/**
 * The join page in the parent's language (issue 12): each screen rendered with the real Polish
 * and Arabic modules shows the locale's words and none of the English ones, Arabic right to left;
 * a refusal is worded from its code, never with the server's English message.
 */

const INFO: JoinInfo = {
  role: 'parent',
  childFirstName: 'Amelia',
  childAgeMonths: null,
  clinicianName: 'Sam Patel',
  guestName: null,
  service: 'NHS 111 paediatric desk',
  language: 'en',
};
const IPHONE = { os: 'ios', browser: 'safari' } as const;
const CAPABILITY = { rtcPeerConnection: true, getUserMedia: true, secureContext: true, inApp: 'Instagram', os: 'ios', browser: 'safari', cameraPermission: 'unknown' } as const;
const noop = () => undefined;

/** Every screen before the call, as the page can show it. */
const SCREENS: Record<string, () => ReactElement> = {
  intro: () => <IntroScreen info={INFO} busy={false} onJoin={noop} />,
  expired: () => <ExpiredScreen />,
  problem: () => <ProblemScreen code="RATE_LIMITED" onRetry={noop} />,
  outdated: () => <OutdatedScreen />,
  camera: () => <AskingForCameraScreen />,
  blocked: () => <CameraFailedScreen failure={{ ok: false, reason: 'permission_denied', message: 'Permission denied' }} childFirstName="Amelia" capability={IPHONE} onRetry={noop} onSoundOnly={noop} onStayOnPhone={noop} />,
  blockedAndroid: () => (
    <CameraFailedScreen failure={{ ok: false, reason: 'permission_denied', message: 'Permission denied' }} childFirstName="Amelia" capability={{ os: 'android', browser: 'chrome' }} onRetry={noop} onSoundOnly={noop} onStayOnPhone={noop} />
  ),
  noCamera: () => <CameraFailedScreen failure={{ ok: false, reason: 'no_camera', message: 'No camera' }} childFirstName="Amelia" capability={IPHONE} onRetry={noop} onSoundOnly={noop} onStayOnPhone={noop} />,
  insecure: () => <CameraFailedScreen failure={{ ok: false, reason: 'insecure_context', message: 'https only' }} childFirstName="Amelia" capability={IPHONE} onRetry={noop} onSoundOnly={noop} onStayOnPhone={noop} />,
  unknownCamera: () => <CameraFailedScreen failure={{ ok: false, reason: 'unknown', message: 'BROWSER-ENGLISH' }} childFirstName="Amelia" capability={null} onRetry={noop} onSoundOnly={noop} onStayOnPhone={noop} />,
  inAppBrowser: () => <BrowserScreen verdict="in_app_browser" capability={CAPABILITY} onTryAnyway={noop} />,
  unsupportedBrowser: () => <BrowserScreen verdict="unsupported_browser" capability={{ ...CAPABILITY, os: 'android', browser: 'other', inApp: null }} onTryAnyway={null} />,
  phoneOnly: () => <PhoneOnlyScreen />,
  preCallCheck: () => <PreCallCheck stream={null} connected soundOnly={false} />,
};

/** Every English sentence that the locale words differently (the ones it shares, like "Chrome", say nothing). */
function englishOnly(locale: LocaleModule): string[] {
  const walk = (english: unknown, translated: unknown): string[] => {
    if (typeof english === 'string') return english !== translated && english.replace(/<\/?b>/g, '').length > 3 ? [english.replace(/<\/?b>/g, '')] : [];
    if (typeof english !== 'object' || english === null) return [];
    return Object.entries(english).flatMap(([key, value]) => walk(value, (translated as Record<string, unknown>)[key]));
  };
  return walk(en.messages, locale.messages);
}

/** What the parent can see or hear: the text, and the names given in attributes. */
function everythingSaid(): string {
  const names = [...document.body.querySelectorAll('[aria-label], [alt]')].map((el) => `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('alt') ?? ''}`);
  return `${document.body.textContent ?? ''} ${names.join(' ')}`;
}

async function inLanguage(lang: ParentLanguage) {
  resetLocale();
  await act(() => showLanguage(lang));
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe.each([
  ['pl', pl],
  ['ar', ar],
] as const)('the join screens in %s', (lang, locale) => {
  beforeEach(() => inLanguage(lang));

  it('has the English sentences to look for', () => {
    // The check below is only as good as this list: most of the English module, all but the words every language shares.
    expect(englishOnly(locale).length).toBeGreaterThan(200);
  });

  it.each(Object.keys(SCREENS))('%s: the locale’s words, none of the English ones', (name) => {
    render(SCREENS[name]!());
    const said = everythingSaid();
    for (const english of englishOnly(locale)) expect(said, `English left on the ${name} screen`).not.toContain(english);
    expect(said).not.toContain('BROWSER-ENGLISH');
  });

  it('asks for consent in the language with its own button, and names the child', () => {
    render(SCREENS.intro!());
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(locale.messages.intro.heading('Sam Patel', 'Amelia'));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Amelia');
    expect(screen.getByRole('button', { name: locale.messages.intro.join })).toBeEnabled();
    expect(screen.getByText(locale.messages.intro.notRecorded)).toBeInTheDocument();
  });

  it('shows the phone’s own steps for a blocked camera, in the language', () => {
    render(SCREENS.blocked!());
    expect(screen.getByTestId('camera-failed')).toHaveTextContent(locale.messages.cameraFailed.blockedHeading);
    expect(screen.getByTestId('permission-steps')).toHaveTextContent(locale.messages.permissions.iosSafariTitle);
    expect(screen.getByRole('img', { name: locale.messages.permissions.drawing })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: locale.messages.common.tryAgain })).toBeInTheDocument();
  });
});

describe('accessibility in Arabic', () => {
  beforeEach(async () => {
    await inLanguage('ar');
    // What JoinPage gives the screens around them.
    document.title = ar.messages.page.joinTitle;
  });

  it.each(['intro', 'blocked', 'inAppBrowser', 'preCallCheck'])('%s has no axe violations, with the page right to left', async (name) => {
    render(<main>{SCREENS[name]!()}</main>);
    // Structure rules, as client/test/a11y.test.tsx; colour needs a real renderer.
    const results = await axe.run(document.documentElement, { rules: { 'color-contrast': { enabled: false } }, resultTypes: ['violations'] });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

describe('right to left', () => {
  it('puts an Arabic page right to left and a Polish one left to right, on <html>', async () => {
    await inLanguage('ar');
    expect(document.documentElement).toHaveAttribute('lang', 'ar');
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    await inLanguage('pl');
    expect(document.documentElement).toHaveAttribute('lang', 'pl');
    expect(document.documentElement).toHaveAttribute('dir', 'ltr');
  });

  it('keeps the link itself left to right inside Arabic when the phone would not copy it', async () => {
    await inLanguage('ar');
    const user = userEvent.setup();
    // After userEvent.setup(), which puts its own clipboard on the navigator.
    const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
    try {
      render(SCREENS.inAppBrowser!());
      await user.click(screen.getByRole('button', { name: ar.messages.browser.copyLink }));
      const status = await screen.findByText(ar.messages.browser.copyFailed, { exact: false });
      const link = status.querySelector('bdi');
      expect(link).toHaveAttribute('dir', 'ltr');
      expect(link).toHaveTextContent(window.location.href);
    } finally {
      if (original) Object.defineProperty(navigator, 'clipboard', original);
      else Reflect.deleteProperty(navigator, 'clipboard');
    }
  });
});

describe('a refusal on the join page', () => {
  const renderJoin = (entry: string) =>
    render(<RouterProvider router={createMemoryRouter([{ path: '/join/:token', element: <JoinPage /> }], { initialEntries: [entry] })} />);
  const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz012345';

  beforeEach(() => {
    resetJoinFlow();
    phoneThatCanCall();
  });
  afterEach(() => {
    resetJoinFlow();
    leavePhone();
  });

  it('says a code it does not know with the generic local words, never the server’s message', async () => {
    stubFetch().on('POST', '/api/join/preview', apiError(400, 'VALIDATION_FAILED', 'SERVER-ENGLISH'));
    renderJoin(`/join/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: en.messages.problem.heading })).toBeInTheDocument();
    expect(screen.getByText(en.messages.errors.generic)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('SERVER-ENGLISH');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('says it in Polish on a Polish page', async () => {
    await inLanguage('pl');
    stubFetch().on('POST', '/api/join/preview', apiError(503, 'DATABASE_UNAVAILABLE', 'SERVER-ENGLISH'));
    renderJoin(`/join/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: pl.messages.problem.heading })).toBeInTheDocument();
    expect(screen.getByText(pl.messages.errors.INTERNAL)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('SERVER-ENGLISH');
  });

  it('says an expired or used link in the language the dead link says (a parent tapping an old SMS again)', async () => {
    stubFetch().on('POST', '/api/join/preview', apiError(410, 'LINK_EXPIRED', 'SERVER-ENGLISH', { language: 'ur' }));
    renderJoin(`/join/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: ur.messages.expired.heading })).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    expect(document.body).not.toHaveTextContent('SERVER-ENGLISH');
  });

  it('opens in the link’s language and audits the consent with the language the words were shown in', async () => {
    const api = stubFetch()
      .on('POST', '/api/join/preview', { status: 200, body: { ...INFO, language: 'ar' } })
      .on('POST', '/api/join', apiError(429, 'RATE_LIMITED', 'SERVER-ENGLISH'));
    const user = userEvent.setup();
    renderJoin(`/join/${TOKEN}`);
    await user.click(await screen.findByRole('button', { name: ar.messages.intro.join }));
    expect(api.callsTo('POST', '/api/join')[0]?.body).toEqual({ token: TOKEN, consentText: `${CONSENT_TEXT_VERSION}.ar` });
    expect(await screen.findByText(ar.messages.errors.RATE_LIMITED)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('SERVER-ENGLISH');
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
  });
});

describe('the waiting room and the call in Arabic', () => {
  let server: ReturnType<typeof createCallSocketFake>;
  const SESSION = { ...INFO, language: 'ar', caseId: CALL_CASE_ID, callId: CALL_ID, participantId: PARENT_ID, iceServers: [] };

  beforeEach(() => {
    resetJoinFlow();
    server = createCallSocketFake();
    server.answer('call:ready', () => callUpdate('parent_waiting'));
    server.answer('call:media', () => server.current()!);
    doubles.socket = server.socket;
    doubles.peerFactory = createFakePeerFactory().factory;
    installMediaDevices(async () => fakeStream());
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });
  afterEach(() => {
    resetJoinFlow();
    removeMediaDevices();
  });

  it('waits and calls in Arabic, right to left, with none of the English words', async () => {
    stubFetch().on('GET', '/api/join/session', { status: 200, body: SESSION });
    render(<RouterProvider router={createMemoryRouter([{ path: '/join', element: <JoinPage /> }], { initialEntries: ['/join'] })} />);
    expect(await screen.findByRole('heading', { name: ar.messages.waiting.heading })).toBeInTheDocument();
    expect(screen.getByText(ar.messages.call.letInShortly)).toBeInTheDocument();
    expect(screen.getByRole('timer').textContent).toMatch(/ثانية|ثوانٍ|دقيقة|دقائق|دقيقتين|ثانيتين/);
    expect(screen.getByRole('button', { name: ar.messages.call.mute })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: ar.messages.waiting.leave })).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    for (const english of englishOnly(ar)) expect(everythingSaid(), 'English left in the waiting room').not.toContain(english);

    act(() => server.emit('call:state', callUpdate('connected')));
    const controls = await screen.findByRole('group', { name: ar.messages.call.controls });
    expect(within(controls).getByRole('button', { name: ar.messages.call.turnCameraOff })).toBeInTheDocument();
    expect(within(controls).getByRole('button', { name: ar.messages.call.end })).toBeInTheDocument();
    expect(screen.getByText(ar.messages.call.connectedWith('Sam Patel'))).toBeInTheDocument();
    // The nurse's picture: their name and role, and the connection, in Arabic too.
    expect(screen.getByText(ar.messages.peer.participant('Sam Patel', ar.messages.peer.roles.clinician))).toBeInTheDocument();
    for (const english of englishOnly(ar)) expect(everythingSaid(), 'English left in the call').not.toContain(english);
  });
});

describe('the last-resort error page', () => {
  function Broken(): ReactElement {
    throw new Error('a chunk did not load');
  }

  it.each([
    ['en-GB', 'Sorry, something went wrong', 'Reload the page'],
    ['pl', 'Przepraszamy, coś poszło nie tak', 'Odśwież stronę'],
    ['ro', 'Ne pare rău, ceva nu a funcționat', 'Reîncărcați pagina'],
    ['ur', 'معذرت، کچھ غلط ہو گیا', 'صفحہ دوبارہ لوڈ کریں'],
    ['ar', 'عذرًا، حدث خطأ ما', 'أعد تحميل الصفحة'],
    ['cy', 'Sorry, something went wrong', 'Reload the page'],
  ])('speaks the language of <html lang="%s"> with no locale loaded', (lang, heading, button) => {
    resetLocale();
    document.documentElement.lang = lang;
    vi.spyOn(console, 'error').mockImplementation(noop);
    render(
      <ParentRouteError>
        <Broken />
      </ParentRouteError>,
    );
    expect(screen.getByRole('heading', { name: heading })).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('button', { name: button })).toBeInTheDocument();
  });
});
