from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from lovende.organisation.models import Organisation, ProfessionalGroup, Role, Unit, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality_code"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    # Units are created and moved in Lovende's own pages, which keep the tree's paths right.
    list_display = ["name", "kind", "organisation", "path"]
    readonly_fields = ["organisation", "parent", "path"]

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
