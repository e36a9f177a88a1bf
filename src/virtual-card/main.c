/* main.c — mynassist-vcard, the virtual card as a vpcd client
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-vcard"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "myna-virtual-card.h"

/* vpcd (vsmartcard) protocol: every message is a 2-byte big-endian length and a payload.
 * A 1-byte payload from vpcd is a control code; anything else is a command APDU whose
 * response goes back the same way. */
#define VPCD_CTRL_OFF    0
#define VPCD_CTRL_ON     1
#define VPCD_CTRL_RESET  2
#define VPCD_CTRL_ATR    4

#define MAX_MESSAGE      (65535)
#define MUTE_ATR_LENGTH  40
#define BACKOFF_MIN_MS   100
#define BACKOFF_MAX_MS   2000

static int signal_pipe[2] = { -1, -1 };
static volatile sig_atomic_t quit_requested;
static volatile sig_atomic_t toggle_requested;

typedef struct
{
  MynaVirtualCard *card;
  const char      *host;
  int              port;
  FILE            *log;
  gboolean         present;
  gboolean         mute;
} Bridge;

static void
on_signal (int signum)
{
  int saved_errno = errno;
  char c = (char) signum;

  if (signum == SIGUSR1)
    toggle_requested = 1;
  else
    quit_requested = 1;
  /* Wakes up poll(); a full pipe already has a wake-up in it. */
  if (write (signal_pipe[1], &c, 1) < 0)
    { /* nothing to do */ }
  errno = saved_errno;
}

static void
drain_signal_pipe (void)
{
  char buf[64];

  while (read (signal_pipe[0], buf, sizeof buf) > 0)
    ;
}

/* Waits until @fd is readable (or, with fd < 0, until the timeout); FALSE on a signal. */
static gboolean
wait_readable (int fd,
               int timeout_ms)
{
  struct pollfd fds[2] = {
    { signal_pipe[0], POLLIN, 0 },
    { fd, POLLIN, 0 },
  };
  int rv;

  rv = poll (fds, fd >= 0 ? 2 : 1, timeout_ms);
  /* A signal may interrupt poll() after its handler wrote to the pipe: drain it in every
   * case, so a stale wake-up cannot end the next connection. */
  if ((rv < 0 && errno == EINTR) || (rv > 0 && (fds[0].revents & POLLIN))
      || quit_requested || toggle_requested)
    {
      drain_signal_pipe ();
      return FALSE;
    }
  return rv >= 0;
}

