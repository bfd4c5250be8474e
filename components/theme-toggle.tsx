"use client";

import { useSyncExternalStore } from "react";
import { THEME_COOKIE, parseTheme, type Theme } from "@/lib/theme";

// The <html data-bs-theme> attribute is the source of truth (set by the server or the boot script);
// this button only reads and flips it, and remembers the choice in a cookie.
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
  return () => observer.disconnect();
}
const currentTheme = (): Theme => parseTheme(document.documentElement.getAttribute("data-bs-theme")) ?? "light";
const serverTheme = (): Theme | undefined => undefined;

export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, currentTheme, serverTheme);
  const next: Theme = theme === "dark" ? "light" : "dark";

  const choose = () => {
    document.documentElement.setAttribute("data-bs-theme", next);
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
  };

  return (
    <button
      type="button"
      className="btn btn-sm btn-outline-light"
      onClick={choose}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      data-testid="theme-toggle"
    >
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
      <span className="ms-1">{theme === "dark" ? "Light" : "Dark"}</span>
    </button>
  );
}
