// Which list of checks the catalog (protocol/catalog.cc) and the harness's registry
// (harness/registry.cc) expand: checks.def, every check. The student kit's build
// (packaging/deb/) compiles those two files again with NN_CHECKS_DEF naming the part of
// checks.def that the kit's rubrics show (written by nn-kit-checks), so that the kit's `grade`
// and checker hold no other check's id, title or parameters, and its checker no other check's
// code (docs/student-kit.md).
#pragma once

#ifndef NN_CHECKS_DEF
#define NN_CHECKS_DEF "protocol/checks.def"
#endif
