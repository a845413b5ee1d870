import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './portal-router';

interface PortalLinkProps {
  href: string;
  className?: string;
  children: ReactNode;
}

/** A link inside the portal: changes page without a reload, yet still opens in a new tab when asked. */
export const PortalLink = ({ href, className, children }: PortalLinkProps) => {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} className={className} onClick={onClick}>
      {children}
    </a>
  );
};
