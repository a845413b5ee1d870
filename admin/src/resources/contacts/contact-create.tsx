import { Create } from 'react-admin';
import { ContactForm } from './contact-form';

export const ContactCreate = () => (
  <Create redirect="show">
    <ContactForm />
  </Create>
);
