/* myna-about.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The About window: version, licence, credits, and the attributions that the bundled data
 * requires (CC BY 4.0 asks for the source and for saying that it was modified).
 */

#define G_LOG_DOMAIN "myna-about"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <PCSC/pcsclite.h>

#include "myna-about.h"
#include "myna-sandbox.h"

#define PROJECT_URL "https://github.com/mynassist/mynassist"

/* Versions and the sandbox state help with bug reports. Nothing here comes from the card. */
static char *
build_debug_info (void)
{
  GString *info = g_string_new (NULL);
  gboolean flatpak = myna_sandbox_is_flatpak ();

  g_string_append_printf (info, "Mynassist %s (%s)\n", PACKAGE_VERSION, APP_ID);
  g_string_append_printf (info, "GTK %u.%u.%u (built with %d.%d.%d)\n",
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (),
                          GTK_MAJOR_VERSION, GTK_MINOR_VERSION, GTK_MICRO_VERSION);
  g_string_append_printf (info, "libadwaita %u.%u.%u (built with %d.%d.%d)\n",
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version (),
                          ADW_MAJOR_VERSION, ADW_MINOR_VERSION, ADW_MICRO_VERSION);
  g_string_append_printf (info, "GLib %u.%u.%u\n",
                          glib_major_version, glib_minor_version, glib_micro_version);
  g_string_append_printf (info, "%s\n", OpenSSL_version (OPENSSL_VERSION));
  g_string_append_printf (info, "pcsc-lite client %s (built with)\n", PCSCLITE_VERSION_NUMBER);
  g_string_append_printf (info, "Flatpak: %s\n", flatpak ? "yes" : "no");
  if (flatpak)
    g_string_append_printf (info, "pcsc socket: %s\n",
                            myna_sandbox_has_pcsc_socket () ? "yes" : "no");

  return g_string_free (info, FALSE);
}

static void
add_data_attributions (AdwAboutWindow *about)
{
  /* Translators: Title of the credits for the root certificates bundled with the app. */
  adw_about_window_add_legal_section (about, _("J-LIS Root Certificates"),
                                      /* Translators: The agency's name; keep J-LIS. */
                                      _("Japan Agency for Local Authority Information Systems "
                                        "(J-LIS)"),
                                      GTK_LICENSE_CUSTOM,
                                      _("The public root certificates of the Japanese Public Key "
                                        "Infrastructure (JPKI), as published by J-LIS at "
                                        "<a href=\"https://www.jpki.go.jp/ca/index.html\">"
                                        "www.jpki.go.jp</a>, used to check the certificates on "
                                        "the card."));

  adw_about_window_add_legal_section (about, _("Municipalities and Their Offices"),
                                      _("Digital Agency, Japan"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Municipal codes, names and office locations are made by "
                                        "processing the Address Base Registry "
                                        "(アドレス・ベース・レジストリ) of the Digital Agency, "
                                        "<a href=\"https://www.digital.go.jp/policies/"
                                        "base_registry_address\">www.digital.go.jp</a>, licensed "
                                        "under <a href=\"https://creativecommons.org/licenses/by/"
                                        "4.0/\">CC BY 4.0</a>."));

  adw_about_window_add_legal_section (about, _("Postal Codes"),
                                      _("Japan Post Co., Ltd."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Postal codes and business postal codes come from the "
                                        "postal code data of Japan Post (version of 29 May "
                                        "2026). Japan Post does not claim copyright on this "
                                        "data."));

  adw_about_window_add_legal_section (about, _("Municipal Websites"),
                                      "code4fukui/localgovjp",
                                      GTK_LICENSE_CUSTOM,
                                      _("Municipal website addresses and some office locations "
                                        "come from the open data list of Japanese local "
                                        "governments, <a href=\"https://github.com/code4fukui/"
                                        "localgovjp\">code4fukui/localgovjp</a>, dedicated to "
                                        "the public domain under CC0 1.0."));

  adw_about_window_add_legal_section (about, _("Town Locations"),
                                      "Geolonia",
                                      GTK_LICENSE_CUSTOM,
                                      _("Representative points of towns are made by processing "
                                        "the Geolonia address data, "
                                        "<a href=\"https://github.com/geolonia/japanese-"
                                        "addresses\">geolonia/japanese-addresses</a>, licensed "
                                        "under <a href=\"https://creativecommons.org/licenses/by/"
                                        "4.0/\">CC BY 4.0</a>. It is based on the location "
                                        "reference information (位置参照情報) of the Ministry of "
                                        "Land, Infrastructure, Transport and Tourism."));
}

/**
 * myna_show_about_window:
 * @parent: (nullable): the window the About window belongs to
 *
 * Shows the About window, modal to @parent.
 */
void
myna_show_about_window (GtkWindow *parent)
{
  const char *developers[] = { "The Mynassist authors", NULL };
  const char *built_with[] = { "GTK", "libadwaita", "GLib", "OpenSSL", "pcsc-lite", NULL };
  g_autofree char *debug_info = build_debug_info ();
  AdwAboutWindow *about;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (about), parent);
      gtk_window_set_modal (GTK_WINDOW (about), TRUE);
    }

  /* Translators: The application name. In Japanese it is マイナアシスト. */
  adw_about_window_set_application_name (about, _("Mynassist"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Mynassist authors"));
  adw_about_window_set_developers (about, developers);
  /* Translators: Your names, one per line, to be credited in the About window. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_add_acknowledgement_section (about, _("Built With"), built_with);
  adw_about_window_set_comments (about,
                                 _("Mynassist checks the certificates and PINs on your My "
                                   "Number Card and helps you reset a forgotten or locked "
                                   "PIN. Nothing is sent over the internet."));
  adw_about_window_set_website (about, PROJECT_URL);
  adw_about_window_set_issue_url (about, PROJECT_URL "/issues");
  adw_about_window_set_copyright (about, "© 2026 The Mynassist authors");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_debug_info (about, debug_info);
  adw_about_window_set_debug_info_filename (about, "mynassist-debug-info.txt");
  add_data_attributions (about);

  gtk_window_present (GTK_WINDOW (about));
}
