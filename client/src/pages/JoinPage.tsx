import { isGuestRole, mayTryAnyway } from '@desk/shared';
import { lazy, Suspense, useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { browserOf, osOf } from '../features/join/browserCheck';
import {
  AskingForCameraScreen,
  BrowserScreen,
  CameraFailedScreen,
  ExpiredScreen,
  IntroScreen,
  LoadingScreen,
  PhoneOnlyScreen,
  ProblemScreen,
} from '../features/join/JoinScreens';
import {
  joinWithSoundOnly,
  joinWithToken,
  previewLink,
  resumeSession,
  retryCamera,
  stayOnPhone,
  tryHereAnyway,
  useJoinStore,
} from '../features/join/joinFlow';
import { openedInLanguage, useMessages } from '../features/i18n/locale';
import { DraftTranslationNotice } from '../features/i18n/LocaleGate';
import { ParentHeader } from '../features/i18n/LanguageSwitch';
import { reportLanguageChoice } from '../features/join/languageChoice';
import '../styles/parent.scss';

/** The in-call screen and the call layer under it load after the Join tap, while the phone asks for the camera. */
const ParentCall = lazy(() => import('../features/join/ParentCall').then((module) => ({ default: module.ParentCall })));

/**
 * The parent's page, opened from the SMS link on their phone: `/join/<token>` before the tap on
 * "Join video call", `/join` after it (the one-time token must leave the address bar) and on reload.
 * Loads no desk code and no desk CSS.
 */
export default function JoinPage() {
  const { token } = useParams();
  const navigate = useNavigate();
  const phase = useJoinStore((state) => state.phase);
  const session = useJoinStore((state) => state.session);
  const controller = useJoinStore((state) => state.controller);
  const capability = useJoinStore((state) => state.capability);
  const m = useMessages();
  // The link's language (the case's, or English for a colleague) once the server has said it.
  const info = 'info' in phase ? phase.info : session;
  const linkLanguage = info?.language ?? null;
  const guest = info ? isGuestRole(info.role) : false;

  useEffect(() => {
    if (token) void previewLink(token);
    else void resumeSession();
  }, [token]);

  useEffect(() => {
    if (linkLanguage) openedInLanguage(linkLanguage);
  }, [linkLanguage]);

  useEffect(() => {
    document.title = m.page.joinTitle;
  }, [m]);

  const join = async () => {
    if (await joinWithToken()) navigate('/join', { replace: true });
  };

  return (
    <div className="parent-page">
      {/* A colleague's page is always English (issue 12): no switch for a guest. */}
      <ParentHeader title={m.page.joinHeader} switchable={!guest} onLanguageChosen={reportLanguageChoice} />
      {!guest && <DraftTranslationNotice />}
      <main className="parent-main" id="maincontent">
        {renderPhase()}
      </main>
    </div>
  );

  function renderPhase() {
    switch (phase.name) {
      case 'loading':
        return <LoadingScreen />;
      case 'browser':
        return (
          <BrowserScreen
            verdict={phase.verdict}
            capability={phase.capability}
            onTryAnyway={mayTryAnyway(phase.capability) ? tryHereAnyway : null}
          />
        );
      case 'intro':
      case 'joining':
        return <IntroScreen info={phase.info} busy={phase.name === 'joining'} onJoin={() => void join()} />;
      case 'expired':
        return <ExpiredScreen />;
      case 'problem':
        return <ProblemScreen code={phase.code} onRetry={() => void phase.retry()} />;
      case 'camera':
        return <AskingForCameraScreen />;
      case 'camera_failed':
        return (
          <CameraFailedScreen
            failure={phase.failure}
            childFirstName={session?.childFirstName ?? m.common.yourChild}
            // After a reload at /join the check has not run again: the user agent still says which phone and browser.
            capability={capability ?? { os: osOf(navigator.userAgent, navigator.maxTouchPoints), browser: browserOf(navigator.userAgent) }}
            onRetry={() => void retryCamera()}
            onSoundOnly={() => void joinWithSoundOnly()}
            onStayOnPhone={() => void stayOnPhone()}
          />
        );
      case 'phone_only':
        return <PhoneOnlyScreen />;
      case 'live':
        return controller && session ? (
          <Suspense fallback={<LoadingScreen />}>
            <ParentCall controller={controller} session={session} />
          </Suspense>
        ) : (
          <LoadingScreen />
        );
    }
  }
}
