import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (installed by `.ci/run`), or `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `false` when a Chromium binary is present, else the reason to give `test(..., { skip })`, so that
 * `npm test` passes on a machine without it (`.ci/run` installs it: `apt-get install chromium`).
 */
export function skipWithoutChromium(): string | false {
  return fs.existsSync(CHROMIUM_PATH)
    ? false
    : `skipped: no Chromium at ${CHROMIUM_PATH} (install Debian's chromium, or set CHROMIUM_PATH)`;
}

/**
 * Headless Chromium driven by playwright-core, with the flags this closed network needs (no
 * background networking, no first-run, no sandbox when running as root) and a fresh profile.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
