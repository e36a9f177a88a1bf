/* myna-certificates-page.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the certificates say without any PIN, in plain words: valid or not, until when (with
 * the Japanese era), how long is left, when and where to renew. The signing certificate holds
 * personal data and needs the signing password, so it is read only on request, through the
 * PIN dialog, and kept only in the widgets until the user hides it or the card changes.
 */

#define G_LOG_DOMAIN "myna-certificates-page"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "myna-certificates-page.h"
#include "myna-format.h"
#include "myna-pin-dialog.h"

#include "myna-reminder-banner.h"

struct _MynaCertificatesPage
{
  MynaPage             parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *empty_status;
  GtkWidget           *content_page;
  GtkImage            *summary_icon;
  GtkLabel            *summary_label;
  GtkLabel            *summary_detail;
  AdwActionRow        *expiry_row;
  AdwActionRow        *days_row;
  AdwActionRow        *renewal_row;
  AdwActionRow        *chain_row;
  AdwActionRow        *sign_tries_row;
  GtkButton           *sign_button;
  GtkButton           *hide_button;
  AdwPreferencesGroup *sign_data_group;
  AdwActionRow        *auth_ca_row;
  AdwActionRow        *sign_ca_row;
  AdwPreferencesGroup *reminder_group;

  GPtrArray           *sign_rows;
  guint                focus_source;
  gboolean             just_read;     /* the dialog that closed showed the certificate */
  MynaCardStatus      *shown_status;   /* not a reference: only compared */
};

G_DEFINE_FINAL_TYPE (MynaCertificatesPage, myna_certificates_page, MYNA_TYPE_PAGE)

enum {
  SIGN_CERTIFICATE_READ,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
days_left (GDateTime *not_after,
           GDateTime *now)
{
  g_autoptr(GDateTime) end = g_date_time_to_local (not_after);
  g_autoptr(GDateTime) today = g_date_time_to_local (now);
  g_autoptr(GDate) end_day = g_date_new_dmy (g_date_time_get_day_of_month (end),
                                             g_date_time_get_month (end),
                                             g_date_time_get_year (end));
  g_autoptr(GDate) this_day = g_date_new_dmy (g_date_time_get_day_of_month (today),
                                              g_date_time_get_month (today),
                                              g_date_time_get_year (today));

  /* Calendar days, as people count them: "expires today" means the last day is today. */
  if (g_date_time_compare (now, not_after) > 0)
    return -1;

  return g_date_days_between (this_day, end_day);
}

static char *
format_days_left (gint64     days,
                  GDateTime *not_after)
{
  g_autofree char *date = myna_format_date (not_after);

  if (days < 0)
    /* Translators: %s is a date. */
    return g_strdup_printf (_("Expired on %s"), date);
  if (days == 0)
    return g_strdup (_("It expires today"));
  if (days == 1)
    /* A separate message: in Japanese "1日" would be read as "the 1st of the month". */
    return g_strdup (_("It expires tomorrow"));

  return g_strdup_printf (ngettext ("%d day left", "%d days left", (gulong) days), (int) days);
}

static const char *
chain_text (const MynaCertInfo *info)
{
  switch (info->chain)
    {
    case MYNA_CHAIN_VALID:
      if (info->trust == MYNA_TRUST_CARD)
        return _("Checked only against the issuer certificate stored on the card itself, which is a weaker check than against J-LIS's certificate.");
      return _("Issued by J-LIS: checked against the J-LIS certificate that comes with this app.");
    case MYNA_CHAIN_EXPIRED:
      return _("Issued by J-LIS, but the certificate has expired.");
    case MYNA_CHAIN_NOT_YET_VALID:
      return _("Issued by J-LIS, but not valid yet. Check the computer's date and time.");
    case MYNA_CHAIN_UNKNOWN_CA:
      return _("No known J-LIS issuer matches. It may come from a newer issuer than this app knows, or it is not genuine.");
    case MYNA_CHAIN_BAD_SIGNATURE:
      return _("The signature does not match J-LIS's certificate. Do not rely on this certificate.");
    default:
      g_assert_not_reached ();
    }
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL ? text : "");
}

static void
clear_sign_details (MynaCertificatesPage *self)
{
  for (guint i = 0; i < self->sign_rows->len; i++)
    adw_preferences_group_remove (self->sign_data_group, g_ptr_array_index (self->sign_rows, i));
  g_ptr_array_set_size (self->sign_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_data_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->hide_button), FALSE);
}

