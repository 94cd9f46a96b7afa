/**
 * The layering of DESIGN.md, enforced: data flows down, never up.
 *   cli → client → rpc → node | abci → app → tx → modules → types → store (and crypto, generated at the bottom)
 * node/ (the embedded producer) and abci/ (the CometBFT socket server) are the two drivers of the
 * App, side by side: the upward rules keep each below rpc and cli and above app, and
 * drivers-side-by-side keeps abci/ out of node/.
 */
const layers = ["store", "types", "modules", "tx", "app", "node", "abci", "rpc", "client", "cli"];

const upward = layers.map((layer, i) => ({
  name: `${layer}-not-above`,
  comment: `${layer}/ may not depend on the layers above it (${layers.slice(i + 1).join(", ") || "none"})`,
  severity: "error",
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${layers.slice(i + 1).join("|")})/` },
}));

module.exports = {
  forbidden: [
    ...upward.filter((rule) => rule.name !== "cli-not-above"),
    {
      name: "drivers-side-by-side",
      comment: "abci/ drives the App as node/ does; neither driver depends on the other",
      severity: "error",
      from: { path: "^src/abci/" },
      to: { path: "^src/node/" },
    },
    {
      name: "leaves-stay-leaves",
      comment: "crypto/ and generated/ are shared leaves: they depend on no project layer except store/hash",
      severity: "error",
      from: { path: "^src/(crypto|generated)/" },
      to: { path: "^src/", pathNot: ["^src/(crypto|generated)/", "^src/store/hash\\.ts$"] },
    },
    {
      name: "test-helpers-only-in-tests",
      comment: "src/testing/ holds test helpers; production code never imports them (tests and test-fixture.ts files may)",
      severity: "error",
      from: { path: "^src/", pathNot: ["\\.test\\.ts$", "test-fixture\\.ts$", "^src/testing/"] },
      to: { path: "^src/testing/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^dist/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
