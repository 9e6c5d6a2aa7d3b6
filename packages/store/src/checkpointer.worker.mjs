// The WAL checkpointer's thread (plain JavaScript, so it runs without the TypeScript loader).
// Its own connection copies committed WAL frames into the database file and syncs both, off
// the thread that answers requests. PASSIVE never waits for, nor blocks, the writer.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });
db.pragma('synchronous = FULL');

const timer = setInterval(() => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpointed', walFrames: result.log, copied: result.checkpointed });
  } catch (e) {
    parentPort.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
}, intervalMs);

parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
