/** `npm run build -w @novbe/server`: the deployable bundle (see bundle.ts). */
import { buildServer } from './bundle';

console.log(`built ${await buildServer()}`);
