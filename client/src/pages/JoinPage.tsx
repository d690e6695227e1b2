import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  AskingForCameraScreen,
  CameraFailedScreen,
  ExpiredScreen,
  IntroScreen,
  LoadingScreen,
  ProblemScreen,
} from '../features/join/JoinScreens';
import { joinWithToken, previewLink, resumeSession, retryCamera, useJoinStore } from '../features/join/joinFlow';
import { ParentCall } from '../features/join/ParentCall';
import '../styles/parent.scss';

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

  useEffect(() => {
    if (token) void previewLink(token);
    else void resumeSession();
  }, [token]);

  useEffect(() => {
    document.title = 'Video call – NHS 111';
  }, []);

  const join = async () => {
    if (await joinWithToken()) navigate('/join', { replace: true });
  };

  return (
    <div className="parent-page">
      <header className="parent-header">NHS 111 video call</header>
      <main className="parent-main" id="maincontent">
        {renderPhase()}
      </main>
    </div>
  );

  function renderPhase() {
    switch (phase.name) {
      case 'loading':
        return <LoadingScreen />;
      case 'intro':
      case 'joining':
        return <IntroScreen info={phase.info} busy={phase.name === 'joining'} onJoin={() => void join()} />;
      case 'expired':
        return <ExpiredScreen />;
      case 'problem':
        return <ProblemScreen message={phase.message} onRetry={() => void phase.retry()} />;
      case 'camera':
        return <AskingForCameraScreen />;
      case 'camera_failed':
        return (
          <CameraFailedScreen
            failure={phase.failure}
            childFirstName={session?.childFirstName ?? 'your child'}
            onRetry={() => void retryCamera()}
          />
        );
      case 'live':
        return controller && session ? <ParentCall controller={controller} session={session} /> : <LoadingScreen />;
    }
  }
}
