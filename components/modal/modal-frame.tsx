"use client";

import { useId } from "react";
import Modal from "react-bootstrap/Modal";

export type ModalFrameProps = {
  show: boolean;
  onHide: () => void;
  title: React.ReactNode;
  /** The title's id, when the caller derives other ids from it; one of its own otherwise. */
  titleId?: string;
  /** After the opening transition: where focus should start. */
  onEntered?: () => void;
  /** "static": a click beside the dialog does not close it (a form holding typed values). */
  backdrop?: "static";
  centered?: boolean;
  /** The body and footer, as Bootstrap's `.modal-body` and `.modal-footer` (inside a form, when it is one). */
  children: React.ReactNode;
};

/** react-bootstrap's Modal (focus trap, Escape, backdrop, transitions) with the house's title and close button. */
export function ModalFrame({ show, onHide, title, titleId, onEntered, backdrop, centered, children }: ModalFrameProps) {
  const ownId = useId();
  const id = titleId ?? ownId;
  return (
    <Modal show={show} onHide={onHide} aria-labelledby={id} onEntered={onEntered} backdrop={backdrop} centered={centered}>
      <Modal.Header closeButton closeLabel="Close">
        <Modal.Title id={id} as="h2" className="h5">
          {title}
        </Modal.Title>
      </Modal.Header>
      {children}
    </Modal>
  );
}