static gboolean
read_full (int     fd,
           guint8 *buf,
           gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n;

      if (!wait_readable (fd, -1))
        return FALSE;
      n = read (fd, buf + done, len - done);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

static gboolean
write_full (int           fd,
            const guint8 *buf,
            gsize         len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = send (fd, buf + done, len - done, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

static gboolean
send_message (int           fd,
              const guint8 *payload,
              gsize         len)
{
  guint8 header[2] = { (guint8) (len >> 8), (guint8) len };

  return write_full (fd, header, 2) && write_full (fd, payload, len);
}

static int
connect_vpcd (const char *host,
              int         port)
{
  struct addrinfo hints = { 0 };
  struct addrinfo *res = NULL, *ai;
  char service[16];
  int fd = -1;

  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  g_snprintf (service, sizeof service, "%d", port);
  if (getaddrinfo (host, service, &hints, &res) != 0)
    return -1;

  for (ai = res; ai != NULL; ai = ai->ai_next)
    {
      int one = 1;

      fd = socket (ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
      if (fd < 0)
        continue;
      if (connect (fd, ai->ai_addr, ai->ai_addrlen) == 0)
        {
          setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          break;
        }
      close (fd);
      fd = -1;
    }
  freeaddrinfo (res);
  return fd;
}

static void
log_line (Bridge     *bridge,
          const char *text)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;

  if (bridge->log == NULL)
    return;
  now = g_date_time_new_now_utc ();
  stamp = g_date_time_format (now, "%H:%M:%S.%f");
  /* %f gives microseconds; milliseconds are enough. */
  if (stamp != NULL && strlen (stamp) > 12)
    stamp[12] = '\0';
  fprintf (bridge->log, "%s %s\n", stamp != NULL ? stamp : "", text);
  fflush (bridge->log);
}

/* One line per APDU: the command with the data of VERIFY and CHANGE REFERENCE DATA replaced
 * by XX (it is a PIN), the response length and the status word. */
static void
log_apdu (Bridge       *bridge,
          const guint8 *cmd,
          gsize         cmd_len,
          const guint8 *resp,
          gsize         resp_len)
{
  g_autoptr(GString) line = NULL;
  gboolean secret;

  if (bridge->log == NULL)
    return;

  line = g_string_new (NULL);
  secret = cmd_len >= 2 && (cmd[1] == 0x20 || cmd[1] == 0x24);
  for (gsize i = 0; i < cmd_len; i++)
    {
      /* Header (4) and the Lc byte stay readable; everything after is data (or Le). */
      if (secret && i >= 5)
        g_string_append (line, " XX");
      else
        g_string_append_printf (line, "%s%02X", i == 0 ? "" : " ", cmd[i]);
    }
  g_string_append (line, " ->");
  if (resp_len > 2)
    g_string_append_printf (line, " [%" G_GSIZE_FORMAT "]", resp_len - 2);
  if (resp_len >= 2)
    g_string_append_printf (line, " %02X %02X", resp[resp_len - 2], resp[resp_len - 1]);
  else
    g_string_append (line, " (no answer)");
  log_line (bridge, line->str);
}

/* Serves one vpcd connection until it ends or a signal arrives. */
static void
serve (Bridge *bridge,
       int     fd)
{
  g_autofree guint8 *buf = g_malloc (MAX_MESSAGE);
  g_autofree guint8 *resp = g_malloc (MAX_MESSAGE);

  for (;;)
    {
      guint8 header[2];
      gsize len, n;

      if (!read_full (fd, header, 2))
        break;
      len = (gsize) header[0] << 8 | header[1];
      if (len == 0)
        continue;
      if (!read_full (fd, buf, len))
        break;

      if (len == 1)
        {
          switch (buf[0])
            {
            case VPCD_CTRL_OFF:
              myna_virtual_card_power_off (bridge->card);
              log_line (bridge, "# power off");
              break;
            case VPCD_CTRL_ON:
              myna_virtual_card_power_on (bridge->card);
              log_line (bridge, "# power on");
              break;
            case VPCD_CTRL_RESET:
              myna_virtual_card_reset (bridge->card);
              log_line (bridge, "# reset");
              break;
            case VPCD_CTRL_ATR:
              if (bridge->mute)
                {
                  /* A garbled answer to reset, longer than any ATR (ISO 7816-3: 33 bytes at
                   * most). vpcd refuses it when pcscd powers the card up, so pcscd sees a
                   * card that is present but mute; vpcd's presence polls only need some
                   * answer. (An empty answer would look like a card taken out.) */
                  guint8 garbled[MUTE_ATR_LENGTH];

                  memset (garbled, 0xFF, sizeof garbled);
                  if (!send_message (fd, garbled, sizeof garbled))
                    goto out;
                  break;
                }
              {
                g_autoptr(GBytes) atr = myna_virtual_card_get_atr (bridge->card);
                gsize atr_len;
                const guint8 *atr_data = g_bytes_get_data (atr, &atr_len);

                if (!send_message (fd, atr_data, atr_len))
                  goto out;
              }
              break;
            default:
              g_debug ("Unknown vpcd control code %u", buf[0]);
              break;
            }
          continue;
        }

      if (bridge->mute)
        {
          /* Nothing reaches a mute card; answer with no status word, as a reader would. */
          log_apdu (bridge, buf, len, NULL, 0);
          memset (buf, 0, len);
          if (!send_message (fd, NULL, 0))
            break;
          continue;
        }

      {
        guint latency = myna_virtual_card_get_latency_ms (bridge->card);

        if (latency > 0)
          g_usleep ((gulong) latency * 1000);
      }

      /* vpcd only sends APDUs to a powered card; answer a stray one as a real card would
       * after an implicit power-up rather than leaving pcscd waiting. */
      if (!myna_virtual_card_is_powered (bridge->card))
        myna_virtual_card_power_on (bridge->card);
      n = myna_virtual_card_process (bridge->card, buf, len, resp, MAX_MESSAGE);
      log_apdu (bridge, buf, len, resp, n);
      if (n < 2)
        {
          resp[0] = 0x6F;
          resp[1] = 0x00;
          n = 2;
        }
      memset (buf, 0, len);         /* the command may have held a PIN */
      if (!send_message (fd, resp, n))
        break;
    }

out:
  memset (buf, 0, MAX_MESSAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *profile = NULL;
  g_autofree char *host = NULL;
  g_autofree char *state = NULL;
  g_autofree char *log_path = NULL;
  int port = 35963;
  int latency = -1;
  gboolean absent = FALSE;
  gboolean mute = FALSE;
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile, N_("Card profile"), N_("FILE") },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("vpcd host (default 127.0.0.1)"), N_("HOST") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("vpcd port (default 35963)"), N_("PORT") },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency, N_("Delay per APDU in milliseconds"), N_("MS") },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state, N_("Keep PIN counters in this file"), N_("FILE") },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path, N_("Log one line per APDU (never PINs)"), N_("FILE") },
    { "absent", 0, 0, G_OPTION_ARG_NONE, &absent, N_("Start with the card out of the reader (SIGUSR1 inserts it)"), NULL },
    { "mute", 0, 0, G_OPTION_ARG_NONE, &mute, N_("Be a card that does not answer (no ATR), like one inserted the wrong way round"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MynaVirtualCard) card = NULL;
  struct sigaction sa;
  Bridge bridge = { 0 };
  int backoff = BACKOFF_MIN_MS;
  int status = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Connects a virtual My Number Card to pcscd’s vpcd reader. "
                                  "SIGUSR1 takes the card out of the reader or puts it back."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mynassist-vcard: %s\n", error->message);
      return 2;
    }
  if (profile == NULL || port <= 0 || port > 65535)
    {
      g_printerr ("mynassist-vcard: %s\n", _("--profile FILE is required (and --port must be 1–65535)"));
      return 2;
    }

  card = myna_virtual_card_new_from_profile (profile, &error);
  if (card == NULL)
    {
      g_printerr ("mynassist-vcard: %s: %s\n", profile, error->message);
      return 1;
    }
  if (latency >= 0)
    myna_virtual_card_set_latency_ms (card, (guint) latency);
  if (state != NULL && !myna_virtual_card_set_state_path (card, state, &error))
    {
      g_printerr ("mynassist-vcard: %s: %s\n", state, error->message);
      return 1;
    }

  bridge.card = card;
  bridge.host = host != NULL ? host : "127.0.0.1";
  bridge.port = port;
  bridge.present = !absent;
  bridge.mute = mute;
  if (log_path != NULL)
    {
      bridge.log = fopen (log_path, "a");
      if (bridge.log == NULL)
        {
          g_printerr ("mynassist-vcard: %s: %s\n", log_path, g_strerror (errno));
          return 1;
        }
    }

  if (!g_unix_open_pipe (signal_pipe, FD_CLOEXEC, &error)
      || !g_unix_set_fd_nonblocking (signal_pipe[0], TRUE, NULL)
      || !g_unix_set_fd_nonblocking (signal_pipe[1], TRUE, NULL))
    {
      g_printerr ("mynassist-vcard: %s\n", error != NULL ? error->message : "pipe");
      return 1;
    }
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGUSR1, &sa, NULL);
  signal (SIGPIPE, SIG_IGN);

  while (!quit_requested)
    {
      int fd;

      if (toggle_requested)
        {
          toggle_requested = 0;
          bridge.present = !bridge.present;
          log_line (&bridge, bridge.present ? "# card inserted" : "# card removed");
        }

      if (!bridge.present)
        {
          wait_readable (-1, -1);
          continue;
        }

      fd = connect_vpcd (bridge.host, bridge.port);
      if (fd < 0)
        {
          /* pcscd (and with it vpcd) may not be up yet: retry with a growing pause. */
          wait_readable (-1, backoff);
          backoff = MIN (backoff * 2, BACKOFF_MAX_MS);
          continue;
        }
      backoff = BACKOFF_MIN_MS;
      g_debug ("Connected to vpcd at %s:%d", bridge.host, bridge.port);
      log_line (&bridge, "# connected");

      serve (&bridge, fd);
      close (fd);

      /* A closed connection is a card pulled out of the reader. */
      myna_virtual_card_power_off (card);
      log_line (&bridge, "# disconnected");
      if (!quit_requested && !toggle_requested)
        wait_readable (-1, BACKOFF_MIN_MS);
    }

  if (state != NULL && !myna_virtual_card_save_state (card, state, &error))
    {
      g_printerr ("mynassist-vcard: %s: %s\n", state, error->message);
      status = 1;
    }
  if (bridge.log != NULL)
    fclose (bridge.log);
  return status;
}
