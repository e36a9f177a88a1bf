/* main.c — mynassist-cli
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mynassist-cli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <PCSC/pcsclite.h>
#include <glib/gi18n-lib.h>

#include "myna-card-status.h"
#include "myna-certificate.h"
#include "myna-error.h"
#include "myna-jpki.h"
#include "myna-json.h"
#include "myna-pcsc-transport.h"
#include "myna-pin.h"
#include "myna-reader-monitor.h"
#include "virtual-card/myna-virtual-transport.h"

#include "myna-cli.h"
#include "myna-cli-card.h"

/* Global options, given before the sub-command. */
static char *virtual_profile;
static char *virtual_state;
static gboolean use_demo;
static MynaVirtualCard *virtual_card;

void
myna_cli_error (const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line: scripts and users read the first line only. */
  g_strdelimit (message, "\n", ' ');
  fprintf (stderr, "mynassist-cli: %s\n", message);
}

static int
fail (GError *error)
{
  int code = myna_error_exit_code (error);

  if (g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_LAST_TRY))
    /* Translators: the guard's message, then how to confirm on the command line. */
    myna_cli_error (_("%s To use it, run the command again with --last-try."), error->message);
  else
    myna_cli_error ("%s", error->message);
  g_error_free (error);
  return code == 0 ? MYNA_EXIT_FAILED : code;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  myna_cli_error ("%s", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      fputs (help, stderr);
    }
  return MYNA_EXIT_USAGE;
}

/* Parses a command's options; with @n_args >= 0, exactly that many arguments must follow the
 * command name. Returns -1 when the command may go on, or the exit code of the usage error. */
static int
parse_options (GOptionContext   *context,
               int              *argc,
               char           ***argv,
               int               n_args)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error (context, error->message);
  if (n_args >= 0 && *argc > n_args + 1)
    return usage_error (context, _("Too many arguments."));
  return -1;
}

static char *
json_string (const char *value)
{
  GString *s = g_string_new (NULL);

  myna_json_append_string (s, value);
  return g_string_free (s, FALSE);
}

/* Opening the card */

static MynaTransport *
open_virtual (GError **error)
{
  g_autofree char *path = use_demo ? myna_demo_profile_path () : g_strdup (virtual_profile);

  if (path == NULL)
    {
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_READER,
                           _("The demo card is not installed."));
      return NULL;
    }

  virtual_card = myna_virtual_card_new_from_profile (path, error);
  if (virtual_card == NULL)
    return NULL;
  if (virtual_state != NULL && g_file_test (virtual_state, G_FILE_TEST_EXISTS) &&
      !myna_virtual_card_load_state (virtual_card, virtual_state, error))
    return NULL;

  return MYNA_TRANSPORT (myna_virtual_transport_new (virtual_card));
}

static void
save_virtual_state (void)
{
  g_autoptr(GError) error = NULL;

  if (virtual_card != NULL && virtual_state != NULL &&
      !myna_virtual_card_save_state (virtual_card, virtual_state, &error))
    myna_cli_error ("%s", error->message);
}

/* Without --reader: the reader that holds a My Number Card. Several such readers are an error
 * that lists them, never a guess. */
