import "server-only";
import type { DeclaredEmail } from "@/lib/email/templates/render";
import { emailCatalog } from "@/lib/email/templates";
import { system } from "@/modules";

/** The system's own templates, then each module's (declared with `emails` in defineModule). */
export async function galleryEmails(): Promise<DeclaredEmail[]> {
  const modules = await Promise.all(system.modules.map((mod) => mod.emails?.() ?? []));
  return [...emailCatalog, ...modules.flat()];
}

export async function findGalleryEmail(template: string): Promise<DeclaredEmail | undefined> {
  return (await galleryEmails()).find((email) => email.template === template);
}
