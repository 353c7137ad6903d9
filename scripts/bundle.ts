/**
 * `npm run bundle`: builds dist/deno-puter-proxy.js, the whole proxy as one self-contained file
 * (no imports at all) that `deno run --allow-net --allow-env` runs and Deno Deploy's playground
 * takes as pasted. `npm run build` (run by `npm start`) builds dist/node.mjs, the Node entry as one
 * file: it starts in a fraction of the time TypeScript loading takes and needs no node_modules.
 *
 * To stay small it bundles a lighter model catalogue, gzipped: per model only what OpenAI's model
 * object holds (id, owner, created) and the price. The catalogue is only the fallback for when
 * Puter's live list cannot be reached; the full one stays in the repo entries.
 */
import { build, type Plugin } from "esbuild";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = resolve(ROOT, "deno-puter-proxy.ts");
/** Where `npm run bundle` writes. */
const BUNDLE_PATH = resolve(ROOT, "dist/deno-puter-proxy.js");
/** Where `npm run build` writes the Node entry (what `npm start` runs). */
const NODE_PATH = resolve(ROOT, "dist/node.mjs");

/** The snapshot keys the bundle keeps: what `toModel` maps to id, ownedBy, created and pricing. */
const BUNDLE_SNAPSHOT_KEYS = ["id", "puterId", "provider", "release_date", "costs_currency", "input_cost_key", "output_cost_key", "costs"];

/** The bundle's catalogue: every model of the snapshot, with only the keys listed above. */
export function trimSnapshot(data: { models: Array<Record<string, unknown>> }): { models: Array<Record<string, unknown>> } {
  const models = data.models.map((entry) => Object.fromEntries(BUNDLE_SNAPSHOT_KEYS.filter((key) => key in entry).map((key) => [key, entry[key]])));
  return { models };
}

// The trimmed catalogue, gzipped and base64-encoded, unpacked on first use with the Web-standard
// DecompressionStream that Deno, Deno Deploy, Bun, Workers and Node all have: a fifth of the size.
const lightSnapshot: Plugin = {
  name: "light-models-snapshot",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]models-snapshot-data\.ts$/ }, ({ path }) => {
      const json = resolve(dirname(path), "models-snapshot.json");
      const packed = gzipSync(JSON.stringify(trimSnapshot(JSON.parse(readFileSync(json, "utf8")))), { level: 9 }).toString("base64");
      const contents = `const PACKED = ${JSON.stringify(packed)};
export async function snapshotData() {
  const bytes = Uint8Array.from(atob(PACKED), (c) => c.charCodeAt(0));
  return JSON.parse(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text());
}`;
      return { contents, loader: "js" };
    });
  },
};

export interface BundleResult {
  path: string;
  bytes: number;
  gzipBytes: number;
}

/** Builds the bundle to `outfile`; fails if anything would stay an import. */
export async function buildBundle(outfile = BUNDLE_PATH): Promise<BundleResult> {
  const { version } = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as { version: string };
  const result = await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    minify: true,
    legalComments: "none",
    write: false,
    metafile: true,
    logLevel: "warning",
    plugins: [lightSnapshot],
    banner: {
      js: `// puter-openai-proxy ${version}, one file for Deno and Deno Deploy (built by \`npm run bundle\`; do not edit).\n// Run: deno run --allow-net --allow-env deno-puter-proxy.js`,
    },
  });
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
  if (imports.length > 0) throw new Error(`the bundle would import ${imports.join(", ")}`);
  return writeOutput(result.outputFiles, outfile);
}

function writeOutput(files: Array<{ contents: Uint8Array }> | undefined, outfile: string): BundleResult {
  const [file] = files ?? [];
  if (!file) throw new Error("esbuild wrote no output");
  // Written aside and renamed: a runtime starting the file meanwhile reads the old or the new one, never half of one.
  mkdirSync(dirname(outfile), { recursive: true });
  const partial = `${outfile}.${process.pid}.tmp`;
  writeFileSync(partial, file.contents);
  renameSync(partial, outfile);
  return { path: outfile, bytes: file.contents.byteLength, gzipBytes: gzipSync(file.contents).byteLength };
}

/** Builds the Node entry (full model snapshot, Node built-ins left as imports) to `outfile`. */
export async function buildNodeEntry(outfile = NODE_PATH): Promise<BundleResult> {
  const result = await build({
    entryPoints: [resolve(ROOT, "src/runtime/node.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "warning",
    // CommonJS dependencies (the Redis client) call require(); an ES module has none of its own.
    banner: { js: '// puter-openai-proxy for Node, built by `npm run build` from src/ (do not edit).\nimport { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);' },
  });
  return writeOutput(result.outputFiles, outfile);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // `node` builds the Node entry quietly (npm start prints only the proxy's own line); default: the bundle.
  if (process.argv[2] === "node") await buildNodeEntry();
  else {
    const { path, bytes, gzipBytes } = await buildBundle();
    const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
    console.log(`${relative(process.cwd(), path)}: ${kb(bytes)} (${kb(gzipBytes)} gzipped)`);
  }
}
