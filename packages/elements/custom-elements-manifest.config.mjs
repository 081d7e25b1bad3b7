// Custom elements manifest (custom-elements.json), generated at build from the elements' JSDoc
// (@summary @slot @csspart @cssprop @event) and Lit decorators. Shipped in the package
// ("customElements" field) for editors and tools; the framework type declarations
// (scripts/framework-types.mjs) and the docs reference are generated from it.
//
// Two facts the analyzer cannot see on its own, filled in by the plugin below:
// - tag names: classes are registered by `defineElement('inflow-x', Class)` in src/define/*.ts
//   (guarded registration), not by `customElements.define` or `@customElement`;
// - event classes: each `inflow-*` event is a class with `static readonly eventName = '…'`;
// - Lit state (`@state()` or `static properties = { x: { state: true } }`) is internal (Lit's
//   own convention), so it is marked private.
const toDist = (path) => path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');

const definitions = []; // { tag, className, module }
const eventClasses = new Map(); // event name → { className, module }
const stateFields = new Set(); // `Class.field` of Lit @state() fields: internal reactive state
// Elements that render another one in their shadow root: the inner element's events bubble and are
// composed, so a host hears them on the outer element (`oninflow-complete` on a launcher).
const CONTAINS = { 'inflow-launcher': ['inflow-practice'] };

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/locales/**', 'src/frameworks/**'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'inflow-tags-and-events',
      analyzePhase({ ts, node, moduleDoc }) {
        if (ts.isCallExpression(node) && node.expression.getText() === 'defineElement') {
          const [tag, ctor] = node.arguments;
          if (tag && ts.isStringLiteral(tag) && ctor)
            definitions.push({ tag: tag.text, className: ctor.getText(), module: moduleDoc.path });
        }
        if (
          ts.isPropertyDeclaration(node) &&
          ts.isClassDeclaration(node.parent) &&
          node.parent.name &&
          (ts.getDecorators(node) ?? []).some((d) => /^state\(/.test(d.expression.getText()))
        ) {
          stateFields.add(`${node.parent.name.text}.${node.name.getText()}`);
        }
        // Lit `static properties = { x: { state: true } }` (the launcher and practice use no
        // decorators, to keep decorator helpers out of the page's initial script): internal state too.
        if (
          ts.isPropertyDeclaration(node) &&
          node.name.getText() === 'properties' &&
          node.initializer &&
          ts.isObjectLiteralExpression(node.initializer) &&
          ts.isClassDeclaration(node.parent) &&
          node.parent.name
        ) {
          for (const p of node.initializer.properties) {
            if (ts.isPropertyAssignment(p) && /\bstate:\s*true\b/.test(p.initializer.getText())) {
              stateFields.add(`${node.parent.name.text}.${p.name.getText()}`);
            }
          }
        }
        // The same without decorators: `static properties = { problem: { state: true } }`.
        if (
          ts.isPropertyDeclaration(node) &&
          node.name.getText() === 'properties' &&
          node.initializer &&
          ts.isObjectLiteralExpression(node.initializer) &&
          ts.isClassDeclaration(node.parent) &&
          node.parent.name
        ) {
          for (const prop of node.initializer.properties) {
            if (ts.isPropertyAssignment(prop) && /\bstate\s*:\s*true\b/.test(prop.initializer.getText())) {
              stateFields.add(`${node.parent.name.text}.${prop.name.getText()}`);
            }
          }
        }
        if (
          ts.isPropertyDeclaration(node) &&
          node.name.getText() === 'eventName' &&
          node.initializer &&
          ts.isStringLiteral(node.initializer) &&
          ts.isClassDeclaration(node.parent) &&
          node.parent.name
        ) {
          eventClasses.set(node.initializer.text, {
            className: node.parent.name.text,
            module: moduleDoc.path,
          });
        }
      },
      packageLinkPhase({ customElementsManifest: manifest }) {
        const declarations = new Map();
        for (const mod of manifest.modules)
          for (const d of mod.declarations ?? []) declarations.set(d.name, { d, mod });
        for (const { tag, className, module } of definitions) {
          const found = declarations.get(className);
          if (!found)
            throw new Error(
              `custom-elements manifest: ${module} defines <${tag}> with unknown class ${className}`,
            );
          found.d.tagName = tag;
          found.d.customElement = true;
          const defineModule = manifest.modules.find((m) => m.path === module);
          defineModule?.exports?.push({
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name: className, module: toDist(found.mod.path) },
          });
        }
        for (const mod of manifest.modules) {
          for (const d of mod.declarations ?? []) {
            if (!d.customElement) continue;
            for (const m of d.members ?? []) {
              if (!stateFields.has(`${d.name}.${m.name}`)) continue;
              if (m.privacy !== 'public') m.privacy = 'private';
              delete m.attribute;
              delete m.reflects;
            }
            // State is never an attribute.
            d.attributes = (d.attributes ?? []).filter(
              (a) => !stateFields.has(`${d.name}.${a.fieldName ?? a.name}`),
            );
            // Keep the documented `inflow-*` events (JSDoc @event), typed with their event class;
            // drop what the analyzer guesses from `dispatchEvent(new X(…))` call sites.
            d.events = (d.events ?? [])
              .filter((e) => e.name?.startsWith('inflow-'))
              .map((e) => {
                const cls = eventClasses.get(e.name);
                if (!cls)
                  throw new Error(
                    `custom-elements manifest: ${d.name} documents ${e.name}, which has no event class`,
                  );
                return { ...e, type: { text: cls.className }, inheritedFrom: undefined };
              });
          }
        }
        const byTag = new Map();
        for (const mod of manifest.modules)
          for (const d of mod.declarations ?? []) if (d.tagName) byTag.set(d.tagName, d);
        for (const [outer, inners] of Object.entries(CONTAINS)) {
          const d = byTag.get(outer);
          for (const inner of inners) {
            for (const e of byTag.get(inner)?.events ?? []) {
              if (!d.events.some((own) => own.name === e.name))
                d.events.push({ ...e, description: `From its <${inner}>: ${e.description ?? ''}`.trim() });
            }
          }
        }
        // The analyzer reads `customElements.define(tag, ctor)` inside defineElement() itself as a
        // definition of a tag named "tag"; the real ones were added above.
        for (const mod of manifest.modules) {
          if (mod.exports)
            mod.exports = mod.exports.filter(
              (e) => e.kind !== 'custom-element-definition' || e.name.startsWith('inflow-'),
            );
        }
        // Paths point at the shipped JavaScript, not at the TypeScript sources.
        for (const mod of manifest.modules) {
          mod.path = toDist(mod.path);
          for (const exp of mod.exports ?? [])
            if (exp.declaration?.module) exp.declaration.module = toDist(exp.declaration.module);
          for (const d of mod.declarations ?? [])
            if (d.superclass?.module) d.superclass.module = toDist(d.superclass.module);
        }
      },
    },
  ],
};
