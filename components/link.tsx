"use client";

import { useRouter } from "next/navigation";
import type { AnchorHTMLAttributes, MouseEvent } from "react";

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { href: string };

/** A click the browser would turn into a navigation of this tab: the main button, no modifier key, no other target. */
function navigatesThisTab(event: MouseEvent<HTMLAnchorElement>): boolean {
  const { target } = event.currentTarget;
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) &&
    (!target || target === "_self") &&
    !event.currentTarget.hasAttribute("download")
  );
}

/**
 * The one in-app link: an <a> that moves between pages on the client (the router's soft navigation), as
 * next/link does, for a few hundred bytes. next/link costs 2.8 KB gzip on every page (its module, URL formatting,
 * merged refs and Next's shared utilities: measured in the root layout's chunk), and what it adds here is
 * prefetching, which has nothing to fetch ahead: every page is rendered per request (the CSP nonce) and none has
 * a loading boundary. Other origins, in-page anchors and new-tab clicks are left to the browser.
 */
export function Link({ href, onClick, ...props }: Props) {
  const router = useRouter();
  const navigate = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!navigatesThisTab(event)) return;
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return;
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    event.preventDefault();
    router.push(url.pathname + url.search + url.hash);
  };
  return <a href={href} {...props} onClick={navigate} />;
}
