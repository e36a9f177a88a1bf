/* myna-welcome-page.c
 *
 * Copyright 2026 The Mynassist authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "myna-welcome-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myna-welcome-page.h"

struct _MynaWelcomePage
{
  MynaPage   parent_instance;

  GtkButton *start_button;
  GtkButton *demo_button;
  GtkLabel  *demo_note;
};

G_DEFINE_FINAL_TYPE (MynaWelcomePage, myna_welcome_page, MYNA_TYPE_PAGE)

static void
myna_welcome_page_update (MynaPage *page)
{
  MynaWelcomePage *self = MYNA_WELCOME_PAGE (page);
  gboolean demo = myna_session_get_demo (myna_page_get_session (page));

  /* Once in the demo, offering it again would only confuse. */
  gtk_widget_set_visible (GTK_WIDGET (self->demo_button), !demo);
  gtk_label_set_label (self->demo_note,
                       demo ? _("You are using the demo card. It shows every step without a card reader; nothing it shows is real.")
                            : _("The demo card is built into this app. It shows every step without a card reader; nothing it shows is real."));
}

static void
myna_welcome_page_dispose (GObject *object)
{

  G_OBJECT_CLASS (myna_welcome_page_parent_class)->dispose (object);
}

static void
myna_welcome_page_class_init (MynaWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MynaPageClass *page_class = MYNA_PAGE_CLASS (klass);

  object_class->dispose = myna_welcome_page_dispose;
  page_class->update = myna_welcome_page_update;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/myna-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MynaWelcomePage, start_button);
  gtk_widget_class_bind_template_child (widget_class, MynaWelcomePage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, MynaWelcomePage, demo_note);
}

static void
myna_welcome_page_init (MynaWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  myna_page_set_title (MYNA_PAGE (self), _("Welcome"));
  myna_page_set_icon_name (MYNA_PAGE (self), "go-home-symbolic");
}

/**
 * myna_welcome_page_new:
 *
 * Returns: (transfer full): the Welcome step
 */
MynaWelcomePage *
myna_welcome_page_new (MynaSession *session)
{
  return g_object_new (MYNA_TYPE_WELCOME_PAGE, "session", session, NULL);
}