static MynaTransport *
open_card (const char  *reader_name,
           GError     **error)
{
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(GPtrArray) with_card = g_ptr_array_new ();
  g_autoptr(GPtrArray) mynumber = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean mute = FALSE;

  if (use_demo || virtual_profile != NULL)
    return open_virtual (error);

  readers = myna_pcsc_list_readers (error);
  if (readers == NULL)
    return NULL;

  if (readers->len == 0)
    {
      myna_error_from_scard (SCARD_E_NO_READERS_AVAILABLE, error);
      return NULL;
    }

  for (guint i = 0; i < readers->len; i++)
    {
      MynaReaderInfo *info = g_ptr_array_index (readers, i);

      if (reader_name != NULL && g_strcmp0 (info->name, reader_name) != 0)
        continue;
      if (info->state == MYNA_READER_CARD_MUTE)
        mute = TRUE;
      if (info->state == MYNA_READER_CARD_PRESENT || info->state == MYNA_READER_IN_USE)
        g_ptr_array_add (with_card, info);
      else if (reader_name != NULL && info->state == MYNA_READER_CARD_MUTE)
        {
          myna_error_from_scard (SCARD_W_UNRESPONSIVE_CARD, error);
          return NULL;
        }
      else if (reader_name != NULL)
        {
          myna_error_from_scard (SCARD_E_NO_SMARTCARD, error);
          return NULL;
        }
    }

  if (reader_name != NULL && with_card->len == 0)
    {
      g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NO_READER,
                   _("There is no card reader named “%s”. “mynassist-cli readers” lists them."),
                   reader_name);
      return NULL;
    }

  if (with_card->len == 0)
    {
      /* A card that does not answer is still a card: say so rather than "no card". */
      myna_error_from_scard (mute ? SCARD_W_UNRESPONSIVE_CARD : SCARD_E_NO_SMARTCARD, error);
      return NULL;
    }

  if (with_card->len == 1)
    return MYNA_TRANSPORT (myna_pcsc_transport_new (((MynaReaderInfo *) with_card->pdata[0])->name));

  /* Several cards: find the My Number Cards among them. */
  for (guint i = 0; i < with_card->len; i++)
    {
      MynaReaderInfo *info = g_ptr_array_index (with_card, i);
      g_autoptr(MynaPcscTransport) t = myna_pcsc_transport_new (info->name);
      g_autoptr(GError) local_error = NULL;

      if (myna_transport_begin_transaction (MYNA_TRANSPORT (t), &local_error))
        {
          gboolean ok = myna_jpki_detect (MYNA_TRANSPORT (t), NULL, &local_error);

          myna_transport_end_transaction (MYNA_TRANSPORT (t), FALSE);
          if (ok)
            g_ptr_array_add (mynumber, g_steal_pointer (&t));
        }
    }

  if (mynumber->len == 1)
    return g_object_ref (g_ptr_array_index (mynumber, 0));

  if (mynumber->len == 0)
    {
      g_set_error_literal (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_MYNUMBER,
                           _("None of the cards in the readers is a My Number Card. Insert your "
                             "My Number Card."));
      return NULL;
    }

  {
    g_autoptr(GString) names = g_string_new (NULL);

    for (guint i = 0; i < mynumber->len; i++)
      g_string_append_printf (names, "%s“%s”", i ? ", " : "",
                              myna_transport_get_name (g_ptr_array_index (mynumber, i)));
    g_set_error (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_SEVERAL_CARDS,
                 _("Several readers hold a My Number Card: %s. Choose one with --reader."),
                 names->str);
  }
  return NULL;
}

/* For sub-commands in other files (myna-cli-card.h). */

gboolean
myna_cli_card_is_virtual (void)
{
  return use_demo || virtual_profile != NULL;
}

gboolean
myna_cli_card_is_demo (void)
{
  return use_demo;
}

MynaTransport *
myna_cli_open_card (const char  *reader_name,
                    GError     **error)
{
  return open_card (reader_name, error);
}

GBytes *
myna_cli_virtual_atr (void)
{
  return virtual_card ? myna_virtual_card_get_atr (virtual_card) : NULL;
}

void
myna_cli_save_virtual_state (void)
{
  save_virtual_state ();
}

/* readers */

