Oops
BUG:
WARNING:
KASAN
UBSAN
possible circular locking
inconsistent lock state
possible recursive locking
suspicious RCU usage
unreferenced object
suspected memory leak
Call Trace:
Kernel panic
general protection fault
Unable to handle kernel
