import { formatAge, isGuestRole, ROLE_LABEL, type BrowserCapability, type BrowserFailReason, type JoinInfo } from '@desk/shared';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CameraFailure } from './joinFlow';

/**
 * The parent's screens before and around the call. Plain words (reading age about 9), one job per
 * screen, one big button. Each screen's heading takes focus so a screen reader announces the change.
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
  return (
    <p className="parent-status" role="status">
      Loading…
    </p>
  );
}

export function IntroScreen({ info, busy, onJoin }: { info: JoinInfo; busy: boolean; onJoin: () => void }) {
  const who = info.clinicianName ?? 'A nurse';
  const joinButton = (
    <button type="button" className="nhsuk-button parent-button" disabled={busy} aria-busy={busy} onClick={onJoin}>
      Join video call
    </button>
  );
  if (isGuestRole(info.role)) {
    // A colleague: who invited them, in what role, and for which call (the child's first name and age only).
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
      <ScreenHeading>
        {who} from the NHS 111 children's team wants to see {info.childFirstName} on video
      </ScreenHeading>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>The video is not recorded.</li>
        <li>You can end the video at any time.</li>
        <li>Stay on the phone call for now.</li>
      </ul>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          Your phone will ask to use the camera and microphone. This is so the nurse can see and hear{' '}
          {info.childFirstName}.
        </p>
        <p>
          Tap <strong>Allow</strong>.
        </p>
      </div>
      {joinButton}
    </>
  );
}

export function ExpiredScreen() {
  return (
    <>
      <ScreenHeading>This link has expired or has already been used</ScreenHeading>
      <p>Stay on the phone. Ask the nurse to send you a new link.</p>
      <p>If you are not on the phone any more, call 111.</p>
    </>
  );
}

export function ProblemScreen({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <>
      <ScreenHeading>Sorry, we could not connect</ScreenHeading>
      <p>{message}</p>
      <p>Stay on the phone. The nurse can still help you.</p>
      <button type="button" className="nhsuk-button parent-button" onClick={onRetry}>
        Try again
      </button>
    </>
  );
}

export function OutdatedScreen() {
  return (
    <>
      <ScreenHeading>This page needs to reload</ScreenHeading>
      <button type="button" className="nhsuk-button parent-button" onClick={() => window.location.reload()}>
        Reload the page
      </button>
    </>
  );
}

export function AskingForCameraScreen() {
  return (
    <>
      <ScreenHeading>Allow the camera and microphone</ScreenHeading>
      <p>
        Your phone is asking to use the camera and microphone. Tap <strong>Allow</strong>.
      </p>
    </>
  );
}

const MESSAGING_APP_ADVICE =
  'If you opened the link from a messaging app (like WhatsApp), the camera may not work there. Ask the nurse to send a new link, then open it in Chrome or Safari.';

/** Where the phone's browser keeps this page's camera setting, for the browser the page is in (and only that one). */
type PermissionSteps = { title: string; tap: 'tune' | 'lock' | 'aA' | 'settings'; steps: ReactNode[] };

