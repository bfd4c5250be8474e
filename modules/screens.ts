import type { ModuleScreens } from "@/lib/kernel/screens";
import { projectsScreens } from "./projects/screens";

// The modules' own screens, by resource name. Apart from the registry (index.ts): the root layout reads the
// registry for its menu on every page, and whatever a file it imports reaches, even lazily, the bundler ships
// with every page. Only the record pages (app/[resource]) import this list.
export const screens: ModuleScreens = { ...projectsScreens };
