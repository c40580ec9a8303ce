"""Analysis tools for ittsim output files (run with Debian's /usr/bin/python3)."""