function permissionSteps(os: BrowserCapability['os'], browser: BrowserCapability['browser']): PermissionSteps {
  const allow = (
    <>
      Set <strong>Camera</strong> and <strong>Microphone</strong> to <strong>Allow</strong>.
    </>
  );
  if (os === 'ios' && browser === 'safari') {
    return {
      title: 'On your iPhone (Safari)',
      tap: 'aA',
      steps: [
        <>
          Tap <strong>aA</strong> to the left of the web address.
        </>,
        <>
          Tap <strong>Website Settings</strong>.
        </>,
        allow,
      ],
    };
  }
  if (os === 'ios') {
    // Chrome, Firefox and the rest on an iPhone take the camera setting from the phone's Settings app.
    const app = browser === 'chrome' ? 'Chrome' : browser === 'firefox' ? 'Firefox' : 'your browser';
    return {
      title: `On your iPhone (${app === 'your browser' ? 'this browser' : app})`,
      tap: 'settings',
      steps: [
        <>
          Open the <strong>Settings</strong> app.
        </>,
        <>
          Scroll down and tap <strong>{app}</strong>.
        </>,
        <>
          Turn on <strong>Camera</strong> and <strong>Microphone</strong>. Then come back to this page.
        </>,
      ],
    };
  }
  if (browser === 'samsung') {
    return {
      title: 'On your phone (Samsung Internet)',
      tap: 'lock',
      steps: [
        <>Tap the lock icon to the left of the web address.</>,
        <>
          Tap <strong>Permissions</strong>.
        </>,
        allow,
      ],
    };
  }
  if (browser === 'firefox') {
    return {
      title: 'On your phone (Firefox)',
      tap: 'lock',
      steps: [
        <>Tap the lock icon to the left of the web address.</>,
        <>
          Find <strong>Camera</strong> and <strong>Microphone</strong> and tap <strong>Blocked</strong> to change them.
        </>,
        allow,
      ],
    };
  }
  if (os === 'android' || browser === 'chrome') {
    return {
      title: os === 'android' ? 'On your Android phone (Chrome)' : 'In Chrome',
      tap: 'tune',
      steps: [
        <>Tap the small icon to the left of the web address, at the top of the screen.</>,
        <>
          Tap <strong>Permissions</strong>.
        </>,
        allow,
      ],
    };
  }
  return {
    title: 'In your browser',
    tap: 'lock',
    steps: [<>Open the settings for this website (often the icon to the left of the web address).</>, allow],
  };
}

