#!/usr/bin/env node
// The `persistence` command, from the build (`npm run build` writes dist/).
import { main } from "../dist/src/cli/main.js";

await main();
