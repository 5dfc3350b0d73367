// A rollup output plugin for the Node ES module entries: CommonJS-only dependencies are loaded with require, and
// only when first used.
//
// Why require: Node's ES module loader pays for every CommonJS package it imports (it scans the package's source
// for export names, and keeps a module record for it), which for the @smithy packages cost more than our own code
// (see `npm run bench`, import and modules loaded). Why on first use: an application that imports the client to
// name an error class, or the CLI's `status` (which only reads files), should not load an HTTP stack it never
// uses; the client loads @smithy/node-http-handler when it builds its request handler.
//
// `import { A, B as C } from "cjs"` becomes `const __cjs0 = ...` (a memoized require of "cjs") and each reference
// to A becomes `(__cjs0().A)`. A chunk that declares one of those names again, or re-exports it, cannot be
// rewritten safely: the build fails and says so.
import { parseAst } from "rollup/parseAst";

/** Calls `visit(node, parent, key)` for every node of an ESTree tree; `visit` returns false to skip the children. */
function walk(node, parent, key, visit) {
  if (visit(node, parent, key) === false) return;
  for (const [k, value] of Object.entries(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child.type === "string") walk(child, node, k, visit);
    }
  }
}

/** Whether an identifier at this place names a binding (rather than a property, a method or a label). */
function isReference(parent, key) {
  if (!parent) return true;
  switch (parent.type) {
    case "MemberExpression":
      return key !== "property" || parent.computed;
    case "Property":
    case "MethodDefinition":
    case "PropertyDefinition":
      return key !== "key" || parent.computed;
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return false;
    default:
      return true;
  }
}

/** The names a binding pattern declares: `a`, `{ a, b: c, ...d }`, `[a = 1, ...b]`. */
function patternNames(p) {
  switch (p?.type) {
    case "Identifier":
      return [p.name];
    case "ObjectPattern":
      return p.properties.flatMap((q) => patternNames(q.type === "RestElement" ? q.argument : q.value));
    case "ArrayPattern":
      return p.elements.flatMap(patternNames);
    case "AssignmentPattern":
      return patternNames(p.left);
    case "RestElement":
      return patternNames(p.argument);
    default:
      return [];
  }
}

/** Every name the chunk declares, in any scope, apart from its imports. */
function declaredNames(ast) {
  const names = new Set();
  walk(ast, undefined, undefined, (node) => {
    if (node.type === "VariableDeclarator") patternNames(node.id).forEach((n) => names.add(n));
    if (/^(Function|Class)(Declaration|Expression)$/.test(node.type) && node.id) names.add(node.id.name);
    if (/Function/.test(node.type)) node.params.flatMap(patternNames).forEach((n) => names.add(n));
    if (node.type === "CatchClause") patternNames(node.param).forEach((n) => names.add(n));
  });
  return names;
}

export const requireCommonJs = (isCommonJs) => ({
  name: "require-commonjs",
  renderChunk(code, chunk) {
    const ast = parseAst(code);
    const lazy = new Map(); // local name -> replacement expression
    const loaders = [];
    const edits = [];
    for (const node of ast.body) {
      if (node.type !== "ImportDeclaration" || !isCommonJs(node.source.value)) continue;
      const loader = `__cjs${loaders.length}`;
      loaders.push(`let ${loader}$;\nconst ${loader} = () => (${loader}$ ??= __require(${JSON.stringify(node.source.value)}));`);
      for (const s of node.specifiers) {
        // A default or namespace import of a CommonJS module is its module.exports, as Node's import gives it.
        lazy.set(s.local.name, s.type === "ImportSpecifier" ? `(${loader}().${s.imported.name})` : `${loader}()`);
      }
      edits.push([node.start, node.end, ""]);
    }
    if (!loaders.length) return null;
    const fail = (what) => {
      throw new Error(`require-commonjs: ${chunk.fileName}: ${what}`);
    };
    if (/\b__(require|cjs\d+)\b/.test(code)) fail("the chunk already uses a name this plugin adds");
    // With none of the imported names declared anywhere else, every identifier of such a name that is not a
    // property name or a label refers to the import.
    for (const name of declaredNames(ast)) if (lazy.has(name)) fail(`it declares ${name} again`);
    walk(ast, undefined, undefined, (node, parent, key) => {
      if (node.type === "ImportDeclaration") return false;
      if (node.type === "ExportSpecifier" && lazy.has(node.local.name)) fail(`it re-exports ${node.local.name}, a CommonJS import`);
      if (node.type === "Property" && node.shorthand && !node.computed && lazy.has(node.key.name) && parent.type === "ObjectExpression") {
        edits.push([node.start, node.end, `${node.key.name}: ${lazy.get(node.key.name)}`]);
        return false;
      }
      if (node.type !== "Identifier" || !lazy.has(node.name) || !isReference(parent, key)) return;
      if (code.slice(node.start, node.end) !== node.name) fail("the parser's positions do not match the code");
      edits.push([node.start, node.end, lazy.get(node.name)]);
    });
    let out = code;
    for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
    return { code: `import { createRequire } from "node:module";\nconst __require = createRequire(import.meta.url);\n${loaders.join("\n")}\n${out}`, map: null };
  },
});
