// The elements' styles are Lit `css` tagged templates, which the JavaScript minifier keeps as
// written (indentation, newlines, comments). This rolldown plugin minifies their text in our
// own modules before bundling: about 0.1 kB gzip of the launcher entry, more of the practice chunk.
import { RolldownMagicString } from 'rolldown';

/**
 * Minified CSS text: comments dropped, whitespace collapsed and removed where CSS never needs it
 * (around `{ } ; , >` and after `:`; never before `:`, which would join a descendant selector
 * to a pseudo-class). Quoted strings are kept as written.
 */
export function minifyCss(text) {
  return text
    .split(/('[^']*'|"[^"]*")/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: |\( /g, (s) => s[0])
            .replace(/ \)/g, ')')
            .replace(/(^|[ :,(])0\.(?=\d)/g, '$1.')
            .replace(/;}/g, '}'),
    )
    .join('')
    .trim();
}

/** Rewrites every `css` template without expressions in this package's compiled modules. */
export function minifyCssTemplates() {
  return {
    name: 'inflow-minify-css',
    transform: {
      filter: { id: /[\\/]elements[\\/]dist[\\/].*\.js$/, code: /\bcss ?`/ },
      handler(code) {
        const out = new RolldownMagicString(code);
        // tsc writes `css \`…\``, with a space.
        for (const m of code.matchAll(/\bcss ?`([^`$\\]*)`/g)) {
          const start = m.index + m[0].length - m[1].length - 1;
          out.overwrite(start, start + m[1].length, minifyCss(m[1]));
        }
        return { code: out };
      },
    },
  };
}
