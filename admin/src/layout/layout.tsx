import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { ClientHubAppBar } from './app-bar';
import { ClientHubMenu } from './menu';

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={ClientHubAppBar} menu={ClientHubMenu}>
    {children}
  </RaLayout>
);
