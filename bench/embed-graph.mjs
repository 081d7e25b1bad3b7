// The built embed's module graph (esbuild's metafile, packages/elements/dist/cdn/meta.json), and
// which files a page fetches for an entry. Read by the size check in `npm test` (.size-limit.js)
// and the bundle bench (bench/bundle.ts), so both walk the same graph.

/** `meta` is the parsed meta.json; file names come back relative to the bundle folder. */
export function embedGraph(meta) {
  // Metafile paths are relative to the build's working directory; make them relative to the bundle.
  const entryKey = Object.keys(meta.outputs).find((file) => file.endsWith('/inflow.js'));
  const prefix = entryKey.slice(0, -'inflow.js'.length);
  const local = (file) => (file.startsWith(prefix) ? file.slice(prefix.length) : file);
  const outputs = new Map(
    Object.entries(meta.outputs)
      .filter(([file]) => file.endsWith('.js'))
      .map(([file, out]) => [local(file), out]),
  );
  /**
   * The output built from a given source module, e.g. `dist/define/nudge.js`: the chunk it is the
   * entry of, else the chunk that holds it (bundle.mjs groups modules the first click loads together).
   */
  const outputOf = (source) =>
    [...outputs].find(([, out]) => out.entryPoint === source)?.[0] ??
    [...outputs].find(([, out]) => source in (out.inputs ?? {}))?.[0];
  /** A locale's translations chunk (built from `dist/locales/<locale>.js`). */
  const isLocale = (file) => /^dist\/locales\/[^/]+\.js$/.test(outputs.get(file)?.entryPoint ?? '');

  /**
   * The files a page fetches for `entry`: its static imports always, transitively; a dynamic
   * import when `lazy(target)`. With `localeSize` (file → bytes), locale chunks are set aside and
   * only the largest joins, with what it imports: a page runs in one locale and fetches only that
   * chunk, and counting the largest makes a size check hold for every locale.
   * @param {string} entry
   * @param {{ lazy?: (target: string) => boolean, localeSize?: (file: string) => number }} [options]
   * @returns {Set<string>}
   */
  function closure(entry, { lazy = () => false, localeSize } = {}) {
    const seen = new Set();
    const locales = new Set();
    const visit = (file) => {
      if (seen.has(file) || locales.has(file)) return;
      if (localeSize && isLocale(file)) return void locales.add(file);
      seen.add(file);
      for (const imp of outputs.get(file)?.imports ?? []) {
        const target = local(imp.path);
        if (imp.kind === 'import-statement' || (imp.kind === 'dynamic-import' && lazy(target))) visit(target);
      }
    };
    visit(entry);
    const [largest] = [...locales].sort((a, b) => localeSize(b) - localeSize(a));
    if (largest) {
      locales.delete(largest);
      seen.add(largest);
      for (const imp of outputs.get(largest)?.imports ?? []) visit(local(imp.path));
    }
    return seen;
  }

  return { outputOf, closure };
}
