/**
 * How node runs the server (the bundle's first line and the benchmark pass these).
 *
 * `--max-semi-space-size=4`: the young generation capped at 4 MB per semi-space. What the
 * server allocates per request dies young, and V8 would otherwise grow it to 16 MB per
 * semi-space under a burst, ~40 MB of resident memory that a small appliance does not have to
 * spare. Measured by `npm run bench:server`: 151 MB instead of 214 MB at the end of the run, the
 * same issue latency.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
