/* myna-portal-page.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mynaportal offers Linux only the 2D-code log-in with a smartphone. Before sending the user
 * there, check with the card what would stop them: an expired certificate or a PIN with one
 * try (warn) or none (stop, and lead to the reset).
 */

#define G_LOG_DOMAIN "myna-portal-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-format.h"
#include "myna-portal-page.h"

#define MYNAPORTAL_URL "https://myna.go.jp/"

typedef enum
{
  CHECK_OK,
  CHECK_WARN,
  CHECK_STOP,
} Check;

typedef enum
{
  VERDICT_NONE,
  VERDICT_READER,
  VERDICT_RESET_PIN,
  VERDICT_RENEW,
} VerdictAction;

struct _MynaPortalPage
{
  MynaPage       parent_instance;

  AdwActionRow  *card_row;
  GtkImage      *card_icon;
  AdwActionRow  *cert_row;
  GtkImage      *cert_icon;
  AdwActionRow  *pin_row;
  GtkImage      *pin_icon;
  GtkLabel      *verdict_label;
  GtkLabel      *linux_label;
  GtkButton     *verdict_button;
  AdwPreferencesGroup *steps_group;
  GtkButton     *open_button;

  VerdictAction  verdict_action;
};

G_DEFINE_FINAL_TYPE (MynaPortalPage, myna_portal_page, MYNA_TYPE_PAGE)

static void
set_check (AdwActionRow *row,
           GtkImage     *icon,
           Check         check,
           const char   *text)
{
  static const char *icons[] = { "emblem-ok-symbolic", "dialog-warning-symbolic", "process-stop-symbolic" };

  adw_action_row_set_subtitle (row, text);
  gtk_image_set_from_icon_name (icon, icons[check]);
}

