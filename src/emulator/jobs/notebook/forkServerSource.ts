// The warm Python worker (POSIX): one long-lived `python3 -c FORK_SERVER_SOURCE` with the notebook
// driver loaded, which forks a child per run, so a run costs a fork instead of a Python start-up.
// It never runs user code itself: only its forked children do, each through the driver's run_spec.
//
// Control protocol, one JSON object a line, on the worker's stdin (requests) and stdout (reports):
//   → {"id", "spec", "result", "work", "output"}   run spec.json in folder `work`; `output` is the
//                                                  Unix socket the run's stdout and stderr go to
//   ← {"ready": true}                              once, when it takes requests
//   ← {"id", "pid"}                                the run's process exists, in a process group of its
//                                                  own, and is connected to `output`
//   ← {"id", "code"} or {"id", "signal"}           the run's process has exited
//   ← {"id"?, "error"}                             a request it could not read, or a run it could not start
// At the end of its stdin (the emulator is gone) it kills the runs' groups and exits.
import { NOTEBOOK_DRIVER_SOURCE } from './notebookDriverSource';

const FORK_SERVER = String.raw`
import os, select, signal, socket

_REQUEST_KEYS = ("id", "spec", "result", "work", "output")
_RUN_FOLDER_VARIABLES = ("HOME", "USERPROFILE", "TMPDIR", "TMP", "TEMP")


def _send(report):
    # Straight to the file descriptor: sys.stdout's buffer stays empty, so a forked run never inherits
    # (and flushes into its own output) a report that was meant for the emulator.
    data = (json.dumps(report) + "\n").encode("utf-8")
    while data:
        data = data[os.write(1, data):]


def _exit_report(status):
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            return {"signal": signal.Signals(number).name}
        except ValueError:
            return {"signal": "signal " + str(number)}
    return {"code": os.WEXITSTATUS(status)}


def _read_request(line):
    request = json.loads(line)
    if not isinstance(request, dict) or not all(isinstance(request.get(key), str) for key in _REQUEST_KEYS):
        raise ValueError("a run request is a JSON object with the strings " + ", ".join(_REQUEST_KEYS))
    return request


def _fork(request, devnull):
    """The run's process, connected to its output socket: its pid in the worker, 0 in the run."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(request["output"])
    except OSError:
        connection.close()
        raise
    output = connection.detach()
    grouped, grouped_signal = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (output, grouped, grouped_signal):
            os.close(fd)
        raise
    if pid == 0:
        # Before anything else: the worker's signal wake-up must never write into a run's files.
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()  # a group of its own, which Cancel and the time limit kill
        os.dup2(devnull, 0)
        os.dup2(output, 1)
        os.dup2(output, 2)
        # Every other descriptor goes, the worker's control pipes' copies among them: the user's code
        # cannot write a report. Closing grouped_signal tells the worker the group exists.
        os.closerange(3, max(os.sysconf("SC_OPEN_MAX"), 256))
        return 0
    os.close(output)
    os.close(grouped_signal)
    os.read(grouped, 1)  # end of file once the run has called setsid(): a reported pid is a group
    os.close(grouped)
    return pid


def _answer(line, runs, devnull):
    """Starts the run a request line asks for: the request in the forked run, None in the worker."""
    try:
        request = _read_request(line)
    except ValueError as error:  # JSON and UTF-8 errors are ValueErrors
        _send({"error": "not a run request: " + str(error)})
        return None
    try:
        pid = _fork(request, devnull)
    except OSError as error:
        _send({"id": request["id"], "error": "the run could not start: " + str(error)})
        return None
    if pid == 0:
        return request
    runs[pid] = request["id"]
    _send({"id": request["id"], "pid": pid})
    return None


def _reap(runs):
    while runs:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        report = _exit_report(status)
        report["id"] = runs.pop(pid)
        _send(report)


def _serve():
    """Answers requests until stdin ends; returns only in a forked run, with its request."""
    wake, wake_signal = os.pipe()
    os.set_blocking(wake, False)
    os.set_blocking(wake_signal, False)
    # A child's exit wakes select() through the pipe: no thread, no polling.
    signal.set_wakeup_fd(wake_signal)
    signal.signal(signal.SIGCHLD, lambda number, frame: None)
    devnull = os.open(os.devnull, os.O_RDWR)
    runs = {}
    pending = b""
    _send({"ready": True})
    while True:
        readable = select.select([0, wake], [], [])[0]
        if wake in readable:
            while True:
                try:
                    os.read(wake, 512)
                except BlockingIOError:
                    break
            _reap(runs)
        if 0 in readable:
            chunk = os.read(0, 65536)
            if not chunk:
                break
            lines = (pending + chunk).split(b"\n")
            pending = lines.pop()
            for line in lines:
                if line.strip():
                    request = _answer(line, runs, devnull)
                    if request is not None:
                        return request
    for pid in runs:  # nobody is left to read their results
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    return None


def _run_forked(request):
    os.chdir(request["work"])
    os.environ.update({name: request["work"] for name in _RUN_FOLDER_VARIABLES})
    sys.argv = ["-c", request["spec"], request["result"]]
    run_spec(request["spec"], request["result"])


_request = _serve()
if _request is not None:
    # Here the worker's loop is off the stack: the run ends as a process of its own would (atexit
    # handlers, waiting for its threads, flushing its output).
    _run_forked(_request)
`;

export const FORK_SERVER_SOURCE = `${NOTEBOOK_DRIVER_SOURCE}\n${FORK_SERVER}`;
