// The Python driver that runs a notebook's cells, embedded as a string so that it survives bundling.
// It defines run_spec(spec_path, result_path), which the two ways a run starts call: a process of
// its own (NOTEBOOK_DRIVER_COMMAND: python3 -c DRIVER <spec.json> <result.json>), or a child the
// warm Python worker forks (forkServerSource.ts), which has this source loaded already.
// spec.json: { "cells": [{ "name": "cell 3", "source": "..." }], "memoryBytes": n }, run in order in one globals dict.
// result.json: { "status": "Completed", "exitValue"?: str } or
//              { "status": "Failed", "errorType", "message", "traceback", "noSpark": bool }.
// The result goes through a file, never through stdout, which belongs to the user's code.
export const NOTEBOOK_DRIVER_SOURCE = String.raw`
import builtins, importlib.abc, io, json, linecache, re, sys, tokenize, traceback, types

NO_SPARK = ("there is no Spark in the local Fabric emulator, so {what} cannot run here. "
            "Run this notebook in Fabric, or use plain Python (for example pandas) for local runs.")


class SparkUnavailableError(RuntimeError):
    pass


class _NotebookExit(BaseException):
    """Raised by notebookutils.notebook.exit(); a BaseException so that 'except Exception' lets it through."""

    def __init__(self, value):
        super().__init__(value)
        self.value = value


class _NoSpark:
    def __init__(self, name):
        object.__setattr__(self, "_name", name)

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        raise SparkUnavailableError(NO_SPARK.format(what=self._name + "." + attr))

    def __call__(self, *args, **kwargs):
        raise SparkUnavailableError(NO_SPARK.format(what=self._name + "()"))

    def __repr__(self):
        return "<" + self._name + ": no Spark in the local emulator>"


class _NoPySparkFinder(importlib.abc.MetaPathFinder):
    """Last on sys.meta_path: only asked when pyspark (or delta) is not installed."""

    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in ("pyspark", "delta"):
            raise ModuleNotFoundError(NO_SPARK.format(what="import " + fullname), name=fullname)
        return None


class _Unavailable:
    def __init__(self, name):
        object.__setattr__(self, "_name", name)

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        raise NotImplementedError(self._name + "." + attr + " is not available in the local Fabric emulator")


def _exit(value):
    raise _NotebookExit(str(value))


def _utils_module(name):
    module = types.ModuleType(name)
    notebook = _Unavailable(name + ".notebook")
    object.__setattr__(notebook, "exit", _exit)
    module.notebook = notebook
    module.__getattr__ = _Unavailable(name).__getattr__
    return module


class MagicNotSupportedError(Exception):
    pass


_LINE_MAGIC = re.compile(r"^(\s*)([%!]\S*)")
_PACKAGE_MAGIC = re.compile(r"^\s*[%!](pip|conda)\b")


def _lines_inside_strings(source):
    """1-based numbers of the lines a multi-line string continues on: a '%' there is text, not a magic."""
    inside = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.end[0] > token.start[0]:
                inside.update(range(token.start[0] + 1, token.end[0] + 1))
    except (tokenize.TokenError, SyntaxError):
        pass
    return inside


def _without_magics(source, cell_name):
    """Package installs (%pip, !pip, %conda) are skipped: a local run uses what is installed."""
    lines = source.split("\n")
    inside_strings = _lines_inside_strings(source)
    for index, line in enumerate(lines):
        magic = _LINE_MAGIC.match(line)
        if not magic or index + 1 in inside_strings:
            continue
        if not _PACKAGE_MAGIC.match(line):
            raise MagicNotSupportedError(
                cell_name.capitalize() + ", line " + str(index + 1) + ": the local emulator cannot run the magic "
                + magic.group(2) + "; it runs plain Python cells only.")
        lines[index] = magic.group(1) + "pass  # skipped by the local emulator: " + magic.group(2)
    return "\n".join(lines)


def _compile(source, filename, cell_name):
    """Line magics are only looked for when the cell is not valid Python, so valid code is never touched."""
    try:
        return compile(source, filename, "exec")
    except SyntaxError:
        plain = _without_magics(source, cell_name)
        if plain == source:
            raise
    return compile(plain, filename, "exec")


def _display(*objects, **kwargs):
    for obj in objects:
        print(obj)


def _user_traceback(error, cell_files):
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename in cell_files]
    lines = ["Traceback (most recent call last):\n"] + traceback.format_list(frames) if frames else []
    return "".join(lines + traceback.format_exception_only(type(error), error)).rstrip("\n")


def _failure(error, cell_files):
    no_spark = isinstance(error, SparkUnavailableError) or (
        isinstance(error, ImportError) and str(error.name or "").split(".")[0] in ("pyspark", "delta"))
    return {"status": "Failed", "errorType": type(error).__name__, "message": str(error),
            "traceback": _user_traceback(error, cell_files), "noSpark": no_spark}


def _run(cells):
    mssparkutils = _utils_module("mssparkutils")
    notebookutils = _utils_module("notebookutils")
    notebookutils.mssparkutils = mssparkutils
    sys.modules.update({"mssparkutils": mssparkutils, "notebookutils": notebookutils,
                        "notebookutils.mssparkutils": mssparkutils})
    sys.meta_path.append(_NoPySparkFinder())
    user_globals = {"__name__": "__main__", "__builtins__": builtins, "spark": _NoSpark("spark"),
                    "sc": _NoSpark("sc"), "notebookutils": notebookutils, "mssparkutils": mssparkutils,
                    "display": _display}
    cell_files = set()
    try:
        for cell in cells:
            filename = "<" + cell["name"] + ">"
            cell_files.add(filename)
            source = cell["source"]
            linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
            exec(_compile(source, filename, cell["name"]), user_globals)
    except _NotebookExit as ended:
        return {"status": "Completed", "exitValue": ended.value}
    except SystemExit as ended:
        if ended.code in (None, 0):
            return {"status": "Completed"}
        return _failure(ended, cell_files)
    except BaseException as error:
        return _failure(error, cell_files)
    return {"status": "Completed"}


def _limit_memory(limit):
    # Where the OS allows it (not on Windows; macOS may refuse RLIMIT_AS): an allocation past the
    # limit raises MemoryError in the notebook instead of exhausting the machine.
    try:
        import resource
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, AttributeError, ValueError, OSError):
        pass


def run_spec(spec_path, result_path):
    with open(spec_path, encoding="utf-8") as spec_file:
        spec = json.load(spec_file)
    _limit_memory(spec["memoryBytes"])
    result = _run(spec["cells"])
    sys.stdout.flush()
    sys.stderr.flush()
    with open(result_path, "w", encoding="utf-8") as result_file:
        json.dump(result, result_file)
`;

/** One run in a process of its own: `python3 -c NOTEBOOK_DRIVER_COMMAND <spec.json> <result.json>`. */
export const NOTEBOOK_DRIVER_COMMAND = `${NOTEBOOK_DRIVER_SOURCE}\nrun_spec(sys.argv[1], sys.argv[2])\n`;
