/* myna-reminder-banner.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expiry reminder at the top of the window. libadwaita 1.2 has no AdwBanner, so this is a
 * GtkRevealer holding a card. It works from the dates kept in GSettings, so it is shown at
 * start-up even without the card, and only while the user has agreed to reminders.
 */

#define G_LOG_DOMAIN "myna-reminder-banner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-reminder-banner.h"

struct _MynaReminderBanner
{
  AdwBin       parent_instance;

  GtkRevealer *revealer;
  GtkBox      *box;
  GtkLabel    *title_label;
  GtkLabel    *advice_label;
  GtkButton   *dismiss_button;

  GSettings   *settings;   /* NULL when the schema is not installed */
  GDateTime   *now;        /* set by tests; NULL means the clock */
  char        *title;
  char        *advice;
};

G_DEFINE_FINAL_TYPE (MynaReminderBanner, myna_reminder_banner, ADW_TYPE_BIN)

static GSettings *
default_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "reminders-enabled"))
    return NULL;
  return g_settings_new (APP_ID);
}

static GDateTime *
get_now (MynaReminderBanner *self)
{
  return self->now ? g_date_time_ref (self->now) : g_date_time_new_now_local ();
}

static void
hide (MynaReminderBanner *self)
{
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  /* A hidden revealer child must not be reachable by keyboard or screen reader. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
show (MynaReminderBanner *self,
      const MynaReminder *reminder)
{
  g_autoptr(GDateTime) now = get_now (self);
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");

  g_free (self->title);
  self->title = myna_reminder_get_title (reminder);
  g_free (self->advice);
  self->advice = myna_reminder_get_advice (reminder);

  gtk_label_set_text (self->title_label, self->title);
  gtk_label_set_text (self->advice_label, self->advice);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->advice,
                                  -1);

  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "error");
  if (reminder->state == MYNA_REMINDER_RENEWAL)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "warning");
  else if (reminder->state == MYNA_REMINDER_EXPIRED)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "error");

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  g_settings_set_string (self->settings, "last-reminder-shown", today);
}

/**
 * myna_reminder_banner_update:
 *
 * Shows the most urgent reminder if it is due (see myna_reminder_should_show()), else hides.
 * Call at start-up; remember_*() call it too.
 */
void
myna_reminder_banner_update (MynaReminderBanner *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *auth_expiry = NULL, *sign_expiry = NULL, *last = NULL;
  const MynaReminder *urgent;
  MynaReminder auth, sign;

  g_return_if_fail (MYNA_IS_REMINDER_BANNER (self));

  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "reminders-enabled"))
    {
      hide (self);
      return;
    }

  now = get_now (self);
  auth_expiry = g_settings_get_string (self->settings, "auth-cert-expiry");
  sign_expiry = g_settings_get_string (self->settings, "sign-cert-expiry");
  last = g_settings_get_string (self->settings, "last-reminder-shown");
  myna_reminder_evaluate (&auth, MYNA_REMINDER_CERT_AUTH, auth_expiry, now);
  myna_reminder_evaluate (&sign, MYNA_REMINDER_CERT_SIGN, sign_expiry, now);
  urgent = myna_reminder_most_urgent (&auth, &sign);

  /* Already on screen today: keep it (its text may have changed with a new date). */
  if (urgent != NULL &&
      (myna_reminder_should_show (urgent, last, now) || myna_reminder_banner_get_revealed (self)))
    show (self, urgent);
  else
    hide (self);
}

static void
settings_changed_cb (GSettings          *settings,
                     const char         *key,
                     MynaReminderBanner *self)
{
  if (g_str_equal (key, "reminders-enabled") && !g_settings_get_boolean (settings, key))
    {
      /* Consent withdrawn: keep nothing. */
      g_settings_reset (settings, "auth-cert-expiry");
      g_settings_reset (settings, "sign-cert-expiry");
      g_settings_reset (settings, "last-reminder-shown");
    }
  if (g_str_equal (key, "reminders-enabled") || g_str_has_suffix (key, "-cert-expiry"))
    myna_reminder_banner_update (self);
}

static void
dismiss_clicked_cb (GtkButton          *button,
                    MynaReminderBanner *self)
{
  hide (self);
}

static void
myna_reminder_banner_dispose (GObject *object)
{
  MynaReminderBanner *self = MYNA_REMINDER_BANNER (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->advice, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MYNA_TYPE_REMINDER_BANNER);

  G_OBJECT_CLASS (myna_reminder_banner_parent_class)->dispose (object);
}

static void
myna_reminder_banner_class_init (MynaReminderBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myna_reminder_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-reminder-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaReminderBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, MynaReminderBanner, box);
  gtk_widget_class_bind_template_child (widget_class, MynaReminderBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, MynaReminderBanner, advice_label);
  gtk_widget_class_bind_template_child (widget_class, MynaReminderBanner, dismiss_button);
}

