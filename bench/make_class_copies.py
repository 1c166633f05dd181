#!/usr/bin/env python3
"""Writes N copies of a Canvas export (flat <sortablename>[_late]_<userid>_<attachmentid>_<file>)
as a folder-of-folders class: OUT/<sortablename>_<copy>/<file>. A re-upload ("layers-1.cpp")
replaces the file it revises. Every .cpp gets a last line naming its submission, so no two
submissions share a file's content (in the sample many students send the same model.cpp, as no
real class does) and no cache can share work between them.

    make_class_copies.py CANVAS_EXPORT_DIR OUT_DIR N
"""
import pathlib
import re
import sys

CANVAS_NAME = re.compile(
    r"^(?P<name>.+?)(?:_late|_LATE)?_(?P<user>\d+)_(?P<attachment>\d+)_(?P<file>.+)$")
REUPLOAD = re.compile(r"^(?P<stem>.+?)-(?P<revision>\d+)(?P<ext>\.[^.]+)$")


def latest_files(export_dir):
    """{student: {file name: path}}, the highest revision of each file."""
    students = {}
    for path in sorted(export_dir.iterdir()):
        match = CANVAS_NAME.match(path.name)
        if not match or not path.is_file():
            continue
        name, revision = match["file"], 0
        reupload = REUPLOAD.match(name)
        if reupload:
            name, revision = reupload["stem"] + reupload["ext"], int(reupload["revision"])
        files = students.setdefault(match["name"], {})
        if name not in files or files[name][0] <= revision:
            files[name] = (revision, path)
    return {student: {n: p for n, (_, p) in files.items()} for student, files in students.items()}


def main():
    export_dir, out_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    copies = int(sys.argv[3])
    students = latest_files(export_dir)
    for copy in range(1, copies + 1):
        for student, files in students.items():
            folder = out_dir / f"{student}_{copy}"
            folder.mkdir(parents=True)
            for name, path in files.items():
                text = path.read_bytes()
                if name.endswith(".cpp"):
                    text += f"\n// bench copy {copy} of {student}\n".encode()
                (folder / name).write_bytes(text)
    print(f"{copies * len(students)} submissions ({len(students)} students x {copies})")


if __name__ == "__main__":
    main()