static int
cmd_readers (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GPtrArray) readers = NULL;
  GError *error = NULL;
  int ret;

  g_option_context_set_summary (context, _("List the card readers and their cards."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = parse_options (context, &argc, &argv, 0)) >= 0)
    return ret;

  if (use_demo || virtual_profile != NULL)
    {
      g_autoptr(MynaTransport) t = open_virtual (&error);
      MynaReaderInfo info = { 0 };

      if (t == NULL)
        return fail (error);
      readers = g_ptr_array_new_with_free_func ((GDestroyNotify) myna_reader_info_free);
      info.name = (char *) myna_transport_get_name (t);
      info.state = MYNA_READER_CARD_PRESENT;
      info.atr = myna_virtual_card_get_atr (virtual_card);
      g_ptr_array_add (readers, myna_reader_info_copy (&info));
      g_bytes_unref (info.atr);
    }
  else if (!(readers = myna_pcsc_list_readers (&error)))
    return fail (error);

  if (json)
    {
      g_print ("[");
      for (guint i = 0; i < readers->len; i++)
        {
          MynaReaderInfo *info = g_ptr_array_index (readers, i);
          g_autofree char *name = json_string (info->name);
          g_autofree char *atr = myna_hex_string (info->atr);
          g_autofree char *atr_json = info->atr ? json_string (atr) : g_strdup ("null");

          g_print ("%s\n  { \"name\": %s, \"state\": \"%s\", \"atr\": %s }", i ? "," : "",
                   name, myna_reader_state_get_id (info->state), atr_json);
        }
      g_print ("%s]\n", readers->len ? "\n" : "");
      return MYNA_EXIT_OK;
    }

  if (readers->len == 0)
    {
      myna_error_from_scard (SCARD_E_NO_READERS_AVAILABLE, &error);
      return fail (error);
    }

  for (guint i = 0; i < readers->len; i++)
    {
      MynaReaderInfo *info = g_ptr_array_index (readers, i);
      g_autofree char *atr = myna_hex_string (info->atr);

      g_print ("%s\t%s%s%s\n", info->name, myna_reader_state_get_id (info->state),
               info->atr ? "\t" : "", atr);
    }

  return MYNA_EXIT_OK;
}

/* status */

static void
print_date (const char *label,
            GDateTime  *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autofree char *text = g_date_time_format (local, "%Y-%m-%d");

  g_print ("    %s %s\n", label, text);
}

static const char *
chain_text (MynaChainResult chain,
            MynaTrustSource trust)
{
  switch (chain)
    {
    case MYNA_CHAIN_VALID:
      return trust == MYNA_TRUST_BUNDLED
             ? _("valid (issued by a J-LIS root shipped with Mynassist)")
             : _("valid, checked only against the CA certificate on the card");
    default:
      return myna_chain_result_get_label (chain);
    }
}

