// Security headers for every response, served through next.config.ts `headers()`. Imported by the
// Next config itself, so this module stays free of app imports.

export interface HeaderRule {
  source: string;
  has?: Array<{ type: "header"; key: string; value?: string }>;
  headers: Array<{ key: string; value: string }>;
}

/**
 * The Content-Security-Policy of the dashboard. Next's App Router inlines its bootstrap scripts
 * and styles, so without per-request nonces (which would make every page dynamic) it needs
 * 'unsafe-inline' for both; everything else is same-origin only. Product images come from the
 * marketplaces' CDNs, hence any https image. Development adds what the dev server's refresh needs.
 */
export function contentSecurityPolicy(opts: { development: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(opts.development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(opts.development ? ["ws:", "wss:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export function securityHeaderRules(opts: { development: boolean }): HeaderRule[] {
  return [
    {
      source: "/:path*",
      headers: [
        { key: "Content-Security-Policy", value: contentSecurityPolicy(opts) },
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        // frame-ancestors covers current browsers; X-Frame-Options the older ones.
        { key: "X-Frame-Options", value: "DENY" },
        { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
        { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
      ],
    },
    {
      // HSTS only when the request reached the edge over https: sent over plain http (a local
      // demo) it would be ignored at best and pin a developer's localhost to https at worst.
      source: "/:path*",
      has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
      headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
    },
  ];
}
