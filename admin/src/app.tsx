import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { Dashboard } from './dashboard/dashboard';
import { Layout } from './layout/layout';
import { LoginPage } from './layout/login-page';
import { theme } from './layout/theme';
import { authProvider } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';
import { i18nProvider } from './providers/i18n-provider';
import auditEvents from './resources/audit-events';
import campaigns from './resources/campaigns';
import clients from './resources/clients';
import contacts from './resources/contacts';
import fileRequests from './resources/file-requests';
import { contactGroups, staffGroups } from './resources/groups';
import imports from './resources/imports';
import outbox from './resources/outbox';
import playbooks from './resources/playbooks';
import requestTemplates from './resources/request-templates';
import segments from './resources/segments';
import { SessionsPage } from './resources/sessions/sessions-page';
import { SettingsEdit } from './resources/settings/settings-edit';
import { SecurityPage } from './security/security-page';
import staff from './resources/staff';
import tags from './resources/tags';

export const App = () => (
  <Admin
    title="Client Hub"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    layout={Layout}
    dashboard={Dashboard}
    theme={theme}
    requireAuth
    // A self-hosted back office phones home to no one.
    disableTelemetry
  >
    <Resource name="clients" {...clients} />
    <Resource name="contacts" {...contacts} />
    <Resource name="file-requests" {...fileRequests} />
    <Resource name="request-templates" {...requestTemplates} />
    <Resource name="contact-groups" {...contactGroups} />
    <Resource name="tags" {...tags} />
    <Resource name="segments" {...segments} />
    <Resource name="campaigns" {...campaigns} />
    <Resource name="imports" {...imports} />
    <Resource name="playbooks" {...playbooks} />
    <Resource name="outbox" {...outbox} />
    <Resource name="staff" {...staff} />
    <Resource name="staff-groups" {...staffGroups} />
    <Resource name="audit-events" {...auditEvents} />
    <CustomRoutes>
      <Route path="/settings" element={<SettingsEdit />} />
      <Route path="/sessions" element={<SessionsPage />} />
      <Route path="/security" element={<SecurityPage />} />
    </CustomRoutes>
  </Admin>
);
