import { accessSync, constants } from 'node:fs';

/** Where a Chrome or Chromium binary is looked for when WHATSAPP_CHROME_EXECUTABLE is unset, in order. */
export function chromeCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter(Boolean);
    return roots.map((root) => `${root}\\Google\\Chrome\\Application\\chrome.exe`);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ];
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface ChromeDiscovery {
  /** The first executable candidate, or null when none exists. */
  found: string | null;
  /** Every place looked at, for the error message when nothing is found. */
  tried: string[];
}

export function discoverChrome(candidates: string[]): ChromeDiscovery {
  return { found: candidates.find(isExecutable) ?? null, tried: candidates };
}