/** A small drawing of the address bar with the thing to tap ringed: a stressed parent finds a picture faster than words. */
function AddressBarDrawing({ tap }: { tap: PermissionSteps['tap'] }) {
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
    <svg className="parent-drawing" viewBox="0 0 240 52" width="240" height="52" role="img" aria-label="The icon to tap, to the left of the web address">
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
  const retry = (
    <button type="button" className="nhsuk-button parent-button" onClick={onRetry}>
      Try again
    </button>
  );
  const otherWays = (
    <>
      <h2 className="nhsuk-heading-s">If it still does not work</h2>
      <p>The nurse can listen to {childFirstName} without the camera, or carry on with the phone call.</p>
      <div className="parent-controls">
        <button type="button" className="nhsuk-button nhsuk-button--secondary parent-button" onClick={onSoundOnly}>
          Join with sound only
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary parent-button" onClick={onStayOnPhone}>
          Stay on the phone call instead
        </button>
      </div>
    </>
  );
  const messagingAppAdvice = (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      {/* No "Copy link" here: after the Join tap the address no longer holds the (used) link. */}
      <p>{MESSAGING_APP_ADVICE}</p>
    </div>
  );
  switch (failure.reason) {
    case 'permission_denied': {
      const help = permissionSteps(capability?.os ?? 'other', capability?.browser ?? 'other');
      return (
        <>
          <ScreenHeading attributes={{ 'data-testid': 'camera-failed', 'data-reason': failure.reason }}>The camera is blocked</ScreenHeading>
          <p>
            The nurse needs to see and hear {childFirstName}. Your phone has blocked the camera or microphone for this
            page.
          </p>
          <h2 className="nhsuk-heading-s" data-testid="permission-steps">
            {help.title}
          </h2>
          <AddressBarDrawing tap={help.tap} />
          <ol className="nhsuk-list nhsuk-list--number">
            {help.steps.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
          <p>Then tap Try again.</p>
          {retry}
          {otherWays}
        </>
      );
    }
    case 'no_camera':
      return (
        <>
          <ScreenHeading attributes={{ 'data-testid': 'camera-failed', 'data-reason': failure.reason }}>We could not find a camera</ScreenHeading>
          <p>The nurse needs to use your phone's camera and microphone to see and hear {childFirstName}.</p>
          <p>Close other apps that use the camera, like the camera app or another video call. Then tap Try again.</p>
          {retry}
          {otherWays}
          {messagingAppAdvice}
        </>
      );
    case 'insecure_context':
      return (
        <>
          <ScreenHeading attributes={{ 'data-testid': 'camera-failed', 'data-reason': failure.reason }}>This link cannot use the camera</ScreenHeading>
          <p>The camera only works when the web address starts with https. Ask the nurse to send you a new link.</p>
          <p>Stay on the phone. The nurse can still help you without video.</p>
        </>
      );
    case 'unknown':
      return (
        <>
          <ScreenHeading attributes={{ 'data-testid': 'camera-failed', 'data-reason': failure.reason }}>The camera did not start</ScreenHeading>
          <p>{failure.message}</p>
          {retry}
          {otherWays}
          {messagingAppAdvice}
        </>
      );
  }
}

/** "Copy link": the way out of an app's own browser that works everywhere (paste it into Safari or Chrome). */
export function CopyLinkButton() {
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
        Copy link
      </button>
      <p role="status" className="parent-note">
        {copied === 'yes' ? 'Link copied. Now open Safari or Chrome and paste it into the address bar.' : null}
        {copied === 'failed' ? `Your phone did not let us copy it. The link is: ${window.location.href}` : null}
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
  const ios = capability.os === 'ios';
  const android = capability.os === 'android';
  const target = ios ? 'Safari' : android ? 'Chrome' : 'Chrome or Safari';
  const where = capability.inApp && capability.inApp !== 'an app' ? capability.inApp : null;
  return (
    <>
      <ScreenHeading attributes={{ 'data-testid': 'browser-check', 'data-verdict': verdict }}>
        {verdict === 'in_app_browser' ? `Open this link in ${target}` : `This browser cannot do video calls. Open this link in ${target}`}
      </ScreenHeading>
      <p>
        {verdict === 'in_app_browser'
          ? `You opened the link inside ${where ?? 'an app'}. The camera often does not work there.`
          : 'The nurse needs to see your child on video, and this browser cannot do that.'}{' '}
        The link still works in {target}.
      </p>
      {android ? (
        <p>
          <a className="nhsuk-button parent-button" href={chromeIntentUrl(window.location.href)}>
            Open in Chrome
          </a>
        </p>
      ) : null}
      <h2 className="nhsuk-heading-s">{ios ? 'On your iPhone' : android ? 'On your Android phone' : 'How to do it'}</h2>
      <ol className="nhsuk-list nhsuk-list--number">
        {ios ? (
          <>
            <li>
              Tap the <strong>…</strong> or <strong>share</strong> button (at the top or bottom of the screen).
            </li>
            <li>
              Tap <strong>Open in Safari</strong> (or <strong>Open in browser</strong>).
            </li>
          </>
        ) : (
          <>
            <li>
              Tap the <strong>⋮</strong> menu at the top right of the screen.
            </li>
            <li>
              Tap <strong>Open in Chrome</strong> (or <strong>Open in browser</strong>).
            </li>
          </>
        )}
      </ol>
      <p>If you cannot find it, copy the link and paste it into {target}:</p>
      <CopyLinkButton />
      <p>Stay on the phone. The nurse can still help you without video.</p>
      {onTryAnyway ? (
        <p>
          <button type="button" className="parent-link-button" onClick={onTryAnyway}>
            Try in this app anyway
          </button>
        </p>
      ) : null}
    </>
  );
}

/** After "Stay on the phone call instead". */
export function PhoneOnlyScreen() {
  return (
    <>
      <ScreenHeading attributes={{ 'data-testid': 'phone-only' }}>You chose the phone call</ScreenHeading>
      <p>Stay on the phone. The nurse will carry on helping you by phone.</p>
      <p>You can close this page.</p>
    </>
  );
}
