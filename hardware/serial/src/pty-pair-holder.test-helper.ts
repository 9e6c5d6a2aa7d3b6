// A process that makes a pty pair and then ends without closing it, for the cleanup tests:
// `exit` calls process.exit at once, `hold` waits to be killed.
import { createPtyPair } from './pty-pair';

const pair = await createPtyPair();
process.stdout.write(`socat ${pair.pid} ${pair.driverPath}\n`);
if (process.argv[2] === 'exit') process.exit(0);
setInterval(() => undefined, 60_000);
