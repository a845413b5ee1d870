import { useId } from 'react';
import { Link } from 'react-router-dom';
import { ClientDocuments } from './client-documents';
import { ROLE_DESCRIPTIONS, ROLE_NAMES } from './client-roles';
import { FileRequestsSection } from './file-requests-section';
import type { PortalClient } from './portal-types';

/** A client's page: who it is, what the contact may do with it, its requests and documents. */
export const ClientDetails = ({ client }: { client: PortalClient }) => {
  const headingId = useId();
  return (
    <section className="portal-card" aria-labelledby={headingId}>
      <Link to="/portal/" className="portal-back">
        <span aria-hidden="true">← </span>Your clients
      </Link>
      <h1 id={headingId}>{client.displayName}</h1>
      <ClientSummary client={client} />
      <p className="portal-access">
        <strong>Your access:</strong> {ROLE_NAMES[client.role]} — {ROLE_DESCRIPTIONS[client.role]}
      </p>

      <FileRequestsSection
        heading="Requests"
        clientId={client.id}
        emptyText={`Nothing to do: no open requests for ${client.displayName}.`}
      />
      <ClientDocuments client={client} />
    </section>
  );
};

/** Address, email and phone, each only when the firm has it on file. */
const ClientSummary = ({ client }: { client: PortalClient }) => {
  const place = [client.city, [client.state, client.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  const lines = [client.street, place].filter(Boolean);
  if (!lines.length && !client.email && !client.phone) return null;
  return (
    <address className="portal-summary">
      {lines.map((line) => (
        <span key={line}>{line}</span>
      ))}
      {client.email && <a href={`mailto:${client.email}`}>{client.email}</a>}
      {client.phone && <a href={`tel:${client.phone.replace(/[^\d+]/g, '')}`}>{client.phone}</a>}
    </address>
  );
};
