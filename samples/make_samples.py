#!/usr/bin/env python3
"""Writes samples/class/ (a Canvas "Download Submissions" export, unpacked), samples/class.zip
(the same zipped) and samples/gradebook.csv (Canvas's gradebook export for that class) from
reference/ and student_template/. Run it again when either changes: python3 samples/make_samples.py
"""
import pathlib
import shutil
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FILES = ["layers.cpp", "model.cpp", "losses.cpp", "optimizer.cpp"]


def reference():
    return {name: (ROOT / "reference" / name).read_text() for name in FILES}


def template():
    return {name: (ROOT / "student_template" / name).read_text() for name in FILES}


def edited(name, old, new):
    """The reference with one small edit in one file, as a student might have made it."""
    files = reference()
    assert old in files[name], f"{name} no longer holds {old!r}: update make_samples.py"
    files[name] = files[name].replace(old, new, 1)
    return files


def without(files, name):
    return {k: v for k, v in files.items() if k != name}


# (sortable name, Student, Canvas user id, SIS User ID, SIS Login ID, section,
#  Coursework 2 score, files or None for no submission, late)
STUDENTS = [
    ("byrneaoife", "Byrne, Aoife", 48305, "s2104527", "abyrne", "COMP2011 Lab B", 44, "reupload", False),
    ("garcíamaría", "García, María", 48235, "s2104451", "mgarcia", "COMP2011 Lab B", 47,
     edited("layers.cpp", "grad_b += grad_output.colwise().sum();             //",
            "grad_b += grad_output.row(0);                      //"), False),
    ("haddadomar", "Haddad, Omar", 48252, "s2104478", "ohaddad", "COMP2011 Lab A", 38,
     edited("losses.cpp",
            "  // Subtracting each row's maximum leaves softmax unchanged and keeps exp from "
            "overflowing.\n  Matrix shifted = logits.colwise() - logits.rowwise().maxCoeff();",
            "  Matrix shifted = logits;"), False),
    ("kowalskianna", "Kowalski, Anna", 48266, "s2104482", "akowalski", "COMP2011 Lab B", 41,
     edited("optimizer.cpp",
            "velocities[i] = momentum * velocities[i] - lr * *params[i].grad;",
            "velocities[i] = -momentum * velocities[i] - lr * *params[i].grad;"), True),
    ("mensahkwame", "Mensah, Kwame", 48283, "s2104503", "kmensah", "COMP2011 Lab B", 35,
     edited("layers.cpp", "grad_W += cached_input.transpose() * grad_output;",
            "grad_w += cached_input.transpose() * grad_output;"), False),
    ("nguyenlinh", "Nguyen, Linh", 48227, "s2104433", "lnguyen", "COMP2011 Lab A", 29, "template",
     False),
    ("okaforchidi", "Okafor, Chidi", 48213, "s2104417", "cokafor", "COMP2011 Lab A", 49,
     "reference", False),
    ("rossigiulia", "Rossi, Giulia", 48291, "s2104519", "grossi", "COMP2011 Lab A", 43,
     without(reference(), "optimizer.cpp"), False),
    ("schmidtlena", "Schmidt, Lena", 48312, "s2104536", "lschmidt", "COMP2011 Lab A", 40, None,
     False),
    ("smith_joneskim", "Smith_Jones, Kim", 48241, "s2104460", "ksmithjones", "COMP2011 Lab B", 45,
     edited("layers.cpp", "(cached_input.array() > 0.0)", "(cached_input.array() >= 0.0)"),
     False),
    ("tanakayuki", "Tanaka, Yuki", 48270, "s2104495", "ytanaka", "COMP2011 Lab A", 46,
     edited("optimizer.cpp", "for (const Parameter& p : params) p.grad->setZero();",
            "for (Parameter p : params) {\n    Matrix grad = *p.grad;\n    grad.setZero();\n  }"), False),
]
TEST_STUDENT = ("Student, Test", 48399, "COMP2011 Lab A")


def uploads(files):
    """[(original name, contents)] in upload order."""
    if files == "reference":
        return list(reference().items())
    if files == "template":
        return list(template().items())
    if files == "reupload":
        # layers.cpp first with grad_W overwritten, then fixed and uploaded again: Canvas names
        # the second upload layers-1.cpp.
        first = edited("layers.cpp",
                       "per example, added up\n  grad_b += grad_output.colwise().sum();             //",
                       "per example, added up\n  grad_b += grad_output.colwise().sum();            //")
        first["layers.cpp"] = first["layers.cpp"].replace("grad_W += cached_input",
                                                          "grad_W = cached_input", 1)
        return ([("layers.cpp", first["layers.cpp"])] + list(reference().items())[1:] +
                [("layers-1.cpp", reference()["layers.cpp"])])
    return list(files.items())


def write_export():
    export = SAMPLES / "class"
    shutil.rmtree(export, ignore_errors=True)
    export.mkdir(parents=True)
    attachment_id = 9120001
    for sortable, _, user_id, *_, files, late in STUDENTS:
        if files is None:
            continue
        flag = "_late" if late else ""
        for original, contents in uploads(files):
            (export / f"{sortable}{flag}_{user_id}_{attachment_id}_{original}").write_text(contents)
            attachment_id += 1
    with zipfile.ZipFile(SAMPLES / "class.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(export.iterdir()):
            info = zipfile.ZipInfo(path.name, date_time=(2025, 11, 28, 17, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def quoted_if_needed(field):
    field = str(field)
    return f'"{field}"' if "," in field or '"' in field else field


def write_gradebook():
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Coursework 2 (12301)",
              "Coursework 3 (12345)", "Current Points", "Final Points", "Current Score",
              "Unposted Current Score", "Final Score", "Unposted Final Score"]
    rows = [header,
            ["    Points Possible", "", "", "", "", "50.00", "100.00"] + ["(read only)"] * 6]
    for _, student, user_id, sis_user, login, section, cw2, *_ in STUDENTS:
        percent = f"{100 * cw2 / 150:.2f}"
        final = f"{100 * cw2 / 150:.2f}"
        rows.append([student, user_id, sis_user, login, section, f"{cw2:.2f}", "", f"{cw2:.2f}",
                     f"{cw2:.2f}", f"{100 * cw2 / 50:.2f}", f"{100 * cw2 / 50:.2f}", final,
                     percent])
    name, user_id, section = TEST_STUDENT
    rows.append([name, user_id, "", "", section, "", "", "0.00", "0.00", "", "", "0.00", "0.00"])
    text = "".join(",".join(quoted_if_needed(f) for f in row) + "\n" for row in rows)
    (SAMPLES / "gradebook.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


if __name__ == "__main__":
    write_export()
    write_gradebook()
