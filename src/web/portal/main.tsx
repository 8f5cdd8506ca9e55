import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { MetaProvider } from './meta.tsx';
import { PortalLayout } from './PortalLayout.tsx';
import { HomePage } from './HomePage.tsx';
import { SubmitPage } from './SubmitPage.tsx';
import { TrackPage } from './TrackPage.tsx';
import { GuidePage } from './GuidePage.tsx';
import './portal.css';

dayjs.locale('zh-cn');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

/** The citizens' portal: its own bundle under /portal, no staff login, no cookies. */
createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f5fa8', borderRadius: 8, fontSize: 16, controlHeight: 44 } }}>
      <AntApp>
        <BrowserRouter basename="/portal">
          <MetaProvider>
            <Routes>
              <Route element={<PortalLayout />}>
                <Route index element={<HomePage />} />
                <Route path="submit" element={<SubmitPage />} />
                <Route path="track" element={<TrackPage />} />
                <Route path="guide" element={<GuidePage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </MetaProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
