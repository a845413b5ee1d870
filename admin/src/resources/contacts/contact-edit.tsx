import { Edit } from 'react-admin';
import { ContactForm } from './contact-form';

// Pessimistic: a taken email (409 CONTACT_EMAIL_TAKEN) is reported before we leave the page.
export const ContactEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <ContactForm />
  </Edit>
);
