import "server-only";
import { systemConfig } from "@/system.config";

// Every message the system sends, as plain functions: subject, HTML and text from the same words, with
// the system's name from the config. Values are escaped; links are the only markup a caller supplies.

export type RenderedEmail = { template: string; subject: string; html: string; text: string };

type Paragraph = string | { link: string; label: string };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function render(template: string, subject: string, greeting: string, paragraphs: Paragraph[]): RenderedEmail {
  const name = systemConfig.name;
  const htmlBody = paragraphs
    .map((p) =>
      typeof p === "string"
        ? `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`
        : `<p style="margin:0 0 16px"><a href="${escapeHtml(p.link)}" style="display:inline-block;padding:10px 18px;background:${systemConfig.themeColor};color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(p.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#555">Or paste this address into your browser: ${escapeHtml(p.link)}</p>`,
    )
    .join("");
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,sans-serif;color:#212529"><div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px"><h1 style="margin:0 0 16px;font-size:20px;color:${systemConfig.themeColor}">${escapeHtml(name)}</h1><p style="margin:0 0 16px">${escapeHtml(greeting)}</p>${htmlBody}<p style="margin:24px 0 0;font-size:13px;color:#555">Questions? Write to ${escapeHtml(systemConfig.supportEmail)}.</p></div></body></html>`;
  const text = [
    name,
    "",
    greeting,
    "",
    ...paragraphs.map((p) => (typeof p === "string" ? p : `${p.label}: ${p.link}`)).flatMap((p) => [p, ""]),
    `Questions? Write to ${systemConfig.supportEmail}.`,
  ].join("\n");
  return { template, subject: `${subject} · ${name}`, html, text };
}

export const emailTemplates = {
  verifyEmail: (firstName: string, link: string) =>
    render("verify-email", "Confirm your email address", `Hello ${firstName},`, [
      `Confirm your email address to finish creating your ${systemConfig.name} account.`,
      { link, label: "Confirm my email address" },
      "The link works once and expires in 24 hours. If you did not sign up, ignore this email.",
    ]),
  alreadyRegistered: (firstName: string, loginLink: string) =>
    render("already-registered", "You already have an account", `Hello ${firstName},`, [
      "Someone tried to create an account with this email address, which already has one. If it was you, sign in instead:",
      { link: loginLink, label: "Sign in" },
      'If you forgot your password, use "Forgot password" on the sign-in page. If it was not you, ignore this email.',
    ]),
  passwordReset: (firstName: string, link: string) =>
    render("password-reset", "Reset your password", `Hello ${firstName},`, [
      "Someone asked to reset the password of your account. If it was you, choose a new password:",
      { link, label: "Choose a new password" },
      "The link works once and expires in 30 minutes. If you did not ask, ignore this email: your password stays as it is.",
    ]),
  passwordChanged: (firstName: string) =>
    render("password-changed", "Your password was changed", `Hello ${firstName},`, [
      "The password of your account was just changed, and every other signed-in browser was signed out.",
      `If this was not you, reset your password now and write to ${systemConfig.supportEmail}.`,
    ]),
  accountLocked: (firstName: string, minutes: number, after: "passwords" | "codes" = "passwords") =>
    render("account-locked", "Your account was locked", `Hello ${firstName},`, [
      `After several wrong ${after === "codes" ? "two-factor codes" : "passwords"}, sign-in to your account is locked for ${minutes} minutes.`,
      after === "codes"
        ? "Whoever tried knew your password. If this was not you, reset your password once the lock ends."
        : "If this was not you, someone may be guessing your password: consider resetting it once the lock ends.",
    ]),
  twoFactorEnabled: (firstName: string) =>
    render("two-factor-enabled", "Two-factor sign-in is on", `Hello ${firstName},`, [
      "Two-factor sign-in was turned on for your account: signing in now needs a code from your authenticator app as well as your password. Other signed-in browsers were signed out.",
      "Keep your recovery codes somewhere safe: each one lets you in once if you lose your phone.",
      `If this was not you, write to ${systemConfig.supportEmail} at once.`,
    ]),
  twoFactorDisabled: (firstName: string) =>
    render("two-factor-disabled", "Two-factor sign-in is off", `Hello ${firstName},`, [
      "Two-factor sign-in was turned off for your account: your password alone now signs you in.",
      `If this was not you, reset your password and write to ${systemConfig.supportEmail} at once.`,
    ]),
  recoveryCodeUsed: (firstName: string, left: number) =>
    render("recovery-code-used", "A recovery code was used", `Hello ${firstName},`, [
      `Someone signed in to your account with one of your two-factor recovery codes. You have ${left} left.`,
      left <= 3 ? "You are running low: make new recovery codes in your account settings." : "Each code works once.",
      `If this was not you, reset your password and write to ${systemConfig.supportEmail} at once.`,
    ]),
  twoFactorReset: (firstName: string) =>
    render("two-factor-reset", "Two-factor sign-in was reset", `Hello ${firstName},`, [
      "An administrator reset two-factor sign-in for your account, usually because a phone was lost. Your password alone signs you in until you set it up again.",
      `If you did not ask for this, write to ${systemConfig.supportEmail} at once.`,
    ]),
  confirmNewEmail: (firstName: string, link: string) =>
    render("confirm-new-email", "Confirm your new email address", `Hello ${firstName},`, [
      "Confirm this address to make it the email of your account:",
      { link, label: "Confirm my new address" },
      "The link works once and expires in 24 hours.",
    ]),
  emailChanged: (firstName: string, newEmail: string) =>
    render("email-changed", "Your email address was changed", `Hello ${firstName},`, [
      `The email address of your account is now ${newEmail}.`,
      `If this was not you, write to ${systemConfig.supportEmail} at once.`,
    ]),
  emailChangeRequested: (firstName: string, newEmail: string, cancelLink: string) =>
    render("email-change-requested", "Your email address is about to change", `Hello ${firstName},`, [
      `Someone signed in to your account asked to change its email address to ${newEmail}. It changes once that address confirms.`,
      "If this was not you, cancel the change and then reset your password:",
      { link: cancelLink, label: "Cancel the change" },
      "The link works once and expires in 24 hours. If it was you, ignore this email.",
    ]),
} as const;