static void
print_status (const MynaCardStatus *status,
              GDateTime            *now)
{
  static const MynaCertSlot slots[] = { MYNA_CERT_AUTH, MYNA_CERT_AUTH_CA, MYNA_CERT_SIGN_CA };
  const char *pin_names[MYNA_PIN_KIND_COUNT] = {
    _("User authentication PIN (4 digits)"),
    _("Signing password (6–16 letters and digits)"),
    _("Card information PIN (4 digits)"),
  };
  const char *cert_names[] = {
    _("User authentication certificate"),
    _("User authentication CA"),
    _("Signing CA"),
  };

  g_print (_("Reader: %s\n"), status->reader);
  g_print (_("Card: My Number Card\n"));
  g_print (_("PIN tries left (none was used to find out):\n"));
  for (guint i = 0; i < MYNA_PIN_KIND_COUNT; i++)
    {
      const MynaPinTries *t = &status->pins[i];

      if (!t->known)
        g_print (_("  %s: unknown\n"), pin_names[i]);
      else if (t->blocked)
        g_print (_("  %s: locked\n"), pin_names[i]);
      else
        g_print (_("  %s: %u of %u\n"), pin_names[i], t->remaining, t->max);
    }

  g_print (_("Certificates:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      const MynaCertInfo *c = &status->certs[slots[i]];

      if (!c->present)
        {
          g_print (_("  %s: not on the card\n"), cert_names[i]);
          continue;
        }
      g_print ("  %s: %s\n", cert_names[i], chain_text (c->chain, c->trust));
      print_date (_("valid until"), c->not_after);
      if (slots[i] == MYNA_CERT_AUTH)
        {
          gint64 days = myna_certificate_get_days_left (c->certificate, now);

          if (days >= 0)
            g_print (g_dngettext (GETTEXT_PACKAGE, "    %d day left\n", "    %d days left\n",
                                  (gulong) days), (int) days);
        }
    }

  if (!myna_card_status_has_certificates (status))
    g_print (_("This card holds no electronic certificates. It still works as an ID card; "
                "certificates can be issued at the municipal office.\n"));
  g_print (_("Revocation cannot be checked publicly; it was not checked.\n"));
}

static int
cmd_status (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  char *reader = NULL;
  GOptionEntry entries[] = {
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, N_("Use this reader"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(MynaTransport) transport = NULL;
  g_autoptr(MynaCardStatus) status = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GError *error = NULL;
  int ret;

  g_option_context_set_summary (context, _("Show the card's certificates and the tries left of "
                                           "its PINs. No PIN try is used."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = parse_options (context, &argc, &argv, 0)) >= 0)
    return ret;

  transport = open_card (reader, &error);
  g_free (reader);
  if (transport == NULL)
    return fail (error);

  status = myna_card_read_status (transport, now, &error);
  save_virtual_state ();
  if (status == NULL && json && g_error_matches (error, MYNA_CARD_ERROR, MYNA_CARD_ERROR_NOT_MYNUMBER))
    {
      /* Scripts still get the object, with "kind": "unknown", and the exit code says why. */
      g_autoptr(MynaCardStatus) other = myna_card_status_new ();
      g_autofree char *text = NULL;

      other->reader = g_strdup (myna_transport_get_name (transport));
      other->atr = myna_transport_get_atr (transport);
      text = myna_card_status_to_json (other, now);
      g_print ("%s", text);
    }
  if (status == NULL)
    return fail (error);

  if (json)
    {
      g_autofree char *text = myna_card_status_to_json (status, now);
      g_print ("%s", text);
    }
  else
    print_status (status, now);

  return MYNA_EXIT_OK;
}

/* PIN helpers */

/* When the PIN is typed at a terminal, the terminal must not show it: echo is off while it
 * is read, and back on afterwards, also when the user interrupts. */
static struct termios saved_termios;
static volatile sig_atomic_t echo_off;
static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static struct sigaction saved_actions[G_N_ELEMENTS (quit_signals)];

static void
restore_echo (void)
{
  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
      echo_off = 0;
    }
}

static void
restore_signals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (quit_signals); i++)
    sigaction (quit_signals[i], &saved_actions[i], NULL);
}

/* Only async-signal-safe calls: tcsetattr, sigaction, raise. */
static void
interrupted (int signum)
{
  restore_echo ();
  restore_signals ();
  raise (signum);
}

static MynaPin *
read_pin (MynaPinKind   kind,
          const char   *prompt,
          GError      **error)
{
  gboolean terminal = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved_termios) == 0;
  char *text;
  MynaPin *pin;

  if (terminal)
    {
      struct termios quiet = saved_termios;
      struct sigaction action = { 0 };

      action.sa_handler = interrupted;
      sigemptyset (&action.sa_mask);
      for (guint i = 0; i < G_N_ELEMENTS (quit_signals); i++)
        {
          /* A signal the caller ignores (trap '' INT) stays ignored. */
          sigaction (quit_signals[i], NULL, &saved_actions[i]);
          if (saved_actions[i].sa_handler != SIG_IGN)
            sigaction (quit_signals[i], &action, NULL);
        }
      quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHONL);
      /* Set first: an interruption right after tcsetattr() must still restore. */
      echo_off = 1;
      if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
        echo_off = 0;
      fprintf (stderr, "%s", prompt);
      fflush (stderr);
    }
  text = myna_pin_read_line (STDIN_FILENO, error);
  if (terminal)
    {
      restore_echo ();
      restore_signals ();
      fputc ('\n', stderr);
    }

  if (text == NULL)
    return NULL;

  pin = myna_pin_new (kind, text, error);
  myna_pin_text_free (text);
  return pin;
}

