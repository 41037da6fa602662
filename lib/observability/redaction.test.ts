import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { REDACTED_PATHS } from "./logger";

function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, lines };
}

describe("log redaction", () => {
  it("never writes keys, passwords, cookies, session tokens or secrets", () => {
    const { stream, lines } = capture();
    const log = pino({ redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, stream);
    const secrets = ["sw_live_SECRETKEY", "hunter2-password", "session-cookie-value", "whsec_SECRET", "jwt-token-value", "deadbeefhash"];
    log.info({ authorization: `Bearer ${secrets[0]}`, password: secrets[1], headers: { cookie: secrets[2], authorization: "Bearer x" } }, "a");
    log.info({ req: { headers: { authorization: `Bearer ${secrets[0]}`, cookie: secrets[2] } }, webhook: { secret: secrets[3] } }, "b");
    log.info({ key: secrets[0], token: secrets[4], user: { passwordHash: secrets[5], credentials: { password: secrets[1] } }, apiKey: secrets[0] }, "c");
    log.info({ created: { key: secrets[0], keyHash: secrets[5] } }, "d");
    const written = lines.join("");
    for (const secret of secrets) expect(written).not.toContain(secret);
    expect(written).toContain("[redacted]");
  });
});
