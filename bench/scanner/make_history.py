#!/usr/bin/env python3
"""Writes a git fast-import stream: a repository with a long, realistic history built from real source
files (the corpus), for the git-history benchmark. Usage: make_history.py CORPUS_DIR | git fast-import"""
import os
import random
import sys
import zlib

random.seed(1234)
corpus = sys.argv[1]
subdirs = [d for d in ("lib-python3.11", "perl", "node_modules") if os.path.isdir(os.path.join(corpus, d))]
files = []
for sub in subdirs:
    for root, _, names in os.walk(os.path.join(corpus, sub)):
        for name in sorted(names):
            path = os.path.join(root, name)
            if os.path.getsize(path) < 200_000:
                files.append(os.path.relpath(path, corpus))
files.sort()
out = sys.stdout.buffer
mark = 0
when = 1_700_000_000


def blob(data):
    global mark
    mark += 1
    out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)))
    out.write(data)
    out.write(b"\n")
    return mark


def commit(changes, message, parent):
    global mark, when
    when += 3600
    mark += 1
    msg = message.encode()
    out.write(b"commit refs/heads/main\nmark :%d\n" % mark)
    out.write(b"author Dev <dev@example.invalid> %d +0000\ncommitter Dev <dev@example.invalid> %d +0000\n" % (when, when))
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    if parent:
        out.write(b"from :%d\n" % parent)
    for path, m in changes:
        if m is None:
            out.write(b"D %s\n" % path.encode())
        else:
            out.write(b"M 100644 :%d %s\n" % (m, path.encode()))
    return mark


def token(kind):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    body = "sr_" + kind + "".join(random.choice(alphabet) for _ in range(32))
    value, digits = zlib.crc32(body.encode()) & 0xFFFFFFFF, ""
    for _ in range(6):
        digits = alphabet[value % 62] + digits
        value //= 62
    return body + digits


contents = {}
parent = None
# Import the tree in 100 commits, then 3000 small edits of 1-4 files each, like a long-lived project.
groups = [files[i::100] for i in range(100)]
for n, group in enumerate(groups):
    changes = []
    for path in group:
        with open(os.path.join(corpus, path), "rb") as f:
            contents[path] = f.read()
        changes.append((path, blob(contents[path])))
    parent = commit(changes, "import part %d" % n, parent)
leak_at = {700: "config/settings.py", 1900: "deploy/env.sh"}
for n in range(3000):
    changes = []
    for path in random.sample(files, random.randint(1, 4)):
        lines = contents[path].split(b"\n")
        at = random.randrange(len(lines) + 1)
        lines.insert(at, b"# change %d: adjust behaviour for case %d" % (n, random.randrange(10**6)))
        contents[path] = b"\n".join(lines)
        changes.append((path, blob(contents[path])))
    if n in leak_at:
        secret = leak_at[n]
        contents[secret] = b"TOKEN = '%s'\n" % token("p").encode()
        changes.append((secret, blob(contents[secret])))
    if n - 30 in leak_at:
        changes.append((leak_at[n - 30], None))
    parent = commit(changes, "change %d" % n, parent)
