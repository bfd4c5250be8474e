import type { Metadata } from "next";
import { Link } from "@/components/link";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { audienceRoles } from "@/lib/email/compose";
import { emailPermissions } from "@/lib/email/permissions";
import { ComposeForm } from "./compose-form";

export const metadata: Metadata = { title: "Compose an email" };

export default async function ComposeEmailPage() {
  const actor = await requirePermission(emailPermissions.send);
  const roles = await audienceRoles(actor);
  return (
    <>
      <p className="mb-1">
        <Link href="/admin/emails">← Emails</Link>
      </p>
      <h1 className="h2 mb-1">Compose an email</h1>
      <p className="text-body-secondary mb-3">
        Goes to active accounts with a confirmed address, in the branded layout with an unsubscribe link; people who turned announcements
        off are skipped.
      </p>
      <ComposeForm roles={roles} canSendAll={can(actor, emailPermissions.send_all)} />
    </>
  );
}
