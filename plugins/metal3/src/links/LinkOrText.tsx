import { Link } from '@backstage/core-components';
import { ReactNode } from 'react';

/**
 * A link when the target page is mounted in this app, its text otherwise
 * (see useMetal3Links): a card must not break, nor link nowhere, in an app
 * that did not mount the page.
 */
export const LinkOrText = ({
  to,
  children,
}: {
  to: string | undefined;
  children: ReactNode;
}) => (to ? <Link to={to}>{children}</Link> : <>{children}</>);
