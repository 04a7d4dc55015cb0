// Copies the playground's browser assets from the locked npm packages (npm ci) into vendor/,
// which is committed and ships inside the Python package: `pip install` and `cmp router` then
// need neither npm nor the network. Run after changing package.json / package-lock.json:
//   npm ci --prefix router/http/playground && npm run --prefix router/http/playground vendor
// vendor/manifest.json records each package's version and each file's SHA-256 (a test checks
// both against package-lock.json and the files); vendor/THIRD-PARTY-LICENSES.txt holds the
// licence of every package whose code the files contain (graphiql's bundle includes many).
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "vendor");

const FILES = {
  "graphiql.min.js": "graphiql/graphiql.min.js",
  "graphiql.min.css": "graphiql/graphiql.min.css",
  "react.production.min.js": "react/umd/react.production.min.js",
  "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
};
const DIRECT = ["graphiql", "react", "react-dom"];

function packageJson(dir) {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
}

// A package's directory: top-level, else nested under another package's node_modules.
function findPackage(name, root = modules, depth = 0) {
  const direct = join(root, name);
  if (existsSync(join(direct, "package.json"))) return direct;
  if (depth > 3 || !existsSync(root)) return null;
  for (const entry of readdirSync(root)) {
    const scoped = entry.startsWith("@") ? readdirSync(join(root, entry)).map((e) => join(entry, e)) : [entry];
    for (const pkg of scoped) {
      const nested = join(root, pkg, "node_modules");
      if (existsSync(nested)) {
        const found = findPackage(name, nested, depth + 1);
        if (found) return found;
      }
    }
  }
  return null;
}

function licenceText(dir) {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  return file ? readFileSync(join(dir, file), "utf8").trim() : null;
}

// Packages webpack bundled into graphiql.min.js, from its module ids ("…/node_modules/<pkg>/…").
function bundledPackages(bundle) {
  const names = new Set();
  for (const match of bundle.matchAll(/node_modules\/((?:@[^/"]+\/)?[^/"]+)\//g)) names.add(match[1]);
  return [...names].sort();
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const manifest = { packages: {}, files: {} };
for (const name of DIRECT) manifest.packages[name] = packageJson(join(modules, name)).version;
for (const [target, source] of Object.entries(FILES)) {
  copyFileSync(join(modules, source), join(out, target));
  manifest.files[target] = createHash("sha256").update(readFileSync(join(out, target))).digest("hex");
}

const bundled = bundledPackages(readFileSync(join(modules, FILES["graphiql.min.js"]), "utf8"));
const sections = [];
for (const name of [...new Set([...DIRECT, ...bundled])].sort()) {
  const dir = findPackage(name);
  if (!dir) {
    sections.push(`${name}\n(bundled in graphiql.min.js; not in node_modules: see graphiql's own licence notices)`);
    continue;
  }
  const meta = packageJson(dir);
  const licence = licenceText(dir) ?? `(no licence file; package.json says: ${meta.license})`;
  sections.push(`${name}@${meta.version} (${meta.license})\n\n${licence}`);
}
writeFileSync(
  join(out, "THIRD-PARTY-LICENSES.txt"),
  "Licences of the code in this folder (copied from the npm packages by ../vendor.mjs).\n\n" +
    sections.join(`\n\n${"-".repeat(78)}\n\n`) + "\n",
);
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`vendored ${Object.keys(FILES).length} files and ${sections.length} licences into ${out}`);
