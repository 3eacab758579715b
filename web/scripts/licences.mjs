// Writes the licences of every package the bundle carries (the production dependencies and
// theirs) beside it, as their licences ask: edge/webapp/bundle/THIRD-PARTY-LICENSES.txt.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const tree = JSON.parse(execFileSync("npm", ["ls", "--omit=dev", "--all", "--json"], { encoding: "utf8" }));
const found = new Map();
(function walk(dependencies = {}) {
  for (const [name, info] of Object.entries(dependencies)) {
    // graphql-ws lists server packages as optional peers: not installed, not bundled.
    if (info.missing || !existsSync(join("node_modules", name))) continue;
    if (!found.has(name)) found.set(name, info.version);
    walk(info.dependencies);
  }
})(tree.dependencies);

const sections = [...found.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, version]) => {
    const directory = join("node_modules", name);
    const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8"));
    const file = readdirSync(directory).find((f) => /^licen[cs]e/i.test(f));
    const text = file && existsSync(join(directory, file)) ? readFileSync(join(directory, file), "utf8").trim() : `License: ${manifest.license}`;
    return `${name} ${version} (${manifest.license})\n${"-".repeat(60)}\n${text}\n`;
  });
writeFileSync(
  "../edge/webapp/bundle/THIRD-PARTY-LICENSES.txt",
  `Packages included in the ipoval web app bundle, with their licences.\n\n${sections.join("\n")}`,
);
console.log(`licences of ${found.size} packages written`);
