import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalLanding } from './portal-landing';
import './portal.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PortalLanding />
  </StrictMode>,
);
