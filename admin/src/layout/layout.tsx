import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { ClientHubAppBar } from './app-bar';

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={ClientHubAppBar}>{children}</RaLayout>
);
