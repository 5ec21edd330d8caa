"""``[savings]`` in ``govpress.toml``: the savings model's assumptions (docs/savings.md), each optional.

```toml
[savings]
target = 0.82            # target digital take-up, 0 to 1
threshold = 10000        # volume threshold, transactions a year
assumed_takeup = 0.461   # take-up when a service gives no digital volume
phone_share = 0.8        # share of offline transactions by phone (the rest face to face)
[savings.ratios]         # relative cost per transaction of each channel (Socitm 2012)
digital = 0.02
phone = 0.33
face_to_face = 1
```
Numbers are read exactly (a TOML float through its shortest text, so 0.82 is 82/100); a boolean or a string is an
error naming the key.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from govpress.services.savings import Assumptions

DEFAULTS = Assumptions()


def _exact_number(value: object) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"expected a number, found the boolean {str(value).lower()}")
    if isinstance(value, str):
        raise ValueError(f"expected a number, found the string {value[:40]!r}")
    if not isinstance(value, int | float | Decimal):
        raise ValueError("expected a number, found a table, an array or a date")
    number = Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"expected a finite number, found {value!r}")
    return number


Number = Annotated[Decimal, BeforeValidator(_exact_number)]


class RatioSettings(BaseModel):
    """``[savings.ratios]``: relative costs per transaction of the channels (face to face = 1 in the report)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    digital: Number = Field(default=DEFAULTS.ratio_digital, gt=0, le=1000)
    phone: Number = Field(default=DEFAULTS.ratio_phone, gt=0, le=1000)
    face_to_face: Number = Field(default=DEFAULTS.ratio_face_to_face, gt=0, le=1000)


class SavingsSettings(BaseModel):
    """``[savings]``: the model's settings; the command's options override them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    target: Number = Field(default=DEFAULTS.target, ge=0, le=1)
    threshold: Number = Field(default=DEFAULTS.threshold, ge=0)
    assumed_takeup: Number = Field(default=DEFAULTS.assumed_takeup, ge=0, le=1)
    phone_share: Number = Field(default=DEFAULTS.phone_share, ge=0, le=1)
    ratios: RatioSettings = Field(default_factory=RatioSettings)

    def assumptions(self) -> Assumptions:
        return Assumptions(
            target=self.target,
            threshold=self.threshold,
            assumed_takeup=self.assumed_takeup,
            phone_share=self.phone_share,
            ratio_digital=self.ratios.digital,
            ratio_phone=self.ratios.phone,
            ratio_face_to_face=self.ratios.face_to_face,
        )


# The keys of each savings table, by its place in govpress.toml (for "unknown key" messages).
SAVINGS_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("savings",): tuple(SavingsSettings.model_fields),
    ("savings", "ratios"): tuple(RatioSettings.model_fields),
}
