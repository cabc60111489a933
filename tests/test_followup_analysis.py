"""The follow-up's arithmetic against hand-computed examples."""

from decimal import Decimal as D

from samverkan.followup import analysis


def test_regional_sum_and_weighted_mean():
    values = {"2480": D(10), "2403": D(20)}
    assert analysis.regional_value(values, rule="sum", weights={}) == D(30)
    weights = {"2480": D(900), "2403": D(100)}
    # (10 × 900 + 20 × 100) / 1000 = 11
    assert analysis.regional_value(values, rule="weighted_mean", weights=weights) == D(11)


def test_no_regional_value_when_a_member_is_missing():
    assert analysis.regional_value({"2480": D(1), "2403": None}, rule="sum", weights={}) is None
    assert (
        analysis.regional_value({"2480": D(1)}, rule="weighted_mean", weights={"2403": D(5)})
        is None
    )


def test_traffic_light_rule():
    rising = [(2019, D(50)), (2023, D(58))]  # +2 a year
    assert (
        analysis.traffic_light(series=rising, target=D(70), target_year=2030, higher_is_better=True)
        == analysis.ON_TRACK
    )  # 58 + 14 = 72
    assert (
        analysis.traffic_light(series=rising, target=D(80), target_year=2030, higher_is_better=True)
        == analysis.AT_RISK
    )
    assert (
        analysis.traffic_light(
            series=rising, target=D(40), target_year=2030, higher_is_better=False
        )
        == analysis.OFF_TRACK
    )
    assert (
        analysis.traffic_light(
            series=[(2023, D(1))], target=D(2), target_year=2030, higher_is_better=True
        )
        == analysis.UNKNOWN
    )


def test_vision_tracker_against_a_hand_computed_example():
    # 150 000 in 2014 and 160 000 in 2024: 1 000 a year. To reach 250 000 by 2050 from
    # 160 000 in 2024: 90 000 over 26 years = 3 462 a year; compound (250/160)^(1/26) - 1
    # = 1.73 % a year; the trend reaches 160 000 + 26 × 1 000 = 186 000.
    track = analysis.vision_track(
        [(2014, 150_000), (2020, 155_000), (2024, 160_000)], target=250_000, target_year=2050
    )
    assert track.needed_per_year == D(3462)
    assert track.needed_rate == D("1.73")
    assert track.trend_per_year == D(1000)
    assert track.trend_by_target_year == 186_000
