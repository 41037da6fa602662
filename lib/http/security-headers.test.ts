import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaderRules } from "./security-headers";

const headersOf = (rules: ReturnType<typeof securityHeaderRules>, withHttps: boolean) =>
  Object.fromEntries(rules.filter((r) => !r.has || withHttps).flatMap((r) => r.headers.map((h) => [h.key, h.value])));

describe("security headers", () => {
  it("sends CSP, nosniff, Referrer-Policy, framing and Permissions-Policy on every path", () => {
    const headers = headersOf(securityHeaderRules({ development: false }), false);
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
    for (const rule of securityHeaderRules({ development: false })) expect(rule.source).toBe("/:path*");
  });

  it("adds HSTS only for requests that arrived over https", () => {
    const hsts = securityHeaderRules({ development: false }).find((r) => r.headers.some((h) => h.key === "Strict-Transport-Security"));
    expect(hsts?.has).toEqual([{ type: "header", key: "x-forwarded-proto", value: "https" }]);
    expect(headersOf(securityHeaderRules({ development: false }), true)["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}; includeSubDomains$/);
  });

  it("allows inline scripts and styles (Next's bootstrap) but no eval, plugins or foreign scripts in production", () => {
    const csp = contentSecurityPolicy({ development: false });
    const directive = (name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));
    expect(directive("script-src")).toBe("script-src 'self' 'unsafe-inline'");
    expect(directive("style-src")).toBe("style-src 'self' 'unsafe-inline'");
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(directive("connect-src")).toBe("connect-src 'self'");
    expect(csp).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ development: true })).toContain("'unsafe-eval'");
  });
});
