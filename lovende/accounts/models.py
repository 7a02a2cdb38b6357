"""Who a login through the municipality's identity provider is (SECURITY AUTH-01)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OidcIdentity(models.Model):
    """One user at one identity provider: the pair (issuer, sub), never an e-mail address, so one
    provider cannot sign in as a user another provider vouched for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oidc_identities",
        verbose_name=_("medarbejder"),
    )
    issuer = models.CharField(_("udsteder"), max_length=255)
    subject = models.CharField(_("emne (sub)"), max_length=255)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("login-identitet")
        verbose_name_plural = _("login-identiteter")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="oidc_identity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"
