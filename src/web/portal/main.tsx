import { lazy, StrictMode, Suspense, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { MetaProvider } from './meta.tsx';
import { TextSizeProvider } from './text-size.tsx';
import { PortalLayout, PortalLoading } from './PortalLayout.tsx';
import { HomePage } from './HomePage.tsx';
import './portal.css';

/** A page that needs Ant Design, loaded with antd when it is first opened (its own chunks, never on the home page). */
function antdPage(load: () => Promise<ComponentType>) {
  return lazy(async () => {
    const [{ AntdScope }, Page] = await Promise.all([import('./antd-scope.tsx'), load()]);
    return {
      default: () => (
        <AntdScope>
          <Page />
        </AntdScope>
      ),
    };
  });
}

const SubmitPage = antdPage(async () => (await import('./SubmitPage.tsx')).SubmitPage);
const TrackPage = antdPage(async () => (await import('./TrackPage.tsx')).TrackPage);
const GuidePage = antdPage(async () => (await import('./GuidePage.tsx')).GuidePage);

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
                <Route index element={<HomePage />} />
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
