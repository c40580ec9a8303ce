"""Output folders written whole: a command writes into a temporary folder beside the one
asked for and renames it into place once complete, so that a failure (bad input, a full disk)
leaves no folder and an earlier one intact."""

import os
import shutil
import sys
import tempfile
from pathlib import Path

from analysis import load


def check_destination(folder, entries, what):
    """folder may be new, empty or an earlier output of the same command (holding only
    entries), which is replaced whole; never a folder holding anything else."""
    if not folder.parent.is_dir():
        raise load.InputError(f"{folder}: the folder {folder.parent} does not exist")
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise load.InputError(f"{folder}: exists and is not a folder")
    if folder.is_dir():
        others = sorted(entry.name for entry in folder.iterdir() if entry.name not in entries)
        if others:
            raise load.InputError(f"{folder}: holds {', '.join(others[:3])}{' …' if len(others) > 3 else ''}, "
                                  f"not only an earlier {what}; give a new or empty folder")


def _put_in_place(staging, folder):
    """Renames the finished staging folder to folder, replacing an earlier output there."""
    if not folder.exists():
        os.rename(staging, folder)
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".previous", dir=folder.parent))
    try:
        os.rename(folder, previous / folder.name)
        try:
            os.rename(staging, folder)
        except OSError:
            os.rename(previous / folder.name, folder)
            raise
    finally:
        shutil.rmtree(previous, ignore_errors=True)


def write_whole(folder, entries, what, write):
    """Checks folder (check_destination), calls write(staging) to fill a temporary folder
    beside it and renames that into place; on any failure the temporary folder is removed."""
    folder = Path(folder)
    check_destination(folder, entries, what)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent))
    try:
        write(staging)
        _put_in_place(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def command_result(command, output, call):
    """(exit code, call()'s result): 0 when it succeeds; 2 for bad input and 3 for a failure to
    write, with the error printed as `analysis COMMAND: error: ...` (result None)."""
    try:
        return 0, call()
    except load.InputError as error:
        print(f"analysis {command}: error: {error}", file=sys.stderr)
        return 2, None
    except OSError as error:
        print(f"analysis {command}: error: cannot write {output}: {error}", file=sys.stderr)
        return 3, None