static void
add_sign_row (MynaCertificatesPage *self,
              const char           *title,
              const char           *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : _("Not recorded"));
  adw_preferences_group_add (self->sign_data_group, row);
  g_ptr_array_add (self->sign_rows, row);
}

static const char *
sex_text (const char *sex)
{
  if (g_strcmp0 (sex, "1") == 0)
    return _("Male");
  if (g_strcmp0 (sex, "2") == 0)
    return _("Female");
  if (g_strcmp0 (sex, "9") == 0)
    return _("Not applicable");
  return NULL;
}

static void
certificate_read_cb (MynaPinDialog        *dialog,
                     MynaCertificate      *certificate,
                     MynaCertificatesPage *self)
{
  g_autoptr(MynaJpkiPersonalData) data = myna_certificate_get_personal_data (certificate);
  g_autofree char *birth = NULL;
  g_autofree char *expiry = NULL;
  GDateTime *not_after = myna_certificate_get_not_after (certificate);

  clear_sign_details (self);

  if (data != NULL && data->birth_date != NULL)
    {
      int y, m, d;

      if (sscanf (data->birth_date, "%d-%d-%d", &y, &m, &d) == 3)
        {
          g_autoptr(GDateTime) date = g_date_time_new_local (y, m, d, 12, 0, 0);

          if (date != NULL)
            birth = myna_format_date_with_era (date);
        }
    }
  if (not_after != NULL)
    expiry = myna_format_date_with_era (not_after);

  add_sign_row (self, _("Name"), data != NULL ? data->name : NULL);
  add_sign_row (self, _("Address"), data != NULL ? data->address : NULL);
  add_sign_row (self, _("Date of birth"), birth);
  add_sign_row (self, _("Sex"), data != NULL ? sex_text (data->sex) : NULL);
  add_sign_row (self, _("Expiry date"), expiry);

  gtk_widget_set_visible (GTK_WIDGET (self->sign_data_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->hide_button), TRUE);
  g_signal_emit (self, signals[SIGN_CERTIFICATE_READ], 0, certificate);
  myna_page_name_rows (GTK_WIDGET (self->sign_data_group));
  /* The focus goes to the details once the dialog is gone (dialog_destroy_cb()). */
  self->just_read = TRUE;
}

