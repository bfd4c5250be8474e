import { Link } from "@/components/link";
import { FeatureIcon, type FeatureIconName } from "@/components/feature-icons";
import { systemConfig } from "@/system.config";

const features: { icon: FeatureIconName; title: string; text: string }[] = [
  {
    icon: "shield",
    title: "Secure by default",
    text: "A fresh nonce Content-Security-Policy on every page, strict security headers and HTTPS enforcement in production.",
  },
  {
    icon: "lock",
    title: "Accounts you can trust",
    text: "Registration with email verification, a modern password policy, lockout and rate limits, and sessions you can see and revoke.",
  },
  {
    icon: "database",
    title: "Your database, or none to install",
    text: "PostgreSQL in production; an embedded PostgreSQL (PGlite) so a fresh clone runs with no setup. Versioned migrations for both.",
  },
  {
    icon: "pulse",
    title: "Operable",
    text: "Structured JSON logs with request ids, health, liveness and readiness checks, and graceful shutdown.",
  },
  {
    icon: "pencil",
    title: "Yours to rename",
    text: "One configuration file names and brands the whole system: titles, navigation, emails and docs.",
  },
];

export default function HomePage() {
  return (
    <>
      <section className="hero py-5 border-bottom">
        <div className="container py-lg-4">
          <h1 className="display-5 fw-bold">{systemConfig.name}</h1>
          <p className="lead col-lg-8">{systemConfig.tagline}</p>
          <p className="col-lg-8 text-body-secondary">{systemConfig.description}</p>
          <Link href="/status" className="btn btn-primary btn-lg mt-2">
            System status
          </Link>
        </div>
      </section>
      <section className="container py-5" aria-labelledby="features-heading">
        <h2 id="features-heading" className="h3 mb-4">
          What you get
        </h2>
        <div className="row g-4">
          {features.map((feature) => (
            <div className="col-md-6 col-lg-4" key={feature.title}>
              <div className="card h-100 shadow-sm">
                <div className="card-body">
                  <div className="feature-icon d-flex align-items-center justify-content-center mb-3">
                    <FeatureIcon name={feature.icon} />
                  </div>
                  <h3 className="h5 card-title">{feature.title}</h3>
                  <p className="card-text text-body-secondary">{feature.text}</p>
                </div>
              </div>
            </div>
          ))}
        </div>
      </section>
    </>
  );
}
