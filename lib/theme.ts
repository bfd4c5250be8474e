// Light/dark theme, remembered in a cookie so the server renders the right one (no flash on load).
// Shared by the root layout (server) and the theme toggle (browser).
export const THEME_COOKIE = "theme";
export type Theme = "light" | "dark";

export function parseTheme(value: string | undefined | null): Theme | undefined {
  return value === "light" || value === "dark" ? value : undefined;
}

/** Until a person chooses, follow the system preference; runs before first paint via a nonce'd script. */
export const themeBootScript = `(function(){try{var m=document.cookie.match(/(?:^|; )${THEME_COOKIE}=(light|dark)/);var t=m?m[1]:(matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light");document.documentElement.setAttribute("data-bs-theme",t)}catch(e){}})();`;
