/**
 * A real browser: the library bundled by esbuild runs in Debian's headless
 * Chromium (driven by playwright-core with the system binary; nothing is
 * downloaded). The page decodes the recorded Dovecot session, serializes
 * commands, uses the web-stream faces and the TextDecoder-based helpers;
 * the test compares with the same code run in Node and checks the values.
 *
 * Outside CI the test is skipped (with a message) when Chromium is
 * missing; with CI=true that is an error (.ci/run installs it through
 * test/browser/chromium-install.sh).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { bundleForBrowser, ROOT } from './bundle.js';
import { runPage, type PageResult } from './page.js';
import { encodeBase64 } from '../../src/index.js';

const CHROMIUM = '/usr/bin/chromium';
const reason = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (bash test/browser/chromium-install.sh installs it)`;
if (reason !== undefined) {
  if (process.env.CI === 'true') throw new Error(`browser tests cannot run in CI: ${reason}`);
  console.warn(`[browser] headless Chromium tests SKIPPED: ${reason}`);
}

const T = 120_000;
const SESSION = new Uint8Array(readFileSync(join(ROOT, 'examples', 'dovecot-session.imap')));

describe.skipIf(reason !== undefined)('headless Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  let inBrowser: PageResult;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'imapwire-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    });
    const { code, nodeImports } = await bundleForBrowser({ contents: "export { runPage } from './test/browser/page.ts';" }, 'iife', 'imapwirePage');
    expect(nodeImports).toEqual([]);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ content: code });
    inBrowser = await page.evaluate((b64) => (globalThis as unknown as { imapwirePage: { runPage(s: string): Promise<PageResult> } }).imapwirePage.runPage(b64), encodeBase64(SESSION));
    expect(pageErrors).toEqual([]);
  }, T);

  afterAll(async () => {
    await context?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  it('runs in Chromium, not in Node', () => {
    expect(inBrowser.platform).toMatch(/Chrome\/\d+/);
  });

  it('decodes the recorded session: every response, no error, every byte back', () => {
    expect(inBrowser.errors).toBe(0);
    expect(inBrowser.responses).toBe(52);
    expect(inBrowser.roundTripMismatches).toBe(0);
    expect(inBrowser.types).toMatchObject({ FETCH: 7, tagged: 18, LIST: 6, ESEARCH: 1, QUOTA: 1, BYE: 1 });
    expect(inBrowser.bodyBytes).toBe(73);
    expect(inBrowser.subject).toBe('Café menu');
    expect(inBrowser.streamSameAsPush).toBe(true);
    expect(inBrowser.streamResponses).toBe(inBrowser.responses);
  });

  it('serializes commands, one-shot and through CommandEncoderStream', () => {
    expect(inBrowser.commands[0]).toBe('A1 LOGIN alice "p a\\"ss"\r\n');
    expect(inBrowser.commands[2]).toBe('A3 UID FETCH 1:* (UID FLAGS)\r\n');
    expect(inBrowser.commands[3]).toBe('A4 APPEND Sent (\\Seen) {18+}\r\nSubject: x\r\n\r\nhi\r\n\r\n');
    expect(inBrowser.streamedCommands).toBe(inBrowser.commands.join(''));
  });

  it('the TextDecoder-based helpers work there', () => {
    expect(inBrowser.latin1).toBe('Grüße');
  });

  it('gives exactly what Node gives', async () => {
    const inNode = await runPage(encodeBase64(SESSION));
    expect({ ...inBrowser, platform: '' }).toEqual({ ...inNode, platform: '' });
  });
});
