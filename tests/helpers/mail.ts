import { db } from "@/lib/db";

/**
 * The token in the newest `template` mail to `to`. Some mail is sent after the response (runAfterResponse),
 * so it waits up to two seconds for the message to be stored.
 */
export async function latestLinkToken(to: string, template: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = await db.emailMessage.findFirst({ where: { to, template }, orderBy: { createdAt: "desc" } });
    if (mail) return new URL(/https?:\/\/\S+/.exec(mail.text)![0]).searchParams.get("token")!;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${template} mail to ${to}`);
}
