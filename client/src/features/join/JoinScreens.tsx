import { formatAge, isGuestRole, ROLE_LABEL, type BrowserCapability, type BrowserFailReason, type JoinInfo } from '@desk/shared';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMessages } from '../i18n/locale';
import { Rich } from '../i18n/Rich';
import type { Messages } from '../i18n/types';
import type { CameraFailure } from './joinFlow';
import { errorText, type FailureCode } from './joinText';

/**
 * The parent's screens before and around the call. Plain words (reading age about 9), one job per
 * screen, one big button. Each screen's heading takes focus so a screen reader announces the change.
 * Every word a parent reads comes from the locale (`useMessages()`); a guest's page is English
 * because the server opens it in English.
 */

export function ScreenHeading({
  children,
  attributes,
}: {
  children: ReactNode;
  /** e.g. the call-state test id and data attributes, when the heading is the state. */
  attributes?: Record<`data-${string}`, string>;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="nhsuk-heading-l" {...attributes}>
      {children}
    </h1>
  );
}

export function LoadingScreen() {
  const m = useMessages();
  return (
    <p className="parent-status" role="status">
      {m.page.loading}
    </p>
  );
}

export function IntroScreen({ info, busy, onJoin }: { info: JoinInfo; busy: boolean; onJoin: () => void }) {
  const m = useMessages();
  const who = info.clinicianName ?? m.intro.nurse;
  const joinButton = (
    <button type="button" className="nhsuk-button parent-button" disabled={busy} aria-busy={busy} onClick={onJoin}>
      {m.intro.join}
    </button>
  );
  if (isGuestRole(info.role)) {
    // A colleague: who invited them, in what role, and for which call (the child's first name and age only).
    // English inline on purpose: a guest's page is always English (the server opens it in 'en'), so
    // these words are never translated and stay out of the parent's locale modules.
    const age = info.childAgeMonths === null ? '' : `, ${formatAge(info.childAgeMonths)}`;
    return (
      <>
        <ScreenHeading>
          {who} from the NHS 111 children's team has invited you to a video call about {info.childFirstName}
          {age}
        </ScreenHeading>
        <ul className="nhsuk-list nhsuk-list--bullet">
          <li>
            You join as the {ROLE_LABEL[info.role].toLowerCase()}
            {info.guestName ? ` (${info.guestName})` : ''}.
          </li>
          <li>You wait until the nurse lets you in: the parent is asked first.</li>
          <li>The video is not recorded.</li>
        </ul>
        <p>Your browser will ask to use the camera and microphone. Allow them to take part.</p>
        {joinButton}
      </>
    );
  }
  return (
    <>
      <ScreenHeading>{m.intro.heading(who, info.childFirstName)}</ScreenHeading>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>{m.intro.notRecorded}</li>
        <li>{m.intro.canEnd}</li>
        <li>{m.intro.stayOnCall}</li>
      </ul>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">{m.common.information}</span>
        <p>{m.intro.why(info.childFirstName)}</p>
        <p>
          <Rich text={m.intro.tapAllow} />
        </p>
      </div>
      {joinButton}
    </>
  );
}

export function ExpiredScreen() {
  const m = useMessages();
  return (
    <>
      <ScreenHeading>{m.expired.heading}</ScreenHeading>
      <p>{m.expired.newLink}</p>
      <p>{m.page.call111}</p>
    </>
  );
}

/**
 * Network trouble or a refusal: said from the failure's code in the parent's language, never with
 * the server's English message.
 */
export function ProblemScreen({ code, onRetry }: { code: FailureCode; onRetry: () => void }) {
  const m = useMessages();
  return (
    <>
      <ScreenHeading>{m.problem.heading}</ScreenHeading>
      <p>{errorText(m.errors, code)}</p>
      <p>{m.common.stayNurseHelps}</p>
      <button type="button" className="nhsuk-button parent-button" onClick={onRetry}>
        {m.common.tryAgain}
      </button>
    </>
  );
}

export function OutdatedScreen() {
  const m = useMessages();
  return (
    <>
      <ScreenHeading>{m.outdated.heading}</ScreenHeading>
      <button type="button" className="nhsuk-button parent-button" onClick={() => window.location.reload()}>
        {m.outdated.reload}
      </button>
    </>
  );
}

export function AskingForCameraScreen() {
  const m = useMessages();
  return (
    <>
      <ScreenHeading>{m.camera.heading}</ScreenHeading>
      <p>
        <Rich text={m.camera.body} />
      </p>
    </>
  );
}

/** Where the phone's browser keeps this page's camera setting, for the browser the page is in (and only that one). */
type PermissionSteps = { title: string; tap: 'tune' | 'lock' | 'aA' | 'settings'; steps: string[] };

