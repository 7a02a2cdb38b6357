from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "lovende.imports"
    verbose_name = "Import"

    def ready(self) -> None:
        # openpyxl guards against billion laughs and quadratic blowup only when defusedxml is
        # installed; without it an import must not start at all (SECURITY FILE-01).
        import defusedxml  # noqa: F401
        from openpyxl.xml import DEFUSEDXML

        if not DEFUSEDXML:
            raise RuntimeError("defusedxml is installed but openpyxl does not use it")
