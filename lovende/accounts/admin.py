from django.contrib import admin

from lovende.accounts.models import OidcIdentity


@admin.register(OidcIdentity)
class OidcIdentityAdmin(admin.ModelAdmin):
    """Who each IdP login is. An administrator may move an identity to an existing staff
    account (the first IdP login creates a new account without roles)."""

    list_display = ["user", "issuer", "subject", "created_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "subject"]
    raw_id_fields = ["user"]
    readonly_fields = ["issuer", "subject", "created_at"]

    def has_add_permission(self, request: object) -> bool:
        return False  # identities come from logins only
