/**
 * The ClientSession in headless Chromium, over a WebSocket to a small
 * bridge (test/browser/ws-bridge.ts) piping to the test Dovecot: the same
 * session code that runs over node:net runs over a browser transport, so it
 * is transport-free. LOGIN as carol (a password with a space, `"` and `\`),
 * LIST, APPEND with a synchronizing literal, SELECT, FETCH, IDLE, LOGOUT.
 *
 * Skipped outside CI (with a message) when Chromium or Dovecot cannot run;
 * with CI=true that is an error.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { bundleForBrowser } from './bundle.js';
import { startBridge, type Bridge } from './ws-bridge.js';
import type { SessionPageResult } from './session-page.js';
import { startDovecot, stopDovecot, cannotRunReason, dovecotLog, type DovecotServer } from '../realserver/server.js';

const CHROMIUM = '/usr/bin/chromium';
const reason = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (bash test/browser/chromium-install.sh installs it)` : cannotRunReason();
if (reason !== undefined) {
  if (process.env.CI === 'true') throw new Error(`the browser session test cannot run in CI: ${reason}`);
  console.warn(`[browser] ClientSession over WebSocket SKIPPED: ${reason}`);
}

const T = 120_000;

describe.skipIf(reason !== undefined)('ClientSession in Chromium over a WebSocket bridge to Dovecot', () => {
  let context: BrowserContext;
  let profile: string;
  let server: DovecotServer;
  let bridge: Bridge;
  let result: SessionPageResult;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startDovecot();
    bridge = await startBridge('127.0.0.1', server.port);
    profile = mkdtempSync(join(tmpdir(), 'imapwire-chromium-session-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    const { code, nodeImports } = await bundleForBrowser({ contents: "export { runSession } from './test/browser/session-page.ts';" }, 'iife', 'imapwireSession');
    expect(nodeImports).toEqual([]);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ content: code });
    result = await page.evaluate(
      ([url, user, pass]) => (globalThis as unknown as { imapwireSession: { runSession(u: string, a: string, b: string): Promise<SessionPageResult> } }).imapwireSession.runSession(url, user, pass),
      [bridge.url, 'carol', 'c a"r\\ol'] as const,
    );
  }, T);

  afterAll(async () => {
    await context?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
    await bridge?.close();
    if (server !== undefined) stopDovecot(server);
  });

  it('runs in Chromium and completes every step', () => {
    const why = `${JSON.stringify(result)}\n${server !== undefined ? dovecotLog(server) : ''}`;
    expect(result.platform).toMatch(/Chrome\/\d+/);
    expect(result.error, why).toBeUndefined();
    expect(pageErrors).toEqual([]);
    expect(result.steps, why).toEqual(['greeting OK', 'LOGIN OK', 'LIST OK', 'APPEND OK', 'SELECT OK', 'FETCH OK', 'idling', 'IDLE OK', 'LOGOUT OK']);
  });

  it('got real answers through the bridge', () => {
    expect(result.mailboxes).toContain('INBOX');
    expect(result.text).toBe('Hallo aus Chromium, grüße.\r\n');
    expect(result.uidValidity).toBeGreaterThan(0);
    expect(bridge.stats.connections).toBe(1);
    expect(result.bytesIn).toBe(bridge.stats.toClient);
    expect(bridge.stats.toServer).toBeGreaterThan(0);
  });
});
