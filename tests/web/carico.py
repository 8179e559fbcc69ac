"""carico.py — many sessions posting rilevazioni at once, for the load test
(tests/web/test_carico.py) and its benchmark (bench/web.sh).

Each session logs in as the dirigente of SG-01…SG-03 and posts its
rilevazioni one after the other, each with a nota of its own ("carico
s3 n17"), so that every POST changes the archive and leaves its rows in
the registro. Returns the notes whose POST got its redirect (303)."""
import threading

import webtest as w

# SG-01…SG-03 of 2024 and their actions: a percentuale with a nota is valid for every rule
ACTIONS = [("SG-01", 1), ("SG-01", 2), ("SG-01", 3), ("SG-02", 1), ("SG-02", 2), ("SG-03", 1), ("SG-03", 2)]


def session(port, i, posts, acknowledged, errors, lock, stop):
    # each session from an address of its own, as people at their own computers: the same user logging in many
    # times at once from one address is what the login's defences slow down (a try counts until it succeeds)
    c = w.Client(port, source="127.0.%d.%d" % (10 + i // 200, 1 + i % 200))
    try:
        if c.login("segretario").status != 303:
            with lock:
                errors.append("s%d: accesso non riuscito" % i)
            return
        c.get("/obiettivi/SG-01")
        for j in range(posts):
            if stop.is_set():
                return
            codice, azione = ACTIONS[(i + j) % len(ACTIONS)]
            nota = "carico s%d n%d" % (i, j)
            r = c.post("/obiettivi/%s/rilevazioni" % codice,
                       {"azione": str(azione), "percentuale": str((i * 7 + j) % 101), "nota": nota})
            with lock:
                if r.status == 303:
                    acknowledged.append(nota)
                else:
                    errors.append("%s: %d" % (nota, r.status))
            if r.status == 303:  # as a browser does: the page the redirect names
                c.get(r.headers["location"].split("#")[0])
    except OSError as e:  # the server killed under us (test_carico's SIGKILL)
        if not stop.is_set():
            with lock:
                errors.append("s%d: %s" % (i, e))


def carica(port, sessions, posts, stop=None):
    acknowledged, errors, lock = [], [], threading.Lock()
    stop = stop or threading.Event()
    threads = [threading.Thread(target=session, args=(port, i, posts, acknowledged, errors, lock, stop))
               for i in range(sessions)]
    for t in threads:
        t.start()
    return threads, acknowledged, errors


def wait(threads):
    for t in threads:
        t.join()
