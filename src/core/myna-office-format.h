/* myna-office-format.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout of the compiled office directory (docs/office-data.md describes it in
 * prose). Written by tools/myna-office-compile.c at build time, read in place by
 * myna-office-directory.c. Every field is a 32-bit integer in host byte order
 * (the file is built on the machine that uses it; byte_order catches a mismatch).
 * Strings are offsets into the string section, which starts with an empty string
 * (offset 0 = "no value") and ends with a NUL byte.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MYNA_OFFICE_MAGIC         "MYNAOFC\n"
#define MYNA_OFFICE_VERSION       1
#define MYNA_OFFICE_BYTE_ORDER    0x01020304u
#define MYNA_OFFICE_NONE          0xFFFFFFFFu
/* Coordinates are stored as micro-degrees; this value means "unknown". */
#define MYNA_OFFICE_NO_COORD      G_MININT32

typedef enum
{
  MYNA_OFFICE_MUNI_CITY,
  MYNA_OFFICE_MUNI_TOWN,
  MYNA_OFFICE_MUNI_VILLAGE,
  MYNA_OFFICE_MUNI_SPECIAL_WARD,
  MYNA_OFFICE_MUNI_DESIGNATED_CITY,
  MYNA_OFFICE_MUNI_WARD,
} MynaOfficeMuniType;

/* Kinds of municipality name keys, best first. */
typedef enum
{
  MYNA_OFFICE_KEY_FULL,          /* 府中市, 石狩郡当別町, 札幌市中央区 */
  MYNA_OFFICE_KEY_KANA,          /* フチュウシ (the reading, folded) */
  MYNA_OFFICE_KEY_PARENT_CITY,   /* 札幌市: resolves to one of its wards */
  MYNA_OFFICE_KEY_WARD_ONLY,     /* 中央区 of a designated city, without the city */
} MynaOfficeKeyKind;

typedef struct
{
  guint32 offset;                /* from the start of the file */
  guint32 count;                 /* records (bytes for the string section) */
} MynaOfficeSection;

enum
{
  MYNA_OFFICE_SECTION_PREFS,
  MYNA_OFFICE_SECTION_MUNIS,
  MYNA_OFFICE_SECTION_BRANCHES,
  MYNA_OFFICE_SECTION_KEYS,
  MYNA_OFFICE_SECTION_POSTAL,
  MYNA_OFFICE_SECTION_NEAR,
  MYNA_OFFICE_SECTION_TOWNS,
  MYNA_OFFICE_SECTION_STRINGS,
  MYNA_OFFICE_N_SECTIONS
};

typedef struct
{
  char              magic[8];
  guint32           version;
  guint32           byte_order;
  guint32           file_size;
  guint32           postal_data_date;   /* YYYYMMDD of the Japan Post data */
  MynaOfficeSection sections[MYNA_OFFICE_N_SECTIONS];
} MynaOfficeHeader;

typedef struct
{
  guint32 name;                  /* 東京都 */
  guint32 key;                   /* folded name */
} MynaOfficePref;

typedef struct
{
  guint32 code;                  /* 6-digit lg_code as a number (131016) */
  guint32 type;                  /* MynaOfficeMuniType */
  guint32 pref;                  /* index into PREFS */
  guint32 parent;                /* index of the designated city, or NONE */
  guint32 county;
  guint32 city;
  guint32 ward;
  guint32 name_full;             /* 東京都千代田区 */
  guint32 name_kana;
  guint32 office_name;
  guint32 office_postal;         /* 7-digit number, 0 = none */
  guint32 office_address;        /* 0 = no address known */
  guint32 approx_locality;       /* set when there is no address */
  guint32 url;
  gint32  lat;                   /* micro-degrees, JGD2011 */
  gint32  lon;
  guint32 first_branch;          /* range in BRANCHES */
  guint32 n_branches;
  guint32 first_town;            /* range in TOWNS */
  guint32 n_towns;
} MynaOfficeMuni;

typedef struct
{
  guint32 muni;
  guint32 name;
  guint32 keyword;               /* 支所, 出張所, 行政センター … */
  guint32 postal;                /* 0 = none */
  guint32 address;
  gint32  lat;                   /* town centroid, or NO_COORD */
  gint32  lon;
} MynaOfficeBranch;

/* Sorted by key (strcmp), then muni. */
typedef struct
{
  guint32 key;
  guint32 muni;
  guint32 kind;                  /* MynaOfficeKeyKind */
} MynaOfficeKey;

/* Sorted by postal, then muni. One record per (postal code, municipality). */
typedef struct
{
  guint32 postal;
  guint32 muni;
  gint32  lat;                   /* mean of the code's located towns, or NO_COORD */
  gint32  lon;
} MynaOfficePostal;

/* NEAR is an array of guint32 indices into POSTAL (located entries only),
 * sorted by latitude, for nearest-town searches. */

/* Sorted by muni, then key (strcmp). Japan Post 町域 names, folded by
 * myna_text_fold_town(). */
typedef struct
{
  guint32 muni;
  guint32 key;
  guint32 postal;
  gint32  lat;
  gint32  lon;
} MynaOfficeTown;

G_END_DECLS
