# FaaS Lab's Python runtime core, evaluated once in every Python instance before the learner's module.
# The context is built with SandboxPolicy.CONSTRAINED, so nothing here can reach the host: the only
# ways out are the four functions the host passes in (host_sdk, the faaslab module's door, takes and
# returns JSON text only), and the few built-ins that act on the JVM itself, which _seal_process
# replaces first. What every handler style shares is here (print and logging captured per invocation,
# the sealed process, the faaslab module, loading the module and describing its errors); a style's own
# file (style/lambda/lambda.py) adds how a handler is called, and the two return the entry points the
# host calls.
import json
import sys

# traceback and logging are imported only when needed: together they would more than double a cold
# start (GraalPy measured ~200 ms of ~300 ms), and most invocations neither fail nor log through logging.


# What a function sees of its process. Every instance is a process of its own, as every Lambda instance
# is a micro-VM of its own: pid 1, whose parent is outside; a neutral kernel; Lambda's folders.
_PID = 1
_TASK_ROOT = '/var/task'
_LANG_HOME = '/var/lang'

_SENDS = ("FaaS Lab's sandbox does not let a function send signals, to itself or to any process. "
          "To end an invocation, return a value or raise an exception.")
_HANDLES = ("FaaS Lab's sandbox delivers no signals to a function, so it cannot handle them. "
            "For a time limit, check context.get_remaining_time_in_millis().")
_TIMERS = ("FaaS Lab's sandbox does not let a function set timers that deliver signals. "
           "For a time limit, check context.get_remaining_time_in_millis().")
_PROCESSES = "FaaS Lab's sandbox runs no other process. Do the work in Python, in the function."


def _refusal(call, why):
    def refused(*args, **kwargs):
        raise PermissionError(1, call + ': ' + why)
    refused.__name__ = refused.__qualname__ = call.rpartition('.')[2]
    return refused


def _seal_process():
    """Runs before any of the learner's code. GraalPy's signal and posix built-ins act on the JVM that
    runs every function: signal.raise_signal(SIGTERM) stops the server, signal.signal replaces the JVM's
    own handlers, signal.alarm kills the JVM a second later, and getpid, uname and sys.path describe the
    host. GraalPy has no option for any of this under SandboxPolicy.CONSTRAINED, so their functions are
    replaced here. A built-in module is one object per context, which importing again, reloading or
    _imp.create_builtin hand back as it is, and nothing else holds the functions replaced: the
    learner's code has no way back to them."""
    import _signal
    import posix
    import os
    import __graalpython__ as graalpy

    _signal.raise_signal = _refusal('signal.raise_signal', _SENDS)
    _signal.signal = _refusal('signal.signal', _HANDLES)
    _signal.alarm = _refusal('signal.alarm', _TIMERS)
    _signal.setitimer = _refusal('signal.setitimer', _TIMERS)
    # GraalPy reads a handler by swapping the JVM's out and back; no handler is ever installed here.
    _signal.getsignal = lambda signalnum: _signal.SIG_DFL
    signal = sys.modules.get('signal')
    if signal is not None:  # it re-exports some of _signal's functions: replace its copies too
        for name in ('raise_signal', 'alarm', 'setitimer'):
            setattr(signal, name, getattr(_signal, name))

    machine = sys.implementation._multiarch.partition('-')[0]
    uname = posix.uname_result(('Linux', 'sandbox', '6.1.0-faaslab', '#1 SMP FaaS Lab sandbox', machine))
    process = {
        'kill': _refusal('os.kill', _SENDS),
        'killpg': _refusal('os.killpg', _SENDS),
        'system': _refusal('os.system', _PROCESSES),
        'getpid': lambda: _PID,
        'getppid': lambda: 0,
        'uname': lambda: uname,
        'getcwd': lambda: _TASK_ROOT,
        'getcwdb': lambda: _TASK_ROOT.encode(),
    }
    for module in (posix, os):  # os copied posix's functions when it was imported
        for name, function in process.items():
            setattr(module, name, function)
    platform = sys.modules.get('platform')
    if platform is not None:
        platform._uname_cache = None

    # GraalPy's home is wherever the server unpacked it (under the server's home folder): show Lambda's
    # /var/lang instead. Imports still find the files, through the finders filed under the shown names.
    home = graalpy.home

    def shown(path):
        return _LANG_HOME + path[len(home):] if isinstance(path, str) and path.startswith(home) else path

    finders = sys.path_importer_cache
    for path in sys.path:
        finder = finders.get(path)
        for hook in sys.path_hooks if finder is None else ():
            try:
                finder = hook(path)
                break
            except ImportError:
                pass
        finders[shown(path)] = finder
    # nothing to import there for a function of one file (a package's load() lets /var/task be looked in)
    finders[_TASK_ROOT] = finders['/var/runtime'] = None
    sys.path[:] = [_TASK_ROOT, '/var/runtime'] + [shown(p) for p in sys.path]
    for name in ('prefix', 'base_prefix', 'exec_prefix', 'base_exec_prefix', '_stdlib_dir'):
        setattr(sys, name, shown(getattr(sys, name, None)))
    for name in ('home', 'core_home', 'stdlib_home', 'capi_home'):
        setattr(graalpy, name, shown(getattr(graalpy, name)))