static gboolean
parse_pin_kind (const char  *word,
                MynaPinKind *kind)
{
  if (g_strcmp0 (word, "card-info") == 0)
    {
      *kind = MYNA_PIN_CARD_INFO;
      return TRUE;
    }
  return myna_pin_kind_from_string (word, kind);
}

/* cert */

static void
print_certificate (MynaCertificate *certificate,
                   const char      *format,
                   MynaCertInfo    *info)
{
  if (g_strcmp0 (format, "der") == 0)
    {
      gsize len;
      const guint8 *der = g_bytes_get_data (myna_certificate_get_der (certificate), &len);

      fwrite (der, 1, len, stdout);
    }
  else if (g_strcmp0 (format, "pem") == 0)
    {
      g_autofree char *pem = myna_certificate_get_pem (certificate);
      g_print ("%s", pem);
    }
  else if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(MynaJpkiPersonalData) personal = myna_certificate_get_personal_data (certificate);
      g_autofree char *subject = json_string (myna_certificate_get_subject (certificate));
      g_autofree char *issuer = json_string (myna_certificate_get_issuer (certificate));
      g_autofree char *serial = json_string (myna_certificate_get_serial (certificate));
      g_autofree char *nb = g_date_time_format (myna_certificate_get_not_before (certificate), "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *na = g_date_time_format (myna_certificate_get_not_after (certificate), "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *usage = myna_certificate_get_key_usage (certificate);
      g_autofree char *usage_json = json_string (usage);
      g_autofree char *sha = myna_certificate_get_sha256_hex (certificate);

      g_print ("{\n  \"subject\": %s,\n  \"issuer\": %s,\n  \"serial\": %s,\n"
               "  \"not_before\": \"%s\",\n  \"not_after\": \"%s\",\n  \"days_left\": %" G_GINT64_FORMAT ",\n"
               "  \"key_bits\": %u,\n  \"key_usage\": %s,\n  \"sha256\": \"%s\"",
               subject, issuer, serial, nb, na,
               myna_certificate_get_days_left (certificate, now),
               myna_certificate_get_key_bits (certificate), usage_json, sha);
      if (info != NULL)
        g_print (",\n  \"chain\": \"%s\"", myna_chain_result_to_string (info->chain));
      if (personal != NULL)
        {
          g_autofree char *name = json_string (personal->name);
          g_autofree char *address = json_string (personal->address);
          g_autofree char *birth = json_string (personal->birth_date);
          g_autofree char *sex = json_string (personal->sex);

          g_print (",\n  \"personal\": { \"name\": %s, \"address\": %s, \"birth_date\": %s, "
                   "\"sex\": %s }", name, address, birth, sex);
        }
      g_print ("\n}\n");
    }
  else
    {
      g_autofree char *text = myna_certificate_to_text (certificate);
      g_print ("%s", text);
      if (info != NULL)
        g_print (_("Chain: %s\n"), chain_text (info->chain, info->trust));
    }
}

