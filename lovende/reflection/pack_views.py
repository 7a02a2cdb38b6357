"""Pages for data packs: generate one for a meeting, read it, and export it as Excel or PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext
from lovende.reflection import packs, permissions
from lovende.web import xlsx_sheets_response


def _filename(view: packs.PackView, suffix: str) -> str:
    pack = view.pack
    return f"datapakke-{slugify(pack.meeting.forum.name)}-{pack.created_at:%Y%m%d-%H%M}.{suffix}"


@require_POST
@login_required
def generate_data_pack(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, write=True)
    try:
        pack = packs.generate_data_pack(
            by=request.user, meeting=meeting, context=AccessContext.of(request)
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(reverse("reflection:meeting_detail", args=[meeting.pk]) + "#datapakke")
    messages.success(request, _("Datapakken er dannet og frosset."))
    return redirect("reflection:data_pack", pack.pk)


@login_required
def data_pack(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = packs.get_pack_for_user(request.user, pack_id)
    view = packs.read_pack(
        request.user, pack, context=AccessContext.of(request), action=AccessLog.Action.VIEW
    )
    others = pack.meeting.data_packs.exclude(pk=pack.pk)
    context = {"view": view, "pack": pack, "content": pack.content, "others": others}
    return render(request, "reflection/data_pack.html", context)


@login_required
def export_data_pack_excel(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = packs.get_pack_for_user(request.user, pack_id)
    view = packs.read_pack(
        request.user, pack, context=AccessContext.of(request), action=AccessLog.Action.EXPORT
    )
    return xlsx_sheets_response(_filename(view, "xlsx"), view.sheets())


@login_required
def export_data_pack_pdf(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = packs.get_pack_for_user(request.user, pack_id)
    view = packs.read_pack(
        request.user, pack, context=AccessContext.of(request), action=AccessLog.Action.EXPORT
    )
    response = HttpResponse(packs.render_pdf(view), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(view, "pdf")}"'
    response["Cache-Control"] = "no-store"
    return response
