import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The built files are served by `baken serve --web web/dist` under a strict CSP (no inline
// scripts or styles), so nothing may be inlined into index.html: assetsInlineLimit 0 keeps
// small images as files too, and the module preload polyfill (an inline helper) is off.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
