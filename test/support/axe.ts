// axe-core, the accessibility rules engine, run in the page under test. It is injected as a
// script tag, which the app's CSP would refuse: contexts that use this are opened with
// `bypassCSP: true`, in the test browser only.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let axeUrl: Promise<string> | undefined;

/**
 * axe-core's address on a local server of this process, cacheable for good. Chromium keeps a script
 * it loaded by address, compiled, so every later page of the context (and of the renderer) reuses
 * it: as inline text (`addScriptTag({ content | path })`) its 650 KB were sent and compiled again
 * on every page, and a page's check cost about a third more (interleaved on the console's pages at
 * load 14: 42.2 s against 29.5 s for 32 checks each). The server does not keep the process alive.
 */
function axeAddress(): Promise<string> {
  axeUrl ??= new Promise<string>((resolve, reject) => {
    const source = readFileSync(axePath);
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
      response.end(source);
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/axe.min.js`);
    });
  });
  return axeUrl;
}

/** Puts axe-core (`window.axe`) in the page as it is now; a navigation takes it away again. */
export async function injectAxe(page: Page): Promise<void> {
  await page.addScriptTag({ url: await axeAddress() });
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> };

/** The serious and critical violations on the page as it is now (WCAG 2.x A and AA rules, and best practices). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await injectAxe(page);
  type Axe = { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> };
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as { axe: Axe; document: unknown };
    const results = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}) })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** WCAG contrast ratio of two CSS rgb() colours. */
export function contrastRatio(foreground: string, background: string): number {
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? [])
      .slice(0, 3)
      .map(Number)
      .map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

/**
 * Saves the page as a person scrolls through it, one screen at a time (`<name>-01.png`, …), when
 * SCREENSHOT_DIR is set (e.g. `.scratch/screenshots`), so someone can look at it as a chair on a
 * phone would. Nothing is saved otherwise.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const height = page.viewportSize()?.height ?? 800;
  const total = await page.evaluate<number>('document.documentElement.scrollHeight');
  const at = await page.evaluate<number>('window.scrollY');
  for (let screen = 0; screen * height < total && screen < 20; screen++) {
    await page.evaluate(`window.scrollTo(0, ${screen * height})`);
    await page.screenshot({ path: join(dir, `${name}-${String(screen + 1).padStart(2, '0')}.png`) });
  }
  await page.evaluate(`window.scrollTo(0, ${at})`);
}
