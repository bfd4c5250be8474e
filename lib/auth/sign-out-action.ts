"use server";

import { revalidatePath } from "next/cache";
import { signOut } from "@/lib/auth";

// The navbar's and the two-factor page's "sign out": a server action shared by components/ and app/, so it
// lives in lib/ (components never import app/).
export async function logoutAction(): Promise<void> {
  revalidatePath("/", "layout");
  await signOut({ redirectTo: "/" });
}
