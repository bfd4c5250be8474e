import type { ModuleScreens } from "@/lib/kernel/screens";

// The projects module's own screens, in place of the generic ones. Kept out of the declaration (resources.ts):
// only the record pages import this, so their client code stays out of every other page's first load.
export const projectsScreens = {
  projects: {
    detail: async () => (await import("./project-page")).default,
    form: async () => (await import("../forms")).ProjectForm,
  },
  tasks: { form: async () => (await import("../forms")).TaskForm },
} satisfies ModuleScreens;
