// Types of scripts/chromium.mjs for the TypeScript suites and scripts that import it.
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare function chromiumLaunchOptions(): { executablePath: string; headless: true; args: string[] };
