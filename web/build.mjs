// Builds the web UI into ../src/dateline/api/static (committed, so the Python package
// ships it and needs neither npm nor a CDN at run time).  Usage: npm ci && npm run build
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

const out = "../src/dateline/api/static";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  outfile: `${out}/app.js`,
  legalComments: "linked",
  loader: { ".json": "json" },
});
copyFileSync("src/index.html", `${out}/index.html`);
copyFileSync("src/style.css", `${out}/style.css`);
copyFileSync("node_modules/world-atlas/LICENSE", `${out}/LICENSE.world-atlas.txt`);
console.log(`built ${out}`);
