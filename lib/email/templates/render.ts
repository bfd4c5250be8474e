import "server-only";
import { render, toPlainText } from "@react-email/components";
import { createElement, type ComponentType } from "react";
import { systemConfig } from "@/system.config";

// Renders a message's component to HTML on the server, and derives its plain text from that HTML, so both say
// the same words. React escapes every value a caller passes, in text and in attributes alike.

export type RenderedEmail = { template: string; subject: string; html: string; text: string };

/**
 * One message, declared once: its name in the outbox, its subject, its component, how callers pass its props
 * (emailTemplates.verifyEmail(firstName, link)), and the sample props the gallery and the tests render.
 */
type EmailDeclaration<Props extends object, Args extends unknown[]> = {
  template: string;
  subject: string;
  Component: ComponentType<Props>;
  props: (...args: Args) => Props;
  sample: Props;
};

/** A declared message as lists see it (the gallery, the tests): its props are any object like its sample. */
export type DeclaredEmail = {
  template: string;
  subject: string;
  sample: Record<string, unknown>;
  render(props: Record<string, unknown>): Promise<RenderedEmail>;
};

export function declareEmail<Props extends object, Args extends unknown[]>({ props, ...declaration }: EmailDeclaration<Props, Args>) {
  const render = (values: Props) => renderEmail(declaration, values);
  return { ...declaration, render, send: (...args: Args) => render(props(...args)) };
}

/** A link like the ones the system sends, for sample props. */
export const sampleLink = (path: string) => new URL(`${path}?token=sample-token`, systemConfig.url).toString();

type Element = { attribs: Record<string, string>; children: unknown[] };
type Builder = { addInline(text: string, options: { noWordTransform: boolean }): void };

const textOptions = {
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    { selector: "a[data-button]", format: "buttonLink" },
  ],
  formatters: {
    // A button reads "label: address" in plain text (its written-out copy is skipped there).
    buttonLink(element: Element, walk: (nodes: unknown[], builder: Builder) => void, builder: Builder) {
      walk(element.children, builder);
      builder.addInline(`: ${element.attribs.href}`, { noWordTransform: true });
    },
  },
};

async function renderEmail<Props extends object>(
  { template, subject, Component }: Pick<EmailDeclaration<Props, never>, "template" | "subject" | "Component">,
  props: Props,
): Promise<RenderedEmail> {
  const html = await render(createElement(Component, props));
  return { template, subject: `${subject} · ${systemConfig.name}`, html, text: toPlainText(html, textOptions) };
}
