// The outline of a JavaScript submission, for the grader's structural checks and comments: which calls each
// function of the module makes, which names of the module it changes, and which function is the handler.
// Acorn parses the source (its dist/acorn.js and acorn-walk's dist/walk.js come before this file in the same
// module, and each sets globalThis.acorn); this runs as a function on the platform, inside the sandbox, so a
// source that makes the parser recurse or loop costs one invocation its limits, like any learner's code.
const acorn = globalThis.acorn;
const walk = globalThis.acorn.walk;

// A method call on a module-level name that changes what the name holds (orders.push(…), seen.add(…)).
const MUTATORS = new Set(['push', 'unshift', 'splice', 'add', 'set', 'delete', 'clear', 'pop', 'shift', 'sort',
  'reverse', 'fill']);

/** The program, and the lines that hold code: a token's lines (a comment is no token, a blank line holds none). */
function parse(source) {
  let codeLines;
  const onToken = (token) => {
    if (token.type === acorn.tokTypes.eof) return;
    for (let line = token.loc.start.line; line <= token.loc.end.line; line++) codeLines.add(line);
  };
  const options = { ecmaVersion: 'latest', locations: true, allowHashBang: true, allowAwaitOutsideFunction: true,
    allowReturnOutsideFunction: false, onToken };
  try {
    codeLines = new Set();
    return { program: acorn.parse(source, { ...options, sourceType: 'module' }), codeLines };
  } catch (moduleError) {
    try {
      codeLines = new Set();
      return { program: acorn.parse(source, { ...options, sourceType: 'script' }), codeLines };   // CommonJS: exports.handler = …
    } catch (ignored) {
      throw moduleError;
    }
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const isFunction = (node) => node && ['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration']
  .includes(node.type);

/** `module.exports.handler`, `exports.handler`: the exported name, or null. */
function commonJsExport(target) {
  if (target.type !== 'MemberExpression' || target.computed) return null;
  const object = target.object;
  const isExports = object.type === 'Identifier' && object.name === 'exports';
  const isModuleExports = object.type === 'MemberExpression' && !object.computed && object.object.type === 'Identifier'
    && object.object.name === 'module' && object.property.name === 'exports';
  return isExports || isModuleExports ? target.property.name : null;
}

/** The names a pattern declares: `a`, `{ a, b: [c] }`, `...d`. */
function patternNames(pattern, into) {
  if (!pattern) return into;
  switch (pattern.type) {
    case 'Identifier': into.push(pattern.name); break;
    case 'ObjectPattern': pattern.properties.forEach((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value, into)); break;
    case 'ArrayPattern': pattern.elements.forEach((e) => patternNames(e, into)); break;
    case 'RestElement': patternNames(pattern.argument, into); break;
    case 'AssignmentPattern': patternNames(pattern.left, into); break;
  }
  return into;
}

/** The name a call is known by: `split` for `body.split(…)`, `Set` for `new Set(…)`, `bucket` for `bucket(…)`. */
function calleeName(callee) {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed) return callee.property.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Literal') return String(callee.property.value);
  return null;
}

/** The module-level name at the root of `orders`, `orders.list`, `totals[item]`, or null. */
function rootName(node) {
  while (node.type === 'MemberExpression') node = node.object;
  return node.type === 'Identifier' ? node.name : null;
}

/**
 * The JSON a literal expression stands for: objects with plain keys, arrays, strings, numbers, booleans, null.
 * Anything else (a variable, a call, a template with ${…}) throws the line and what it found: settings are read,
 * not run, as Lambda reads a template beside the code.
 */
function literal(node) {
  switch (node.type) {
    case 'Literal':
      if (node.regex || typeof node.value === 'bigint') break;
      return node.value;
    case 'UnaryExpression':
      if (node.operator === '-' && node.argument.type === 'Literal' && typeof node.argument.value === 'number') {
        return -node.argument.value;
      }
      break;
    case 'TemplateLiteral':
      if (node.expressions.length === 0) return node.quasis[0].value.cooked;
      break;
    case 'ArrayExpression':
      return node.elements.map((element) => {
        if (!element || element.type === 'SpreadElement') throw notLiteral(element ?? node);
        return literal(element);
      });
    case 'ObjectExpression': {
      const object = {};
      for (const property of node.properties) {
        if (property.type !== 'Property' || property.computed || property.kind !== 'init' || property.method) {
          throw notLiteral(property);
        }
        object[property.key.type === 'Identifier' ? property.key.name : String(property.key.value)] = literal(property.value);
      }
      return object;
    }
  }
  throw notLiteral(node);
}

const notLiteral = (node) => ({ line: node.loc.start.line, found: node.type });

/** The module's exported `config`: `export const config = {…}`, or `exports.config = {…}`; null when it has none. */
function readConfig(program) {
  let declared = null;
  let exported = false;
  for (const outer of program.body) {
    const statement = (outer.type === 'ExportNamedDeclaration' && outer.declaration) || outer;
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.id.name === 'config') {
          declared = declarator;
          exported ||= outer.type === 'ExportNamedDeclaration';
        }
      }
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression'
        && commonJsExport(statement.expression.left) === 'config') {
      declared = { init: statement.expression.right, loc: statement.loc };
      exported = true;
    }
    if (outer.type === 'ExportNamedDeclaration' && !outer.declaration) {
      exported ||= outer.specifiers.some((s) => (s.exported.name ?? s.exported.value) === 'config');
    }
  }
  if (!declared || !exported) return null;
  const line = declared.loc.start.line;
  if (!declared.init) return { line, problem: 'config is declared without a value' };
  try {
    return { line, value: literal(declared.init) };
  } catch (where) {
    if (!where.found) throw where;
    return { line: where.line, problem: `config must be written out as a literal object, but line ${where.line}`
      + ` has ${where.found === 'Identifier' ? 'a variable' : `an expression (${where.found})`} in it` };
  }
}

