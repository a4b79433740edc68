import { defineConfig, type Plugin } from 'vite';

/**
 * `npm run dev -w @yizhao/example-approval-system`: Vite serves the page and the demo server's
 * applicant endpoints (minting with TEST keys runs in this Node process, not in the page).
 */
function demoEndpoints(): Plugin {
  return {
    name: 'yizhao-demo-endpoints',
    apply: 'serve',
    async configureServer(server) {
      const { createDemoKit } = await import('./server/demo-kit.js');
      const { demoHandler } = await import('./server/demo-server.js');
      const handle = demoHandler(await createDemoKit());
      server.middlewares.use((req, res, next) => {
        // The page itself is Vite's; everything under /demo/ and /applicant/ is the demo server's.
        if (!/^\/(demo|applicant)\//.test(req.url ?? '')) return next();
        handle(req, res).then((served) => served || next(), next);
      });
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [demoEndpoints()],
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
});
