import { Create } from 'react-admin';
import { RequestTemplateForm } from './request-template-form';

export const RequestTemplateCreate = () => (
  <Create title="New request template" redirect="list">
    <RequestTemplateForm />
  </Create>
);
