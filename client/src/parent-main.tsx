import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { isParentLanguage } from '@desk/shared';
import { ParentRouteError } from './components/ParentRouteError';
import { phoneLanguage, startLocale } from './features/i18n/locale';
import { LocaleGate } from './features/i18n/LocaleGate';
import JoinPage from './pages/JoinPage';
import { ParentNotFound } from './pages/ParentNotFound';

/**
 * The parent's own entry (parent.html), served for /join and /advice: what a phone on a weak 4G
 * signal loads. Declarative routes, no desk code, no zod; the call layer (socket.io-client, the
 * peer) is imported only once the parent taps "Join video call", so it loads while the phone asks
 * for the camera.
 */

/** The advice page is its own chunk: the join page, the one that must be quick, never waits for it. */
const AdvicePage = lazy(() => import('./pages/AdvicePage'));

// The page's language loads beside its first request: an advice link says it in `?lang=`; a join
// link's comes with the link's preview (JoinPage), so the phone's own language is the first guess.
// The parent's own pick, if any, wins over both (features/i18n/locale.ts).
const askedFor = new URLSearchParams(window.location.search).get('lang');
const onAdvice = window.location.pathname.startsWith('/advice');
void startLocale(onAdvice ? (isParentLanguage(askedFor) ? askedFor : null) : phoneLanguage());

const container = document.getElementById('root');
if (!container) throw new Error('parent.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <ParentRouteError>
      <LocaleGate>
        <BrowserRouter>
          <Routes>
            <Route path="/join/:token" element={<JoinPage />} />
            <Route path="/join" element={<JoinPage />} />
            <Route
              path="/advice/:topic"
              element={
                <Suspense fallback={null}>
                  <AdvicePage />
                </Suspense>
              }
            />
            <Route path="*" element={<ParentNotFound />} />
          </Routes>
        </BrowserRouter>
      </LocaleGate>
    </ParentRouteError>
  </StrictMode>,
);
