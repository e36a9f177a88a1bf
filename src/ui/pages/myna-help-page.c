/* myna-help-page.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A short reference, reachable from every step (F1 and the main menu), so the user knows which
 * of the four secrets a service means before typing one (spec/domain.md §1.4).
 */

#define G_LOG_DOMAIN "myna-help-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-help-page.h"

struct _MynaHelpPage
{
  MynaPage             parent_instance;

  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (MynaHelpPage, myna_help_page, MYNA_TYPE_PAGE)

static void
add_entry (MynaHelpPage *self,
           const char   *service,
           const char   *pin)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), service);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pin);
  adw_preferences_group_add (self->group, row);
}

static void
myna_help_page_dispose (GObject *object)
{

  G_OBJECT_CLASS (myna_help_page_parent_class)->dispose (object);
}

static void
myna_help_page_class_init (MynaHelpPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myna_help_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-help-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaHelpPage, group);
}

static void
myna_help_page_init (MynaHelpPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  myna_page_set_title (MYNA_PAGE (self), _("Which PIN Where"));
  myna_page_set_icon_name (MYNA_PAGE (self), "help-about-symbolic");

  add_entry (self, _("Mynaportal log-in"),
             _("User authentication PIN (4 digits), with the card on the phone or a card reader."));
  add_entry (self, _("Mynaportal applications that need a signature"),
             _("Signing password (6 to 16 letters and digits)."));
  add_entry (self, _("e-Tax and tax returns"),
             _("User authentication PIN to log in; signing password to sign and send the return."));
  add_entry (self, _("Certificates at a convenience store, such as a copy of the resident record"),
             _("User authentication PIN (4 digits)."));
  add_entry (self, _("Hospitals and pharmacies (health insurance)"),
             _("Face recognition or the user authentication PIN. When the PIN is locked, face recognition or a check by the staff still works."));
  add_entry (self, _("Forms filled in from the card, such as a passport application"),
             _("Card information PIN (4 digits), and the signing password to sign."));
  add_entry (self, _("Identity checks of banks, payment apps and other private services"),
             _("Usually the signing password; some use the user authentication PIN and the card information PIN."));
  add_entry (self, _("Address change and other procedures at the municipal office"),
             _("Resident registry PIN (4 digits), and often the others to issue the certificates again."));
  add_entry (self, _("Setting up the smartphone certificate in the Mynaportal app"),
             _("The card's signing password."));
}

/**
 * myna_help_page_new:
 *
 * Returns: (transfer full): the "Which PIN where" reference
 */
MynaHelpPage *
myna_help_page_new (MynaSession *session)
{
  return g_object_new (MYNA_TYPE_HELP_PAGE, "session", session, NULL);
}
