"""Hold a SQLite file's write lock (BEGIN IMMEDIATE) until a line arrives on stdin.

usage: hold_write_lock.py DATABASE; prints "locked" once it holds the lock."""

import sqlite3
import sys

connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
