# The outline of a Python submission, for the grader's structural checks and comments: which calls each function
# of the module makes, which names of the module it changes, and which function is the handler. Python's own ast
# module parses the source; this runs as a function on the platform, inside the sandbox, so a source that makes
# the parser recurse costs one invocation its limits, like any learner's code.
import ast
import io
import json
import tokenize

# A method call on a module-level name that changes what the name holds (orders.append(...), seen.add(...)).
MUTATORS = {'append', 'extend', 'insert', 'add', 'update', 'setdefault', 'pop', 'popitem', 'remove', 'discard',
            'clear', 'sort', 'reverse'}


def callee_name(func):
    """The name a call is known by: split for body.split(...), set for set(...), bucket for bucket(...)."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def root_name(node):
    """The name at the root of orders, orders.items, totals[item], or None."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def bound_names(target, into):
    if isinstance(target, ast.Name):
        into.add(target.id)
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            bound_names(element, into)
    elif isinstance(target, ast.Starred):
        bound_names(target.value, into)
    return into


def local_names(function):
    """Names a function binds itself (parameters, assignments), unless it declares them global."""
    if isinstance(function, ast.Lambda):
        return {a.arg for a in function.args.args}
    arguments = function.args
    names = {a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs}
    names |= {a.arg for a in (arguments.vararg, arguments.kwarg) if a}
    declared_global = set()
    for node in ast.walk(function):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            declared_global.update(node.names)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                bound_names(target, names)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            bound_names(node.target, names)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                bound_names(item.optional_vars, names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node is not function:
            names.add(node.name)
    return names - declared_global


def read_config(module):
    """The module-level `config = {...}`, read as a literal (ast.literal_eval), never run; None when it has none."""
    found = None
    for statement in module.body:
        if (isinstance(statement, (ast.Assign, ast.AnnAssign))
                and any(isinstance(t, ast.Name) and t.id == 'config'
                        for t in (statement.targets if isinstance(statement, ast.Assign) else [statement.target]))):
            found = statement
    if found is None:
        return None
    if found.value is None:
        return {'line': found.lineno, 'problem': 'config is declared without a value'}
    try:
        value = ast.literal_eval(found.value)
    except (ValueError, SyntaxError, TypeError):
        culprit = next((node for node in ast.walk(found.value)
                        if not isinstance(node, (ast.Dict, ast.List, ast.Tuple, ast.Constant, ast.UnaryOp, ast.USub,
                                                 ast.Load))), found.value)
        what = 'a variable' if isinstance(culprit, ast.Name) else 'an expression (%s)' % type(culprit).__name__
        line = getattr(culprit, 'lineno', found.lineno)
        return {'line': line, 'problem': 'config must be written out as a literal dict, but line %d has %s in it'
                % (line, what)}
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return {'line': found.lineno, 'problem': 'config holds a value JSON cannot carry (a set, bytes or a'
                ' complex number): use a dict of numbers, strings and booleans'}
    return {'line': found.lineno, 'value': value}


def loaded_modules(module):
    """Every module the source loads, wherever: import, from ... import, __import__(...), import_module(...).

    A name that is computed, not written as a string, is '' (the check cannot know it)."""
    found = []
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            found += [{'module': alias.name, 'line': node.lineno} for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append({'module': '.' * node.level + (node.module or ''), 'line': node.lineno})
        elif isinstance(node, ast.Call) and callee_name(node.func) in ('__import__', 'import_module'):
            first = node.args[0] if node.args else None
            name = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ''
            found.append({'module': name, 'line': node.lineno})
    return sorted(found, key=lambda use: use['line'])


def used_names(module):
    """Every name it uses, with the first line: names, attributes, and identifier-like strings
    (event['requestContext'], 'aws_request_id' in ...)."""
    names = {}
    for node in ast.walk(module):
        if isinstance(node, ast.Name):
            name = node.id
        elif isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
            name = node.value
        else:
            continue
        if name not in names or node.lineno < names[name]:
            names[name] = node.lineno
    return names


def code_lines(source, module):
    """How many lines hold code: a token's lines, less comments, blank lines and docstrings."""
    lines = set()
    skipped = (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in skipped:
            lines.update(range(token.start[0], token.end[0] + 1))
    for node in ast.walk(module):
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            lines.difference_update(range(node.lineno, node.end_lineno + 1))
    return len(lines)


def lambda_handler(event, context):
    source, handler_name = event['source'], event['handler']
    module = ast.parse(source)
    owners = {}            # a function of the module, by name
    module_names = set()
    imports = {}
    for statement in module.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            owners.setdefault(statement.name, statement)
            module_names.add(statement.name)
        elif isinstance(statement, ast.ClassDef):
            module_names.add(statement.name)
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            for alias in statement.names:
                local = alias.asname or alias.name.split('.')[0]
                module_names.add(local)
                imports[local] = {'module': statement.module if isinstance(statement, ast.ImportFrom) else alias.name,
                                  'name': alias.name}
        elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                bound_names(target, module_names)
                if isinstance(target, ast.Name) and isinstance(statement.value, ast.Lambda):
                    owners.setdefault(target.id, statement.value)
    # handler = main: the handler is another function of the module
    exported = handler_name if handler_name in owners else None
    for statement in module.body:
        if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name) and statement.targets[0].id == handler_name
                and isinstance(statement.value, ast.Name) and statement.value.id in owners):
            exported = statement.value.id

    calls, writes = {}, {}
    locals_of = {name: local_names(node) for name, node in owners.items()}

    def visit(node, owner):
        for child in ast.iter_child_nodes(node):
            child_owner = owner
            if owner == '' and any(child is body for body in owners.values()):
                child_owner = next(name for name, body in owners.items() if body is child)
            note(child, child_owner)
            visit(child, child_owner)

    def is_module_name(name, owner):
        return name is not None and name in module_names and name not in locals_of.get(owner, set())

    def note(node, owner):
        if isinstance(node, ast.Call):
            name = callee_name(node.func)
            if name:
                calls.setdefault(owner, []).append({'name': name, 'line': node.lineno, 'new': False})
            for argument in node.args:
                if isinstance(argument, ast.Name) and argument.id in owners:
                    calls.setdefault(owner, []).append({'name': argument.id, 'line': argument.lineno, 'new': False})
            if owner and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
                root = root_name(node.func.value)
                if is_module_name(root, owner):
                    writes.setdefault(owner, []).append({'name': root, 'line': node.lineno})
        elif owner and isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                root = root_name(target)
                if is_module_name(root, owner):
                    writes.setdefault(owner, []).append({'name': root, 'line': node.lineno})

    visit(module, '')

    handler_node = owners.get(exported) if exported else None
    if handler_node is not None and not isinstance(handler_node, ast.Lambda):
        arguments = handler_node.args
        parameters = len(arguments.posonlyargs + arguments.args)
    else:
        parameters = len(handler_node.args.args) if handler_node is not None else 0
    return {
        'language': 'python',
        'handler': {'found': handler_node is not None, 'owner': exported or handler_name,
                    'line': handler_node.lineno if handler_node is not None else 0,
                    'async': isinstance(handler_node, ast.AsyncFunctionDef), 'parameters': parameters},
        'functions': list(owners),
        'imports': imports,
        'calls': calls,
        'writes': writes,
        'varLines': [],
        'config': read_config(module),
        'modules': loaded_modules(module),
        'names': used_names(module),
        'codeLines': code_lines(source, module),
    }
