import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AuditDetails } from "@/components/admin/audit-details";
import { auditActionLabel, humanise } from "@/lib/audit/labels";
import { system } from "@/modules";

// The audit log reads as sentences, not codes and JSON.

describe("readable audit entries", () => {
  it("names every action in words, and humanises one that has no label yet", () => {
    expect(auditActionLabel(system, "user.login")).toBe("Signed in");
    expect(auditActionLabel(system, "user.password_reset_request")).toBe("Password reset requested");
    for (const action of system.auditActions.keys()) expect(auditActionLabel(system, action), action).toMatch(/^[A-Z][A-Za-z -]+$/);
    expect(auditActionLabel(system, "user.retired_action")).toBe("User retired action");
    expect(auditActionLabel(system, "toString")).toBe("To string"); // not Object.prototype's
    expect(humanise("sessionsEnded")).toBe("Sessions ended");
  });

  it("shows a change as before → after, field by field, and the rest as a definition list", () => {
    const html = renderToStaticMarkup(
      <AuditDetails
        details={{
          before: { firstName: "Ada", dateOfBirth: null },
          after: { firstName: "Grace", dateOfBirth: "1990-12-09" },
          sessionsEnded: 2,
        }}
      />,
    );
    expect(html).toContain('<th scope="row" class="fw-semibold pe-2 py-0">First name</th>');
    expect(html).toMatch(/Ada<\/td>.*→.*Grace<\/td>/);
    expect(html).toMatch(/Date of birth.*—.*1990-12-09/);
    expect(html).toMatch(/<dt[^>]*>Sessions ended<\/dt><dd[^>]*>2<\/dd>/);
    expect(html).not.toContain("{");
    expect(renderToStaticMarkup(<AuditDetails details={{ before: ["user"], after: ["manager", "user"] }} />)).toMatch(
      /user<\/td>.*manager, user<\/td>/,
    );
    expect(renderToStaticMarkup(<AuditDetails details={{ before: "ACTIVE", after: "DISABLED", sessionsEnded: 0 }} />)).toMatch(
      /ACTIVE.*DISABLED.*Sessions ended/,
    );
  });

  it("escapes what it shows: stored text never becomes markup", () => {
    const html = renderToStaticMarkup(
      <AuditDetails
        details={{ before: { firstName: "<img src=x onerror=alert(1)>" }, after: { firstName: "x" }, note: "<script>1</script>" }}
      />,
    );
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
