import type { Metadata } from "next";
import { getProfile } from "@/lib/accounts/profile";
import { requireUser } from "@/lib/auth/current-user";
import { listSessions } from "@/lib/auth/sessions";
import { ProfileForm } from "./profile-form";
import { SessionList } from "./session-list";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser();
  const [profile, sessions] = await Promise.all([getProfile(user.id), listSessions(user.id)]);
  return (
    <div className="container py-5">
      <h1 className="h2 mb-1">Your account</h1>
      <p className="text-body-secondary mb-4">
        Signed in as <strong>{profile.email}</strong>
        {profile.emailVerified && <span className="badge text-bg-success ms-2">verified</span>}
      </p>
      <div className="row g-4">
        <section className="col-lg-6" aria-labelledby="profile-heading">
          <div className="card h-100">
            <div className="card-body">
              <h2 id="profile-heading" className="h5 card-title">
                Profile
              </h2>
              <ProfileForm
                defaults={{ firstName: profile.firstName, lastName: profile.lastName, dateOfBirth: profile.dateOfBirth?.toISOString().slice(0, 10) ?? "" }}
              />
            </div>
          </div>
        </section>
        <section className="col-lg-6" aria-labelledby="sessions-heading">
          <div className="card h-100">
            <div className="card-body">
              <h2 id="sessions-heading" className="h5 card-title">
                Where you are signed in
              </h2>
              <SessionList
                currentSessionId={user.sessionId}
                sessions={sessions.map((s) => ({ id: s.id, ipAddress: s.ipAddress, userAgent: s.userAgent, lastSeen: `${s.lastSeenAt.toISOString().slice(0, 16).replace("T", " ")} UTC` }))}
              />
            </div>
          </div>
        </section>
      </div>
    </div>
  );
}
