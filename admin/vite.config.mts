import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The API serves admin/dist at /admin and dist/portal/index.html at /portal, so every
// asset URL is absolute under /admin/ and both pages share one assets folder.
export default defineConfig({
  root: here('.'),
  base: '/admin/',
  plugins: [react()],
  // admin/tsconfig.json's path aliases: the console and portal import the server's views
  resolve: {
    alias: { '@server': here('../server'), '@workflows': here('../workflows') },
  },
  build: {
    outDir: here('dist'),
    // The react-admin vendor chunk is ~500 kB minified (150 kB gzipped), named and cached.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: {
        console: here('index.html'),
        portal: here('portal/index.html'),
      },
      output: {
        // Named, cacheable vendor chunks. The portal loads React and what else both apps use
        // (react-router, react-query), never the console's own.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion)[\\/]/ },
            { name: 'shared', test: /node_modules[\\/]/, minShareCount: 2 },
            { name: 'react-admin', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