function permissionSteps(p: Messages['permissions'], os: BrowserCapability['os'], browser: BrowserCapability['browser']): PermissionSteps {
  if (os === 'ios' && browser === 'safari') {
    return { title: p.iosSafariTitle, tap: 'aA', steps: [p.iosSafariTapAa, p.iosSafariWebsiteSettings, p.allow] };
  }
  if (os === 'ios') {
    // Chrome, Firefox and the rest on an iPhone take the camera setting from the phone's Settings app.
    const app = browser === 'chrome' ? 'Chrome' : browser === 'firefox' ? 'Firefox' : null;
    return {
      title: p.iosAppTitle(app ?? p.thisBrowser),
      tap: 'settings',
      steps: [p.iosOpenSettings, p.iosScrollToApp(app ?? p.yourBrowser), p.iosTurnOn],
    };
  }
  if (browser === 'samsung') return { title: p.samsungTitle, tap: 'lock', steps: [p.tapLock, p.tapPermissions, p.allow] };
  if (browser === 'firefox') return { title: p.firefoxTitle, tap: 'lock', steps: [p.tapLock, p.firefoxBlocked, p.allow] };
  if (os === 'android' || browser === 'chrome') {
    return { title: os === 'android' ? p.androidChromeTitle : p.chromeTitle, tap: 'tune', steps: [p.tapTune, p.tapPermissions, p.allow] };
  }
  return { title: p.otherTitle, tap: 'lock', steps: [p.otherOpenSettings, p.allow] };
}

/** A small drawing of the address bar with the thing to tap ringed: a stressed parent finds a picture faster than words. */
function AddressBarDrawing({ tap, label }: { tap: PermissionSteps['tap']; label: string }) {
  if (tap === 'settings') return null;
  const icon =
    tap === 'aA' ? (
      <text x="22" y="31" fontSize="15" fontWeight="bold" fontFamily="system-ui, sans-serif" fill="#212b32">
        aA
      </text>
    ) : tap === 'tune' ? (
      <g stroke="#212b32" strokeWidth="2.5" strokeLinecap="round">
        <line x1="22" y1="21" x2="40" y2="21" />
        <line x1="22" y1="30" x2="40" y2="30" />
        <circle cx="28" cy="21" r="2.5" fill="#fff" />
        <circle cx="35" cy="30" r="2.5" fill="#fff" />
      </g>
    ) : (
      <g fill="none" stroke="#212b32" strokeWidth="2.5">
        <rect x="24" y="23" width="14" height="11" rx="2" fill="#212b32" />
        <path d="M27 23v-4a4 4 0 0 1 8 0v4" />
      </g>
    );
  return (
    // The address bar reads left to right on every page, Urdu and Arabic too: the drawing keeps its direction.
    <svg className="parent-drawing" viewBox="0 0 240 52" width="240" height="52" role="img" aria-label={label} direction="ltr">
      <rect x="2" y="6" width="236" height="40" rx="20" fill="#f0f4f5" stroke="#aeb7bd" strokeWidth="2" />
      <circle cx="31" cy="26" r="17" fill="none" stroke="#d5281b" strokeWidth="3" />
      {icon}
      <text x="56" y="31" fontSize="14" fontFamily="system-ui, sans-serif" fill="#4c6272">
        nhs111.example/join
      </text>
    </svg>
  );
}

export function CameraFailedScreen({
  failure,
  childFirstName,
  capability,
  onRetry,
  onSoundOnly,
  onStayOnPhone,
}: {
  failure: CameraFailure;
  childFirstName: string;
  /** The browser and phone, to show only their steps; null when unknown. */
  capability: Pick<BrowserCapability, 'os' | 'browser'> | null;
  onRetry: () => void;
  onSoundOnly: () => void;
  onStayOnPhone: () => void;
}) {
  const m = useMessages();
  const words = m.cameraFailed;
  const retry = (
    <button type="button" className="nhsuk-button parent-button" onClick={onRetry}>
      {m.common.tryAgain}
    </button>
  );
  const otherWays = (
    <>
      <h2 className="nhsuk-heading-s">{words.stillNotWorking}</h2>
      <p>{words.otherWays(childFirstName)}</p>
      <div className="parent-controls">
        <button type="button" className="nhsuk-button nhsuk-button--secondary parent-button" onClick={onSoundOnly}>
          {words.soundOnly}
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary parent-button" onClick={onStayOnPhone}>
          {words.stayOnPhone}
        </button>
      </div>
    </>
  );
  const messagingAppAdvice = (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">{m.common.information}</span>
      {/* No "Copy link" here: after the Join tap the address no longer holds the (used) link. */}
      <p>{words.messagingApp}</p>
    </div>
  );
  const heading = (text: string) => <ScreenHeading attributes={{ 'data-testid': 'camera-failed', 'data-reason': failure.reason }}>{text}</ScreenHeading>;
  switch (failure.reason) {
    case 'permission_denied': {
      const help = permissionSteps(m.permissions, capability?.os ?? 'other', capability?.browser ?? 'other');
      return (
        <>
          {heading(words.blockedHeading)}
          <p>{words.blockedBody(childFirstName)}</p>
          <h2 className="nhsuk-heading-s" data-testid="permission-steps">
            {help.title}
          </h2>
          <AddressBarDrawing tap={help.tap} label={m.permissions.drawing} />
          <ol className="nhsuk-list nhsuk-list--number">
            {help.steps.map((step, index) => (
              <li key={index}>
                <Rich text={step} />
              </li>
            ))}
          </ol>
          <p>{words.thenTryAgain}</p>
          {retry}
          {otherWays}
        </>
      );
    }
    case 'no_camera':
      return (
        <>
          {heading(words.noCameraHeading)}
          <p>{words.noCameraBody(childFirstName)}</p>
          <p>{words.closeOtherApps}</p>
          {retry}
          {otherWays}
          {messagingAppAdvice}
        </>
      );
    case 'insecure_context':
      return (
        <>
          {heading(words.insecureHeading)}
          <p>{words.insecureBody}</p>
          <p>{m.common.stayWithoutVideo}</p>
        </>
      );
    case 'unknown':
      // The reason, not the browser's English `message`: one plain sentence in the parent's language.
      return (
        <>
          {heading(words.unknownHeading)}
          <p>{words.unknownBody}</p>
          {retry}
          {otherWays}
          {messagingAppAdvice}
        </>
      );
  }
}

