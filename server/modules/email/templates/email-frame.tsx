import { Body, Button, Container, Head, Html, Preview } from '@react-email/components';
import type { ReactNode } from 'react';

/** The page every email of the firm sits on: a white card on grey, with its preview line. */
export function EmailFrame({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, sans-serif' }}>
        <Container style={{ backgroundColor: '#ffffff', padding: '32px', maxWidth: '560px' }}>
          {children}
        </Container>
      </Body>
    </Html>
  );
}

/** The one call to action of an email. */
export function PrimaryButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button
      href={href}
      style={{
        backgroundColor: '#1565c0',
        color: '#ffffff',
        padding: '12px 20px',
        borderRadius: '4px',
      }}
    >
      {children}
    </Button>
  );
}
