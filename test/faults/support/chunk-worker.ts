// A chunk job in its own process, so a fault test can SIGKILL it mid-way (no catch or finally runs,
// as when a serverless invocation is killed). Usage: chunk-worker.ts <database url> <run id> <chunk no>
import { openDatabase } from "@/db/client";
import { processChunk } from "@/jobs/chunk";
import { createPipeline } from "@/jobs/pipeline";
import { createDemoSource } from "@/jobs/sources/demo-source";
import { recordingQueue } from "@/test/support/pipeline";

const [url, runId, chunkNo] = process.argv.slice(2);
const handle = await openDatabase({ kind: "postgres", url: url!, poolSize: 2 });
const pipeline = createPipeline({ db: handle.db, source: createDemoSource(), queue: recordingQueue(), backfill: true });
await processChunk(pipeline, { runId: runId!, chunkNo: Number(chunkNo) });
await handle.close();
