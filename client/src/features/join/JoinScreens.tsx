import { formatAge, isGuestRole, ROLE_LABEL, type JoinInfo } from '@desk/shared';
import { useEffect, useRef, type ReactNode } from 'react';
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

export function CameraFailedScreen({
  failure,
  childFirstName,
  onRetry,
}: {
  failure: CameraFailure;
  childFirstName: string;
  onRetry: () => void;
}) {
  const retry = (
    <button type="button" className="nhsuk-button parent-button" onClick={onRetry}>
      Try again
    </button>
  );
  const messagingAppAdvice = (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>{MESSAGING_APP_ADVICE}</p>
    </div>
  );
  const stayOnPhone = <p>Stay on the phone. The nurse can still help you without video.</p>;
  switch (failure.reason) {
    case 'permission_denied':
      return (
        <>
          <ScreenHeading>The camera is blocked</ScreenHeading>
          <p>
            The nurse needs to see and hear {childFirstName}. Your phone has blocked the camera or microphone for this
            page.
          </p>
          <h2 className="nhsuk-heading-s">On an Android phone (Chrome)</h2>
          <ol className="nhsuk-list nhsuk-list--number">
            <li>Tap the small icon to the left of the web address, at the top of the screen.</li>
            <li>
              Tap <strong>Permissions</strong>.
            </li>
            <li>
              Set <strong>Camera</strong> and <strong>Microphone</strong> to <strong>Allow</strong>.
            </li>
          </ol>
          <h2 className="nhsuk-heading-s">On an iPhone (Safari)</h2>
          <ol className="nhsuk-list nhsuk-list--number">
            <li>
              Tap <strong>aA</strong> to the left of the web address.
            </li>
            <li>
              Tap <strong>Website Settings</strong>.
            </li>
            <li>
              Set <strong>Camera</strong> and <strong>Microphone</strong> to <strong>Allow</strong>.
            </li>
          </ol>
          <p>Then tap Try again.</p>
          {retry}
          {messagingAppAdvice}
          {stayOnPhone}
        </>
      );
    case 'no_camera':
      return (
        <>
          <ScreenHeading>We could not find a camera</ScreenHeading>
          <p>The nurse needs to use your phone's camera and microphone to see and hear {childFirstName}.</p>
          <p>Close other apps that use the camera, like the camera app or another video call. Then tap Try again.</p>
          {retry}
          {messagingAppAdvice}
          {stayOnPhone}
        </>
      );
    case 'insecure_context':
      return (
        <>
          <ScreenHeading>This link cannot use the camera</ScreenHeading>
          <p>The camera only works when the web address starts with https. Ask the nurse to send you a new link.</p>
          {stayOnPhone}
        </>
      );
    case 'unknown':
      return (
        <>
          <ScreenHeading>The camera did not start</ScreenHeading>
          <p>{failure.message}</p>
          {retry}
          {messagingAppAdvice}
          {stayOnPhone}
        </>
      );
  }
}
