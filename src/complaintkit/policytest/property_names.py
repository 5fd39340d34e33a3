"""The properties ``complaintkit check`` can check, by name, apart from the checks (which
need hypothesis): the command line lists them in its help, and loading it must not load
hypothesis."""

PROPERTIES = ("classified", "owner", "deadlines", "compensation")
