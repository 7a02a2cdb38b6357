"""Security events from Django's, django-axes' and our own models' signals (SECURITY LOG-03).

Signals, not service calls, because these events must be recorded whoever triggers them: the
login view, django-axes, the staff pages, the Django admin or a shell. They write only the
security log, never business data (STYLE: no business side effects in signals).
"""

from axes.signals import user_locked_out
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from lovende.audit.context_processors import NAV_LOG_REVIEWER
from lovende.audit.models import SecurityEvent
from lovende.audit.permissions import is_log_reviewer
from lovende.audit.services import record_security_event
from lovende.organisation.models import Role, User

Event = SecurityEvent.EventType
ROLE_FIELDS = ("unit_id", "kind", "management_level", "citizen_access")
# User fields that grant or take away access; a change to any of them is a permission change.
ACCESS_FIELDS = ("is_active", "is_staff", "is_superuser")
USERNAME_LIMIT = 150


def _user_named(username: str) -> User | None:
    return User.objects.filter(username=username).first() if username else None


@receiver(user_logged_in, dispatch_uid="lovende_security_login")
def _logged_in(sender: type, request: HttpRequest, user: User, **kwargs: object) -> None:
    record_security_event(
        event_type=Event.LOGIN_SUCCEEDED, by=user, modified_user=user, request=request
    )


@receiver(user_logged_in, dispatch_uid="lovende_nav_log_reviewer")
def _remember_log_reviewer(
    sender: type, request: HttpRequest, user: User, **kwargs: object
) -> None:
    # The menu's hint only (audit.context_processors); not a security event.
    if getattr(request, "session", None) is not None:
        request.session[NAV_LOG_REVIEWER] = is_log_reviewer(user)


@receiver(user_login_failed, dispatch_uid="lovende_security_login_failed")
def _login_failed(
    sender: str, credentials: dict, request: HttpRequest | None = None, **kwargs: object
) -> None:
    # Django has already masked the password in ``credentials``; only the username is kept.
    username = str(credentials.get("username", ""))[:USERNAME_LIMIT]
    record_security_event(
        event_type=Event.LOGIN_FAILED,
        modified_user=_user_named(username),
        request=request,
        extra_data={"username": username},
    )


@receiver(user_locked_out, dispatch_uid="lovende_security_locked_out")
def _locked_out(
    sender: str, request: HttpRequest, username: str, ip_address: str, **kwargs: object
) -> None:
    username = str(username or "")[:USERNAME_LIMIT]
    record_security_event(
        event_type=Event.LOCKED_OUT,
        modified_user=_user_named(username),
        request=request,
        extra_data={"username": username},
    )


@receiver(user_logged_out, dispatch_uid="lovende_security_logout")
def _logged_out(sender: type, request: HttpRequest, user: User | None, **kwargs: object) -> None:
    if user is not None:
        record_security_event(event_type=Event.LOGOUT, by=user, modified_user=user, request=request)


def _role_values(role: Role) -> dict:
    return {name: getattr(role, name) for name in ROLE_FIELDS}


@receiver(pre_save, sender=Role, dispatch_uid="lovende_security_role_before")
def _role_before(sender: type, instance: Role, **kwargs: object) -> None:
    old = Role.objects.filter(pk=instance.pk).values(*ROLE_FIELDS).first() if instance.pk else None
    instance._security_old = old


@receiver(post_save, sender=Role, dispatch_uid="lovende_security_role_saved")
def _role_saved(sender: type, instance: Role, created: bool, **kwargs: object) -> None:
    new = _role_values(instance)
    old = getattr(instance, "_security_old", None)
    if created or old is None:
        event, data = Event.ROLE_CREATED, {"role_id": instance.pk, "new": new}
    elif old != new:
        event, data = Event.ROLE_CHANGED, {"role_id": instance.pk, "old": old, "new": new}
    else:
        return
    record_security_event(event_type=event, modified_user=instance.user, extra_data=data)


@receiver(post_delete, sender=Role, dispatch_uid="lovende_security_role_deleted")
def _role_deleted(sender: type, instance: Role, **kwargs: object) -> None:
    record_security_event(
        event_type=Event.ROLE_DELETED,
        modified_user=User.objects.filter(pk=instance.user_id).first(),
        extra_data={"role_id": instance.pk, "old": _role_values(instance)},
    )


@receiver(pre_save, sender=User, dispatch_uid="lovende_security_user_before")
def _user_before(
    sender: type, instance: User, update_fields: frozenset | None = None, **kwargs: object
) -> None:
    watched = ACCESS_FIELDS if update_fields is None else set(ACCESS_FIELDS) & set(update_fields)
    if instance.pk is None or not watched:
        instance._security_old = None
        return
    instance._security_old = User.objects.filter(pk=instance.pk).values(*ACCESS_FIELDS).first()


@receiver(post_save, sender=User, dispatch_uid="lovende_security_user_saved")
def _user_saved(sender: type, instance: User, created: bool, **kwargs: object) -> None:
    old = getattr(instance, "_security_old", None)
    if created or not old:
        return
    new = {name: getattr(instance, name) for name in ACCESS_FIELDS}
    if old["is_active"] != new["is_active"]:
        record_security_event(
            event_type=Event.USER_ACTIVE_CHANGED,
            modified_user=instance,
            extra_data={
                "old": {"is_active": old["is_active"]},
                "new": {"is_active": new["is_active"]},
            },
        )
    changed = [name for name in ("is_staff", "is_superuser") if old[name] != new[name]]
    if changed:
        record_security_event(
            event_type=Event.PERMISSIONS_CHANGED,
            modified_user=instance,
            extra_data={
                "old": {name: old[name] for name in changed},
                "new": {name: new[name] for name in changed},
            },
        )


def _permission_names(model: type, pks: set | None) -> list[str]:
    if not pks:
        return []
    names = model.objects.filter(pk__in=pks)
    if model is Group:
        return sorted(names.values_list("name", flat=True))
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in names)


M2M_ACTIONS = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="lovende_sec_perms")
@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="lovende_sec_groups")
def _user_permissions_changed(
    sender: type, instance: object, action: str, reverse: bool, model: type, pk_set: set | None,
    **kwargs: object,
) -> None:  # fmt: skip
    if action not in M2M_ACTIONS:
        return
    # A permission or group given to users (reverse) names them in pk_set; else the user is
    # ``instance`` and pk_set holds the permissions or groups.
    users = list(User.objects.filter(pk__in=pk_set or ())) if reverse else [instance]
    what = [str(instance)] if reverse else _permission_names(model, pk_set)
    kind = "groups" if sender is User.groups.through else "permissions"
    for user in users:
        record_security_event(
            event_type=Event.PERMISSIONS_CHANGED,
            modified_user=user,
            extra_data={M2M_ACTIONS[action]: {kind: what}},
        )
