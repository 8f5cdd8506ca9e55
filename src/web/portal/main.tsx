import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { MetaProvider } from './meta.tsx';
import { TextSizeProvider } from './text-size.tsx';
import { PortalLayout, PortalLoading } from './PortalLayout.tsx';
import { HomePage } from './HomePage.tsx';
import './portal.css';

/** The form pages: plain React too, in their own small chunks so the home page carries only itself. */
const loadSubmit = () => import('./SubmitPage.tsx');
const loadTrack = () => import('./TrackPage.tsx');
const loadGuide = () => import('./GuidePage.tsx');
const SubmitPage = lazy(async () => ({ default: (await loadSubmit()).SubmitPage }));
const TrackPage = lazy(async () => ({ default: (await loadTrack()).TrackPage }));
const GuidePage = lazy(async () => ({ default: (await loadGuide()).GuidePage }));

/** Once the home page is on screen and the line is quiet, fetch the form pages so a tap on them opens at once. */
function prefetchPages(): void {
  const go = () => void Promise.all([loadSubmit(), loadTrack(), loadGuide()]).catch(() => undefined);
  if ('requestIdleCallback' in window) window.requestIdleCallback(go, { timeout: 4000 });
  else setTimeout(go, 1500);
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

/** The citizens' portal: its own bundle under /portal, no staff login, no cookies. */
createRoot(root).render(
  <StrictMode>
    <TextSizeProvider>
      <BrowserRouter basename="/portal">
        <MetaProvider>
          <Suspense fallback={<PortalLoading />}>
            <Routes>
              <Route element={<PortalLayout />}>
                <Route index element={<HomePage onShown={prefetchPages} />} />
                <Route path="submit" element={<SubmitPage />} />
                <Route path="track" element={<TrackPage />} />
                <Route path="guide" element={<GuidePage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </Suspense>
        </MetaProvider>
      </BrowserRouter>
    </TextSizeProvider>
  </StrictMode>,
);