def faaslab_bootstrap(host_record, host_write, host_now, config_json, host_sdk, style):
    """Returns load(code) and the style's invoke: `style` is the style file's faaslab_style(core)."""
    _seal_process()
    config = json.loads(config_json)
    file_name = config['fileName']
    module_name = config['module']
    function_name = config['exportName']
    state = {}

    class _Stream:
        """sys.stdout / sys.stderr: every write goes to the invocation's log at once (no buffering)."""
        encoding = 'utf-8'
        errors = 'strict'
        newlines = None
        closed = False

        def __init__(self, level):
            self._level = level

        def write(self, text):
            if not isinstance(text, str):
                raise TypeError('write() argument must be str, not ' + type(text).__name__)
            host_write(self._level, text)
            return len(text)

        def writelines(self, lines):
            for line in lines:
                self.write(line)

        def flush(self):
            pass

        def isatty(self):
            return False

        def writable(self):
            return True

        def readable(self):
            return False

        def fileno(self):
            raise OSError('there is no file descriptor in the FaaS Lab sandbox')

    sys.stdout = _Stream('INFO')
    sys.stderr = _Stream('ERROR')

    def _find_faaslab(name, path=None, target=None):
        """Makes `import faaslab` work, building the module on first import only: last on the import
        path, it is asked only about names nothing else found. (A module object, not a class: no class
        is built at each cold start.)"""
        if name != 'faaslab':
            return None
        import importlib.machinery
        return importlib.machinery.ModuleSpec(name, finder, origin='faaslab')

    finder = type(sys)('faaslab_finder')
    finder.find_spec = _find_faaslab
    finder.create_module = lambda spec: None
    finder.exec_module = lambda module: _faaslab_module(module.__dict__, host_sdk)
    sys.meta_path.append(finder)

    def _capture_logging():
        """Puts Lambda's handler on the root logger once the learner's code has imported logging.

        The root logger keeps Python's default level, WARNING, as on Lambda: logging.info needs
        setLevel(logging.INFO) first. Records logged before this runs (at import time) still reach
        the log, through logging's last-resort handler on stderr."""
        logging = sys.modules.get('logging')
        if logging is None or state.get('logging') is logging:
            return

        class _LogHandler(logging.Handler):
            def emit(self, record):
                try:
                    host_record(record.levelname, self.format(record))
                except Exception:
                    self.handleError(record)

        logging.getLogger().handlers[:] = [_LogHandler()]
        state['logging'] = logging

    def _exited(e, where):
        return ('sys.exit(%s) was called %s: on Lambda that ends the runtime and fails the invocation. '
                'Return a value (or raise an exception) instead.' % ('' if e.code is None else e.code, where))

    def _location(frames):
        for frame in reversed(frames):
            if frame.filename == file_name:
                column = getattr(frame, 'colno', None)
                return {'file': file_name, 'line': frame.lineno or 0,
                        'column': column + 1 if column is not None else 0}
        return None

    def _error(kind, error_type, message, error=None, hint=''):
        import linecache
        import traceback
        # A RecursionError carries a thousand frames, and GraalPy takes a millisecond or more to summarise
        # each (two seconds for one such error on a fresh engine, past a short timeout): only the frames
        # shown are summarised, and the learner's lines come from the code we hold, not a file looked for.
        if 'code' in state:
            linecache.cache.setdefault(file_name, (len(state['code']), None,
                                                   state['code'].splitlines(True), file_name))
        steps = []
        step = error.__traceback__ if error is not None else None
        while step is not None:
            steps.append(step)
            step = step.tb_next
        mine = [step for step in steps if step.tb_frame.f_code.co_filename == file_name]
        chosen = (mine or steps)[-50:]
        frames = traceback.extract_tb(chosen[0]) if chosen else []
        shown = [frame for frame in frames if not mine or frame.filename == file_name]
        return json.dumps({'kind': kind, 'errorType': error_type, 'errorMessage': message,
                           'stackTrace': traceback.format_list(shown), 'location': _location(shown),
                           'hint': hint})

    def load(code):
        state['code'] = code
        try:
            compiled = compile(code, file_name, 'exec')
        except SyntaxError as e:
            return json.dumps({'kind': 'SYNTAX', 'errorType': 'Runtime.UserCodeSyntaxError',
                               'errorMessage': "Syntax error in module '%s': %s (%s, line %s)" % (
                                   module_name, e.msg, file_name, e.lineno),
                               'stackTrace': [], 'hint': '',
                               'location': {'file': file_name, 'line': e.lineno or 0, 'column': e.offset or 0}})
        python_name = module_name.replace('/', '.')
        if config.get('package'):
            # A package's modules import each other from /var/task (first on sys.path), as on Lambda.
            sys.path_importer_cache.pop(_TASK_ROOT, None)
        module = type(sys)(python_name)
        module.__file__ = '/var/task/' + file_name
        if '.' in python_name:
            module.__package__ = python_name.rpartition('.')[0]
        sys.modules[python_name] = module
        try:
            exec(compiled, module.__dict__)
        except SystemExit as e:
            return _error('INIT', 'Runtime.ExitError', _exited(e, 'while the module loaded'), e)
        except ImportError as e:
            return _error('INIT', 'Runtime.ImportModuleError',
                          "Unable to import module '%s': %s" % (module_name, e), e,
                          'The package has the standard library and its own files only: put the module in the zip '
                          '(pip install --target . NAME, for pure-Python packages), beside the handler.'
                          if config.get('package') else
                          'FaaS Lab runs your one file with the standard library only; the sandbox has no '
                          'files, processes or network. Paste what you need into the file, or deploy a package '
                          'of several files (a zip).')
        except BaseException as e:
            return _error('INIT', type(e).__name__, str(e), e)
        if core.resolve is not None:
            # The style finds its handler its own way: None when found (kept in state['handler']), else the
            # INIT error's errorType, errorMessage and hint.
            missing = core.resolve(module)
            if missing is None:
                _capture_logging()
                return None
            return json.dumps(dict({'kind': 'INIT', 'errorType': 'Runtime.HandlerNotFound', 'stackTrace': [],
                                    'location': None, 'hint': ''}, **missing))
        handler = getattr(module, function_name, None)
        if not callable(handler):
            defined = [n for n, v in vars(module).items()
                       if isinstance(v, type(load)) and not n.startswith('_')]
            hint = ('%s defines %s: set the handler to %s.%s, or define %s(event, context).' % (
                file_name, ', '.join(defined), module_name, defined[0], function_name)
                    if defined else 'Define the handler: def %s(event, context): ...' % function_name)
            return json.dumps({'kind': 'INIT', 'errorType': 'Runtime.HandlerNotFound',
                               'errorMessage': "Handler '%s' missing on module '%s'" % (function_name, module_name),
                               'stackTrace': [], 'location': None, 'hint': hint})
        state['handler'] = handler
        _capture_logging()
        return None

    # What a style's file is given: a module object as a plain namespace (no class built per cold start).
    core = type(sys)('faaslab_core')
    core.config = config
    core.host_now = host_now
    core.state = state  # 'handler': the learner's handler, once load() has found it
    core.capture_logging = _capture_logging
    core.error = _error
    core.exited = _exited
    core.sdk_send = lambda service, operation, args: json.loads(
        host_sdk(json.dumps({'service': service, 'operation': operation, 'args': args})))
    core.resolve = None  # a style that finds its handler its own way sets resolve(module)
    return load, style(core)