static gboolean
focus_after_dialog_cb (gpointer data)
{
  MynaCertificatesPage *self = data;

  self->focus_source = 0;
  /* Now that the new rows have their place, so that the page scrolls to them. */
  if (self->just_read && self->sign_rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->sign_rows, 0));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->sign_button));
  self->just_read = FALSE;
  myna_show_focus (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
dialog_destroy_cb (MynaCertificatesPage *self)
{
  g_clear_handle_id (&self->focus_source, g_source_remove);
  self->focus_source = g_idle_add_full (G_PRIORITY_LOW, focus_after_dialog_cb, self, NULL);
}

static void
sign_clicked_cb (GtkButton            *button,
                 MynaCertificatesPage *self)
{
  MynaSession *session = myna_page_get_session (MYNA_PAGE (self));
  MynaPinTries tries;
  MynaPinDialog *dialog;

  if (myna_session_get_tries (session, MYNA_PIN_SIGN, &tries) && tries.blocked)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.goto-reset", "(ss)", "sign", "locked");
      return;
    }

  self->just_read = FALSE;
  dialog = myna_pin_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), session,
                                MYNA_PIN_SIGN, MYNA_PIN_DIALOG_READ_SIGN_CERT);
  g_signal_connect_object (dialog, "certificate-read", G_CALLBACK (certificate_read_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hide_clicked_cb (GtkButton            *button,
                 MynaCertificatesPage *self)
{
  clear_sign_details (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->sign_button));
}

/* The headline and its date line are text, not controls, so Tab never reaches them: they
 * become the step's description for screen readers, and the inner page's too. */
static void
set_page_summary (MynaCertificatesPage *self)
{
  g_autofree char *summary = NULL;

  /* Translators: what a screen reader says about the certificates: the headline, then the
   * sentence below it. */
  summary = g_strdup_printf (_("%s. %s"), gtk_label_get_label (self->summary_label),
                             gtk_label_get_label (self->summary_detail));
  myna_page_set_summary (MYNA_PAGE (self), summary);
  /* Orca says the names, not the descriptions, of what the focus enters. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (self->stack, self->content_page)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
}

static void
update_summary (MynaCertificatesPage *self,
                const MynaCertInfo   *auth,
                gint64                days,
                gboolean              renewable)
{
  g_autofree char *date = NULL;
  g_autofree char *detail = NULL;
  const char *icon = "emblem-ok-symbolic";
  const char *title;

  if (!auth->present || auth->not_after == NULL)
    {
      gtk_image_set_from_icon_name (self->summary_icon, "dialog-information-symbolic");
      gtk_label_set_label (self->summary_label, _("This Card Holds No User Authentication Certificate"));
      gtk_label_set_label (self->summary_detail, _("Cards issued to children under 15 and face-recognition-only cards have no electronic certificates. Without one there is no log-in to Mynaportal with the card and no certificates at convenience stores. A certificate can be issued at the municipal office."));
      set_page_summary (self);
      return;
    }

  date = myna_format_date_with_era (auth->not_after);

  if (auth->chain == MYNA_CHAIN_EXPIRED || days < 0)
    {
      icon = "dialog-warning-symbolic";
      title = _("The User Authentication Certificate Has Expired");
      /* Translators: %s is a date. */
      detail = g_strdup_printf (_("It expired on %s. Resetting a PIN will not make it usable again; apply for a new certificate at the municipal office of your registered address. As a health insurance card, the card still works until the end of the third month after the expiry month."), date);
    }
  else if (auth->chain != MYNA_CHAIN_VALID)
    {
      icon = "dialog-warning-symbolic";
      title = _("The User Authentication Certificate Could Not Be Confirmed");
      detail = g_strdup (chain_text (auth));
    }
  else if (renewable)
    {
      icon = "dialog-information-symbolic";
      title = _("The User Authentication Certificate Expires Soon");
      /* Translators: %s is a date. */
      detail = g_strdup_printf (_("It is valid until %s. You can renew it now at the municipal office of your registered address."), date);
    }
  else
    {
      title = _("The User Authentication Certificate Is Within Its Validity Period");
      /* Translators: %s is a date. */
      detail = g_strdup_printf (_("It is valid until %s."), date);
    }

  gtk_image_set_from_icon_name (self->summary_icon, icon);
  gtk_label_set_label (self->summary_label, title);
  gtk_label_set_label (self->summary_detail, detail);
  set_page_summary (self);
}

static void
update_ca_row (AdwActionRow       *row,
               const MynaCertInfo *info)
{
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (!info->present || info->not_after == NULL)
    {
      set_subtitle (row, _("Not on the card"));
      return;
    }

  date = myna_format_date_with_era (info->not_after);
  /* Translators: %s is a date. */
  text = g_strdup_printf (_("Valid until %s"), date);
  set_subtitle (row, text);
}

