"""Back and forward bookkeeping shared by the full-screen reader and line mode."""

from __future__ import annotations

from reader.core.visits import Visits


def test_a_new_visit_after_going_back_drops_the_pages_forward_of_it() -> None:
    visits: Visits[str] = Visits()
    for page in ("a", "b", "c"):
        visits.add(page)
    assert visits.step(-1) == "b"
    assert visits.step(-1) == "a"
    assert visits.step(-1) is None and visits.current == "a"
    visits.add("d")
    assert visits.items == ["a", "d"]
    assert visits.step(1) is None and visits.current == "d"
    assert visits.step(-1) == "a" and visits.step(1) == "d"


def test_a_cancelled_visit_is_forgotten_but_never_the_first() -> None:
    visits: Visits[str] = Visits()
    visits.add("first")
    visits.drop_current()
    assert visits.current == "first"
    visits.add("cancelled")
    visits.drop_current()
    assert visits.items == ["first"] and visits.current == "first"
    assert not visits.can_go_back and visits.step(1) is None
