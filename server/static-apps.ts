import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { projectRoot } from './project-root';

/** Serves the built console at /admin and the portal at /portal, with client-side routing fallbacks. */
export function serveStaticApps(
  app: Express,
  distDir = join(projectRoot(), 'admin', 'dist'),
): void {
  const console = join(distDir, 'index.html');
  const portal = join(distDir, 'portal', 'index.html');
  const notBuilt = (_req: express.Request, res: express.Response) => {
    res.status(503).type('text').send('The console is not built yet: run `npm run build:admin`.');
  };
  app.get('/', (_req, res) => res.redirect('/admin/'));
  app.use('/admin', express.static(distDir, { index: false, maxAge: '1h' }));
  app.get(/^\/admin(\/.*)?$/, (req, res) =>
    existsSync(console) ? res.sendFile(console) : notBuilt(req, res),
  );
  app.get(/^\/portal(\/.*)?$/, (req, res) =>
    existsSync(portal) ? res.sendFile(portal) : notBuilt(req, res),
  );
}
