import { systemConfig } from "@/system.config";

export function SiteFooter() {
  return (
    <footer className="border-top py-4 mt-auto bg-body-tertiary">
      <div className="container d-flex flex-column flex-sm-row justify-content-between gap-2 small text-body-secondary">
        <span>
          © {new Date().getFullYear()} {systemConfig.name}
        </span>
        <span>
          Help:{" "}
          <a className="link-body-emphasis" href={`mailto:${systemConfig.supportEmail}`}>
            {systemConfig.supportEmail}
          </a>
        </span>
      </div>
    </footer>
  );
}
