#!/usr/bin/env python3
"""Whole-process TUI figures: the real binary in a pseudo-terminal (stdlib `pty`), 120x40.

    benches/tui-figures.py BINARY DB [--today DATE] [--runs N] [--idle SECONDS] [--to-targets KEYS]
                           [--writes N --target ID]

Prints one JSON object:
  first_frame_ms   start (just before fork+exec) -> last byte of the first frame, median of
                   --runs starts; the frame is the burst that ends when the terminal has been
                   quiet for QUIET seconds
  first_frame_bytes  bytes of that burst (alternate screen, the whole frame)
  first_byte_ms    start -> first byte written, median: the first frame (a large plan's
                   first frame is drawn from the tallies, and the board read after it
                   redraws within the same burst, so the burst's end is the second frame)
  j_first_theme_cpu_ms / j_last_theme_cpu_ms
                   CPU of the board's threads (schedstat) for one `j` on the theme list from
                   the first theme, and onto the last one (`G`, then `k`, then the `j`)
  j_theme_bytes    one `j` on the theme list: another theme, so the item pane and its
                   gauges and the target pane change
  j_item_bytes     one `j` on the item list: the target pane (its gauges) changes
  j_target_bytes   one `j` on the target list: only the highlight moves
  idle_bytes       bytes written while idle over --idle seconds (live refresh polls the
                   store every 500 ms all along)
  idle_cpu_pct     (utime+stime) from /proc/PID/stat over the idle window, % of one core
  idle_cpu_pct_ns  the same from the threads' /proc/PID/task/*/schedstat (nanoseconds)
  write_cpu_ms     with --writes N: another process adds 1 to target --target N times, one
                   every 0.6 s; the board's CPU (schedstat) over that time, less its idle
                   rate, per write
  rss_kb_before_writes / rss_kb_after_writes   the board's VmRSS around those writes
"""
import fcntl, json, os, pty, select, signal, statistics, struct, sys, termios, time

QUIET = 0.3
FIRST = None  # when the last burst's first byte came
COLS, ROWS = 120, 40


def spawn(argv):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
        env.pop("NO_COLOR", None)
        os.execve(argv[0], argv, env)
    return pid, fd, t0


def burst(fd, quiet=QUIET, limit=30.0):
    """Reads until the terminal has been quiet for `quiet` s; returns (bytes, last-byte time)."""
    global FIRST
    n, last = 0, None
    FIRST = None
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            if n:
                break
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        n += len(data)
        last = time.perf_counter()
        FIRST = FIRST or last
    return n, last


def key(fd, k):
    os.write(fd, k.encode())
    return burst(fd)[0]


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)


def cpu_ns(pid):
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except OSError:
            pass
    return total


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(next(l for l in f if l.startswith("VmRSS:")).split()[1])


def stop(pid, fd):
    try:
        os.write(fd, b"q")
        burst(fd, 0.2, 5)
    except OSError:
        pass
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)


def main():
    args = sys.argv[1:]
    binary, db = args[0], args[1]
    today = args[args.index("--today") + 1] if "--today" in args else None
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 21
    idle = float(args[args.index("--idle") + 1]) if "--idle" in args else 60.0
    # keys from the start to a target pane with at least two targets
    path = args[args.index("--to-targets") + 1] if "--to-targets" in args else "ll"
    argv = [binary, "--db", db, "--lang", "zh"] + (["--today", today] if today else [])

    times, sizes, firsts = [], [], []
    for _ in range(runs):
        pid, fd, t0 = spawn(argv)
        n, last = burst(fd)
        times.append((last - t0) * 1000)
        firsts.append((FIRST - t0) * 1000)
        sizes.append(n)
        stop(pid, fd)

    out = {
        "first_frame_ms": round(statistics.median(times), 2),
        "first_frame_ms_min": round(min(times), 2),
        "first_byte_ms": round(statistics.median(firsts), 2),
        "first_frame_bytes": int(statistics.median(sizes)),
    }
    pid, fd, _ = spawn(argv)
    burst(fd)
    time.sleep(1)  # the board read after a first frame from the tallies
    burst(fd, 0.05, 1)

    def j_cpu():
        """CPU (ms) of one `j`, then an untimed `k` back: each from the same theme."""
        n0 = cpu_ns(pid)
        key(fd, "j")
        ms = (cpu_ns(pid) - n0) / 1e6
        key(fd, "k")
        return ms

    out["j_first_theme_cpu_ms"] = round(statistics.median(j_cpu() for _ in range(9)), 3)
    key(fd, "G")
    key(fd, "k")
    out["j_last_theme_cpu_ms"] = round(statistics.median(j_cpu() for _ in range(9)), 3)
    key(fd, "g")
    out["j_theme_bytes"] = key(fd, "j")
    key(fd, "k")
    key(fd, "l")  # into the items of the first theme
    out["j_item_bytes"] = key(fd, "j")
    key(fd, "k")
    key(fd, "h")
    for k in path:  # into a target pane
        key(fd, k)
    out["j_target_bytes"] = key(fd, "j")
    out["k_target_bytes"] = key(fd, "k")
    time.sleep(1)
    burst(fd, 0.05, 1)
    c0, n0, w0 = cpu_ticks(pid), cpu_ns(pid), time.perf_counter()
    idle_bytes, _ = burst(fd, idle + 1, idle)  # waits the whole window unless bytes come
    extra, _ = burst(fd, 0.01, max(0.0, idle - (time.perf_counter() - w0)))
    c1, n1, w1 = cpu_ticks(pid), cpu_ns(pid), time.perf_counter()
    secs = w1 - w0
    hz = os.sysconf("SC_CLK_TCK")
    out["idle_seconds"] = round(secs, 1)
    out["idle_bytes"] = idle_bytes + extra
    out["idle_bytes_per_s"] = round((idle_bytes + extra) / secs, 3)
    out["idle_cpu_ticks"] = c1 - c0
    out["idle_cpu_pct"] = round(100 * (c1 - c0) / hz / secs, 4)
    out["idle_cpu_pct_ns"] = round(100 * (n1 - n0) / 1e9 / secs, 4)
    writes = int(args[args.index("--writes") + 1]) if "--writes" in args else 0
    if writes:
        target = args[args.index("--target") + 1]
        out["rss_kb_before_writes"] = rss_kb(pid)
        n0, w0 = cpu_ns(pid), time.perf_counter()
        for i in range(writes):
            delta = "1" if i % 2 == 0 else "-1"
            os.spawnv(os.P_WAIT, binary, [binary, "--db", db, "add", target, delta])
            time.sleep(0.6)
        burst(fd, 0.05, 1)
        n1, w1 = cpu_ns(pid), time.perf_counter()
        idle_rate = out["idle_cpu_pct_ns"] / 100 * 1e9  # ns per second while idle
        out["write_cpu_ms"] = round(((n1 - n0) - idle_rate * (w1 - w0)) / writes / 1e6, 3)
        out["rss_kb_after_writes"] = rss_kb(pid)
    stop(pid, fd)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
