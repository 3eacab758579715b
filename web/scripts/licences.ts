// A Vite plugin that writes THIRD-PARTY-LICENSES.txt beside the bundle: the licence of every npm
// package whose code is in it, read from the modules the bundle was built from (so a package
// installed but not bundled, such as a test tool or an optional peer, is not listed).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";

const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\//;

function licenceOf(name: string): string {
  const directory = join("node_modules", name);
  const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as {
    version: string;
    license?: string;
  };
  const file = readdirSync(directory).find((f) => /^licen[cs]e/i.test(f));
  const text =
    file && existsSync(join(directory, file)) ? readFileSync(join(directory, file), "utf8").trim() : `License: ${manifest.license}`;
  return `${name} ${manifest.version} (${manifest.license})\n${"-".repeat(60)}\n${text}\n`;
}

export function thirdPartyLicences(): Plugin {
  return {
    name: "third-party-licences",
    apply: "build",
    generateBundle(_options, bundle) {
      const packages = new Set<string>();
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        for (const id of Object.keys(output.modules)) {
          const match = PACKAGE.exec(id.replaceAll("\\", "/"));
          if (match?.[1]) packages.add(match[1]);
        }
      }
      const sections = [...packages].sort().map(licenceOf);
      this.emitFile({
        type: "asset",
        fileName: "THIRD-PARTY-LICENSES.txt",
        source: `Packages included in the ipoval web app bundle, with their licences.\n\n${sections.join("\n")}`,
      });
    },
  };
}
