/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { thirdPartyLicences } from "./scripts/licences";

// The bundle lives inside the Python package, so installing and serving needs only Python.
// Its files are served under /app/ (hashed names, cached as immutable) and the page at /.
export default defineConfig({
  base: "/app/",
  plugins: [react(), thirdPartyLicences()],
  build: {
    outDir: "../edge/webapp/bundle",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    target: "es2022",
  },
  server: {
    // `npm run dev` against `ipoval serve` on :8000.
    proxy: {
      "/graphql": { target: "http://127.0.0.1:8000", ws: true },
      "/reports": "http://127.0.0.1:8000",
      "/app/session": "http://127.0.0.1:8000",
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
  },
});
