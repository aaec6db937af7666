import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Response } from 'express';

const require = createRequire(import.meta.url);

/**
 * Our own assets (stylesheet, page script, icon) live beside the sources in
 * apps/api/src/pages/assets; found by walking up from this file, which runs from apps/ under
 * the tests and from dist/ otherwise (tsc does not copy them).
 */
function ownAssetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'assets'), join(dir, 'apps', 'api', 'src', 'pages', 'assets')]) {
      if (existsSync(join(candidate, 'pages.css'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'apps', 'api', 'src', 'pages', 'assets');
    dir = parent;
  }
}

const own = ownAssetsDir();

/** Every file the pages load, at a fixed local path: no CDN, nothing from another origin. */
export const ASSETS: Readonly<Record<string, { file: string; type: string; maxAge: number }>> = {
  'htmx.min.js': {
    file: require.resolve('htmx.org/dist/htmx.min.js'),
    type: 'text/javascript; charset=utf-8',
    maxAge: 86_400,
  },
  // chart.js exports only its modules; the UMD build sits beside them in dist/.
  'chart.umd.min.js': {
    file: join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
    type: 'text/javascript; charset=utf-8',
    maxAge: 86_400,
  },
  'pages.js': { file: join(own, 'pages.js'), type: 'text/javascript; charset=utf-8', maxAge: 300 },
  'pages.css': { file: join(own, 'pages.css'), type: 'text/css; charset=utf-8', maxAge: 300 },
  'meeting.js': { file: join(own, 'meeting.js'), type: 'text/javascript; charset=utf-8', maxAge: 300 },
  'meeting.css': { file: join(own, 'meeting.css'), type: 'text/css; charset=utf-8', maxAge: 300 },
  'favicon.svg': { file: join(own, 'favicon.svg'), type: 'image/svg+xml', maxAge: 86_400 },
};

@ApiExcludeController()
@Controller()
export class AssetsController {
  /** Browsers ask for /favicon.ico on pages that name no icon (the sign-in page, the API docs). */
  @Get('favicon.ico')
  favicon(@Res() res: Response): void {
    this.serve('favicon.svg', res);
  }

  @Get('assets/:name')
  serve(@Param('name') name: string, @Res() res: Response): void {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException(`No asset ${name}`);
    res.setHeader('Cache-Control', `public, max-age=${asset.maxAge}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type(asset.type).sendFile(asset.file);
  }
}
