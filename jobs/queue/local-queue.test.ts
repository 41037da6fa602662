import { describe, expect, it } from "vitest";
import { createLocalQueue } from "./local-queue";
import type { JobMessage } from "./queue";

describe("local queue delays", () => {
  it("runs a delayed message after its delay, without holding drain() for it", async () => {
    const ran: Array<{ id: string; at: number }> = [];
    const started = Date.now();
    const queue = createLocalQueue({ concurrency: 1, handle: async (m) => void ran.push({ id: m.dedupeId, at: Date.now() - started }) });
    const job = (dedupeId: string, delaySeconds?: number): JobMessage => ({ name: "webhook-delivery", payload: {}, dedupeId, delaySeconds });
    await queue.enqueue([job("later", 0.2), job("now")]);
    await queue.drain();
    expect(ran.map((r) => r.id)).toEqual(["now"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await queue.drain();
    expect(ran.map((r) => r.id)).toEqual(["now", "later"]);
    expect(ran[1]!.at).toBeGreaterThanOrEqual(190);
  });
});
