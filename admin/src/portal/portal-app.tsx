import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { portalQueryClient } from './portal-query-client';
import { portalRouter } from './portal-router';

/** The portal: its pages, with the API's answers they load. */
export const PortalApp = () => (
  <QueryClientProvider client={portalQueryClient}>
    <RouterProvider router={portalRouter} />
  </QueryClientProvider>
);
