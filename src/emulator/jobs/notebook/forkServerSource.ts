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
import atexit, collections, gc, os, select, signal, socket, threading
import resource  # loaded once here rather than by every run (the driver's memory limit)

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
    """Forks the run, connected to its output socket. In the worker: its pid and a pipe that ends
    once the run has its own process group; in the run: (0, None)."""
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
        return 0, None
    os.close(output)
    os.close(grouped_signal)
    return pid, grouped


class _Worker:
    def __init__(self):
        self.runs = {}  # pid: run id, until its exit is reported
        self.grouping = {}  # grouped pipe: pid, until the run has its own process group
        self.devnull = os.open(os.devnull, os.O_RDWR)
        self.poller = select.poll()  # no descriptor of its own, unlike epoll: nothing for a run to inherit

    def serve(self):
        """Answers requests until stdin ends; returns only in a forked run, with its request."""
        wake, wake_signal = os.pipe()
        os.set_blocking(wake, False)
        os.set_blocking(wake_signal, False)
        # A child's exit wakes poll() through the pipe: no thread, no polling.
        signal.set_wakeup_fd(wake_signal)
        signal.signal(signal.SIGCHLD, lambda number, frame: None)
        for fd in (0, wake):
            self.poller.register(fd, select.POLLIN)
        pending = b""
        lines = collections.deque()
        # What is loaded now stays out of the forked runs' garbage collections, which would otherwise
        # write to (and so copy) every page of it.
        gc.freeze()
        _send({"ready": True})
        while True:
            # One request at a time, the reports due in between: a fork costs milliseconds, and a
            # burst of requests must not hold back the reports of the runs it started first.
            ready = {fd for fd, _event in self.poller.poll(0 if lines else None)}
            for fd in ready & set(self.grouping):
                self.grouped(fd)
            if wake in ready:
                while True:
                    try:
                        os.read(wake, 512)
                    except BlockingIOError:
                        break
                self.reap()
            if 0 in ready:
                chunk = os.read(0, 65536)
                if not chunk:
                    break
                received = (pending + chunk).split(b"\n")
                pending = received.pop()
                lines.extend(line for line in received if line.strip())
            if lines:
                request = self.answer(lines.popleft())
                if request is not None:
                    return request
        for pid in self.runs:  # nobody is left to read their results
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        return None

    def answer(self, line):
        """Starts the run a request line asks for: the request in the forked run, None in the worker."""
        try:
            request = _read_request(line)
        except (ValueError, RecursionError) as error:  # JSON and UTF-8 errors are ValueErrors; nesting too deep recurses
            _send({"error": "not a run request: " + str(error)})
            return None
        try:
            pid, grouped = _fork(request, self.devnull)
        except OSError as error:
            _send({"id": request["id"], "error": "the run could not start: " + str(error)})
            return None
        if pid == 0:
            return request
        self.runs[pid] = request["id"]
        self.grouping[grouped] = pid
        self.poller.register(grouped, select.POLLIN)
        return None

    def grouped(self, fd):
        """The run has its own process group (or is gone already): a reported pid is a group."""
        pid = self.grouping.pop(fd)
        self.poller.unregister(fd)
        os.close(fd)
        _send({"id": self.runs[pid], "pid": pid})

    def reap(self):
        while self.runs:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            for fd in [fd for fd, grouping in self.grouping.items() if grouping == pid]:
                self.grouped(fd)  # its pid before its end
            report = _exit_report(status)
            report["id"] = self.runs.pop(pid)
            _send(report)


def _end_forked(code):
    # As a process of its own ends (its threads joined, its atexit handlers run, its output
    # flushed), without the interpreter's teardown: freeing the worker's inherited objects would
    # copy every page of them (about 0.2 s).
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def _run_forked(request):
    try:
        os.chdir(request["work"])
        os.environ.update({name: request["work"] for name in _RUN_FOLDER_VARIABLES})
        sys.argv = ["-c", request["spec"], request["result"]]
        run_spec(request["spec"], request["result"])
    except BaseException:
        traceback.print_exc()
        _end_forked(1)
    _end_forked(0)


_request = _Worker().serve()
if _request is not None:
    _run_forked(_request)  # off the worker's loop: nothing of it runs in the forked run
`;

export const FORK_SERVER_SOURCE = `${NOTEBOOK_DRIVER_SOURCE}\n${FORK_SERVER}`;
