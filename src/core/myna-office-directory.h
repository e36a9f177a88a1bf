/* myna-office-directory.h
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MYNA_OFFICE_ERROR (myna_office_error_quark ())

/**
 * MynaOfficeError:
 * @MYNA_OFFICE_ERROR_DATA: the compiled office data is missing or damaged
 * @MYNA_OFFICE_ERROR_INVALID: the query is malformed (a postal code with letters or
 *   the wrong length, coordinates out of range, an empty address)
 * @MYNA_OFFICE_ERROR_NOT_FOUND: the query is well formed but matches nothing
 *
 * Errors of office lookups. Messages are translated and say what was wrong.
 */
typedef enum
{
  MYNA_OFFICE_ERROR_DATA,
  MYNA_OFFICE_ERROR_INVALID,
  MYNA_OFFICE_ERROR_NOT_FOUND,
} MynaOfficeError;

GQuark myna_office_error_quark (void);

/**
 * MynaOffice:
 * @municipality_code: 6-digit 全国地方公共団体コード with check digit ("131016")
 * @municipality: full name with the prefecture ("東京都千代田区")
 * @municipality_kana: its reading in katakana
 * @office: the office name ("千代田区役所")
 * @address: (nullable): the office's postal address, %NULL when unknown
 * @approx_locality: (nullable): when @address is %NULL, the 町字 nearest to the office
 * @postal_code: (nullable): the office's own 7-digit postal code
 * @lat: latitude in degrees (JGD2011 ≈ WGS84), NAN when unknown
 * @lon: longitude in degrees, NAN when unknown
 * @distance_km: distance from the reference point of the query, NAN when unknown
 * @phone: (nullable): the phone number; the bundled data has none yet
 * @url: (nullable): the municipality's website
 * @branch_kind: (nullable): for branches, the word that classifies it (支所, 出張所 …)
 * @is_branch: %TRUE for a branch office, which may not handle My Number Card
 *   procedures: the user must check @url first
 * @candidate: 0 for the best-matching municipality, 1 for the next, …; all offices
 *   of one municipality share the number
 *
 * One office in a lookup result. A municipality's main office always comes first,
 * then its branches.
 */
typedef struct
{
  char     *municipality_code;
  char     *municipality;
  char     *municipality_kana;
  char     *office;
  char     *address;
  char     *approx_locality;
  char     *postal_code;
  double    lat;
  double    lon;
  double    distance_km;
  char     *phone;
  char     *url;
  char     *branch_kind;
  gboolean  is_branch;
  guint     candidate;
} MynaOffice;

void        myna_office_free                     (MynaOffice *office);
MynaOffice *myna_office_copy                     (const MynaOffice *office);
guint       myna_office_list_n_municipalities    (GPtrArray  *offices);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MynaOffice, myna_office_free)

#define MYNA_TYPE_OFFICE_DIRECTORY (myna_office_directory_get_type ())

G_DECLARE_FINAL_TYPE (MynaOfficeDirectory, myna_office_directory, MYNA, OFFICE_DIRECTORY, GObject)

MynaOfficeDirectory *myna_office_directory_get_default      (GError     **error);
MynaOfficeDirectory *myna_office_directory_new_from_bytes   (GBytes      *bytes,
                                                             GError     **error);
MynaOfficeDirectory *myna_office_directory_new_from_file    (const char  *path,
                                                             GError     **error);
MynaOfficeDirectory *myna_office_directory_new_from_resource (const char *path,
                                                             GError     **error);

guint       myna_office_directory_get_n_municipalities (MynaOfficeDirectory *self);
guint       myna_office_directory_get_n_branches       (MynaOfficeDirectory *self);
guint       myna_office_directory_get_n_postal_codes   (MynaOfficeDirectory *self);
guint32     myna_office_directory_get_data_date        (MynaOfficeDirectory *self);

gboolean    myna_office_parse_postal_code              (const char  *text,
                                                        guint32     *code,
                                                        GError     **error);
gboolean    myna_office_parse_coordinates              (const char  *text,
                                                        double      *lat,
                                                        double      *lon,
                                                        GError     **error);

GPtrArray  *myna_office_directory_lookup_code          (MynaOfficeDirectory *self,
                                                        const char          *municipality_code,
                                                        GError             **error);
GPtrArray  *myna_office_directory_lookup_postal        (MynaOfficeDirectory *self,
                                                        const char          *postal_code,
                                                        GError             **error);
GPtrArray  *myna_office_directory_lookup_address       (MynaOfficeDirectory *self,
                                                        const char          *address,
                                                        GError             **error);
GPtrArray  *myna_office_directory_lookup_near          (MynaOfficeDirectory *self,
                                                        double               lat,
                                                        double               lon,
                                                        guint                limit,
                                                        GError             **error);
GPtrArray  *myna_office_directory_lookup_text          (MynaOfficeDirectory *self,
                                                        const char          *text,
                                                        GError             **error);

G_END_DECLS