static void
myna_certificates_page_update (MynaPage *page)
{
  MynaCertificatesPage *self = MYNA_CERTIFICATES_PAGE (page);
  MynaSession *session = myna_page_get_session (page);
  MynaCardStatus *status = myna_session_get_status (session);
  const MynaCertInfo *auth;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  MynaPinTries tries;
  gboolean renewable = FALSE;
  gint64 days = 0;

  /* Personal data must not outlive the card it came from. */
  if (status != self->shown_status)
    clear_sign_details (self);
  self->shown_status = status;

  if (myna_session_get_state (session) != MYNA_SESSION_READY || status == NULL)
    {
      g_autofree char *summary = NULL;

      gtk_stack_set_visible_child_name (self->stack, "empty");
      myna_page_set_waiting (self->empty_status, self->stack, session,
                             _("Place your My Number Card on the reader. Its electronic certificates are shown here once it has been read."),
                             _("Its electronic certificates are shown here as soon as the card has been read."));
      summary = g_strdup_printf (_("%s. %s"), adw_status_page_get_title (self->empty_status),
                                 adw_status_page_get_description (self->empty_status));
      myna_page_set_summary (page, summary);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "content");

  auth = &status->certs[MYNA_CERT_AUTH];
  if (auth->present && auth->not_after != NULL)
    {
      g_autoptr(GDateTime) renew_from = g_date_time_add_months (auth->not_after, -3);
      g_autofree char *expiry = myna_format_date_with_era (auth->not_after);
      g_autofree char *left = NULL;
      g_autofree char *renewal = NULL;
      g_autofree char *renew_date = myna_format_date (renew_from);

      days = days_left (auth->not_after, now);
      left = format_days_left (days, auth->not_after);
      renewable = days >= 0 && g_date_time_compare (now, renew_from) >= 0;

      if (days < 0)
        renewal = g_strdup (_("Apply for a new certificate at the municipal office of your registered address. There is no online renewal."));
      else if (renewable)
        renewal = g_strdup (_("Possible now, at the municipal office of your registered address. Have your PINs ready. There is no online renewal."));
      else
        /* Translators: %s is a date. */
        renewal = g_strdup_printf (_("From %s (3 months before the expiry date), at the municipal office of your registered address. There is no online renewal."), renew_date);

      set_subtitle (self->expiry_row, expiry);
      set_subtitle (self->days_row, left);
      set_subtitle (self->renewal_row, renewal);
      set_subtitle (self->chain_row, chain_text (auth));
    }
  else
    {
      set_subtitle (self->expiry_row, _("No certificate"));
      set_subtitle (self->days_row, "—");
      set_subtitle (self->renewal_row, _("A certificate can be issued at the municipal office of your registered address."));
      set_subtitle (self->chain_row, "—");
    }

  update_summary (self, auth, days, renewable);

  if (myna_session_get_tries (session, MYNA_PIN_SIGN, &tries) && tries.known)
    {
      g_autofree char *text = myna_format_tries (tries.remaining, tries.max, tries.blocked);

      set_subtitle (self->sign_tries_row, text);
      gtk_button_set_label (self->sign_button,
                            tries.blocked ? _("_How to Reset the Signing Password")
                                          : _("_Show the Signing Certificate…"));
    }
  else
    set_subtitle (self->sign_tries_row, _("Unknown"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_button),
                            status->certs[MYNA_CERT_SIGN_CA].present || status->certs[MYNA_CERT_AUTH].present);

  update_ca_row (self->auth_ca_row, &status->certs[MYNA_CERT_AUTH_CA]);
  update_ca_row (self->sign_ca_row, &status->certs[MYNA_CERT_SIGN_CA]);
}

static void
myna_certificates_page_dispose (GObject *object)
{
  MynaCertificatesPage *self = MYNA_CERTIFICATES_PAGE (object);

  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_clear_pointer (&self->sign_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (myna_certificates_page_parent_class)->dispose (object);
}

static void
myna_certificates_page_class_init (MynaCertificatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MynaPageClass *page_class = MYNA_PAGE_CLASS (klass);

  object_class->dispose = myna_certificates_page_dispose;
  page_class->update = myna_certificates_page_update;

  /**
   * MynaCertificatesPage::sign-certificate-read:
   *
   * The user had the signing certificate read (its expiry date is worth a reminder).
   */
  signals[SIGN_CERTIFICATE_READ] =
    g_signal_new ("sign-certificate-read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MYNA_TYPE_CERTIFICATE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-certificates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, content_page);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, summary_detail);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, days_row);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, renewal_row);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, chain_row);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, sign_tries_row);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, sign_button);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, hide_button);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, sign_data_group);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, auth_ca_row);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, sign_ca_row);
  gtk_widget_class_bind_template_child (widget_class, MynaCertificatesPage, reminder_group);
}

static void
myna_certificates_page_init (MynaCertificatesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sign_rows = g_ptr_array_new ();
  myna_page_set_title (MYNA_PAGE (self), _("Certificates"));
  myna_page_set_icon_name (MYNA_PAGE (self), "application-certificate-symbolic");
  /* Unnamed, GTK 4.8 gives a stack page its type name, which Orca read out. The content
   * page is named after the certificate's state (set_page_summary()). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_page (self->stack, GTK_WIDGET (self->empty_status))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, adw_status_page_get_title (self->empty_status),
                                  -1);

  adw_preferences_group_add (self->reminder_group, myna_reminder_consent_row_new (NULL));

  g_signal_connect (self->sign_button, "clicked", G_CALLBACK (sign_clicked_cb), self);
  g_signal_connect (self->hide_button, "clicked", G_CALLBACK (hide_clicked_cb), self);
}

/**
 * myna_certificates_page_new:
 *
 * Returns: (transfer full): the Certificates step
 */
MynaCertificatesPage *
myna_certificates_page_new (MynaSession *session)
{
  return g_object_new (MYNA_TYPE_CERTIFICATES_PAGE, "session", session, NULL);
}
