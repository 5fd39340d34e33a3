"""What a command Ctrl-C ended says and exits with. It imports nothing, so that
``complaintkit.cli.main`` can say it before the command line has loaded."""

#: 128 + SIGINT, what a shell reports for a program Ctrl-C ended.
INTERRUPTED = 130
INTERRUPTED_MESSAGE = (
    "interrupted (Ctrl-C): each change committed before it is kept and none is half-made; "
    "run the command again to finish"
)
