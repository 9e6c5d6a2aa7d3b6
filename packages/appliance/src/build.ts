/**
 * Bundles an appliance's Electron side with esbuild: `dist/main.js` (ESM: the shell, the agent
 * and the workspace packages they use; npm packages stay external and load from node_modules)
 * and `dist/preload.cjs` (CommonJS, self-contained: a sandboxed preload can require only
 * 'electron'). Each app's `main/build.ts` calls `buildShell` with its own folder.
 */
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ShellBundles {
  readonly main: string;
  readonly preload: string;
  readonly metafiles: { main: Metafile; preload: Metafile };
}

export interface BuildShellOptions {
  /** The app's `main/` folder, with `main.ts` and `preload.ts`. */
  readonly mainDir: string;
  /** Default `<mainDir>/dist`. */
  readonly outDir?: string;
  readonly minify?: boolean;
  /**
   * Folders (repository-relative) a bundled workspace module finds beside its own source with
   * `import.meta.url` (the printer's fonts); copied into dist at the same repository-relative
   * place, see `keepImportMetaUrl`.
   */
  readonly assets?: readonly string[];
}

/** Builds main.js and preload.cjs of the app whose `main/` is `mainDir`. */
export async function buildShell(options: BuildShellOptions): Promise<ShellBundles> {
  const { mainDir } = options;
  const outDir = resolve(options.outDir ?? join(mainDir, 'dist'));
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const main = join(outDir, 'main.js');
  const preload = join(outDir, 'preload.cjs');
  const common = {
    bundle: true,
    sourcemap: 'linked' as const,
    minify: options.minify ?? true,
    legalComments: 'none' as const,
    logLevel: 'silent' as const,
    metafile: true,
    absWorkingDir: REPO,
  };
  const [mainResult, preloadResult] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(mainDir, 'main.ts')],
      outfile: main,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      // Bundled CommonJS helpers may call require(); give the ESM bundle a real one.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      plugins: [externalNpmPackages(), keepImportMetaUrl(join(mainDir, 'main.ts'))],
    }),
    build({
      ...common,
      entryPoints: [join(mainDir, 'preload.ts')],
      outfile: preload,
      format: 'cjs',
      // The sandboxed preload has no Node: a browser build fails loudly if a node: import sneaks in.
      platform: 'browser',
      target: 'chrome130',
      external: ['electron'],
    }),
  ]);
  await Promise.all(
    (options.assets ?? []).map((dir) => cp(join(REPO, dir), join(outDir, dir), { recursive: true })),
  );
  return { main, preload, metafiles: { main: mainResult.metafile!, preload: preloadResult.metafile! } };
}

/**
 * npm packages (native ones above all: better-sqlite3, serialport, canvas) load from
 * node_modules at run time; the workspace's own packages, shipped as TypeScript source, are
 * bundled.
 */
function externalNpmPackages(): Plugin {
  return {
    name: 'external-npm-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point' || args.path.startsWith('@novbe/')) return undefined;
        if (/^[A-Za-z]:[\\/]/.test(args.path)) return undefined; // a Windows absolute path
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * A bundled module's `import.meta.url` would name main.js; it is rewritten to the module's
 * repository-relative path under dist, where `assets` copies what it looks up beside itself.
 */
function keepImportMetaUrl(entry: string): Plugin {
  return {
    name: 'keep-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url') || args.path === entry) return undefined;
        const rel = relative(REPO, args.path).split('\\').join('/');
        if (rel.startsWith('..')) return undefined;
        // Packaged, the assets sit unpacked beside app.asar: native code (the canvas loading a
        // font) cannot read inside the archive.
        const url = `new URL(${JSON.stringify(`./${rel}`)}, import.meta.url).href.replace("/app.asar/", "/app.asar.unpacked/")`;
        return {
          contents: source.replaceAll('import.meta.url', url),
          loader: 'ts',
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

/** `tsx <app>/main/build.ts`: builds, then says what and how long. */
export async function runShellBuild(options: BuildShellOptions): Promise<void> {
  const started = performance.now();
  const { main, preload } = await buildShell(options);
  const ms = Math.round(performance.now() - started);
  console.log(`built ${relative(process.cwd(), main)} and ${relative(process.cwd(), preload)} in ${ms} ms`);
}