export const handler = async ({ source, handler: handlerName }) => {
  const { program, codeLines } = parse(source);
  const owners = new Map();           // a function of the module, by name, and the nodes of its body
  const moduleNames = new Set();
  const imports = {};
  const varLines = [];
  const modules = [];                 // every module it loads, wherever: { module ('' when computed), line }
  const names = {};                   // every name it uses (identifiers, properties, identifier-like strings): first line
  let exported = null;                // { owner, node }: the handler

  const own = (name, node) => { if (name && isFunction(node) && !owners.has(name)) owners.set(name, node); };
  const unwrap = (statement) => (statement.type === 'ExportNamedDeclaration' && statement.declaration) || statement;

  for (const outer of program.body) {
    const statement = unwrap(outer);
    if (statement.type === 'ImportDeclaration') {
      for (const specifier of statement.specifiers) {
        moduleNames.add(specifier.local.name);
        imports[specifier.local.name] = { module: String(statement.source.value),
          name: specifier.imported ? (specifier.imported.name ?? String(specifier.imported.value)) : 'default' };
      }
    } else if (statement.type === 'FunctionDeclaration' && statement.id) {
      moduleNames.add(statement.id.name);
      own(statement.id.name, statement);
    } else if (statement.type === 'ClassDeclaration' && statement.id) {
      moduleNames.add(statement.id.name);
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        patternNames(declarator.id, []).forEach((name) => moduleNames.add(name));
        if (declarator.id.type === 'Identifier') own(declarator.id.name, declarator.init);
        // const { bucket } = require('faaslab')
        if (declarator.init && declarator.init.type === 'CallExpression' && declarator.init.callee.name === 'require'
            && declarator.init.arguments[0]?.type === 'Literal') {
          const module = String(declarator.init.arguments[0].value);
          if (declarator.id.type === 'ObjectPattern') {
            for (const property of declarator.id.properties) {
              if (property.type === 'Property' && property.value.type === 'Identifier') {
                imports[property.value.name] = { module, name: property.key.name ?? String(property.key.value) };
              }
            }
          }
        }
      }
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      const name = commonJsExport(left);
      if (name) own(name, right);
      // module.exports = { handler } / { handler: async () => … }
      if (left.type === 'MemberExpression' && rootName(left) === 'module' && right.type === 'ObjectExpression') {
        for (const property of right.properties) {
          if (property.type === 'Property' && !property.computed && property.key.name === handlerName) {
            if (property.value.type === 'Identifier') exported = { owner: property.value.name };
            else { own(handlerName, property.value); exported = { owner: handlerName }; }
          }
        }
      }
    }
    if (outer.type === 'ExportNamedDeclaration' && !outer.declaration) {
      for (const specifier of outer.specifiers) {
        const name = specifier.exported.name ?? String(specifier.exported.value);
        if (name === handlerName) exported = { owner: specifier.local.name };
      }
    }
  }
  if (!exported && owners.has(handlerName)) exported = { owner: handlerName };

  // Every call and every change to a module-level name, filed under the module-level function it is in ('' for
  // the module's own top level: the Init phase). A callback written inline (lines.map((l) => …)) belongs to the
  // function it is written in; a module function passed by name (lines.map(parse)) counts as called there.
  const calls = {};
  const writes = {};
  const file = (table, owner, entry) => (table[owner] ??= []).push(entry);
  const ownerOf = (ancestors) => {
    for (let i = 1; i < ancestors.length; i++) {
      const node = ancestors[i];
      for (const [name, body] of owners) {
        if (body === node) return { name, node };
      }
    }
    return { name: '', node: null };
  };
  const localNames = new Map();
  const declaredIn = (node) => {
    if (!node) return new Set();
    if (!localNames.has(node)) {
      const names = new Set();
      node.params.forEach((p) => patternNames(p, []).forEach((n) => names.add(n)));
      walk.simple(node.body, {
        VariableDeclarator(d) { patternNames(d.id, []).forEach((n) => names.add(n)); },
        FunctionDeclaration(f) { if (f.id) names.add(f.id.name); },
      });
      localNames.set(node, names);
    }
    return localNames.get(node);
  };
  const isModuleName = (name, owner) => name && moduleNames.has(name) && !declaredIn(owner.node).has(name);

  const loads = (source, line) => modules.push({ module: source?.type === 'Literal' ? String(source.value) : '', line });
  const uses = (name, line) => { if (typeof name === 'string' && IDENTIFIER.test(name)) names[name] ??= line; };

  walk.fullAncestor(program, (node, state, ancestors) => {
    const line = node.loc.start.line;
    if (node.type === 'VariableDeclaration' && node.kind === 'var') varLines.push(line);
    if (['ImportDeclaration', 'ExportAllDeclaration', 'ExportNamedDeclaration'].includes(node.type) && node.source) {
      loads(node.source, line);
    } else if (node.type === 'ImportExpression') {
      loads(node.source, line);
    } else if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
      loads(node.arguments[0], line);
    } else if (node.type === 'Identifier') {
      uses(node.name, line);
    } else if (node.type === 'MemberExpression' && !node.computed) {
      uses(node.property.name, node.property.loc.start.line);
    } else if (node.type === 'ObjectPattern') {
      node.properties.forEach((p) => p.type === 'Property' && !p.computed && uses(p.key.name ?? p.key.value, line));
    } else if (node.type === 'Literal' && typeof node.value === 'string') {
      uses(node.value, line);            // event['requestContext'], 'awsRequestId' in context
    }
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      const owner = ownerOf(ancestors);
      const name = calleeName(node.callee);
      if (name) file(calls, owner.name, { name, line: node.loc.start.line, new: node.type === 'NewExpression' });
      for (const argument of node.arguments) {
        if (argument.type === 'Identifier' && owners.has(argument.name)) {
          file(calls, owner.name, { name: argument.name, line: argument.loc.start.line, new: false });
        }
      }
      if (node.callee.type === 'MemberExpression' && MUTATORS.has(name) && owner.name !== '') {
        const root = rootName(node.callee.object);
        if (isModuleName(root, owner)) file(writes, owner.name, { name: root, line: node.loc.start.line });
      }
    } else if ((node.type === 'AssignmentExpression' || node.type === 'UpdateExpression') ) {
      const owner = ownerOf(ancestors);
      const target = node.type === 'AssignmentExpression' ? node.left : node.argument;
      const root = target.type === 'Identifier' || target.type === 'MemberExpression' ? rootName(target) : null;
      if (owner.name !== '' && isModuleName(root, owner)) file(writes, owner.name, { name: root, line: node.loc.start.line });
    }
  });

  const handlerNode = exported && owners.get(exported.owner);
  return {
    language: 'nodejs',
    handler: handlerNode
      ? { found: true, owner: exported.owner, line: handlerNode.loc.start.line, async: !!handlerNode.async,
          parameters: handlerNode.params.length }
      : { found: false, owner: handlerName, line: 0, async: false, parameters: 0 },
    functions: [...owners.keys()],
    imports,
    calls,
    writes,
    varLines,
    config: readConfig(program),
    modules,
    names,
    codeLines: codeLines.size,
  };
};