static int
cmd_cert (int    argc,
          char **argv)
{
  gboolean pem = FALSE, der = FALSE, text = FALSE, json = FALSE, pin_stdin = FALSE;
  gboolean last_try = FALSE;
  char *reader = NULL;
  GOptionEntry entries[] = {
    { "last-try", 0, 0, G_OPTION_ARG_NONE, &last_try, N_("Allow using the last try"), NULL },
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, N_("Use this reader"), N_("NAME") },
    { "pem", 0, 0, G_OPTION_ARG_NONE, &pem, N_("Print PEM"), NULL },
    { "der", 0, 0, G_OPTION_ARG_NONE, &der, N_("Write DER"), NULL },
    { "text", 0, 0, G_OPTION_ARG_NONE, &text, N_("Print a description (the default)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "pin-stdin", 0, 0, G_OPTION_ARG_NONE, &pin_stdin, N_("Read the signing password from standard input (sign only)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("auth|auth-ca|sign|sign-ca"));
  g_autoptr(MynaTransport) transport = NULL;
  g_autoptr(MynaCertificate) certificate = NULL;
  g_autoptr(MynaCertificate) card_ca = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MynaPin) pin = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  MynaCertInfo info = { 0 };
  MynaCertSlot slot;
  const char *format;
  GError *error = NULL;
  int ret;
  int n_formats;

  g_option_context_set_summary (context, _("Read a certificate from the card."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = parse_options (context, &argc, &argv, -1)) >= 0)
    return ret;
  if (argc != 2)
    return usage_error (context, _("Name one certificate: auth, auth-ca, sign or sign-ca."));

  if (g_str_equal (argv[1], "auth"))
    slot = MYNA_CERT_AUTH;
  else if (g_str_equal (argv[1], "auth-ca"))
    slot = MYNA_CERT_AUTH_CA;
  else if (g_str_equal (argv[1], "sign"))
    slot = MYNA_CERT_SIGN;
  else if (g_str_equal (argv[1], "sign-ca"))
    slot = MYNA_CERT_SIGN_CA;
  else
    return usage_error (context, _("Unknown certificate; use auth, auth-ca, sign or sign-ca."));

  n_formats = pem + der + text + json;
  if (n_formats > 1)
    return usage_error (context, _("Choose only one of --pem, --der, --text and --json."));
  format = pem ? "pem" : der ? "der" : json ? "json" : "text";

  if (slot == MYNA_CERT_SIGN && !pin_stdin)
    return usage_error (context, _("The signing certificate needs the signing password: give it "
                                   "on standard input with --pin-stdin."));
  if (slot != MYNA_CERT_SIGN && pin_stdin)
    return usage_error (context, _("Only the signing certificate needs a password."));

  /* The password is read and checked before the card is touched. */
  if (slot == MYNA_CERT_SIGN &&
      !(pin = read_pin (MYNA_PIN_SIGN, _("Signing password (not shown): "), &error)))
    return fail (error);

  transport = open_card (reader, &error);
  g_free (reader);
  if (transport == NULL)
    return fail (error);

  if (!myna_transport_begin_transaction (transport, &error))
    return fail (error);

  if (myna_jpki_detect (transport, NULL, &error))
    {
      if (slot == MYNA_CERT_SIGN)
        {
          if (myna_jpki_verify (transport, pin, last_try, NULL, &error))
            bytes = myna_jpki_read_certificate (transport, slot, &error);
        }
      else
        bytes = myna_jpki_read_certificate (transport, slot, &error);

      /* The issuer on the card, for the chain check when no bundled root signed it. */
      if (bytes != NULL && (slot == MYNA_CERT_AUTH || slot == MYNA_CERT_SIGN))
        {
          g_autoptr(GError) ignored = NULL;
          g_autoptr(GBytes) ca = myna_jpki_read_certificate (transport,
                                                             slot == MYNA_CERT_AUTH ? MYNA_CERT_AUTH_CA
                                                                                    : MYNA_CERT_SIGN_CA,
                                                             &ignored);
          if (ca != NULL)
            card_ca = myna_certificate_new_from_der (ca, NULL);
        }
    }
  /* After the signing password, power the card off: nobody inherits an unlocked key. */
  myna_transport_end_transaction (transport, slot == MYNA_CERT_SIGN);
  save_virtual_state ();

  if (bytes == NULL)
    return fail (error);

  certificate = myna_certificate_new_from_der (bytes, &error);
  if (certificate == NULL)
    return fail (error);

  {
    g_autoptr(GError) ignored = NULL;
    g_autoptr(GPtrArray) roots = myna_certificate_load_bundled_roots (&ignored);

    if (card_ca == NULL && myna_certificate_is_self_signed (certificate))
      card_ca = g_object_ref (certificate);
    if (roots != NULL)
      info.chain = myna_certificate_check_chain (certificate, roots, card_ca, now, &info.trust);
  }

  print_certificate (certificate, format, &info);
  return MYNA_EXIT_OK;
}