static void
myna_reminder_banner_init (MynaReminderBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->dismiss_button, "clicked", G_CALLBACK (dismiss_clicked_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * myna_reminder_banner_new:
 * @settings: (nullable): the app's settings; %NULL to open them (the banner then stays hidden
 *   if the schema is not installed)
 *
 * Returns: (transfer floating): a hidden banner; call myna_reminder_banner_update() to show a
 *   reminder that is due
 */
GtkWidget *
myna_reminder_banner_new (GSettings *settings)
{
  MynaReminderBanner *self = g_object_new (MYNA_TYPE_REMINDER_BANNER, NULL);

  self->settings = settings ? g_object_ref (settings) : default_settings ();
  if (self->settings != NULL)
    g_signal_connect (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);
  return GTK_WIDGET (self);
}

/**
 * myna_reminder_banner_set_now:
 * @now: (nullable): the time to use instead of the clock; %NULL for the clock
 *
 * For tests, and for a window left open over midnight.
 */
void
myna_reminder_banner_set_now (MynaReminderBanner *self,
                              GDateTime          *now)
{
  g_return_if_fail (MYNA_IS_REMINDER_BANNER (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now ? g_date_time_ref (now) : NULL;
}

static void
store_date (MynaReminderBanner *self,
            const char         *key,
            GDateTime          *not_after)
{
  g_autofree char *date = myna_reminder_expiry_from_not_after (not_after);
  g_autofree char *old = g_settings_get_string (self->settings, key);

  if (g_strcmp0 (old, date) != 0)
    g_settings_set_string (self->settings, key, date);
}

/**
 * myna_reminder_banner_remember_status:
 * @status: what the card said
 *
 * Keeps the user authentication certificate's expiry date (the date only) if the user agreed
 * to reminders; does nothing otherwise.
 */
void
myna_reminder_banner_remember_status (MynaReminderBanner *self,
                                      MynaCardStatus     *status)
{
  const MynaCertInfo *auth;

  g_return_if_fail (MYNA_IS_REMINDER_BANNER (self));

  if (status == NULL || self->settings == NULL ||
      !g_settings_get_boolean (self->settings, "reminders-enabled"))
    return;

  auth = &status->certs[MYNA_CERT_AUTH];
  if (auth->present && auth->not_after != NULL)
    store_date (self, "auth-cert-expiry", auth->not_after);
  myna_reminder_banner_update (self);
}

/**
 * myna_reminder_banner_remember_certificate:
 * @cert: which certificate
 * @certificate: it (the signing certificate is only readable with its password)
 *
 * Like myna_reminder_banner_remember_status(), for one certificate.
 */
void
myna_reminder_banner_remember_certificate (MynaReminderBanner *self,
                                           MynaReminderCert    cert,
                                           MynaCertificate    *certificate)
{
  g_return_if_fail (MYNA_IS_REMINDER_BANNER (self));
  g_return_if_fail (MYNA_IS_CERTIFICATE (certificate));

  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "reminders-enabled"))
    return;

  store_date (self, cert == MYNA_REMINDER_CERT_AUTH ? "auth-cert-expiry" : "sign-cert-expiry",
              myna_certificate_get_not_after (certificate));
  myna_reminder_banner_update (self);
}

gboolean
myna_reminder_banner_get_revealed (MynaReminderBanner *self)
{
  g_return_val_if_fail (MYNA_IS_REMINDER_BANNER (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self)) &&
         gtk_revealer_get_reveal_child (self->revealer);
}

/* The texts on screen, or NULL while hidden. */
const char *
myna_reminder_banner_get_title (MynaReminderBanner *self)
{
  g_return_val_if_fail (MYNA_IS_REMINDER_BANNER (self), NULL);

  return myna_reminder_banner_get_revealed (self) ? self->title : NULL;
}

const char *
myna_reminder_banner_get_advice (MynaReminderBanner *self)
{
  g_return_val_if_fail (MYNA_IS_REMINDER_BANNER (self), NULL);

  return myna_reminder_banner_get_revealed (self) ? self->advice : NULL;
}

/**
 * myna_reminder_consent_row_new:
 * @settings: (nullable): the app's settings
 *
 * The consent switch, for the Certificates step or a preferences page: on keeps the two expiry
 * dates (dates only); off forgets them.
 *
 * Returns: (transfer floating): an #AdwActionRow with a switch, insensitive without the schema
 */
GtkWidget *
myna_reminder_consent_row_new (GSettings *settings)
{
  g_autoptr(GSettings) own = settings ? g_object_ref (settings) : default_settings ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _("_Remind me before the certificates expire"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Keeps only the expiry dates on this computer, nothing else "
                                 "from the card. Turning this off forgets them."));
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  /* Its own name only, not joined with the row's title (read twice). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remind me before the certificates expire"),
                                  -1);

  if (own != NULL)
    g_settings_bind (own, "reminders-enabled", sw, "active", G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (row, FALSE);
  return row;
}
