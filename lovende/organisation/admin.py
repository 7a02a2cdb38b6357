from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy, ngettext

from lovende.accounts import services as account_services
from lovende.organisation.models import Organisation, ProfessionalGroup, Role, Unit, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality_code"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    # Units are created and moved in Lovende's own pages, which keep the tree's paths right.
    list_display = ["name", "kind", "organisation", "path", "uuid"]
    readonly_fields = ["organisation", "parent", "path", "uuid"]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(ProfessionalGroup)
class ProfessionalGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Lovende", {"fields": ("organisation", "job_title", "professional_group")}),
    )
    inlines = [RoleInline]
    actions = ["end_sessions"]

    # accounts (SECURITY SESS-01): sign the selected people out everywhere, e.g. a lost laptop.
    @admin.action(description=gettext_lazy("Afslut alle sessioner"))
    def end_sessions(self, request, queryset) -> None:
        ended = account_services.end_sessions(set(queryset.values_list("pk", flat=True)))
        text = ngettext("%(count)s session afsluttet.", "%(count)s sessioner afsluttet.", ended)
        self.message_user(request, text % {"count": ended}, messages.SUCCESS)
