#!/usr/bin/env -S node --max-semi-space-size=64
// The `persistence` command, from the build (`npm run build` writes dist/). A node allocates
// much that lives for one block: a larger young generation (64 MiB semi-spaces) copies less of
// it, about 5% more throughput in `npm run bench`.
import { main } from "../dist/src/cli/main.js";

await main();
