import ipaddr from "ipaddr.js";

type HeaderSource = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
}

/**
 * The caller's address for per-IP limits: the first hop of X-Forwarded-For, else X-Real-IP.
 * Trusting these assumes the edge (deploy/nginx, Vercel) overwrites them; a value that is not an
 * IP address is ignored so junk cannot mint fresh rate-limit buckets. IPv4-mapped IPv6 addresses
 * are folded to IPv4, and IPv6 callers are grouped by /64 (one host usually owns a whole /64).
 */
export function clientIp(headers: HeaderSource): string {
  const forwarded = header(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  for (const candidate of [forwarded, header(headers, "x-real-ip")?.trim()]) {
    if (candidate && ipaddr.isValid(candidate)) return normalise(ipaddr.parse(candidate));
  }
  return "unknown";
}

function normalise(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (address.kind() === "ipv6") {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    const parts = v6.toNormalizedString().split(":").slice(0, 4);
    return `${parts.join(":")}::/64`;
  }
  return address.toString();
}
