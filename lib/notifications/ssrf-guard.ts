import { lookup } from "node:dns/promises";
import type { LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";

/** A webhook target this server will not call; the message says why (shown in the 400). */
export class TargetRefused extends Error {}

// Cloud instance-metadata services: refused even with WEBHOOK_ALLOW_PRIVATE_TARGETS=true, since a
// request there can hand out the machine's credentials. AWS (IPv4, IPv6, ECS task role), GCP,
// Azure (same IPv4 as AWS), Alibaba, Oracle.
const METADATA_ADDRESSES = new Set(
  ["169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200", "192.0.0.192"].map((a) => ipaddr.parse(a).toNormalizedString()),
);
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"]);

export type AddressClass = "public" | "private" | "metadata";

// IPv6 forms that carry an IPv4 address a gateway would reach (NAT64, 6to4): judged by that address.
function embeddedIpv4(addr: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = addr.toByteArray();
  if (addr.range() === "rfc6052") return new ipaddr.IPv4(bytes.slice(12, 16));
  if (addr.range() === "6to4") return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}

/**
 * public: globally routable unicast. metadata: a cloud metadata service. private: everything else
 * (RFC 1918, loopback, link-local, unique-local, CGNAT, unspecified, multicast, reserved).
 * IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as the IPv4 address it is.
 */
export function classifyAddress(ip: string): AddressClass {
  let addr: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.process(ip);
  if (addr.kind() === "ipv6") addr = embeddedIpv4(addr as ipaddr.IPv6) ?? addr;
  if (METADATA_ADDRESSES.has(addr.toNormalizedString())) return "metadata";
  return addr.range() === "unicast" ? "public" : "private";
}

/** Parses a webhook URL: http(s) only, a host, no metadata host name. Throws TargetRefused. */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused("The URL is not valid.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new TargetRefused("The URL must use http or https.");
  if (!url.hostname) throw new TargetRefused("The URL has no host.");
  if (METADATA_HOSTS.has(hostOf(url).toLowerCase().replace(/\.$/, ""))) throw new TargetRefused("Cloud metadata services are never a webhook target.");
  return url;
}

/** The host without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

function judge(address: string, allowPrivate: boolean): void {
  const kind = classifyAddress(address);
  if (kind === "metadata") throw new TargetRefused(`${address} is a cloud metadata address; it is never a webhook target.`);
  if (kind === "private" && !allowPrivate) {
    throw new TargetRefused(`${address} is a private, loopback or link-local address (set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow it).`);
  }
}

/**
 * Resolves the URL's host and checks every address it resolves to (an attacker controls the DNS of
 * their own name, so one bad address refuses the target). Returns the addresses to connect to: the
 * caller must connect to exactly these (see send-webhook.ts), so a second lookup cannot be rebound.
 */
export async function resolveTarget(url: URL, allowPrivate: boolean): Promise<LookupAddress[]> {
  const host = hostOf(url);
  let addresses: LookupAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new TargetRefused(`The host ${host} does not resolve.`);
    }
    if (addresses.length === 0) throw new TargetRefused(`The host ${host} does not resolve.`);
  }
  for (const { address } of addresses) judge(address, allowPrivate);
  return addresses;
}
