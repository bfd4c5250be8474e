import { accountsModule } from "@/lib/accounts/module";
import { apiSignInModule } from "@/lib/api-auth/token-module";
import { adminModule } from "@/lib/admin/module";
import { apiTokensModule } from "@/lib/api-tokens/module";
import { auditModule } from "@/lib/audit/module";
import { emailModule } from "@/lib/email/module";
import { composeModules } from "@/lib/kernel/registry";
import { rolesModule } from "@/lib/roles/module";
import { twoFactorModule } from "@/lib/two-factor/module";
import { usersModule } from "@/lib/users/module";
import { projectsModule } from "./projects";

// The registry: the one list of the system's modules. A new module adds one line here (npm run module:new
// writes it). app/, scripts/ and tests/ read `system`; lib/ (the kernel) never imports this file.
const modules = [
  // Built in (lib/<id>/module.ts)
  accountsModule,
  twoFactorModule,
  apiSignInModule,
  adminModule,
  usersModule,
  rolesModule,
  auditModule,
  emailModule,
  apiTokensModule,
  // Business modules (modules/<id>/)
  projectsModule,
] as const;

export const system = composeModules(modules);