/* verify */

static int
cmd_verify (int    argc,
            char **argv)
{
  gboolean pin_stdin = FALSE, last_try = FALSE;
  char *reader = NULL;
  GOptionEntry entries[] = {
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, N_("Use this reader"), N_("NAME") },
    { "pin-stdin", 0, 0, G_OPTION_ARG_NONE, &pin_stdin, N_("Read the PIN from standard input"), NULL },
    { "last-try", 0, 0, G_OPTION_ARG_NONE, &last_try, N_("Allow using the last try"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("auth|sign|card-info"));
  g_autoptr(MynaTransport) transport = NULL;
  g_autoptr(MynaPin) pin = NULL;
  MynaPinKind kind;
  guint remaining = 0;
  GError *error = NULL;
  int ret;
  gboolean ok;

  g_option_context_set_summary (context, _("Check a PIN with the card. Uses one try if the PIN "
                                           "is wrong; refuses the last try without --last-try."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = parse_options (context, &argc, &argv, -1)) >= 0)
    return ret;
  if (argc != 2 || !parse_pin_kind (argv[1], &kind))
    return usage_error (context, _("Name one PIN: auth, sign or card-info."));
  if (!pin_stdin)
    return usage_error (context, _("Give the PIN on standard input with --pin-stdin; it is never "
                                   "taken from the command line."));

  pin = read_pin (kind, kind == MYNA_PIN_SIGN ? _("Signing password (not shown): ")
                                              : _("PIN (not shown): "), &error);
  if (pin == NULL)
    return fail (error);

  transport = open_card (reader, &error);
  g_free (reader);
  if (transport == NULL)
    return fail (error);

  if (!myna_transport_begin_transaction (transport, &error))
    return fail (error);
  ok = myna_jpki_detect (transport, NULL, &error) &&
       myna_jpki_verify (transport, pin, last_try, &remaining, &error);
  myna_transport_end_transaction (transport, TRUE);
  save_virtual_state ();

  if (!ok)
    return fail (error);

  g_print (_("The card accepted the PIN.\n"));
  return MYNA_EXIT_OK;
}

/* change-pin */

static int
cmd_change_pin (int    argc,
                char **argv)
{
  gboolean pin_stdin = FALSE, last_try = FALSE;
  char *reader = NULL;
  GOptionEntry entries[] = {
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, N_("Use this reader"), N_("NAME") },
    { "pin-stdin", 0, 0, G_OPTION_ARG_NONE, &pin_stdin, N_("Read the current and the new PIN from standard input, one per line"), NULL },
    { "last-try", 0, 0, G_OPTION_ARG_NONE, &last_try, N_("Allow using the last try"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("auth|sign"));
  g_autoptr(MynaTransport) transport = NULL;
  g_autoptr(MynaPin) old_pin = NULL;
  g_autoptr(MynaPin) new_pin = NULL;
  MynaPinKind kind;
  GError *error = NULL;
  int ret;
  gboolean ok;

  g_option_context_set_summary (context, _("Change a PIN you know."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = parse_options (context, &argc, &argv, -1)) >= 0)
    return ret;
  if (argc != 2 || !myna_pin_kind_from_string (argv[1], &kind) || kind == MYNA_PIN_CARD_INFO)
    return usage_error (context, _("Name one PIN: auth or sign."));
  if (!pin_stdin)
    return usage_error (context, _("Give the PINs on standard input with --pin-stdin; they are "
                                   "never taken from the command line."));

  /* Both are checked before the card is touched. */
  if (!(old_pin = read_pin (kind, kind == MYNA_PIN_SIGN ? _("Current signing password (not shown): ")
                                                        : _("Current PIN (not shown): "), &error)) ||
      !(new_pin = read_pin (kind, kind == MYNA_PIN_SIGN ? _("New signing password (not shown): ")
                                                        : _("New PIN (not shown): "), &error)))
    return fail (error);

  transport = open_card (reader, &error);
  g_free (reader);
  if (transport == NULL)
    return fail (error);

  if (!myna_transport_begin_transaction (transport, &error))
    return fail (error);
  ok = myna_jpki_detect (transport, NULL, &error) &&
       myna_jpki_change_pin (transport, old_pin, new_pin, last_try, NULL, &error);
  myna_transport_end_transaction (transport, TRUE);
  save_virtual_state ();

  if (!ok)
    return fail (error);

  g_print (_("The PIN was changed.\n"));
  return MYNA_EXIT_OK;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s",
           _("Usage: mynassist-cli [--demo | --virtual-card PROFILE [--virtual-state FILE]] COMMAND …\n"
             "\n"
             "Commands:\n"
             "  readers [--json]                       list card readers\n"
             "  status [--reader NAME] [--json]        certificates and PIN tries (uses no try)\n"
             "  cert auth|auth-ca|sign-ca [--pem|--der|--text|--json]\n"
             "  cert sign --pin-stdin [--last-try] [--json]  the signing certificate (needs the password)\n"
             "  verify auth|sign|card-info --pin-stdin [--last-try]\n"
             "  change-pin auth|sign --pin-stdin       current and new PIN, one per line\n"
             "  office --postal CODE | --address TEXT | --near LAT,LON [--limit N] [--json]\n"
             "  diagnose [--reader NAME] [--json] [--include-personal-data]  report for support\n"
             "\n"
             "Exit codes: 0 ok, 1 failed, 2 usage, 3 no reader or pcscd, 4 no card or not a My "
             "Number Card, 5 refused by the PIN guard, 6 wrong PIN, 7 PIN locked.\n"));
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("MYNASSIST_LOCALEDIR");
  int first = 1;
  int ret;

  /* PINs pass through this process: no core dumps, no ptrace by other users' tools. */
  myna_pin_protect_process ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--demo"))
        use_demo = TRUE;
      else if (g_str_equal (arg, "--virtual-card") && first + 1 < argc)
        virtual_profile = argv[++first];
      else if (g_str_equal (arg, "--virtual-state") && first + 1 < argc)
        virtual_state = argv[++first];
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_usage (stdout);
          return MYNA_EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("mynassist-cli %s\n", PACKAGE_VERSION);
          return MYNA_EXIT_OK;
        }
      else
        {
          myna_cli_error (_("Unknown option “%s”."), arg);
          print_usage (stderr);
          return MYNA_EXIT_USAGE;
        }
      first++;
    }

  if (first >= argc)
    {
      print_usage (stderr);
      return MYNA_EXIT_USAGE;
    }

  argc -= first;
  argv += first;

  if (g_str_equal (argv[0], "readers"))
    ret = cmd_readers (argc, argv);
  else if (g_str_equal (argv[0], "status"))
    ret = cmd_status (argc, argv);
  else if (g_str_equal (argv[0], "cert"))
    ret = cmd_cert (argc, argv);
  else if (g_str_equal (argv[0], "verify"))
    ret = cmd_verify (argc, argv);
  else if (g_str_equal (argv[0], "change-pin"))
    ret = cmd_change_pin (argc, argv);
  else if (g_str_equal (argv[0], "office"))
    ret = myna_cli_office (argc, argv);
  else if (g_str_equal (argv[0], "diagnose"))
    ret = myna_cli_diagnose (argc, argv);
  else
    {
      myna_cli_error (_("Unknown command “%s”."), argv[0]);
      print_usage (stderr);
      ret = MYNA_EXIT_USAGE;
    }

  g_clear_object (&virtual_card);
  return ret;
}
