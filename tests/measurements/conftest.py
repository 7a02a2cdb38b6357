import datetime


def ors_answers(*values: float) -> dict[str, float]:
    return dict(zip(["individuelt", "relationer", "socialt", "generelt"], values, strict=True))


DAY = datetime.timedelta(days=1)