static void
myna_portal_page_update (MynaPage *page)
{
  MynaPortalPage *self = MYNA_PORTAL_PAGE (page);
  MynaSession *session = myna_page_get_session (page);
  MynaCardStatus *status = myna_session_get_status (session);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  Check card = CHECK_OK, cert = CHECK_OK, pin = CHECK_OK;
  const char *verdict;
  const char *button = NULL;

  self->verdict_action = VERDICT_NONE;

  if (myna_session_get_state (session) != MYNA_SESSION_READY || status == NULL)
    {
      card = CHECK_STOP;
      set_check (self->card_row, self->card_icon, CHECK_STOP,
                 _("No My Number Card has been read. Place it on the reader to check it before you log in."));
      set_check (self->cert_row, self->cert_icon, CHECK_WARN, _("Not checked"));
      set_check (self->pin_row, self->pin_icon, CHECK_WARN, _("Not checked"));
      verdict = _("The card could not be checked. You can still log in with the 2D code; the phone reads the card.");
      self->verdict_action = VERDICT_READER;
      button = _("_Go to Reader and Card");
    }
  else
    {
      const MynaCertInfo *auth = &status->certs[MYNA_CERT_AUTH];
      MynaPinTries tries = { 0 };

      set_check (self->card_row, self->card_icon, CHECK_OK, _("The reader works and the card was read."));

      if (!auth->present || auth->not_after == NULL)
        {
          cert = CHECK_STOP;
          set_check (self->cert_row, self->cert_icon, cert,
                     _("The card holds no user authentication certificate, so it cannot log in."));
        }
      else if (g_date_time_compare (now, auth->not_after) > 0 || auth->chain == MYNA_CHAIN_EXPIRED)
        {
          cert = CHECK_STOP;
          set_check (self->cert_row, self->cert_icon, cert,
                     _("Expired. Apply for a new certificate at the municipal office of your registered address."));
        }
      else
        {
          g_autofree char *date = myna_format_date_with_era (auth->not_after);
          /* Translators: %s is a date. */
          g_autofree char *text = g_strdup_printf (_("Valid until %s"), date);

          set_check (self->cert_row, self->cert_icon, CHECK_OK, text);
        }

      myna_session_get_tries (session, MYNA_PIN_AUTH, &tries);
      if (tries.known && (tries.blocked || tries.remaining == 0))
        {
          pin = CHECK_STOP;
          set_check (self->pin_row, self->pin_icon, pin,
                     _("Locked. It must be reset before you can log in with the card."));
        }
      else if (tries.known && tries.remaining == 1)
        {
          pin = CHECK_WARN;
          set_check (self->pin_row, self->pin_icon, pin,
                     _("Only 1 try left. One more wrong entry, here or on the phone, locks it."));
        }
      else if (tries.known)
        {
          g_autofree char *text = myna_format_tries (tries.remaining, tries.max, FALSE);

          set_check (self->pin_row, self->pin_icon, CHECK_OK, text);
        }
      else
        set_check (self->pin_row, self->pin_icon, CHECK_WARN, _("Unknown: the card did not say"));

      if (cert == CHECK_STOP)
        {
          verdict = _("This card cannot log in to Mynaportal until it has a valid user authentication certificate.");
          self->verdict_action = VERDICT_RENEW;
          button = _("_What to Do");
        }
      else if (pin == CHECK_STOP)
        {
          /* Only the card route is blocked: a smartphone certificate has its own passwords
           * (spec/domain.md §1.5, §3.1), so the portal stays one click away. */
          verdict = _("The user authentication PIN is locked, so you cannot log in with the card until the PIN is reset. If you have set up a smartphone certificate in the Mynaportal app, you can still log in with it: it has its own passwords.");
          self->verdict_action = VERDICT_RESET_PIN;
          button = _("_How to Reset It");
        }
      else if (pin == CHECK_WARN)
        {
          verdict = _("Log in only if you are sure of the PIN. If you are not, reset it first instead of guessing.");
          self->verdict_action = VERDICT_RESET_PIN;
          button = _("_How to Reset It");
        }
      else
        verdict = _("Everything is ready for the log-in.");
    }

  gtk_label_set_label (self->verdict_label, verdict);
  {
    /* The verdict and the Linux note are text that Tab never reaches: they are the step's
     * description, and the name of the page, which Orca says on entering the step. */
    /* Translators: two sentences read one after the other by a screen reader; in Japanese
     * without a space between them. */
    g_autofree char *summary = g_strdup_printf (_("%s %s"), verdict,
                                                gtk_label_get_label (self->linux_label));

    myna_page_set_summary (page, summary);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                    -1);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_button), button != NULL);
  if (button != NULL)
    gtk_button_set_label (self->verdict_button, button);
  /* A locked PIN leaves the smartphone certificate route open; without a valid certificate on
   * the card there is nothing to try. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), cert != CHECK_STOP);
  (void) card;
}

static void
verdict_clicked_cb (GtkButton      *button,
                    MynaPortalPage *self)
{
  switch (self->verdict_action)
    {
    case VERDICT_READER:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.goto", "s", "reader");
      break;
    case VERDICT_RESET_PIN:
      {
        MynaPinTries tries = { 0 };

        myna_session_get_tries (myna_page_get_session (MYNA_PAGE (self)), MYNA_PIN_AUTH, &tries);
        gtk_widget_activate_action (GTK_WIDGET (self), "win.goto-reset", "(ss)", "auth",
                                    tries.blocked ? "locked" : "forgotten");
      }
      break;
    case VERDICT_RENEW:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.goto-reset", "(ss)", "auth", "expired");
      break;
    case VERDICT_NONE:
    default:
      break;
    }
}

static void
open_clicked_cb (GtkButton      *button,
                 MynaPortalPage *self)
{
  myna_open_uri (GTK_WIDGET (button), MYNAPORTAL_URL);
}

static void
add_step (MynaPortalPage *self,
          guint           number,
          const char     *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *num = g_strdup_printf ("%u", number);

  gtk_label_set_label (GTK_LABEL (label), num);
  gtk_widget_add_css_class (label, "title-3");
  gtk_widget_set_size_request (label, 24, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (self->steps_group, row);
}

static void
myna_portal_page_dispose (GObject *object)
{

  G_OBJECT_CLASS (myna_portal_page_parent_class)->dispose (object);
}

static void
myna_portal_page_class_init (MynaPortalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MynaPageClass *page_class = MYNA_PAGE_CLASS (klass);

  object_class->dispose = myna_portal_page_dispose;
  page_class->update = myna_portal_page_update;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-portal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, card_row);
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, card_icon);
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, cert_row);
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, cert_icon);
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, pin_row);
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, pin_icon);
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, linux_label);
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, verdict_button);
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, steps_group);
  gtk_widget_class_bind_template_child (widget_class, MynaPortalPage, open_button);
}

static void
myna_portal_page_init (MynaPortalPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  myna_page_set_title (MYNA_PAGE (self), _("Mynaportal Log-In"));
  myna_page_set_icon_name (MYNA_PAGE (self), "web-browser-symbolic");

  add_step (self, 1, _("On a smartphone that can read the My Number Card, install the free Mynaportal app."));
  add_step (self, 2, _("Open Mynaportal in your web browser and choose to log in with a 2D code."));
  add_step (self, 3, _("Scan the 2D code shown on the screen with the Mynaportal app on your smartphone."));
  add_step (self, 4, _("In the app, enter your 4-digit user authentication PIN and hold your card against the phone."));
  add_step (self, 5, _("The web browser on this computer is then logged in."));

  g_signal_connect (self->verdict_button, "clicked", G_CALLBACK (verdict_clicked_cb), self);
  g_signal_connect (self->open_button, "clicked", G_CALLBACK (open_clicked_cb), self);
}

/**
 * myna_portal_page_new:
 *
 * Returns: (transfer full): the Mynaportal log-in step
 */
MynaPortalPage *
myna_portal_page_new (MynaSession *session)
{
  return g_object_new (MYNA_TYPE_PORTAL_PAGE, "session", session, NULL);
}