/** "Copy link": the way out of an app's own browser that works everywhere (paste it into Safari or Chrome). */
export function CopyLinkButton() {
  const m = useMessages();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <>
      <button type="button" className="nhsuk-button nhsuk-button--secondary parent-button" onClick={() => void copy()}>
        {m.browser.copyLink}
      </button>
      <p role="status" className="parent-note">
        {copied === 'yes' ? m.browser.copied : null}
        {copied === 'failed' ? (
          <>
            {/* The address reads left to right inside Urdu and Arabic too. */}
            {m.browser.copyFailed} <bdi dir="ltr">{window.location.href}</bdi>
          </>
        ) : null}
      </p>
    </>
  );
}

/** Chrome's intent link: on Android it opens this page in Chrome straight from an app's browser. */
export function chromeIntentUrl(href: string): string {
  const url = new URL(href);
  return `intent://${url.host}${url.pathname}${url.search}#Intent;scheme=${url.protocol.replace(':', '')};package=com.android.chrome;S.browser_fallback_url=${encodeURIComponent(href)};end`;
}

/**
 * Shown as the link opens in a browser that cannot hold the call: an app's own browser (WhatsApp,
 * Facebook, an SMS app…) or one with no WebRTC. How to open the same link in Safari or Chrome, for
 * this phone only; the link still works there (nothing is used up until "Join video call").
 */
export function BrowserScreen({
  verdict,
  capability,
  onTryAnyway,
}: {
  verdict: BrowserFailReason;
  capability: BrowserCapability;
  /** Offered only where the browser has what a call needs. */
  onTryAnyway: (() => void) | null;
}) {
  const m = useMessages();
  const words = m.browser;
  const ios = capability.os === 'ios';
  const android = capability.os === 'android';
  const target = ios ? 'Safari' : android ? 'Chrome' : words.chromeOrSafari;
  const where = capability.inApp && capability.inApp !== 'an app' ? capability.inApp : null;
  const inApp = verdict === 'in_app_browser';
  return (
    <>
      <ScreenHeading attributes={{ 'data-testid': 'browser-check', 'data-verdict': verdict }}>
        {inApp ? words.headingInApp(target) : words.headingUnsupported(target)}
      </ScreenHeading>
      <p>{inApp ? words.inApp(where ?? words.anApp, target) : words.unsupported(target)}</p>
      {android ? (
        <p>
          <a className="nhsuk-button parent-button" href={chromeIntentUrl(window.location.href)}>
            {words.openInChrome}
          </a>
        </p>
      ) : null}
      <h2 className="nhsuk-heading-s">{ios ? words.onIphone : android ? words.onAndroid : words.howTo}</h2>
      <ol className="nhsuk-list nhsuk-list--number">
        {(ios ? [words.iosShare, words.iosOpenInSafari] : [words.androidMenu, words.androidOpenInChrome]).map((step) => (
          <li key={step}>
            <Rich text={step} />
          </li>
        ))}
      </ol>
      <p>{words.copyIntro(target)}</p>
      <CopyLinkButton />
      <p>{m.common.stayWithoutVideo}</p>
      {onTryAnyway ? (
        <p>
          <button type="button" className="parent-link-button" onClick={onTryAnyway}>
            {words.tryAnyway}
          </button>
        </p>
      ) : null}
    </>
  );
}

/** After "Stay on the phone call instead". */
export function PhoneOnlyScreen() {
  const m = useMessages();
  return (
    <>
      <ScreenHeading attributes={{ 'data-testid': 'phone-only' }}>{m.phoneOnly.heading}</ScreenHeading>
      <p>{m.phoneOnly.body}</p>
      <p>{m.common.closePage}</p>
    </>
  );
}
