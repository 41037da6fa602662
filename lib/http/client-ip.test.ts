import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("takes the first X-Forwarded-For hop, then X-Real-IP", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1", "x-real-ip": "198.51.100.1" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-real-ip": " 198.51.100.1 " }))).toBe("198.51.100.1");
    expect(clientIp({ "x-forwarded-for": "192.0.2.5" })).toBe("192.0.2.5");
  });

  it("ignores values that are not addresses and falls back to the next header", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "not-an-ip, 1.2.3.4", "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientIp(new Headers({ "x-forwarded-for": "<script>" }))).toBe("unknown");
    expect(clientIp(undefined)).toBe("unknown");
  });

  it("folds IPv4-mapped IPv6 to IPv4 and groups IPv6 by /64", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "::ffff:203.0.113.9" }))).toBe("203.0.113.9");
    const a = clientIp(new Headers({ "x-forwarded-for": "2001:db8:1:2::1" }));
    expect(a).toBe("2001:db8:1:2::/64");
    expect(clientIp(new Headers({ "x-forwarded-for": "2001:db8:1:2:ffff::9" }))).toBe(a);
    expect(clientIp(new Headers({ "x-forwarded-for": "2001:db8:1:3::1" }))).not.toBe(a);
  });
});
