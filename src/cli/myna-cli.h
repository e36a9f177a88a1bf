/* myna-cli.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sub-commands of mynassist-cli. Each takes the arguments after its own name
 * (argv[0] is the sub-command) and returns the process exit code of DESIGN.md:
 * 0 ok, 1 failed, 2 usage, 3 no reader/pcscd, 4 no card/not a My Number Card,
 * 5 refused by the PIN guard, 6 wrong PIN, 7 PIN blocked.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum
{
  MYNA_EXIT_OK = 0,
  MYNA_EXIT_FAILED = 1,
  MYNA_EXIT_USAGE = 2,
  MYNA_EXIT_NO_READER = 3,
  MYNA_EXIT_NO_CARD = 4,
  MYNA_EXIT_GUARD = 5,
  MYNA_EXIT_WRONG_PIN = 6,
  MYNA_EXIT_BLOCKED = 7,
};

/* Prints "mynassist-cli: MESSAGE" on one line to stderr. */
void myna_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

int  myna_cli_office (int argc, char **argv);
int  myna_cli_diagnose (int argc, char **argv);

G_END_DECLS