def _faaslab_module(namespace, host_sdk):
    """The faaslab SDK: table, bucket and queue, called synchronously (like boto3). A refusal raises an
    exception whose class is named by the service's code (faaslab.ConditionalCheckFailedException, ...),
    every one a subclass of faaslab.SdkError."""

    class SdkError(Exception):
        """A call the service refused; `code` names why, as the class does."""
        __module__ = 'faaslab'
        __qualname__ = 'SdkError'

        def __init__(self, message, code=None):
            super().__init__(message)
            self.code = code or type(self).__name__
            self.message = message

    errors = {}

    def error_class(code):
        if code not in errors:
            name = code if code.isidentifier() else 'SdkError'
            errors[code] = SdkError if name == 'SdkError' else type(name, (SdkError,), {'__module__': 'faaslab', '__qualname__': name})
            namespace.setdefault(name, errors[code])
        return errors[code]

    for known in ('ConditionalCheckFailedException', 'ResourceNotFoundException', 'ValidationException',
                  'NoSuchKey', 'NoSuchBucket', 'QueueDoesNotExist', 'QuotaExceeded', 'ServiceUnavailableException',
                  'RequestTooLargeException', 'ResponseTooLargeException', 'TimeoutError', 'InternalFailure'):
        error_class(known)

    def camel(name):
        head, *rest = name.split('_')
        return head + ''.join(part[:1].upper() + part[1:] for part in rest)

    def send(service, operation, args):
        reply = json.loads(host_sdk(json.dumps({'service': service, 'operation': operation, 'args': args})))
        if 'error' in reply:
            code = reply['error']['code']
            raise error_class(code)(reply['error']['message'], code)
        return reply['result']

    def options(extra):
        return {camel(k): v for k, v in extra.items() if v is not None}

    def named(kind, name):
        if not isinstance(name, str) or not name:
            raise TypeError("%s(name) needs the %s's name, a non-empty string, as in %s('orders')" % (kind, kind, kind))
        return name

    def body(value):
        if isinstance(value, str):
            return {'body': value}
        if isinstance(value, (bytes, bytearray, memoryview)):
            import base64
            return {'body': base64.b64encode(bytes(value)).decode('ascii'), 'encoding': 'base64'}
        raise TypeError('a body must be str or bytes; for a dict, send json.dumps(value)')

    def message_body(value):
        return value if isinstance(value, str) else json.dumps(value)

    class Table:
        __module__ = 'faaslab'
        __qualname__ = 'Table'

        def __init__(self, name):
            self.name = named('table', name)

        def get(self, key):
            return send('table', 'get', {'table': self.name, 'key': key})

        def put(self, item, **conditions):
            return send('table', 'put', dict(options(conditions), table=self.name, item=item))

        def delete(self, key, **conditions):
            return send('table', 'delete', dict(options(conditions), table=self.name, key=key))

        def increment(self, key, attribute, by=1):
            return send('table', 'increment', {'table': self.name, 'key': key, 'attribute': attribute, 'by': by})

        def query(self, **query):
            return send('table', 'query', dict(options(query), table=self.name))

        def scan(self, **scan):
            return send('table', 'scan', dict(options(scan), table=self.name))

        def describe(self):
            return send('table', 'describe', {'table': self.name})

    class Bucket:
        __module__ = 'faaslab'
        __qualname__ = 'Bucket'

        def __init__(self, name):
            self.name = named('bucket', name)

        def put(self, key, content, **extra):
            return send('bucket', 'put', dict(options(extra), **body(content), bucket=self.name, key=key))

        def get(self, key, **extra):
            return send('bucket', 'get', dict(options(extra), bucket=self.name, key=key))

        def head(self, key):
            return send('bucket', 'head', {'bucket': self.name, 'key': key})

        def list(self, **query):
            return send('bucket', 'list', dict(options(query), bucket=self.name))

        def delete(self, key):
            return send('bucket', 'delete', {'bucket': self.name, 'key': key})

    class Queue:
        __module__ = 'faaslab'
        __qualname__ = 'Queue'

        def __init__(self, name):
            self.name = named('queue', name)

        def send(self, message, **extra):
            return send('queue', 'send', dict(options(extra), queue=self.name, body=message_body(message)))

        def send_batch(self, messages):
            entries = []  # SQS wants an id per entry, unique in the batch: its position, unless given
            for i, m in enumerate(messages):
                if isinstance(m, dict) and 'body' in m:
                    entries.append(dict({'id': str(i)}, **dict(options(m), body=message_body(m['body']))))
                else:
                    entries.append({'id': str(i), 'body': message_body(m)})
            return send('queue', 'sendBatch', {'queue': self.name, 'entries': entries})

    namespace.update(SdkError=SdkError, Table=Table, Bucket=Bucket, Queue=Queue,
                     table=Table, bucket=Bucket, queue=Queue)
    namespace['__all__'] = ['table', 'bucket', 'queue', 'SdkError'] + sorted(
        name for name, value in namespace.items() if isinstance(value, type) and issubclass(value, SdkError)
        and name != 'SdkError')


faaslab_bootstrap
