import { describe, expect, it } from "vitest";
import { classifyAddress, parseTargetUrl, resolveTarget, TargetRefused } from "./ssrf-guard";

async function refusal(url: string, allowPrivate: boolean): Promise<string> {
  try {
    await resolveTarget(parseTargetUrl(url), allowPrivate);
  } catch (error) {
    expect(error).toBeInstanceOf(TargetRefused);
    return (error as Error).message;
  }
  throw new Error(`${url} was accepted`);
}

describe("classifyAddress", () => {
  it("calls globally routable unicast public", () => {
    for (const ip of ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"]) expect(classifyAddress(ip)).toBe("public");
  });

  it("calls private, loopback, link-local, unique-local, CGNAT and special ranges private", () => {
    for (const ip of ["10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "127.9.9.9", "0.0.0.0", "169.254.1.1", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1"]) {
      expect(classifyAddress(ip), ip).toBe("private");
    }
  });

  it("recognises cloud metadata services, also written as IPv4-mapped, NAT64 or 6to4 IPv6", () => {
    for (const ip of ["169.254.169.254", "fd00:ec2::254", "FD00:EC2:0:0:0:0:0:254", "100.100.100.200", "169.254.170.2", "192.0.0.192", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1"]) {
      expect(classifyAddress(ip), ip).toBe("metadata");
    }
  });
});

describe("parseTargetUrl", () => {
  it("accepts http and https URLs", () => {
    expect(parseTargetUrl("https://hooks.example.com/x?y=1").hostname).toBe("hooks.example.com");
    expect(parseTargetUrl("http://hooks.example.com:8080/").port).toBe("8080");
  });

  it("refuses other schemes, garbage and metadata host names", () => {
    for (const url of ["ftp://example.com/", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)", "not a url", "http://metadata.google.internal/computeMetadata/v1/", "http://METADATA.GOOGLE.INTERNAL./", "http://metadata/"]) {
      expect(() => parseTargetUrl(url), url).toThrow(TargetRefused);
    }
  });
});

describe("resolveTarget", () => {
  it("refuses loopback, private and link-local targets unless private targets are allowed", async () => {
    for (const url of ["http://127.0.0.1:8080/", "http://localhost/", "http://[::1]/", "http://10.0.0.5/", "http://192.168.0.10/", "http://169.254.10.10/", "http://2130706433/", "http://0x7f.1/", "http://[::ffff:7f00:1]/"]) {
      expect(await refusal(url, false), url).toMatch(/private, loopback or link-local/);
    }
    expect((await resolveTarget(parseTargetUrl("http://127.0.0.1:8080/"), true))[0]).toEqual({ address: "127.0.0.1", family: 4 });
    expect((await resolveTarget(parseTargetUrl("http://[::1]/"), true))[0]).toEqual({ address: "::1", family: 6 });
  });

  it("refuses cloud metadata addresses even when private targets are allowed", async () => {
    for (const url of ["http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://100.100.100.200/", "http://[::ffff:a9fe:a9fe]/", "http://2852039166/"]) {
      for (const allow of [false, true]) expect(await refusal(url, allow), url).toMatch(/metadata/);
    }
  });

  it("refuses a host name that does not resolve", async () => {
    expect(await refusal("https://no-such-host.invalid/", true)).toMatch(/does not resolve/);
  });
});
