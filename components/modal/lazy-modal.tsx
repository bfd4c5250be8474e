"use client";

import { lazy, Suspense, useState, type ComponentType } from "react";
import type { ModalFrameProps } from "./modal-frame";

// react-bootstrap's Modal and its transitions weigh more than most pages' own code: a dialog's code loads when
// it first opens, not with the page (first-load budgets, scripts/page-budgets.json). React's own lazy():
// next/dynamic would add its loader (about 2 KB gzip) to the first load.

/** A dialog whose code (`load`) is fetched the first time it is shown, then stays mounted: closing plays its transition and focus returns. */
export function lazyDialog<P extends { show: boolean }>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Dialog = lazy(async () => ({ default: await load() }));
  return function LazyDialog(props: P) {
    const [opened, setOpened] = useState(props.show);
    if (props.show && !opened) setOpened(true);
    return opened ? (
      <Suspense fallback={null}>
        <Dialog {...props} />
      </Suspense>
    ) : null;
  };
}

/** A Bootstrap modal dialog (ModalFrame) whose code is fetched the first time it is shown. */
export const LazyModal = lazyDialog<ModalFrameProps>(async () => (await import("./modal-frame")).ModalFrame);
